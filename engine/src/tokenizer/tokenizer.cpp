// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "tokenizer/tokenizer.h"

#include <algorithm>

#include "gguf/gguf_file.h"
#include "tokenizer/bpe_encoder.h"
#include "tokenizer/pre_tokenizer.h"
#include "tokenizer/spm_encoder.h"

namespace atrium
{

/// A piece of the input: raw text still to tokenize, or a special token already recognised.
struct Tokenizer::Fragment {
    int32_t token; // Vocab::kNone for raw text
    size_t offset;
    size_t length;
};

namespace
{

bool isAsciiSpace(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/// llama.cpp's cosmetic clean-up of byte-level BPE output: no space before ? ! . , nor before 's 'm 're 've,
/// and " ' " becomes "'". Operates on bytes exactly as llama_detokenize does.
void cleanSpaces(std::string &text)
{
    if (text.empty())
        return;
    std::string &t = text;
    size_t total = 1;
    for (size_t i = 1; i < t.size(); ++i) {
        const char x = t[i];
        if (t[i - 1] == ' ' && (x == '?' || x == '!' || x == '.' || x == ','))
            --total;
        t[total++] = x;
    }
    t.resize(total);

    total = 1;
    for (size_t i = 1; i < t.size(); ++i) {
        const char x = t[i];
        if (x == '\'' && i + 1 < t.size() && t[i - 1] == ' ' && t[i + 1] == ' ') {
            --total;
            t[++i] = '\0';
        }
        t[total++] = x;
    }
    t.resize(total);

    total = 1;
    for (size_t i = 1; i < t.size(); ++i) {
        const char x = t[i];
        if (t[i - 1] == ' ' && x == '\'' && i + 1 < t.size()) {
            const char x1 = t[i + 1];
            if (x1 == 's' || x1 == 'm') {
                --total;
            } else if (i + 2 < t.size()) {
                const char x2 = t[i + 2];
                if ((x1 == 'r' && x2 == 'e') || (x1 == 'v' && x2 == 'e'))
                    --total;
            }
        }
        t[total++] = x;
    }
    t.resize(total);
}

} // namespace

Expected<Tokenizer> Tokenizer::fromGguf(const GgufFile &file)
{
    ATRIUM_TRY(Vocab vocab, Vocab::load(file));
    Tokenizer tokenizer;
    if (vocab.kind == TokenizerKind::Bpe) {
        ATRIUM_TRY(std::unique_ptr<PreTokenizer> pre, PreTokenizer::create(vocab.prePatterns));
        tokenizer.m_pre = std::move(pre);
    }
    tokenizer.m_vocab = std::make_shared<const Vocab>(std::move(vocab));
    return tokenizer;
}

namespace
{
bool overlapsAny(std::span<const TextRange> ranges, size_t offset, size_t length)
{
    for (const TextRange &r : ranges) {
        if (offset < r.offset + r.length && r.offset < offset + length)
            return true;
    }
    return false;
}
} // namespace

std::vector<Tokenizer::Fragment> Tokenizer::partition(
    std::string_view text, bool parseSpecial, std::span<const TextRange> plain) const
{
    std::vector<Fragment> fragments;
    if (text.empty())
        return fragments;
    fragments.push_back(Fragment {Vocab::kNone, 0, text.size()});

    std::vector<Fragment> next;
    for (const int32_t id : m_vocab->specialTokens) {
        const Vocab::Token &special = m_vocab->tokens[static_cast<size_t>(id)];
        if (!parseSpecial && (special.attr & (tokenattr::kControl | tokenattr::kUnknown)))
            continue; // only USER_DEFINED tokens are matched in plain text
        const std::string_view needle = special.text;
        bool changed = false;
        next.clear();
        for (const Fragment &fragment : fragments) {
            if (fragment.token != Vocab::kNone) {
                next.push_back(fragment);
                continue;
            }
            size_t pos = fragment.offset;
            size_t searchFrom = pos;
            const size_t end = fragment.offset + fragment.length;
            const bool protectable = (special.attr & (tokenattr::kControl | tokenattr::kUnknown)) != 0;
            while (true) {
                const size_t match = text.substr(0, end).find(needle, searchFrom);
                if (match == std::string_view::npos)
                    break;
                if (protectable && overlapsAny(plain, match, needle.size())) {
                    searchFrom = match + 1; // typed by the user: stays text
                    continue;
                }
                changed = true;
                size_t leftEnd = match;
                if (special.attr & tokenattr::kLstrip) {
                    while (leftEnd > pos && isAsciiSpace(text[leftEnd - 1]))
                        --leftEnd;
                }
                if (leftEnd > pos)
                    next.push_back(Fragment {Vocab::kNone, pos, leftEnd - pos});
                next.push_back(Fragment {id, match, needle.size()});
                pos = match + needle.size();
                if (special.attr & tokenattr::kRstrip) {
                    while (pos < end && isAsciiSpace(text[pos]))
                        ++pos;
                }
                searchFrom = pos;
            }
            if (pos < end)
                next.push_back(Fragment {Vocab::kNone, pos, end - pos});
        }
        if (changed)
            fragments.swap(next);
    }
    return fragments;
}

Expected<std::vector<int32_t>> Tokenizer::encode(std::string_view text, bool addSpecial, bool parseSpecial) const
{
    return encode(text, addSpecial, parseSpecial, {});
}

Expected<std::vector<int32_t>> Tokenizer::encode(
    std::string_view text, bool addSpecial, bool parseSpecial, std::span<const TextRange> plainRanges) const
{
    const Vocab &v = *m_vocab;
    std::vector<int32_t> out;
    out.reserve(text.size() / 3 + 2);
    if (addSpecial && v.addBos)
        out.push_back(v.bos);

    const std::vector<Fragment> fragments = partition(text, parseSpecial, plainRanges);
    bool previousSpecial = true; // SPM prefixes a space at the start and after every special token
    std::string escaped;
    for (const Fragment &fragment : fragments) {
        if (fragment.token != Vocab::kNone) {
            out.push_back(fragment.token);
            previousSpecial = true;
            continue;
        }
        const std::string_view raw = text.substr(fragment.offset, fragment.length);
        if (v.kind == TokenizerKind::Spm) {
            escaped.clear();
            if (v.addSpacePrefix && previousSpecial)
                escaped += "\xE2\x96\x81";
            for (const char c : raw) {
                if (c == ' ')
                    escaped += "\xE2\x96\x81";
                else
                    escaped += c;
            }
            spmEncode(v, escaped, out);
        } else {
            ATRIUM_TRY(const std::vector<std::string> words, m_pre->split(raw));
            for (const std::string &word : words)
                bpeEncodeWord(v, word, out);
        }
        previousSpecial = false;
    }

    if (addSpecial && v.addEos)
        out.push_back(v.eos);
    return out;
}

std::string Tokenizer::tokenText(int32_t id) const
{
    return m_vocab->valid(id) ? m_vocab->tokens[static_cast<size_t>(id)].text : std::string();
}

void Tokenizer::appendPiece(std::string &out, int32_t id, bool special, bool stripLeadingSpace) const
{
    if (!m_vocab->valid(id))
        return;
    if (!special && (m_vocab->attr(id) & (tokenattr::kUnknown | tokenattr::kControl)))
        return;
    std::string_view piece = m_vocab->pieces[static_cast<size_t>(id)];
    if (stripLeadingSpace && !piece.empty() && piece.front() == ' ')
        piece.remove_prefix(1);
    out += piece;
}

std::string Tokenizer::piece(int32_t id, bool special) const
{
    std::string out;
    appendPiece(out, id, special, false);
    return out;
}

std::string Tokenizer::decode(std::span<const int32_t> ids, bool removeSpecial, bool unparseSpecial) const
{
    const Vocab &v = *m_vocab;
    bool stripSpace = v.addSpacePrefix;
    if (removeSpecial && v.addBos && !ids.empty() && ids.front() == v.bos) {
        stripSpace = false;
        ids = ids.subspan(1);
    }
    if (removeSpecial && v.addEos && !ids.empty() && ids.back() == v.eos)
        ids = ids.first(ids.size() - 1);

    std::string text;
    for (const int32_t id : ids) {
        appendPiece(text, id, unparseSpecial, stripSpace);
        stripSpace = false;
    }
    if (v.cleanSpaces)
        cleanSpaces(text);
    return text;
}

int32_t Tokenizer::bos() const
{
    return m_vocab->bos;
}

int32_t Tokenizer::eos() const
{
    return m_vocab->eos;
}

int32_t Tokenizer::eot() const
{
    return m_vocab->eot;
}

int32_t Tokenizer::unk() const
{
    return m_vocab->unk;
}

bool Tokenizer::isEog(int32_t id) const
{
    return std::binary_search(m_vocab->eogIds.begin(), m_vocab->eogIds.end(), id);
}

std::span<const int32_t> Tokenizer::eogIds() const
{
    return m_vocab->eogIds;
}

bool Tokenizer::isControl(int32_t id) const
{
    return (m_vocab->attr(id) & tokenattr::kControl) != 0;
}

int32_t Tokenizer::findToken(std::string_view text) const
{
    return m_vocab->find(text);
}

size_t Tokenizer::vocabSize() const
{
    return m_vocab->tokens.size();
}

bool Tokenizer::addBos() const
{
    return m_vocab->addBos;
}

bool Tokenizer::addEos() const
{
    return m_vocab->addEos;
}

TokenizerKind Tokenizer::kind() const
{
    return m_vocab->kind;
}

std::string_view Tokenizer::modelName() const
{
    return m_vocab->model;
}

std::string_view Tokenizer::preName() const
{
    return m_vocab->preName;
}

std::span<const std::string> Tokenizer::warnings() const
{
    return m_vocab->warnings;
}

} // namespace atrium
