// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// x86 integer-dot kernels for weights stored in row groups (cpu_interleave.h), part of cpu_intdot_simd.h (no include
// guard: included by it, inside the including file's anonymous namespace, with its target ISA and `struct I`).
// I::V ops used besides cpu_intdot_simd.h's: dotAccU8S8 (acc + dotU8S8), bcast32 (4 bytes into every 32-bit lane).

/// Q4_0 stored interleaved (cpu_interleave.h): the eight rows of a group at once, one lane per row. Chunk c of a
/// block holds bytes 4c..4c+3 of every row: its low nibbles meet activation bytes 4c..4c+3 and its high nibbles
/// bytes 16+4c..16+4c+3, four at a time in every lane. The nibbles are taken unsigned (q + 8); the offset
/// 8 · d_x · Σq_x is taken off once per block for all eight rows.
template <unsigned NT>
ATRIUM_INTDOT_INLINE void intDotGroupQ4_0N(const uint8_t *g, const QuantRow *x, uint64_t K, float *out)
{
    static_assert(kGroupRows == 8, "one 32-bit lane per row");
    constexpr size_t kBlockBytes = 18 * kGroupRows;
    const I::V low4 = I::set1_8(0x0F);
    const __m256 minus8 = _mm256_set1_ps(-8.f);
    __m256 sum[NT];
    for (unsigned t = 0; t < NT; ++t)
        sum[t] = _mm256_setzero_ps();
    for (uint64_t b = 0; b < K / 32; ++b) {
        const uint8_t *blk = g + b * kBlockBytes;
        I::V lo[4], hi[4];
        for (int c = 0; c < 4; ++c) {
            const I::V v = I::load(blk + 2 * kGroupRows + 32 * c);
            lo[c] = I::and_(v, low4);
            hi[c] = I::and_(I::srli16<4>(v), low4);
        }
        const __m256 dw = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(blk)));
        for (unsigned t = 0; t < NT; ++t) {
            const int8_t *y = x[t].qs + 32 * b;
            I::V a0 = I::zero(), a1 = I::zero();
            for (int c = 0; c < 4; ++c) {
                a0 = I::dotAccU8S8(a0, lo[c], I::bcast32(y + 4 * c));
                a1 = I::dotAccU8S8(a1, hi[c], I::bcast32(y + 16 + 4 * c));
            }
            const __m256 scaled = _mm256_mul_ps(I::toFloat(I::add32(a0, a1)), _mm256_set1_ps(x[t].d[b]));
            const __m256 v = _mm256_fmadd_ps(_mm256_set1_ps(x[t].s[b]), minus8, scaled);
            sum[t] = _mm256_fmadd_ps(dw, v, sum[t]);
        }
    }
    for (unsigned t = 0; t < NT; ++t)
        _mm256_storeu_ps(out + t * kGroupRows, sum[t]);
}

void intDotGroupQ4_0(const void *group, const QuantRow *x, unsigned nt, uint64_t K, float *out)
{
    const auto *g = static_cast<const uint8_t *>(group);
    switch (nt) {
    case 1:
        return intDotGroupQ4_0N<1>(g, x, K, out);
    case 2:
        return intDotGroupQ4_0N<2>(g, x, K, out);
    case 3:
        return intDotGroupQ4_0N<3>(g, x, K, out);
    default:
        return intDotGroupQ4_0N<4>(g, x, K, out);
    }
}
