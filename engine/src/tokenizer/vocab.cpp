// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Loading a vocabulary the way llama.cpp's `llama_vocab::impl::load` does: per-model defaults, metadata overrides,
// then the text-based fix-ups (end-of-generation and FIM tokens forced to CONTROL, Phi-3's rstrip attributes), so
// that tokenization and detokenization give identical results.
#include "tokenizer/vocab.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <span>

#include "gguf/gguf_file.h"
#include "tokenizer/pre_type.h"
#include "tokenizer/utf8.h"

namespace atrium
{

namespace
{

// --- metadata helpers

std::optional<double> numberOf(const GgufValue &value)
{
    if (const auto *u = std::get_if<uint64_t>(&value.data))
        return static_cast<double>(*u);
    if (const auto *i = std::get_if<int64_t>(&value.data))
        return static_cast<double>(*i);
    if (const auto *d = std::get_if<double>(&value.data))
        return *d;
    return std::nullopt;
}

Expected<const GgufArray *> optionalArray(const GgufFile &file, const char *key, size_t minSize)
{
    if (!file.find(key))
        return static_cast<const GgufArray *>(nullptr);
    const GgufArray *array = file.getArray(key);
    if (!array)
        return fail(ErrorCode::InvalidGguf, std::string(key) + " is not an array");
    if (array->items.size() < minSize)
        return fail(ErrorCode::InvalidGguf,
            std::string(key) + " has " + std::to_string(array->items.size()) + " entries for " + std::to_string(minSize)
                + " tokens");
    return array;
}

bool isIn(std::string_view text, std::span<const std::string_view> list)
{
    return std::find(list.begin(), list.end(), text) != list.end();
}

bool isIn(std::string_view text, std::initializer_list<std::string_view> list)
{
    return std::find(list.begin(), list.end(), text) != list.end();
}

// --- token texts llama.cpp recognises

constexpr std::string_view kEotTexts[] = {"<|eot_id|>",
    "<|im_end|>",
    "<|end|>",
    "<end_of_turn>",
    "<|endoftext|>",
    "<|end_of_text|>",
    "<EOT>",
    "_<EOT>",
    "<｜end▁of▁sentence｜>",
    "<end_of_utterance>"};
constexpr std::string_view kEogTexts[] = {"<|eot_id|>",
    "<|im_end|>",
    "<|end|>",
    "<|return|>",
    "<|call|>",
    "<end_of_turn>",
    "<|endoftext|>",
    "<|eom_id|>",
    "<EOT>",
    "_<EOT>",
    "<|end_of_text|>",
    "<end_of_utterance>",
    "<｜end▁of▁sentence｜>"};
constexpr std::string_view kFimPreTexts[] = {
    "<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>"};
constexpr std::string_view kFimSufTexts[] = {
    "<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>"};
constexpr std::string_view kFimMidTexts[] = {
    "<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>"};
constexpr std::string_view kFimPadTexts[] = {"<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>"};
constexpr std::string_view kFimRepTexts[] = {"<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"};
constexpr std::string_view kEomTexts[] = {"<|eom_id|>"};
constexpr std::string_view kFimSepTexts[] = {"<|file_sep|>"};

// --- steps of load()

Expected<void> readTokens(const GgufFile &file, Vocab &v)
{
    const GgufArray *texts = file.getArray("tokenizer.ggml.tokens");
    if (!texts || texts->elementType != GgufValueType::String)
        return fail(ErrorCode::InvalidGguf, "tokenizer.ggml.tokens is missing or not a string array");
    const size_t n = texts->items.size();
    if (n == 0 || n > static_cast<size_t>(INT32_MAX))
        return fail(ErrorCode::InvalidGguf, "tokenizer.ggml.tokens has " + std::to_string(n) + " entries");
    ATRIUM_TRY(const GgufArray *scores, optionalArray(file, "tokenizer.ggml.scores", n));
    ATRIUM_TRY(const GgufArray *types, optionalArray(file, "tokenizer.ggml.token_type", n));

    v.tokens.resize(n);
    v.textToId.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const auto *text = std::get_if<std::string>(&texts->items[i].data);
        if (!text)
            return fail(ErrorCode::InvalidGguf, "tokenizer.ggml.tokens[" + std::to_string(i) + "] is not a string");
        Vocab::Token &token = v.tokens[i];
        token.text = text->empty() ? "[EMPTY_" + std::to_string(i) + "]" : *text;
        if (scores)
            token.score = static_cast<float>(numberOf(scores->items[i]).value_or(0.0));
        if (types) {
            switch (static_cast<int>(numberOf(types->items[i]).value_or(0.0))) {
            case 1:
                token.attr = tokenattr::kNormal;
                break;
            case 2:
                token.attr = tokenattr::kUnknown;
                break;
            case 3:
                token.attr = tokenattr::kControl;
                break;
            case 4:
                token.attr = tokenattr::kUserDefined;
                break;
            case 5:
                token.attr = tokenattr::kUnused;
                break;
            case 6:
                token.attr = tokenattr::kByte;
                break;
            default:
                token.attr = tokenattr::kUndefined;
                break;
            }
        }
        if (!v.textToId.emplace(token.text, static_cast<int32_t>(i)).second)
            return fail(ErrorCode::InvalidGguf,
                "duplicate token '" + token.text + "' in the vocabulary (ids "
                    + std::to_string(v.textToId.find(token.text)->second) + " and " + std::to_string(i) + ")");
    }
    return {};
}

Expected<void> readMerges(const GgufFile &file, Vocab &v)
{
    const GgufArray *merges = file.getArray("tokenizer.ggml.merges");
    if (!merges || merges->elementType != GgufValueType::String)
        return fail(ErrorCode::InvalidGguf, "a BPE tokenizer needs tokenizer.ggml.merges (a string array)");
    v.mergeRanks.reserve(merges->items.size());
    for (size_t i = 0; i < merges->items.size(); ++i) {
        const auto *merge = std::get_if<std::string>(&merges->items[i].data);
        if (!merge || merge->find(' ', 1) == std::string::npos)
            continue; // a malformed entry can never match a pair of symbols
        v.mergeRanks.emplace(*merge, static_cast<int32_t>(i)); // the first rank wins for duplicates
    }
    return {};
}

void readSpecialIds(const GgufFile &file, Vocab &v)
{
    const struct {
        const char *key;
        int32_t *id;
    } keys[] = {
        {"tokenizer.ggml.bos_token_id", &v.bos},
        {"tokenizer.ggml.eos_token_id", &v.eos},
        {"tokenizer.ggml.eot_token_id", &v.eot},
        {"tokenizer.ggml.eom_token_id", &v.eom},
        {"tokenizer.ggml.unknown_token_id", &v.unk},
        {"tokenizer.ggml.seperator_token_id", &v.sep},
        {"tokenizer.ggml.padding_token_id", &v.pad},
        {"tokenizer.ggml.fim_pre_token_id", &v.fimPre},
        {"tokenizer.ggml.fim_suf_token_id", &v.fimSuf},
        {"tokenizer.ggml.fim_mid_token_id", &v.fimMid},
        {"tokenizer.ggml.fim_pad_token_id", &v.fimPad},
        {"tokenizer.ggml.fim_rep_token_id", &v.fimRep},
        {"tokenizer.ggml.fim_sep_token_id", &v.fimSep},
        {"tokenizer.ggml.prefix_token_id", &v.fimPre}, // deprecated names
        {"tokenizer.ggml.suffix_token_id", &v.fimSuf},
        {"tokenizer.ggml.middle_token_id", &v.fimMid},
    };
    for (const auto &[key, id] : keys) {
        if (!v.valid(*id))
            *id = Vocab::kNone; // a default outside this vocabulary
        const std::optional<uint64_t> value = file.getUint(key);
        if (!value)
            continue;
        if (*value >= v.tokens.size()) {
            if (*value != UINT32_MAX)
                v.warnings.push_back(
                    std::string(key) + " = " + std::to_string(*value) + " is outside the vocabulary; ignored");
            continue;
        }
        *id = static_cast<int32_t>(*value);
    }
}

/// Finds the first token (lowest id) whose text is in `texts`, forcing it to CONTROL.
void detectByText(Vocab &v, int32_t &id, std::span<const std::string_view> texts)
{
    if (id != Vocab::kNone)
        return;
    for (size_t i = 0; i < v.tokens.size(); ++i) {
        if (isIn(v.tokens[i].text, texts)) {
            id = static_cast<int32_t>(i);
            v.tokens[i].attr |= tokenattr::kControl;
            return;
        }
    }
}

void buildEndOfGeneration(Vocab &v)
{
    detectByText(v, v.eot, kEotTexts);
    detectByText(v, v.eom, kEomTexts);
    detectByText(v, v.fimPre, kFimPreTexts);
    detectByText(v, v.fimSuf, kFimSufTexts);
    detectByText(v, v.fimMid, kFimMidTexts);
    detectByText(v, v.fimPad, kFimPadTexts);
    detectByText(v, v.fimRep, kFimRepTexts);
    detectByText(v, v.fimSep, kFimSepTexts);

    for (Vocab::Token &token : v.tokens) {
        if ((token.attr & tokenattr::kControl) && token.text.find("unused") != std::string::npos)
            token.attr |= tokenattr::kUnused;
    }

    std::vector<int32_t> eog;
    for (const int32_t id : {v.fimPad, v.fimRep, v.fimSep, v.eos, v.eot, v.eom}) {
        if (id != Vocab::kNone)
            eog.push_back(id);
    }
    int32_t endId = Vocab::kNone;
    bool hasReturn = false, hasCall = false;
    for (size_t i = 0; i < v.tokens.size(); ++i) {
        Vocab::Token &token = v.tokens[i];
        if (isIn(token.text, kEogTexts)) {
            eog.push_back(static_cast<int32_t>(i));
            token.attr |= tokenattr::kControl;
            hasReturn = hasReturn || token.text == "<|return|>";
            hasCall = hasCall || token.text == "<|call|>";
            if (token.text == "<|end|>")
                endId = static_cast<int32_t>(i);
        }
        // gpt-oss (harmony) structure tokens are always rendered
        if (isIn(token.text, {"<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"}))
            token.attr = tokenattr::kUserDefined;
    }
    std::sort(eog.begin(), eog.end());
    eog.erase(std::unique(eog.begin(), eog.end()), eog.end());
    if (hasReturn && hasCall && endId != Vocab::kNone) {
        // harmony: <|end|> ends a message, not the generation
        eog.erase(std::remove(eog.begin(), eog.end(), endId), eog.end());
        v.tokens[static_cast<size_t>(endId)].attr = tokenattr::kUserDefined;
    }
    v.eogIds = std::move(eog);
}

void buildSpecialTokens(const GgufFile &file, Vocab &v)
{
    for (size_t i = 0; i < v.tokens.size(); ++i) {
        if (v.tokens[i].attr & (tokenattr::kControl | tokenattr::kUserDefined | tokenattr::kUnknown))
            v.specialTokens.push_back(static_cast<int32_t>(i));
    }
    // NOTE: std::sort like llama.cpp, so tokens of equal length keep llama.cpp's order
    std::sort(v.specialTokens.begin(), v.specialTokens.end(), [&](int32_t a, int32_t b) {
        return v.tokens[static_cast<size_t>(a)].text.size() > v.tokens[static_cast<size_t>(b)].text.size();
    });

    const auto setAttr = [&](std::string_view text, uint32_t bit, bool on) {
        const int32_t id = v.find(text);
        if (id == Vocab::kNone)
            return;
        uint32_t &attr = v.tokens[static_cast<size_t>(id)].attr;
        attr = on ? (attr | bit) : (attr & ~bit);
    };
    std::string name(file.getString("general.name").value_or(""));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (isIn(v.preName, {"jina-v2-de", "jina-v2-es", "jina-v2-code"})) {
        setAttr("<mask>", tokenattr::kLstrip, true);
    } else if (name.find("phi-3") != std::string::npos || name.find("phi3") != std::string::npos) {
        for (const int32_t id : v.specialTokens)
            v.tokens[static_cast<size_t>(id)].attr |= tokenattr::kRstrip;
        setAttr("</s>", tokenattr::kRstrip, true);
        for (const std::string_view text : {"<unk>", "<s>", "<|endoftext|>"})
            setAttr(text, tokenattr::kRstrip, false);
    }
}

/// The bytes a NORMAL byte-level BPE token stands for (llama.cpp's llama_decode_text).
std::string decodeByteLevel(std::string_view text)
{
    std::string out;
    size_t offset = 0;
    while (offset < text.size()) {
        const uint32_t cp = utf8::decodeLenient(text, offset);
        const int byte = utf8::codepointToByte(cp);
        if (byte >= 0) {
            out.push_back(static_cast<char>(byte));
            continue;
        }
        std::string encoded;
        utf8::append(encoded, cp);
        out += "[UNK_BYTE_0x";
        for (const char c : encoded) {
            char hex[3];
            std::snprintf(hex, sizeof(hex), "%02x", static_cast<unsigned>(static_cast<uint8_t>(c)));
            out += hex;
        }
        out += text;
        out += ']';
    }
    return out;
}

void buildPieces(Vocab &v)
{
    v.pieces.resize(v.tokens.size());
    for (size_t i = 0; i < v.tokens.size(); ++i) {
        const Vocab::Token &token = v.tokens[i];
        std::string &piece = v.pieces[i];
        if (token.attr & (tokenattr::kUnknown | tokenattr::kControl | tokenattr::kUserDefined)) {
            piece = token.text;
        } else if (token.attr & tokenattr::kNormal) {
            if (v.kind == TokenizerKind::Bpe) {
                piece = decodeByteLevel(token.text);
            } else {
                piece.reserve(token.text.size());
                for (size_t k = 0; k < token.text.size(); ++k) {
                    if (token.text.compare(k, 3, "\xE2\x96\x81") == 0) {
                        piece += ' ';
                        k += 2;
                    } else {
                        piece += token.text[k];
                    }
                }
            }
        } else if (token.attr & tokenattr::kByte) {
            const std::string hex = token.text.size() >= 5 ? token.text.substr(3, 2) : std::string();
            piece.assign(1, static_cast<char>(std::strtol(hex.c_str(), nullptr, 16)));
        }
    }

    v.byteTokens.fill(Vocab::kNone);
    for (int b = 0; b < 256; ++b) {
        if (v.kind == TokenizerKind::Bpe) {
            v.byteTokens[b] = v.find(utf8::byteToText(static_cast<uint8_t>(b)));
            continue;
        }
        char name[8];
        std::snprintf(name, sizeof(name), "<0x%02X>", b);
        int32_t id = v.find(name);
        if (id == Vocab::kNone) {
            const char raw = static_cast<char>(b);
            id = v.find(std::string_view(&raw, 1));
        }
        v.byteTokens[b] = id;
    }
}

} // namespace

