// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <cstdio>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"
#include "tokenizer/utf8.h"

namespace atrium::cli
{

namespace
{

Expected<std::string> readTextFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::FileNotFound, path + ": cannot open the text file");
    std::string text {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad())
        return fail(ErrorCode::IoError, path + ": cannot read the text file");
    return text;
}

/// A piece for people: control characters and bytes that are not valid UTF-8 written as escapes.
std::string escapePiece(const std::string &piece)
{
    std::string out;
    const std::string valid = utf8::toValid(piece);
    const bool wholeValid = valid == piece;
    for (const char c : piece) {
        const auto b = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (b < 0x20 || b == 0x7F || (b >= 0x80 && !wholeValid)) {
            char hex[8];
            std::snprintf(hex, sizeof(hex), "\\x%02X", b);
            out += hex;
        } else {
            out += c;
        }
    }
    return out;
}

std::string toHex(const std::string &bytes)
{
    std::string hex;
    for (const char c : bytes) {
        char digits[3];
        std::snprintf(digits, sizeof(digits), "%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
        hex += digits;
    }
    return hex;
}

} // namespace

int cmdTokenize(const std::vector<std::string> &argv, Io io)
{
    auto args = Args::parse(argv,
        {{"model", 'm', true},
            {"text", 0, true},
            {"file", 0, true},
            {"no-bos", 0, false},
            {"parse-special", 0, false},
            {"json", 0, false}});
    if (!args)
        return reportError(io, args.error().message);
    const auto path = args->value("model");
    if (!path)
        return reportError(io, "tokenize needs -m MODEL");
    const auto textArg = args->value("text");
    const auto fileArg = args->value("file");
    if (textArg.has_value() == fileArg.has_value())
        return reportError(io, "tokenize needs exactly one of --text TEXT or --file FILE");

    std::string text;
    if (textArg) {
        text = *textArg;
    } else {
        auto content = readTextFile(*fileArg);
        if (!content)
            return reportError(io, content.error().message);
        text = std::move(content).value();
    }

    auto file = GgufFile::open(*path);
    if (!file)
        return reportError(io, *path + ": " + file.error().message);
    auto tokenizer = Tokenizer::fromGguf(*file);
    if (!tokenizer)
        return reportError(io, *path + ": " + tokenizer.error().message);

    // --no-bos drops only the BOS the model would add; an EOS the model adds stays.
    const bool noBos = args->has("no-bos");
    auto ids = tokenizer->encode(text, !noBos, args->has("parse-special"));
    if (!ids)
        return reportError(io, *path + ": " + ids.error().message);
    if (noBos && tokenizer->addEos() && tokenizer->eos() >= 0)
        ids->push_back(tokenizer->eos());

    if (args->has("json")) {
        // Pieces are the bytes each token outputs, special tokens shown as their text. A piece that is not valid
        // UTF-8 on its own (one byte of a multi-byte character) has U+FFFD for each such byte in "pieces";
        // "pieces_hex" always has the exact bytes.
        nlohmann::json pieces = nlohmann::json::array();
        nlohmann::json piecesHex = nlohmann::json::array();
        for (const int32_t id : *ids) {
            const std::string piece = tokenizer->piece(id, true);
            pieces.push_back(utf8::toValid(piece));
            piecesHex.push_back(toHex(piece));
        }
        nlohmann::json j;
        j["ids"] = *ids;
        j["pieces"] = std::move(pieces);
        j["pieces_hex"] = std::move(piecesHex);
        io.out << j.dump() << '\n';
        return 0;
    }

    for (const int32_t id : *ids)
        io.out << id << " -> '" << escapePiece(tokenizer->piece(id, true)) << "'\n";
    io.out << ids->size() << " tokens\n";
    return 0;
}

} // namespace atrium::cli
