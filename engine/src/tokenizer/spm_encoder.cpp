// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "tokenizer/spm_encoder.h"

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
    size_t begin; // byte offset in the fragment
    size_t length; // 0 once merged into its left neighbour
};

struct Bigram {
    int left;
    int right;
    float score;
    size_t length;
};

/// Max-heap order: higher score first, then the leftmost pair (llama.cpp's llm_bigram_spm::comparator).
struct BigramOrder {
    bool operator()(const Bigram &l, const Bigram &r) const
    {
        return l.score < r.score || (l.score == r.score && l.left > r.left);
    }
};

} // namespace

void spmEncode(const Vocab &vocab, std::string_view text, std::vector<int32_t> &out)
{
    // Split into UTF-8 characters (lengths from the lead byte, clipped at the end).
    std::vector<Symbol> symbols;
    symbols.reserve(text.size());
    for (size_t offset = 0; offset < text.size();) {
        const size_t length = std::min(utf8::sequenceLength(static_cast<uint8_t>(text[offset])), text.size() - offset);
        const int index = static_cast<int>(symbols.size());
        offset += length;
        symbols.push_back(Symbol {index - 1, offset == text.size() ? -1 : index + 1, offset - length, length});
    }

    std::priority_queue<Bigram, std::vector<Bigram>, BigramOrder> queue;
    const auto tryAddBigram = [&](int left, int right) {
        if (left < 0 || right < 0)
            return;
        const Symbol &l = symbols[static_cast<size_t>(left)];
        const Symbol &r = symbols[static_cast<size_t>(right)];
        const std::string_view joined = text.substr(l.begin, l.length + r.length);
        const int32_t id = vocab.find(joined);
        if (id == Vocab::kNone)
            return;
        queue.push(Bigram {left, right, vocab.tokens[static_cast<size_t>(id)].score, joined.size()});
    };

    for (int i = 1; i < static_cast<int>(symbols.size()); ++i)
        tryAddBigram(i - 1, i);

    while (!queue.empty()) {
        const Bigram bigram = queue.top();
        queue.pop();
        Symbol &left = symbols[static_cast<size_t>(bigram.left)];
        Symbol &right = symbols[static_cast<size_t>(bigram.right)];
        // Stale: one side was merged away, or the pair no longer spans what it did when queued.
        if (left.length == 0 || right.length == 0 || left.length + right.length != bigram.length)
            continue;
        left.length += right.length;
        right.length = 0;
        left.next = right.next;
        if (right.next >= 0)
            symbols[static_cast<size_t>(right.next)].prev = bigram.left;
        tryAddBigram(left.prev, bigram.left);
        tryAddBigram(bigram.left, left.next);
    }

    // Every merged symbol is a vocabulary token by construction; a single character that is not one is
    // emitted as byte-fallback tokens.
    for (int i = symbols.empty() ? -1 : 0; i != -1; i = symbols[static_cast<size_t>(i)].next) {
        const Symbol &symbol = symbols[static_cast<size_t>(i)];
        const std::string_view piece = text.substr(symbol.begin, symbol.length);
        const int32_t id = vocab.find(piece);
        if (id != Vocab::kNone) {
            out.push_back(id);
            continue;
        }
        const bool allBytes = std::all_of(piece.begin(), piece.end(), [&](char c) {
            return vocab.byteTokens[static_cast<uint8_t>(c)] != Vocab::kNone;
        });
        if (allBytes) {
            for (const char c : piece)
                out.push_back(vocab.byteTokens[static_cast<uint8_t>(c)]);
        } else if (vocab.unk != Vocab::kNone) {
            out.push_back(vocab.unk); // a vocabulary without byte tokens: one <unk> per unknown character
        }
    }
}

} // namespace atrium
