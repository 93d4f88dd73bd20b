// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "atrium/expected.h"
#include "tokenizer/vocab.h"

namespace atrium
{

class GgufFile;
class PreTokenizer;

/// A byte range [offset, offset + length) of a text.
struct TextRange {
    size_t offset = 0;
    size_t length = 0;
};

/// A model's tokenizer, read from its GGUF metadata: SentencePiece-style ("llama") or byte-level BPE ("gpt2").
/// Produces exactly the ids llama.cpp's `llama_tokenize` produces and the text its `llama_token_to_piece` /
/// `llama_detokenize` produce (engine-notes §4). Everything is copied out of the file, so the tokenizer outlives
/// the mapping. Copies are cheap (shared immutable state) and all methods may be called from several threads.
class Tokenizer
{
public:
    /// Reads `tokenizer.ggml.*`. Fails with UnsupportedTokenizer for other vocabulary types and for an
    /// unrecognised `tokenizer.ggml.pre`, with InvalidGguf for malformed tokenizer metadata.
    static Expected<Tokenizer> fromGguf(const GgufFile &file);

    /// Text to ids. `addSpecial` adds BOS / EOS as the model's metadata says (addBos(), addEos()).
    /// `parseSpecial` turns the text of CONTROL tokens (e.g. "<|im_end|>") into those tokens; without it such text
    /// is tokenized as plain text, which is what user-provided text needs. USER_DEFINED tokens always match.
    Expected<std::vector<int32_t>> encode(std::string_view text, bool addSpecial, bool parseSpecial) const;
    /// As above, but CONTROL-token text inside any of `plainRanges` (byte ranges of `text`) stays plain text even
    /// with parseSpecial: a rendered chat prompt keeps the template's own specials while text the user typed
    /// cannot inject control tokens.
    Expected<std::vector<int32_t>> encode(
        std::string_view text, bool addSpecial, bool parseSpecial, std::span<const TextRange> plainRanges) const;

    /// The raw vocabulary string of a token ("▁Hello", "Ġworld", "<0x0A>"); empty for an invalid id.
    std::string tokenText(int32_t id) const;
    /// The bytes this token contributes to output (llama_token_to_piece): U+2581 → space (SPM), byte tokens → the
    /// raw byte, byte-level BPE text mapped back to bytes. CONTROL and UNKNOWN tokens are empty unless `special`.
    /// A piece can be an incomplete UTF-8 sequence; see StreamDecoder.
    std::string piece(int32_t id, bool special = false) const;
    /// Ids to text (llama_detokenize): with `removeSpecial` a leading BOS (and a trailing EOS when addEos()) is
    /// dropped; the space an SPM tokenizer prefixed is removed unless the ids start with BOS; `unparseSpecial`
    /// renders CONTROL tokens as their text; byte-level BPE cleans spaces before punctuation where llama.cpp does.
    std::string decode(std::span<const int32_t> ids, bool removeSpecial = true, bool unparseSpecial = false) const;

    int32_t bos() const; ///< -1 when the vocabulary has none
    int32_t eos() const;
    int32_t eot() const; ///< end of turn (<|eot_id|>, <|im_end|>, <end_of_turn>, …), -1 when none
    int32_t unk() const;
    /// True for every end-of-generation id: EOS, EOT, EOM and the well-known end texts (engine-notes §4.1).
    bool isEog(int32_t id) const;
    std::span<const int32_t> eogIds() const; ///< sorted
    bool isControl(int32_t id) const;
    /// The id of the token whose vocabulary text is exactly `text`, or -1.
    int32_t findToken(std::string_view text) const;

    size_t vocabSize() const;
    bool addBos() const;
    bool addEos() const;
    TokenizerKind kind() const;
    std::string_view modelName() const; ///< tokenizer.ggml.model ("llama", "gpt2")
    std::string_view preName() const; ///< tokenizer.ggml.pre ("default" when absent)
    /// Non-fatal findings while loading (a missing pre-tokenizer name, ignored special-token ids, …).
    std::span<const std::string> warnings() const;

private:
    Tokenizer() = default;
    struct Fragment;
    std::vector<Fragment> partition(std::string_view text, bool parseSpecial, std::span<const TextRange> plain) const;
    void appendPiece(std::string &out, int32_t id, bool special, bool stripLeadingSpace) const;

    std::shared_ptr<const Vocab> m_vocab;
    std::shared_ptr<const PreTokenizer> m_pre; // BPE only
};

} // namespace atrium
