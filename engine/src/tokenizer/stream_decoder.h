// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <string>

namespace atrium
{

class Tokenizer;

/// Turns generated token ids into text as they arrive. A character can span several tokens (byte-fallback tokens,
/// byte-level BPE pieces of an emoji or a CJK character), so push() returns only complete UTF-8 characters and
/// holds back an unfinished sequence until the bytes that complete it arrive. Bytes that can never form a valid
/// character come out as U+FFFD, so every returned string is valid UTF-8.
///
/// Pieces are concatenated as they are (no BOS space stripping, no clean-up of spaces): the stream continues text
/// that came before it. The Tokenizer must outlive the decoder.
class StreamDecoder
{
public:
    /// `special`: render CONTROL tokens as their text instead of nothing.
    explicit StreamDecoder(const Tokenizer &tokenizer, bool special = false);

    /// Adds one token; returns the text that became complete (often empty while a character is unfinished).
    std::string push(int32_t id);
    /// Returns whatever is held back (an unfinished sequence becomes U+FFFD) and empties the decoder.
    std::string flush();
    /// Drops held-back bytes.
    void reset();
    /// Bytes currently held back (at most 3).
    size_t pendingBytes() const
    {
        return m_pending.size();
    }

private:
    const Tokenizer *m_tokenizer;
    bool m_special;
    std::string m_pending;
};

} // namespace atrium
