// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "atrium/expected.h"

namespace atrium
{

/// Splits text into the words byte-level BPE merges within, with a sequence of PCRE2 regexes (UTF + UCP,
/// JIT-compiled when available). Each regex splits the pieces the previous one produced; matches and the text
/// between matches are both kept (llama.cpp's `unicode_regex_split`).
///
/// To split exactly as llama.cpp does, the text is first decoded leniently (invalid bytes become U+FFFD), and
/// the regexes run on a copy in which every non-ASCII white-space character stands in as U+000B, with `\s`
/// meaning ASCII white space. Immutable after creation; `split` may run on several threads at once.
class PreTokenizer
{
public:
    static Expected<std::unique_ptr<PreTokenizer>> create(const std::vector<std::string> &patterns);
    ~PreTokenizer();
    PreTokenizer(const PreTokenizer &) = delete;
    PreTokenizer &operator=(const PreTokenizer &) = delete;

    /// The words of `text` (UTF-8, not yet byte-encoded), in order; together they are the lenient decoding of text.
    Expected<std::vector<std::string>> split(std::string_view text) const;

private:
    PreTokenizer() = default;
    struct Regex;
    std::vector<Regex> m_regexes;
};

} // namespace atrium
