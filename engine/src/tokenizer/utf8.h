// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace atrium::utf8
{

/// Length of the UTF-8 sequence a lead byte announces, as llama.cpp counts it: 1 for ASCII and for stray
/// continuation bytes, 2/3/4 by the high bits otherwise (the bytes that follow are not checked).
inline size_t sequenceLength(uint8_t lead)
{
    static constexpr uint8_t kLengths[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    return kLengths[lead >> 4];
}

/// Appends the UTF-8 encoding of a code point (<= U+10FFFF).
void append(std::string &out, uint32_t cp);

/// Decodes one code point at `offset` the lenient way llama.cpp does (overlong forms accepted); an invalid
/// sequence, a surrogate or a value above U+10FFFF gives U+FFFD and consumes one byte. Advances `offset`.
uint32_t decodeLenient(std::string_view s, size_t &offset);

/// Length of the longest prefix of `s` that does not end inside a (possibly still incomplete) UTF-8 sequence.
/// Invalid bytes count as complete; only a truncated but so far valid tail is held back.
size_t completePrefixLength(std::string_view s);

/// Replaces every byte that is not part of a valid UTF-8 sequence with U+FFFD.
std::string toValid(std::string_view s);

/// GPT-2's bytes_to_unicode: the printable code point that stands for byte `b` in byte-level BPE vocabularies.
uint32_t byteToCodepoint(uint8_t b);
/// UTF-8 text of byteToCodepoint(b).
const std::string &byteToText(uint8_t b);
/// The inverse mapping: the byte a code point stands for, or -1 when it is not one of the 256.
int codepointToByte(uint32_t cp);

} // namespace atrium::utf8
