// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "tokenizer/utf8.h"

#include <array>

namespace atrium::utf8
{

void append(std::string &out, uint32_t cp)
{
    if (cp <= 0x7F) {
        out.push_back(static_cast<char>(cp));
    } else if (cp <= 0x7FF) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp <= 0xFFFF) {
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

uint32_t decodeLenient(std::string_view s, size_t &offset)
{
    constexpr uint32_t kReplacement = 0xFFFD;
    const auto byteAt = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
    const auto isCont = [&](size_t i) { return i < s.size() && (byteAt(i) & 0xC0) == 0x80; };
    const uint8_t b0 = byteAt(offset);
    uint32_t cp = kReplacement;
    size_t len = 1;
    if (b0 < 0x80) {
        cp = b0;
    } else if ((b0 & 0xE0) == 0xC0 && isCont(offset + 1)) {
        cp = ((b0 & 0x1Fu) << 6) | (byteAt(offset + 1) & 0x3Fu);
        len = 2;
    } else if ((b0 & 0xF0) == 0xE0 && isCont(offset + 1) && isCont(offset + 2)) {
        cp = ((b0 & 0x0Fu) << 12) | ((byteAt(offset + 1) & 0x3Fu) << 6) | (byteAt(offset + 2) & 0x3Fu);
        len = 3;
    } else if ((b0 & 0xF8) == 0xF0 && isCont(offset + 1) && isCont(offset + 2) && isCont(offset + 3)) {
        cp = ((b0 & 0x07u) << 18) | ((byteAt(offset + 1) & 0x3Fu) << 12) | ((byteAt(offset + 2) & 0x3Fu) << 6)
            | (byteAt(offset + 3) & 0x3Fu);
        len = 4;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        cp = kReplacement;
        len = 1;
    }
    offset += len;
    return cp;
}

namespace
{

/// Checks the sequence starting at `i` strictly (RFC 3629): returns its length when valid, 0 when invalid,
/// or -1 when it is a valid but truncated prefix that ends at the end of `s`.
int strictSequence(std::string_view s, size_t i)
{
    const auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
    const uint8_t b0 = b(i);
    if (b0 < 0x80)
        return 1;
    int len = 0;
    uint8_t lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        lo = b0 == 0xE0 ? 0xA0 : 0x80;
        hi = b0 == 0xED ? 0x9F : 0xBF;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        lo = b0 == 0xF0 ? 0x90 : 0x80;
        hi = b0 == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    for (int k = 1; k < len; ++k) {
        if (i + k >= s.size())
            return -1;
        const uint8_t c = b(i + k);
        const uint8_t kLo = k == 1 ? lo : 0x80;
        const uint8_t kHi = k == 1 ? hi : 0xBF;
        if (c < kLo || c > kHi)
            return 0;
    }
    return len;
}

} // namespace

size_t completePrefixLength(std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        const int len = strictSequence(s, i);
        if (len < 0)
            return i;
        i += len == 0 ? 1 : static_cast<size_t>(len);
    }
    return s.size();
}

std::string toValid(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const int len = strictSequence(s, i);
        if (len > 0) {
            out.append(s.substr(i, static_cast<size_t>(len)));
            i += static_cast<size_t>(len);
        } else {
            out += "\xEF\xBF\xBD"; // one U+FFFD per byte that is not part of a valid sequence
            ++i;
        }
    }
    return out;
}

namespace
{

struct ByteTables {
    std::array<uint32_t, 256> toCodepoint {};
    std::array<std::string, 256> toText;
    std::array<int16_t, 324> fromCodepoint {};

    ByteTables()
    {
        fromCodepoint.fill(-1);
        uint32_t next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
            toCodepoint[b] = printable ? static_cast<uint32_t>(b) : next++;
            append(toText[b], toCodepoint[b]);
            fromCodepoint[toCodepoint[b]] = static_cast<int16_t>(b);
        }
    }
};

const ByteTables &byteTables()
{
    static const ByteTables tables;
    return tables;
}

} // namespace

uint32_t byteToCodepoint(uint8_t b)
{
    return byteTables().toCodepoint[b];
}

const std::string &byteToText(uint8_t b)
{
    return byteTables().toText[b];
}

int codepointToByte(uint32_t cp)
{
    return cp < 324 ? byteTables().fromCodepoint[cp] : -1;
}

} // namespace atrium::utf8
