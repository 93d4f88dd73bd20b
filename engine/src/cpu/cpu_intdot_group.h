// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// x86 integer-dot kernels for weights stored in row groups (cpu_interleave.h), part of cpu_intdot_simd.h (no include
// guard: included by it, inside the including file's anonymous namespace, with its target ISA and `struct I`).
// I::V ops used besides cpu_intdot_simd.h's: dotAccU8S8 (acc + dotU8S8), bcast32 (4 bytes into every 32-bit lane),
// set1_32, srli32<N>, srl32 / sll32 (i32 lanes, run-time count), mullo32.

/// The fifth bits of Q5_0 elements 4c..4c+3 (Shift = 4c) or 16+4c.. (Shift = 16+4c) of each row, as 0x10 in the
/// matching byte of its lane: bit i of the four moves to bit 8i+4 by one multiply (the four shifted copies never
/// overlap, so nothing carries).
template <int Shift>
ATRIUM_INTDOT_INLINE I::V fifthBits(I::V qh)
{
    const I::V four = I::and_(I::template srli32<Shift>(qh), I::set1_32(0x0F));
    return I::and_(I::mullo32(four, I::set1_32(0x02040810)), I::set1_32(0x10101010));
}

/// Q4_0 / Q5_0 stored interleaved (cpu_interleave.h): the eight rows of a group at once, one lane per row. Chunk c of
/// a block holds bytes 4c..4c+3 of every row's nibbles: its low nibbles meet activation bytes 4c..4c+3 and its high
/// nibbles bytes 16+4c..16+4c+3, four at a time in every lane (Q5_0 adds each element's fifth bit). The weights are
/// taken unsigned (q + 8, q + 16); the offset times d_x · Σq_x is taken off once per block for all eight rows.
template <TensorType Type, unsigned NT>
ATRIUM_INTDOT_INLINE void intDotGroupLegacyN(const uint8_t *g, const QuantRow *x, uint64_t K, float *out)
{
    static_assert(kGroupRows == 8, "one 32-bit lane per row");
    static_assert(Type == TensorType::Q4_0 || Type == TensorType::Q5_0);
    constexpr bool kFifthBit = Type == TensorType::Q5_0;
    constexpr size_t kQuants = (kFifthBit ? 6 : 2) * kGroupRows; // after the scales (and the fifth bits)
    constexpr size_t kBlockBytes = kQuants + 16 * kGroupRows;
    const I::V low4 = I::set1_8(0x0F);
    const __m256 minusOffset = _mm256_set1_ps(kFifthBit ? -16.f : -8.f);
    __m256 sum[NT];
    for (unsigned t = 0; t < NT; ++t)
        sum[t] = _mm256_setzero_ps();
    for (uint64_t b = 0; b < K / 32; ++b) {
        const uint8_t *blk = g + b * kBlockBytes;
        I::V lo[4], hi[4];
        for (int c = 0; c < 4; ++c) {
            const I::V v = I::load(blk + kQuants + 32 * c);
            lo[c] = I::and_(v, low4);
            hi[c] = I::and_(I::srli16<4>(v), low4);
        }
        if constexpr (kFifthBit) {
            const I::V qh = I::load(blk + 2 * kGroupRows);
            lo[0] = I::or_(lo[0], fifthBits<0>(qh));
            lo[1] = I::or_(lo[1], fifthBits<4>(qh));
            lo[2] = I::or_(lo[2], fifthBits<8>(qh));
            lo[3] = I::or_(lo[3], fifthBits<12>(qh));
            hi[0] = I::or_(hi[0], fifthBits<16>(qh));
            hi[1] = I::or_(hi[1], fifthBits<20>(qh));
            hi[2] = I::or_(hi[2], fifthBits<24>(qh));
            hi[3] = I::or_(hi[3], fifthBits<28>(qh));
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
            const __m256 v = _mm256_fmadd_ps(_mm256_set1_ps(x[t].s[b]), minusOffset, scaled);
            sum[t] = _mm256_fmadd_ps(dw, v, sum[t]);
        }
    }
    for (unsigned t = 0; t < NT; ++t)
        _mm256_storeu_ps(out + t * kGroupRows, sum[t]);
}

template <TensorType Type>
void intDotGroupLegacy(const void *group, const QuantRow *x, unsigned nt, uint64_t K, float *out)
{
    const auto *g = static_cast<const uint8_t *>(group);
    switch (nt) {
    case 1:
        return intDotGroupLegacyN<Type, 1>(g, x, K, out);
    case 2:
        return intDotGroupLegacyN<Type, 2>(g, x, K, out);
    case 3:
        return intDotGroupLegacyN<Type, 3>(g, x, K, out);
    default:
        return intDotGroupLegacyN<Type, 4>(g, x, K, out);
    }
}

/// Q4_K sub-blocks S and S + 4 (S < 4): the 6-bit scales (Mins = false) or mins of the eight rows, one per lane, from
/// the packed words (engine-notes §2): packed = bytes 0..3 of the 12 scale bytes for scales, 4..7 for mins; high =
/// bytes 8..11, whose low nibbles complete the scales and high nibbles the mins, under two top bits from `packed`.
template <int S, bool Mins>
ATRIUM_INTDOT_INLINE void scalesK4(I::V packed, I::V high, I::V &lo, I::V &hi)
{
    lo = I::and_(I::srli32<8 * S>(packed), I::set1_32(63));
    hi = I::or_(I::and_(I::srli32<8 * S + (Mins ? 4 : 0)>(high), I::set1_32(15)),
        I::and_(I::srli32<8 * S + 2>(packed), I::set1_32(0x30)));
}

