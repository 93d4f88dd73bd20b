// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gguf/gguf_file.h"

namespace atrium
{

/// A small but valid tokenizer vocabulary for random models.
struct RandomVocabSpec {
    bool bpe = true; ///< byte-level BPE ("gpt2") or SentencePiece ("llama")
    std::string pre = "default"; ///< tokenizer.ggml.pre
    /// Control tokens. BPE: placed at the end of the vocabulary (as in Llama 3 / Qwen2); SPM: at the start.
    std::vector<std::string> specials;
    uint32_t nVocab = 512;
    int bosIndex = 0; ///< index into `specials`, or -1
    int eosIndex = 1;
    int eotIndex = -1;
    int unkIndex = -1;
    int padIndex = -1;
    bool addBos = true;
    bool addSpacePrefix = true; ///< SPM only
    std::string chatTemplate; ///< empty: none
};

/// Number of tokens the vocabulary needs before any filler: specials + 256 byte tokens.
uint32_t randomVocabMinimum(const RandomVocabSpec &spec);

/// Adds tokenizer.ggml.* keys: 256 byte tokens (BPE: GPT-2 bytes_to_unicode order; SPM: <0xNN>), then filler
/// tokens built one character at a time with a merge (BPE) or score (SPM) for each, then the special tokens.
void addRandomVocab(GgufWriter &writer, const RandomVocabSpec &spec);

} // namespace atrium
