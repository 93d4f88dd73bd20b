// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "atrium/expected.h"

namespace atrium
{

/// What a `tokenizer.ggml.pre` value selects for a byte-level BPE vocabulary (engine-notes §4.4): the regexes
/// that split text into words, applied in sequence, and the flags llama.cpp ties to that pre-tokenizer type.
struct PreTypeInfo {
    std::vector<std::string> patterns; ///< PCRE2 syntax; `\s` / `\S` mean ASCII whitespace (see PreTokenizer)
    bool ignoreMerges = false; ///< emit a word directly when it is a vocabulary token (Llama 3)
    bool addBos = false; ///< add BOS by default (before metadata overrides)
    bool cleanSpaces = true; ///< detokenizer removes spaces before punctuation
    bool noBos = false; ///< the family has no BOS token (ChatGLM)
};

/// Looks up a pre-tokenizer name. Unknown names fail with UnsupportedTokenizer: tokenizing with a guessed
/// regex silently produces wrong ids.
Expected<PreTypeInfo> resolvePreType(std::string_view name);

/// Every name resolvePreType() accepts.
std::vector<std::string_view> knownPreTypes();

} // namespace atrium
