// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "atrium/expected.h"

namespace atrium
{

class GgufFile;

/// Which tokenization algorithm a vocabulary uses (`tokenizer.ggml.model`).
enum class TokenizerKind {
    Spm, ///< "llama": SentencePiece-style score-priority merges with byte fallback
    Bpe, ///< "gpt2": byte-level BPE with merge ranks and a regex pre-tokenizer
};

/// Token attributes, the bit set llama.cpp derives from `tokenizer.ggml.token_type` (plus its name heuristics).
namespace tokenattr
{
constexpr uint32_t kUndefined = 0;
constexpr uint32_t kUnknown = 1u << 0;
constexpr uint32_t kUnused = 1u << 1;
constexpr uint32_t kNormal = 1u << 2;
constexpr uint32_t kControl = 1u << 3;
constexpr uint32_t kUserDefined = 1u << 4;
constexpr uint32_t kByte = 1u << 5;
constexpr uint32_t kLstrip = 1u << 7;
constexpr uint32_t kRstrip = 1u << 8;
} // namespace tokenattr

/// Hash that lets the token maps be searched with a std::string_view without building a std::string.
struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const
    {
        return std::hash<std::string_view> {}(s);
    }
};
using TextMap = std::unordered_map<std::string, int32_t, TextHash, std::equal_to<>>;

/// A tokenizer vocabulary copied out of a GGUF file, with every default and override applied the way
/// llama.cpp's `llama_vocab::load` applies them (engine-notes §4.1). Plain data shared by the encoders.
struct Vocab {
    static constexpr int32_t kNone = -1;

    struct Token {
        std::string text;
        float score = 0.0f;
        uint32_t attr = tokenattr::kNormal;
    };

    /// Reads `tokenizer.ggml.*`. Fails with UnsupportedTokenizer for a model or `pre` type Atrium cannot
    /// reproduce exactly, with InvalidGguf for missing or malformed arrays.
    static Expected<Vocab> load(const GgufFile &file);

    TokenizerKind kind = TokenizerKind::Spm;
    std::string model; ///< tokenizer.ggml.model
    std::string preName; ///< tokenizer.ggml.pre ("default" when absent)
    std::vector<std::string> prePatterns; ///< BPE pre-tokenizer regexes, applied in sequence

    std::vector<Token> tokens;
    TextMap textToId;
    TextMap mergeRanks; ///< "left right" -> rank (BPE only)
    std::array<int32_t, 256> byteTokens {}; ///< token standing for each raw byte, or kNone

    int32_t bos = kNone, eos = kNone, eot = kNone, eom = kNone, unk = kNone, sep = kNone, pad = kNone;
    int32_t fimPre = kNone, fimSuf = kNone, fimMid = kNone, fimPad = kNone, fimRep = kNone, fimSep = kNone;
    std::vector<int32_t> eogIds; ///< sorted

    bool addBos = false;
    bool addEos = false;
    bool addSpacePrefix = false;
    bool cleanSpaces = false;
    bool ignoreMerges = false;

    /// Ids of CONTROL, USER_DEFINED and UNKNOWN tokens, longest text first (special-token partitioning).
    std::vector<int32_t> specialTokens;
    /// Each token's output bytes with special output on (llama.cpp's token-to-piece cache).
    std::vector<std::string> pieces;
    /// Things a person should know about this vocabulary (a guessed pre-tokenizer, ignored ids, …).
    std::vector<std::string> warnings;

    int32_t find(std::string_view text) const
    {
        const auto it = textToId.find(text);
        return it == textToId.end() ? kNone : it->second;
    }
    bool valid(int32_t id) const
    {
        return id >= 0 && static_cast<size_t>(id) < tokens.size();
    }
    uint32_t attr(int32_t id) const
    {
        return valid(id) ? tokens[static_cast<size_t>(id)].attr : tokenattr::kUndefined;
    }
};

} // namespace atrium
