// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <algorithm>

#include "chat/unicode_data.h"

namespace atrium::jinja::unicode
{

namespace
{

bool inRanges(std::span<const data::CodeRange> ranges, char32_t c)
{
    auto it = std::upper_bound(
        ranges.begin(), ranges.end(), c, [](char32_t v, const data::CodeRange &r) { return v < r.first; });
    if (it == ranges.begin())
        return false;
    --it;
    return c <= it->last;
}

/// Maps one code point through a run table plus its multi-code-point specials.
void appendMapped(
    std::u32string &out, char32_t c, std::span<const data::CaseRun> runs, std::span<const data::CaseSpecial> special)
{
    auto sp = std::lower_bound(
        special.begin(), special.end(), c, [](const data::CaseSpecial &s, char32_t v) { return s.cp < v; });
    if (sp != special.end() && sp->cp == c) {
        for (char32_t m : sp->mapped)
            if (m != 0)
                out.push_back(m);
        return;
    }
    auto it =
        std::upper_bound(runs.begin(), runs.end(), c, [](char32_t v, const data::CaseRun &r) { return v < r.start; });
    if (it != runs.begin()) {
        --it;
        const char32_t offset = c - it->start;
        if (offset % it->stride == 0 && offset / it->stride < it->count) {
            out.push_back(static_cast<char32_t>(static_cast<int32_t>(c) + it->delta));
            return;
        }
    }
    out.push_back(c);
}

bool isFinalSigma(const std::u32string &s, size_t i)
{
    size_t j = i;
    while (j > 0 && isCaseIgnorable(s[j - 1]))
        --j;
    if (j == 0 || !isCased(s[j - 1]))
        return false;
    j = i + 1;
    while (j < s.size() && isCaseIgnorable(s[j]))
        ++j;
    return j == s.size() || !isCased(s[j]);
}

/// Python's lower_ucs4: lower-case with the Greek final-sigma rule.
void appendLowerAt(std::u32string &out, const std::u32string &s, size_t i)
{
    if (s[i] == 0x3A3) {
        out.push_back(isFinalSigma(s, i) ? 0x3C2 : 0x3C3);
        return;
    }
    appendLower(out, s[i]);
}

} // namespace

char32_t decode(std::string_view s, size_t &pos)
{
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    int len = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
        minimum = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
        minimum = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
        minimum = 0x10000;
    }
    if (len == 0 || pos + len > s.size()) {
        ++pos;
        return 0xDC00 + b0;
    }
    for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[pos + k]);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return 0xDC00 + b0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return 0xDC00 + b0;
    }
    pos += len;
    return cp;
}

void append(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp >= 0xDC80 && cp <= 0xDCFF) {
        out.push_back(static_cast<char>(cp - 0xDC00)); // an escaped invalid byte
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::u32string toCodePoints(std::string_view s)
{
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();)
        out.push_back(decode(s, i));
    return out;
}

std::string fromCodePoints(std::u32string_view cps)
{
    std::string out;
    out.reserve(cps.size());
    for (char32_t c : cps)
        append(out, c);
    return out;
}

size_t length(std::string_view s)
{
    size_t n = 0;
    for (size_t i = 0; i < s.size(); ++n)
        decode(s, i);
    return n;
}

bool isAscii(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool isSpace(char32_t c)
{
    if (c < 0x80)
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
        || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isPrintable(char32_t c)
{
    return !inRanges(data::kClasses.nonPrintable, c);
}
bool isAlpha(char32_t c)
{
    return inRanges(data::kClasses.alpha, c);
}
bool isDecimal(char32_t c)
{
    return inRanges(data::kClasses.decimal, c);
}
bool isDigit(char32_t c)
{
    return inRanges(data::kClasses.digit, c);
}
bool isNumeric(char32_t c)
{
    return inRanges(data::kClasses.numeric, c);
}
bool isUpper(char32_t c)
{
    return inRanges(data::kClasses.upper, c);
}
bool isTitle(char32_t c)
{
    return inRanges(data::kClasses.title, c);
}
bool isCased(char32_t c)
{
    return inRanges(data::kClasses.cased, c);
}
bool isLower(char32_t c)
{
    return isCased(c) && !isUpper(c) && !isTitle(c);
}
bool isCaseIgnorable(char32_t c)
{
    return inRanges(data::kClasses.caseIgnorable, c);
}

void appendUpper(std::u32string &out, char32_t c)
{
    appendMapped(out, c, data::kCases.upperRuns, data::kCases.upperSpecial);
}

void appendLower(std::u32string &out, char32_t c)
{
    appendMapped(out, c, data::kCases.lowerRuns, data::kCases.lowerSpecial);
}

std::string upper(std::string_view s)
{
    if (isAscii(s)) {
        std::string out(s);
        for (char &ch : out)
            if (ch >= 'a' && ch <= 'z')
                ch = static_cast<char>(ch - 32);
        return out;
    }
    std::u32string out;
    for (char32_t c : toCodePoints(s))
        appendUpper(out, c);
    return fromCodePoints(out);
}

std::string lower(std::string_view s)
{
    if (isAscii(s)) {
        std::string out(s);
        for (char &ch : out)
            if (ch >= 'A' && ch <= 'Z')
                ch = static_cast<char>(ch + 32);
        return out;
    }
    const std::u32string cps = toCodePoints(s);
    std::u32string out;
    for (size_t i = 0; i < cps.size(); ++i)
        appendLowerAt(out, cps, i);
    return fromCodePoints(out);
}

std::string title(std::string_view s)
{
    const std::u32string cps = toCodePoints(s);
    std::u32string out;
    bool previousCased = false;
    for (size_t i = 0; i < cps.size(); ++i) {
        if (previousCased)
            appendLowerAt(out, cps, i);
        else
            appendMapped(out, cps[i], data::kCases.titleRuns, data::kCases.titleSpecial);
        previousCased = isCased(cps[i]);
    }
    return fromCodePoints(out);
}

std::string capitalize(std::string_view s)
{
    const std::u32string cps = toCodePoints(s);
    std::u32string out;
    for (size_t i = 0; i < cps.size(); ++i) {
        if (i == 0)
            appendMapped(out, cps[i], data::kCases.titleRuns, data::kCases.titleSpecial);
        else
            appendLowerAt(out, cps, i);
    }
    return fromCodePoints(out);
}

std::string swapcase(std::string_view s)
{
    const std::u32string cps = toCodePoints(s);
    std::u32string out;
    for (size_t i = 0; i < cps.size(); ++i) {
        if (isUpper(cps[i]))
            appendLowerAt(out, cps, i);
        else if (isLower(cps[i]))
            appendUpper(out, cps[i]);
        else
            out.push_back(cps[i]);
    }
    return fromCodePoints(out);
}

} // namespace atrium::jinja::unicode
