// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "gguf/random_vocab.h"

#include <array>

namespace atrium
{

namespace
{

// Token types of tokenizer.ggml.token_type.
constexpr int32_t kNormal = 1;
constexpr int32_t kUnknown = 2;
constexpr int32_t kControl = 3;
constexpr int32_t kByte = 6;

std::string utf8(uint32_t cp)
{
    std::string s;
    if (cp < 0x80) {
        s += static_cast<char>(cp);
    } else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return s;
}

// GPT-2's bytes_to_unicode(): printable bytes map to themselves, the others to U+0100 upwards, listed in the order of
// the table (printable ranges first), which is the order byte tokens have in GPT-2-style vocabularies.
std::array<std::pair<uint8_t, std::string>, 256> gpt2ByteTokens()
{
    std::array<std::pair<uint8_t, std::string>, 256> out {};
    std::array<bool, 256> printable {};
    size_t n = 0;
    for (uint32_t b = 0; b < 256; ++b) {
        printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        if (printable[b])
            out[n++] = {static_cast<uint8_t>(b), utf8(b)};
    }
    uint32_t extra = 0;
    for (uint32_t b = 0; b < 256; ++b) {
        if (!printable[b])
            out[n++] = {static_cast<uint8_t>(b), utf8(256 + extra++)};
    }
    return out;
}

std::string byteToken(uint8_t b)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("<0x") + kHex[b >> 4] + kHex[b & 15] + ">";
}

// Filler tokens: words grown one character at a time (breadth first), so every filler is an existing token plus one
// character. `space` is the word-start marker ("Ġ" for byte-level BPE, "▁" for SentencePiece).
struct Fillers {
    std::vector<std::string> tokens;
    std::vector<std::string> merges; // BPE: "left right" for each token of two or more characters
};

Fillers makeFillers(const std::string &space, size_t count, bool includeSingles)
{
    std::vector<std::string> letters;
    for (char c = 'a'; c <= 'z'; ++c)
        letters.emplace_back(1, c);
    for (char c = 'A'; c <= 'Z'; ++c)
        letters.emplace_back(1, c);
    for (char c = '0'; c <= '9'; ++c)
        letters.emplace_back(1, c);
    Fillers f;
    std::vector<std::string> frontier {space};
    frontier.insert(frontier.end(), letters.begin(), letters.end());
    if (includeSingles) {
        for (const std::string &s : frontier) {
            if (f.tokens.size() < count)
                f.tokens.push_back(s);
        }
    }
    while (f.tokens.size() < count) {
        std::vector<std::string> next;
        for (const std::string &left : frontier) {
            for (const std::string &right : letters) {
                if (f.tokens.size() >= count)
                    break;
                f.tokens.push_back(left + right);
                f.merges.push_back(left + " " + right);
                next.push_back(f.tokens.back());
            }
        }
        frontier = std::move(next);
    }
    return f;
}

} // namespace

uint32_t randomVocabMinimum(const RandomVocabSpec &spec)
{
    return static_cast<uint32_t>(spec.specials.size()) + 256;
}

void addRandomVocab(GgufWriter &writer, const RandomVocabSpec &spec)
{
    const size_t nSpecial = spec.specials.size();
    const size_t fillerCount = spec.nVocab > randomVocabMinimum(spec) ? spec.nVocab - randomVocabMinimum(spec) : 0;
    std::vector<std::string> tokens;
    std::vector<int32_t> types;
    std::vector<float> scores;
    tokens.reserve(spec.nVocab);
    types.reserve(spec.nVocab);
    std::vector<uint32_t> specialIds(nSpecial);

    const auto addSpecials = [&] {
        for (size_t i = 0; i < nSpecial; ++i) {
            specialIds[i] = static_cast<uint32_t>(tokens.size());
            tokens.push_back(spec.specials[i]);
            types.push_back(static_cast<int>(i) == spec.unkIndex ? kUnknown : kControl);
            scores.push_back(0.0f);
        }
    };

    if (spec.bpe) {
        for (const auto &entry : gpt2ByteTokens()) {
            tokens.push_back(entry.second);
            types.push_back(kNormal);
        }
        Fillers fillers = makeFillers(utf8(0x120), fillerCount, false); // "Ġ" is byte 0x20 in bytes_to_unicode
        for (std::string &t : fillers.tokens) {
            tokens.push_back(std::move(t));
            types.push_back(kNormal);
        }
        addSpecials();
        writer.setString("tokenizer.ggml.model", "gpt2");
        writer.setString("tokenizer.ggml.pre", spec.pre);
        writer.setStringArray("tokenizer.ggml.tokens", std::move(tokens));
        writer.setInt32Array("tokenizer.ggml.token_type", std::move(types));
        writer.setStringArray("tokenizer.ggml.merges", std::move(fillers.merges));
    } else {
        addSpecials();
        for (uint32_t b = 0; b < 256; ++b) {
            tokens.push_back(byteToken(static_cast<uint8_t>(b)));
            types.push_back(kByte);
            scores.push_back(0.0f);
        }
        Fillers fillers = makeFillers(utf8(0x2581), fillerCount, true); // "▁"
        for (std::string &t : fillers.tokens) {
            tokens.push_back(std::move(t));
            types.push_back(kNormal);
            scores.push_back(-static_cast<float>(scores.size()));
        }
        writer.setString("tokenizer.ggml.model", "llama");
        writer.setString("tokenizer.ggml.pre", spec.pre);
        writer.setStringArray("tokenizer.ggml.tokens", std::move(tokens));
        writer.setFloat32Array("tokenizer.ggml.scores", std::move(scores));
        writer.setInt32Array("tokenizer.ggml.token_type", std::move(types));
    }
    const auto setId = [&](const char *key, int index) {
        if (index >= 0 && static_cast<size_t>(index) < nSpecial)
            writer.setUint32(key, specialIds[static_cast<size_t>(index)]);
    };
    setId("tokenizer.ggml.bos_token_id", spec.bosIndex);
    setId("tokenizer.ggml.eos_token_id", spec.eosIndex);
    setId("tokenizer.ggml.eot_token_id", spec.eotIndex);
    setId("tokenizer.ggml.unknown_token_id", spec.unkIndex);
    setId("tokenizer.ggml.padding_token_id", spec.padIndex);
    writer.setBool("tokenizer.ggml.add_bos_token", spec.addBos);
    writer.setBool("tokenizer.ggml.add_eos_token", false);
    if (!spec.bpe)
        writer.setBool("tokenizer.ggml.add_space_prefix", spec.addSpacePrefix);
    if (!spec.chatTemplate.empty())
        writer.setString("tokenizer.chat_template", spec.chatTemplate);
}

} // namespace atrium
