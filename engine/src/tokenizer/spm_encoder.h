// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace atrium
{

struct Vocab;

/// SentencePiece-style encoding of one raw-text fragment whose spaces are already escaped as U+2581
/// (engine-notes §4.2, llama.cpp's `llm_tokenizer_spm_session`): UTF-8 characters are merged pairwise, the pair
/// whose concatenation is the vocabulary token with the highest score first (ties: leftmost), until no adjacent
/// pair forms a token; symbols that are not tokens become byte-fallback tokens. Appends ids to `out`.
void spmEncode(const Vocab &vocab, std::string_view text, std::vector<int32_t> &out);

} // namespace atrium
