// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "tokenizer/pre_tokenizer.h"

#include <cstdint>
#include <utility>

#include "tokenizer/utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace atrium
{

struct PreTokenizer::Regex {
    pcre2_code *code = nullptr;
};

namespace
{

/// Unicode White_Space outside ASCII (the set llama.cpp's `unicode_cpt_flags.is_whitespace` marks).
bool isNonAsciiWhitespace(uint32_t cp)
{
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
        || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/// Rewrites `\s` / `\S` as explicit ASCII white-space classes (see the class comment).
Expected<std::string> rewriteWhitespace(const std::string &pattern)
{
    std::string out;
    bool inClass = false;
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            const char n = pattern[++i];
            if (n == 's') {
                out += inClass ? "\\t-\\r " : "[\\t-\\r ]";
            } else if (n == 'S') {
                if (inClass)
                    return fail(ErrorCode::Internal, "pre-tokenizer pattern uses \\S inside a class: " + pattern);
                out += "[^\\t-\\r ]";
            } else {
                out += c;
                out += n;
            }
            continue;
        }
        if (c == '[' && !inClass) {
            inClass = true;
        } else if (c == ']' && inClass) {
            inClass = false;
        }
        out += c;
    }
    return out;
}

/// The lenient decoding of the input (what the words are cut from) and the string the regexes see.
struct Subject {
    std::string clean; // invalid bytes replaced by U+FFFD
    std::string matched; // clean with non-ASCII white space replaced by U+000B
    std::vector<uint32_t> toClean; // byte offset in `matched` -> byte offset in `clean` (size matched + 1)
};

Subject makeSubject(std::string_view text)
{
    Subject s;
    s.clean.reserve(text.size());
    s.matched.reserve(text.size());
    s.toClean.reserve(text.size() + 1);
    size_t offset = 0;
    while (offset < text.size()) {
        const uint32_t cp = utf8::decodeLenient(text, offset);
        const auto cleanStart = static_cast<uint32_t>(s.clean.size());
        utf8::append(s.clean, cp);
        const size_t matchedStart = s.matched.size();
        if (isNonAsciiWhitespace(cp))
            s.matched.push_back('\x0B');
        else
            utf8::append(s.matched, cp);
        for (size_t k = matchedStart; k < s.matched.size(); ++k)
            s.toClean.push_back(cleanStart + static_cast<uint32_t>(k - matchedStart));
    }
    s.toClean.push_back(static_cast<uint32_t>(s.clean.size()));
    return s;
}

using Segments = std::vector<std::pair<size_t, size_t>>; // [begin, end) byte offsets in Subject::matched

} // namespace

Expected<std::unique_ptr<PreTokenizer>> PreTokenizer::create(const std::vector<std::string> &patterns)
{
    std::unique_ptr<PreTokenizer> pre(new PreTokenizer());
    for (const std::string &pattern : patterns) {
        ATRIUM_TRY(const std::string rewritten, rewriteWhitespace(pattern));
        int errorCode = 0;
        PCRE2_SIZE errorOffset = 0;
        pcre2_code *code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(rewritten.data()),
            rewritten.size(),
            PCRE2_UTF | PCRE2_UCP | PCRE2_DOLLAR_ENDONLY,
            &errorCode,
            &errorOffset,
            nullptr);
        if (!code) {
            PCRE2_UCHAR message[256];
            pcre2_get_error_message(errorCode, message, sizeof(message));
            return fail(ErrorCode::Internal,
                "pre-tokenizer regex does not compile at offset " + std::to_string(errorOffset) + ": "
                    + reinterpret_cast<const char *>(message));
        }
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); // NOTE: without JIT support pcre2_match interprets
        pre->m_regexes.push_back(Regex {code});
    }
    return pre;
}

PreTokenizer::~PreTokenizer()
{
    for (Regex &regex : m_regexes)
        pcre2_code_free(regex.code);
}

Expected<std::vector<std::string>> PreTokenizer::split(std::string_view text) const
{
    const Subject subject = makeSubject(text);
    const auto *base = reinterpret_cast<PCRE2_SPTR>(subject.matched.data());

    Segments segments;
    if (!subject.matched.empty())
        segments.emplace_back(0, subject.matched.size());

    std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> matchData(
        pcre2_match_data_create(1, nullptr), &pcre2_match_data_free);
    if (!matchData)
        return fail(ErrorCode::OutOfMemory, "cannot allocate regex match data");

    for (const Regex &regex : m_regexes) {
        Segments next;
        next.reserve(segments.size() * 2);
        for (const auto &[begin, end] : segments) {
            const size_t length = end - begin;
            size_t emitted = 0; // relative to begin
            size_t from = 0;
            while (from < length) {
                const int rc =
                    pcre2_match(regex.code, base + begin, length, from, PCRE2_NO_UTF_CHECK, matchData.get(), nullptr);
                if (rc == PCRE2_ERROR_NOMATCH)
                    break;
                if (rc < 0) {
                    PCRE2_UCHAR message[256];
                    pcre2_get_error_message(rc, message, sizeof(message));
                    return fail(ErrorCode::Internal,
                        std::string("pre-tokenizer regex failed: ") + reinterpret_cast<const char *>(message));
                }
                const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(matchData.get());
                const size_t matchBegin = ovector[0];
                const size_t matchEnd = ovector[1];
                if (matchBegin > emitted)
                    next.emplace_back(begin + emitted, begin + matchBegin);
                if (matchEnd > matchBegin) {
                    next.emplace_back(begin + matchBegin, begin + matchEnd);
                    emitted = from = matchEnd;
                } else {
                    // An empty match splits here and the search moves on by one character.
                    emitted = matchBegin;
                    from = matchBegin + utf8::sequenceLength(static_cast<uint8_t>(subject.matched[begin + matchBegin]));
                }
            }
            if (emitted < length)
                next.emplace_back(begin + emitted, end);
        }
        segments = std::move(next);
    }

    std::vector<std::string> words;
    words.reserve(segments.size());
    for (const auto &[begin, end] : segments) {
        const uint32_t cleanBegin = subject.toClean[begin];
        const uint32_t cleanEnd = subject.toClean[end];
        words.emplace_back(subject.clean.substr(cleanBegin, cleanEnd - cleanBegin));
    }
    return words;
}

} // namespace atrium