Expected<Vocab> Vocab::load(const GgufFile &file)
{
    Vocab v;
    const std::optional<std::string_view> model = file.getString("tokenizer.ggml.model");
    if (!model)
        return fail(ErrorCode::UnsupportedTokenizer, "the file has no tokenizer (tokenizer.ggml.model is missing)");
    v.model = std::string(*model);
    const std::string pre(file.getString("tokenizer.ggml.pre").value_or(""));
    v.preName = pre.empty() ? "default" : pre;

    ATRIUM_TRY_VOID(readTokens(file, v));

    if (v.model == "llama") {
        v.kind = TokenizerKind::Spm;
        v.bos = 1;
        v.eos = 2;
        v.unk = 0;
        v.addSpacePrefix = true;
        v.addBos = true;
        v.cleanSpaces = false;
    } else if (v.model == "gpt2") {
        v.kind = TokenizerKind::Bpe;
        ATRIUM_TRY_VOID(readMerges(file, v));
        if (pre.empty())
            v.warnings.push_back("tokenizer.ggml.pre is missing; using llama.cpp's 'default' pre-tokenizer, which may "
                                 "not match the model's (re-convert the model)");
        ATRIUM_TRY(const PreTypeInfo info, resolvePreType(v.preName));
        v.prePatterns = info.patterns;
        v.ignoreMerges = info.ignoreMerges;
        v.addBos = info.addBos;
        v.cleanSpaces = info.cleanSpaces;
        v.bos = info.noBos ? kNone : 11; // NOTE: llama.cpp's historical BPE default ids
        v.eos = 11;
    } else {
        return fail(ErrorCode::UnsupportedTokenizer,
            "tokenizer '" + v.model
                + "' (tokenizer.ggml.model) is not supported; Atrium reads 'llama' (SPM) "
                  "and 'gpt2' (byte-level BPE) vocabularies");
    }
    v.addSpacePrefix = file.getBool("tokenizer.ggml.add_space_prefix").value_or(v.addSpacePrefix);

    readSpecialIds(file, v);
    v.addBos = file.getBool("tokenizer.ggml.add_bos_token").value_or(v.addBos);
    v.addEos = file.getBool("tokenizer.ggml.add_eos_token").value_or(v.addEos);
    if (v.addBos && v.bos == kNone)
        return fail(ErrorCode::InvalidGguf, "tokenizer.ggml.add_bos_token is true but there is no BOS token id");
    if (v.addEos && v.eos == kNone)
        return fail(ErrorCode::InvalidGguf, "tokenizer.ggml.add_eos_token is true but there is no EOS token id");

    buildEndOfGeneration(v);
    buildPieces(v);
    buildSpecialTokens(file, v);
    return v;
}

} // namespace atrium
