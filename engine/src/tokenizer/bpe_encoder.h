// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atrium
{

struct Vocab;

/// Byte-level BPE encoding of one pre-tokenized word (engine-notes §4.3, llama.cpp's `llm_tokenizer_bpe_session`).
/// `word` is raw UTF-8; it is mapped through GPT-2's bytes_to_unicode, emitted whole when `ignore_merges` is on and
/// it is a token, and otherwise merged pairwise by rank (lowest first, ties leftmost). Appends ids to `out`.
void bpeEncodeWord(const Vocab &vocab, std::string_view word, std::vector<int32_t> &out);

/// GPT-2's byte-to-unicode mapping of a whole string.
std::string bpeByteEncode(std::string_view raw);

} // namespace atrium
