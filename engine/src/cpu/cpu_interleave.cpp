// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_interleave.h"

#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

#include "atrium/error.h"

namespace atrium::cpu
{

namespace
{

/// A type's block as the layout sees it: `halves` 2-byte fields (the f16 scales), then `chunks` 4-byte pieces.
struct BlockShape {
    uint32_t elements;
    uint32_t halves;
    uint32_t chunks;
};

BlockShape shapeOf(TensorType type)
{
    switch (type) {
    case TensorType::Q4_0:
        return {32, 1, 4}; // d | qs[16]
    case TensorType::Q5_0:
        return {32, 1, 5}; // d | qh[4] qs[16]
    case TensorType::Q4_K:
        return {256, 2, 35}; // d dmin | scales[12] qs[128]
    case TensorType::Q5_K:
        return {256, 2, 43}; // d dmin | scales[12] qh[32] qs[128]
    default:
        ATRIUM_ASSERT(false, "no interleaved layout for this type");
        return {};
    }
}

/// Chunks [0, n) at `in` (chunk c holds 4 bytes of each of the kGroupRows rows) back into the rows: row r gets the
/// n × 4 bytes at out + r * outStride. With SSE2, a 4 × 4 transpose of 32-bit words per 4 chunks and 4 rows.
void unchunk(const uint8_t *in, uint32_t n, uint8_t *out, size_t outStride)
{
    uint32_t c = 0;
#if defined(__SSE2__) || defined(_M_X64)
    for (; c + 4 <= n; c += 4) {
        for (unsigned h = 0; h < 2; ++h) {
            const auto at = [&](unsigned k) {
                return _mm_castsi128_ps(
                    _mm_loadu_si128(reinterpret_cast<const __m128i *>(in + (c + k) * 4 * kGroupRows + 16 * h)));
            };
            __m128 a = at(0), b = at(1), d = at(2), e = at(3);
            _MM_TRANSPOSE4_PS(a, b, d, e);
            const __m128 rows[4] = {a, b, d, e};
            for (unsigned j = 0; j < 4; ++j)
                _mm_storeu_si128(
                    reinterpret_cast<__m128i *>(out + (4 * h + j) * outStride + 4 * c), _mm_castps_si128(rows[j]));
        }
    }
#endif
    for (; c < n; ++c)
        for (unsigned r = 0; r < kGroupRows; ++r)
            std::memcpy(out + r * outStride + 4 * c, in + c * 4 * kGroupRows + 4 * r, 4);
}

/// Rows [first, end) of a group back in their GGUF encoding, row r at rows + (r - first) * rowStride.
void extractRows(TensorType type, const uint8_t *group, uint64_t K, unsigned first, unsigned end, uint8_t *rows)
{
    const BlockShape s = shapeOf(type);
    const uint32_t blockBytes = 2 * s.halves + 4 * s.chunks;
    const size_t rowStride = rowBytes(type, K);
    const uint8_t *in = group;
    for (uint64_t b = 0; b < K / s.elements; ++b, in += blockBytes * kGroupRows) {
        uint8_t *block0 = rows + b * blockBytes;
        for (unsigned r = first; r < end; ++r)
            for (uint32_t h = 0; h < s.halves; ++h)
                std::memcpy(block0 + (r - first) * rowStride + 2 * h, in + (h * kGroupRows + r) * 2, 2);
        const uint8_t *chunks = in + 2 * s.halves * kGroupRows;
        if (first == 0 && end == kGroupRows) {
            unchunk(chunks, s.chunks, block0 + 2 * s.halves, rowStride);
            continue;
        }
        for (unsigned r = first; r < end; ++r)
            for (uint32_t c = 0; c < s.chunks; ++c)
                std::memcpy(
                    block0 + (r - first) * rowStride + 2 * s.halves + 4 * c, chunks + (c * kGroupRows + r) * 4, 4);
    }
}

} // namespace

bool hasInterleavedLayout(TensorType type)
{
    // Q8_0 would fit the layout too, but its row-major decode already streams at memory speed.
    return type == TensorType::Q4_0 || type == TensorType::Q5_0 || type == TensorType::Q4_K || type == TensorType::Q5_K;
}

size_t groupBytes(TensorType type, uint64_t K)
{
    ATRIUM_ASSERT(hasInterleavedLayout(type), "no interleaved layout for this type");
    return rowBytes(type, K) * kGroupRows;
}

void interleaveGroup(TensorType type, const uint8_t *rows, size_t rowStride, uint64_t K, uint8_t *group)
{
    const BlockShape s = shapeOf(type);
    const uint32_t blockBytes = 2 * s.halves + 4 * s.chunks;
    uint8_t *out = group;
    for (uint64_t b = 0; b < K / s.elements; ++b) {
        const uint8_t *block0 = rows + b * blockBytes;
        for (uint32_t h = 0; h < s.halves; ++h)
            for (unsigned r = 0; r < kGroupRows; ++r, out += 2)
                std::memcpy(out, block0 + r * rowStride + 2 * h, 2);
        for (uint32_t c = 0; c < s.chunks; ++c)
            for (unsigned r = 0; r < kGroupRows; ++r, out += 4)
                std::memcpy(out, block0 + r * rowStride + 2 * s.halves + 4 * c, 4);
    }
}

void extractGroup(TensorType type, const uint8_t *group, uint64_t K, uint8_t *rows)
{
    extractRows(type, group, K, 0, kGroupRows, rows);
}

void extractGroupRow(TensorType type, const uint8_t *group, uint64_t K, unsigned r, uint8_t *row)
{
    extractRows(type, group, K, r, r + 1, row);
}

} // namespace atrium::cpu
