// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "tokenizer/bpe_encoder.h"

#include <algorithm>

#include <queue>

#include "tokenizer/utf8.h"
#include "tokenizer/vocab.h"

namespace atrium
{

namespace
{

struct Symbol {
    int prev;
    int next;
    size_t begin; // byte offset in the encoded word
    size_t length; // 0 once merged into its left neighbour
};

struct Bigram {
    int left;
    int right;
    int32_t rank;
    size_t length;
};

/// Min-heap order: lowest rank first, then the leftmost pair (llama.cpp's llm_bigram_bpe::comparator).
struct BigramOrder {
    bool operator()(const Bigram &l, const Bigram &r) const
    {
        return l.rank > r.rank || (l.rank == r.rank && l.left > r.left);
    }
};

} // namespace

std::string bpeByteEncode(std::string_view raw)
{
    std::string encoded;
    encoded.reserve(raw.size() * 2);
    for (const char c : raw)
        encoded += utf8::byteToText(static_cast<uint8_t>(c));
    return encoded;
}

void bpeEncodeWord(const Vocab &vocab, std::string_view word, std::vector<int32_t> &out)
{
    const std::string text = bpeByteEncode(word);
    if (text.empty())
        return;
    if (vocab.ignoreMerges) {
        const int32_t id = vocab.find(text);
        if (id != Vocab::kNone) {
            out.push_back(id);
            return;
        }
    }

    std::vector<Symbol> symbols;
    symbols.reserve(text.size());
    for (size_t offset = 0; offset < text.size();) {
        const size_t length = std::min(utf8::sequenceLength(static_cast<uint8_t>(text[offset])), text.size() - offset);
        const int index = static_cast<int>(symbols.size());
        offset += length;
        symbols.push_back(Symbol {index - 1, offset == text.size() ? -1 : index + 1, offset - length, length});
    }

    std::priority_queue<Bigram, std::vector<Bigram>, BigramOrder> queue;
    std::string key;
    const auto addBigram = [&](int left, int right) {
        if (left < 0 || right < 0)
            return;
        const Symbol &l = symbols[static_cast<size_t>(left)];
        const Symbol &r = symbols[static_cast<size_t>(right)];
        key.assign(text, l.begin, l.length);
        key += ' ';
        key.append(text, r.begin, r.length);
        const auto it = vocab.mergeRanks.find(key);
        if (it == vocab.mergeRanks.end())
            return;
        queue.push(Bigram {left, right, it->second, l.length + r.length});
    };

    for (int i = 1; i < static_cast<int>(symbols.size()); ++i)
        addBigram(i - 1, i);

    while (!queue.empty()) {
        const Bigram bigram = queue.top();
        queue.pop();
        Symbol &left = symbols[static_cast<size_t>(bigram.left)];
        Symbol &right = symbols[static_cast<size_t>(bigram.right)];
        // Stale: one side was merged away, or the pair no longer spans the text it had when queued
        // (both start at fixed offsets, so equal spans mean equal text).
        if (left.length == 0 || right.length == 0 || left.length + right.length != bigram.length)
            continue;
        left.length += right.length;
        right.length = 0;
        left.next = right.next;
        if (right.next >= 0)
            symbols[static_cast<size_t>(right.next)].prev = bigram.left;
        addBigram(left.prev, bigram.left);
        addBigram(bigram.left, left.next);
    }

    for (int i = 0; i != -1; i = symbols[static_cast<size_t>(i)].next) {
        const Symbol &symbol = symbols[static_cast<size_t>(i)];
        const std::string_view piece = std::string_view(text).substr(symbol.begin, symbol.length);
        const int32_t id = vocab.find(piece);
        if (id != Vocab::kNone) {
            out.push_back(id);
            continue;
        }
        // NOTE: llama.cpp looks up each single byte of the encoded text here; only printable ASCII can match,
        // other bytes are dropped. Kept for identical ids.
        for (const char c : piece) {
            const int32_t byteId = vocab.find(std::string_view(&c, 1));
            if (byteId != Vocab::kNone)
                out.push_back(byteId);
        }
    }
}

} // namespace atrium
