// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "tokenizer/stream_decoder.h"

#include "tokenizer/tokenizer.h"
#include "tokenizer/utf8.h"

namespace atrium
{

StreamDecoder::StreamDecoder(const Tokenizer &tokenizer, bool special)
    : m_tokenizer(&tokenizer)
    , m_special(special)
{
}

std::string StreamDecoder::push(int32_t id)
{
    m_pending += m_tokenizer->piece(id, m_special);
    const size_t complete = utf8::completePrefixLength(m_pending);
    std::string out = utf8::toValid(std::string_view(m_pending).substr(0, complete));
    m_pending.erase(0, complete);
    return out;
}

std::string StreamDecoder::flush()
{
    std::string out = utf8::toValid(m_pending);
    m_pending.clear();
    return out;
}

void StreamDecoder::reset()
{
    m_pending.clear();
}

} // namespace atrium