/// Bit `bit` of every byte moved to bit 4 (the fifth bit of a Q5_K code), the other bits cleared.
ATRIUM_INTDOT_INLINE I::V bitToFifth(I::V v, int bit)
{
    const I::V moved = bit <= 4 ? I::sll32(v, 4 - bit) : I::srl32(v, bit - 4);
    return I::and_(moved, I::set1_32(0x10101010));
}

/// Q4_K / Q5_K stored interleaved (cpu_interleave.h), one token: the eight rows of a group at once, one lane per row.
/// Quant chunk 8c + k holds bytes 32c+4k..32c+4k+3 of every row: its low nibbles meet activation bytes 64c+4k..
/// (sub-block 2c), its high nibbles bytes 64c+32+4k.. (sub-block 2c+1); Q5_K's fifth bits are bits 2c and 2c+1 of
/// qh chunk k. Each sub-block's integer sum takes its 6-bit scale per lane; the mins term Σ_s mn_s · Σq_x over
/// sub-block s comes from the activation's per-16 sums.
template <bool kFifthBit>
ATRIUM_INTDOT_INLINE void intDotGroupK4One(const uint8_t *g, const QuantRow &x, uint64_t K, float *out)
{
    static_assert(kGroupRows == 8, "one 32-bit lane per row");
    constexpr size_t kBlockBytes = (kFifthBit ? 176 : 144) * kGroupRows;
    const I::V low4 = I::set1_8(0x0F);
    __m256 sum = _mm256_setzero_ps(), sumMin = _mm256_setzero_ps();
    for (uint64_t b = 0; b < K / 256; ++b) {
        const uint8_t *blk = g + b * kBlockBytes;
        const I::V w0 = I::load(blk + 32), w1 = I::load(blk + 64), w2 = I::load(blk + 96);
        I::V sc[8], mn[8];
        scalesK4<0, false>(w0, w2, sc[0], sc[4]);
        scalesK4<1, false>(w0, w2, sc[1], sc[5]);
        scalesK4<2, false>(w0, w2, sc[2], sc[6]);
        scalesK4<3, false>(w0, w2, sc[3], sc[7]);
        scalesK4<0, true>(w1, w2, mn[0], mn[4]);
        scalesK4<1, true>(w1, w2, mn[1], mn[5]);
        scalesK4<2, true>(w1, w2, mn[2], mn[6]);
        scalesK4<3, true>(w1, w2, mn[3], mn[7]);
        const uint8_t *qh = blk + 128;
        const uint8_t *qs = qh + (kFifthBit ? 32 * kGroupRows : 0);
        const int8_t *y = x.qs + 256 * b;
        const int16_t *bs = x.bsums + 16 * b;
        I::V isum = I::zero(), imin = I::zero();
        for (int c = 0; c < 4; ++c) {
            I::V a0 = I::zero(), a1 = I::zero();
            for (int k = 0; k < 8; ++k) {
                const I::V v = I::load(qs + (8 * c + k) * 4 * kGroupRows);
                I::V lo = I::and_(v, low4), hi = I::and_(I::srli16<4>(v), low4);
                if constexpr (kFifthBit) {
                    const I::V h = I::load(qh + k * 4 * kGroupRows);
                    lo = I::or_(lo, bitToFifth(h, 2 * c));
                    hi = I::or_(hi, bitToFifth(h, 2 * c + 1));
                }
                a0 = I::dotAccU8S8(a0, lo, I::bcast32(y + 64 * c + 4 * k));
                a1 = I::dotAccU8S8(a1, hi, I::bcast32(y + 64 * c + 32 + 4 * k));
            }
            isum = I::add32(isum, I::add32(I::mullo32(a0, sc[2 * c]), I::mullo32(a1, sc[2 * c + 1])));
        }
        for (int s = 0; s < 8; ++s)
            imin = I::add32(imin, I::mullo32(mn[s], I::set1_32(bs[2 * s] + bs[2 * s + 1])));
        const __m256 dy = _mm256_set1_ps(x.d[b]);
        const __m256 d = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(blk)));
        const __m256 dmin = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(blk + 16)));
        sum = _mm256_fmadd_ps(_mm256_mul_ps(dy, d), I::toFloat(isum), sum);
        sumMin = _mm256_fmadd_ps(_mm256_mul_ps(dy, dmin), I::toFloat(imin), sumMin);
    }
    _mm256_storeu_ps(out, _mm256_sub_ps(sum, sumMin));
}

template <bool kFifthBit>
void intDotGroupK4(const void *group, const QuantRow *x, unsigned nt, uint64_t K, float *out)
{
    // Decoding is one token; the weights of a group stay in L1 for the rare further ones.
    for (unsigned t = 0; t < nt; ++t)
        intDotGroupK4One<kFifthBit>(static_cast<const uint8_t *>(group), x[t], K, out + t * kGroupRows);
}
