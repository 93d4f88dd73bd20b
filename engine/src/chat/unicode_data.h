// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

/// Unicode helpers for the template renderer: UTF-8 decoding and the character classes and case mappings of
/// Python's `str` methods (tables generated from CPython by gen_unicode_data.py).
namespace atrium::jinja::unicode
{

namespace data
{
struct CodeRange {
    char32_t first;
    char32_t last;
};
/// `count` code points from `start`, `stride` apart, each mapped to itself + `delta`.
struct CaseRun {
    char32_t start;
    uint16_t count;
    uint8_t stride;
    int32_t delta;
};
/// A code point whose mapping is several code points (German ß → "SS"); unused slots are 0.
struct CaseSpecial {
    char32_t cp;
    char32_t mapped[3];
};
/// Character classes of Python's str predicates (unicode_class_data.cpp), sorted disjoint ranges.
struct ClassTables {
    std::span<const CodeRange> nonPrintable, alpha, decimal, digit, numeric, upper, title, cased, caseIgnorable;
};
/// Case mappings of str.upper() / lower() / title() (unicode_case_data.cpp): runs sorted by start, specials by cp.
struct CaseTables {
    std::span<const CaseRun> upperRuns;
    std::span<const CaseSpecial> upperSpecial;
    std::span<const CaseRun> lowerRuns;
    std::span<const CaseSpecial> lowerSpecial;
    std::span<const CaseRun> titleRuns;
    std::span<const CaseSpecial> titleSpecial;
};
extern const ClassTables kClasses;
extern const CaseTables kCases;
} // namespace data

/// Bytes that are not valid UTF-8 decode to U+DC80..U+DCFF (Python's "surrogateescape") and encode back to the
/// same byte, so any byte string survives a decode/encode round trip unchanged.
char32_t decode(std::string_view s, size_t &pos);
void append(std::string &out, char32_t cp);
std::u32string toCodePoints(std::string_view s);
std::string fromCodePoints(std::u32string_view cps);
/// Number of code points (Python len()).
size_t length(std::string_view s);
bool isAscii(std::string_view s);

bool isSpace(char32_t c); ///< str.isspace
bool isPrintable(char32_t c);
bool isAlpha(char32_t c);
bool isDecimal(char32_t c);
bool isDigit(char32_t c);
bool isNumeric(char32_t c);
bool isUpper(char32_t c);
bool isLower(char32_t c);
bool isTitle(char32_t c);
bool isCased(char32_t c);
bool isCaseIgnorable(char32_t c);

/// Full case mappings, as str.upper() / str.lower() / str.title() / str.capitalize() / str.swapcase().
std::string upper(std::string_view s);
std::string lower(std::string_view s);
std::string title(std::string_view s);
std::string capitalize(std::string_view s);
std::string swapcase(std::string_view s);
/// Appends the mapping of one code point.
void appendUpper(std::u32string &out, char32_t c);
void appendLower(std::u32string &out, char32_t c);

} // namespace atrium::jinja::unicode
