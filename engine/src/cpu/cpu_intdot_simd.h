// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// x86 integer-dot kernel bodies shared by the AVX, AVX2 and AVX-512 levels (no include guard: each cpu_intdot_*.cpp
// includes this once, inside an anonymous namespace, with its target ISA switched on). The including file defines
// `struct I`: 32 packed bytes as one __m256i (AVX2) or two __m128i (AVX), with the operations below. Per block the
// products are exact integers (maddubs: u8 × s8 pairs to i16, madd: i16 pairs to i32); the f32 side multiplies each
// block's integer sum by the two scales, as cpu_intdot_generic.cpp does in the same order per lane.
//
// I::V ops used: zero, load, set1_8, set1_16, scales2 (i16 lanes: 8 × a then 8 × b), and_, or_, andnot (~a & b),
// srli16<N>, slli16<N>, sub8, sub16, sub32, add32, abs8, sign8, maddubs, madd, dotU8S8 (u8 × s8 summed to 8 × i32),
// nibbles (16 bytes → 32: low nibbles, then high nibbles), bitsToBytes (bit j → byte j = 0xFF), widen8 (16 × s8 →
// 16 × i16), pairs16 (8 × u8 → 16 × i16, each twice), toFloat.
//
// Prompt micro-tiles (IntTileFn): ATRIUM_INTDOT_TILE_LEGACY, ATRIUM_INTDOT_TILE_Q8 and ATRIUM_INTDOT_TILE_K (rows,
// tokens) give the largest tile shapes for the 32-element nibble types, Q8_0 and the 256-element types; the including
// file picks them to fit its register file, and defines ATRIUM_INTDOT_TILE_QUADS for the four-block nibble tile.

ATRIUM_INTDOT_INLINE float hsum8(__m256 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

ATRIUM_INTDOT_INLINE float halfF(const uint8_t *p)
{
    uint16_t h;
    std::memcpy(&h, p, 2);
    return _cvtsh_ss(h);
}

ATRIUM_INTDOT_INLINE uint32_t u32At(const uint8_t *p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

/// The 32 weights of a legacy block as bytes: signed values for Q8_0 / Q4_0 / Q5_0, unsigned ones (before the
/// min) for Q4_1 / Q5_1.
template <TensorType Type>
ATRIUM_INTDOT_INLINE I::V legacyWeights(const uint8_t *blk)
{
    if constexpr (Type == TensorType::Q8_0) {
        return I::load(blk + 2);
    } else if constexpr (Type == TensorType::Q4_0) {
        return I::sub8(I::nibbles(blk + 2), I::set1_8(8));
    } else if constexpr (Type == TensorType::Q4_1) {
        return I::nibbles(blk + 4);
    } else if constexpr (Type == TensorType::Q5_0) {
        // nibble + 16·bit − 16: the missing fifth bit becomes 0xF0 (a negative byte).
        return I::or_(I::nibbles(blk + 6), I::andnot(I::bitsToBytes(u32At(blk + 2)), I::set1_8(0xF0)));
    } else {
        static_assert(Type == TensorType::Q5_1);
        return I::or_(I::nibbles(blk + 8), I::and_(I::bitsToBytes(u32At(blk + 4)), I::set1_8(0x10)));
    }
}

/// One legacy block against NT tokens, accumulated into sum / sumMin.
template <TensorType Type, unsigned NT>
ATRIUM_INTDOT_INLINE void legacyBlock(const uint8_t *blk, const QuantRow *x, uint64_t b, __m256 *sum, float *sumMin)
{
    const I::V q = legacyWeights<Type>(blk);
    const float d = halfF(blk);
    if constexpr (Type == TensorType::Q4_1 || Type == TensorType::Q5_1) {
        const float m = halfF(blk + 2);
        for (unsigned t = 0; t < NT; ++t) {
            const I::V p = I::dotU8S8(q, I::load(x[t].qs + 32 * b));
            sum[t] = _mm256_fmadd_ps(_mm256_set1_ps(d * x[t].d[b]), I::toFloat(p), sum[t]);
            sumMin[t] += m * x[t].s[b];
        }
    } else {
        // u8 × s8 products: |q| as the unsigned side, the activation takes q's sign.
        const I::V qa = I::abs8(q);
        for (unsigned t = 0; t < NT; ++t) {
            const I::V p = I::dotU8S8(qa, I::sign8(I::load(x[t].qs + 32 * b), q));
            sum[t] = _mm256_fmadd_ps(_mm256_set1_ps(d * x[t].d[b]), I::toFloat(p), sum[t]);
        }
    }
}

template <TensorType Type, unsigned NT>
ATRIUM_INTDOT_INLINE void intDotLegacyN(const uint8_t *w, const QuantRow *x, uint64_t K, float *acc)
{
    constexpr uint32_t kBytes = Type == TensorType::Q8_0 ? 34
        : Type == TensorType::Q4_0                       ? 18
        : Type == TensorType::Q4_1                       ? 20
        : Type == TensorType::Q5_0                       ? 22
                                                         : 24;
    // Even and odd blocks in separate accumulators: with few tokens the chain of f32 adds, not the integer work,
    // would otherwise bound a block's cost.
    __m256 sum0[NT], sum1[NT];
    float sumMin[NT];
    for (unsigned t = 0; t < NT; ++t) {
        sum0[t] = _mm256_setzero_ps();
        sum1[t] = _mm256_setzero_ps();
        sumMin[t] = 0.f;
    }
    const uint64_t nb = K / 32;
    uint64_t b = 0;
    for (; b + 1 < nb; b += 2) {
        legacyBlock<Type, NT>(w + b * kBytes, x, b, sum0, sumMin);
        legacyBlock<Type, NT>(w + (b + 1) * kBytes, x, b + 1, sum1, sumMin);
    }
    if (b < nb)
        legacyBlock<Type, NT>(w + b * kBytes, x, b, sum0, sumMin);
    for (unsigned t = 0; t < NT; ++t)
        acc[t] = hsum8(_mm256_add_ps(sum0[t], sum1[t])) + sumMin[t];
}

template <TensorType Type>
void intDotLegacy(const void *row, const QuantRow *x, unsigned nt, uint64_t K, float *acc)
{
    const auto *w = static_cast<const uint8_t *>(row);
    switch (nt) {
    case 1:
        return intDotLegacyN<Type, 1>(w, x, K, acc);
    case 2:
        return intDotLegacyN<Type, 2>(w, x, K, acc);
    case 3:
        return intDotLegacyN<Type, 3>(w, x, K, acc);
    default:
        return intDotLegacyN<Type, 4>(w, x, K, acc);
    }
}

#include "cpu/cpu_intdot_group.h"

/// Q4_K / Q5_K 6-bit scales and mins of the 8 sub-blocks.
ATRIUM_INTDOT_INLINE void scalesMinsK4(const uint8_t *q, int *sc, int *mn)
{
    for (int s = 0; s < 4; ++s) {
        sc[s] = q[s] & 63;
        mn[s] = q[s + 4] & 63;
        sc[s + 4] = (q[s + 8] & 0x0F) | ((q[s] >> 6) << 4);
        mn[s + 4] = (q[s + 8] >> 4) | ((q[s + 4] >> 6) << 4);
    }
}

/// Sub-blocks 2c and 2c+1 of a Q4_K / Q5_K block (the 32 bytes at qs) as unsigned bytes, lo then hi; for Q5_K the
/// fifth bits come from qh, which is shifted on for the next pair.
template <bool kFifthBit>
ATRIUM_INTDOT_INLINE void unpackK4(const uint8_t *qs, I::V &qh, I::V low4, I::V &lo, I::V &hi)
{
    const I::V q = I::load(qs);
    lo = I::and_(q, low4);
    hi = I::and_(I::srli16<4>(q), low4);
    if constexpr (kFifthBit) {
        lo = I::or_(lo, I::slli16<4>(I::and_(qh, I::set1_8(1))));
        hi = I::or_(hi, I::slli16<3>(I::and_(qh, I::set1_8(2))));
        qh = I::srli16<2>(qh);
    }
}

/// Elements 128h + 32k + l (k = 0..3) of a Q6_K block as 6-bit unsigned bytes (scales per 16).
ATRIUM_INTDOT_INLINE void unpackQ6K(const uint8_t *blk, int h, I::V low4, I::V low2, I::V q[4])
{
    const I::V a = I::load(blk + 64 * h);
    const I::V c = I::load(blk + 64 * h + 32);
    const I::V hh = I::load(blk + 128 + 32 * h);
    q[0] = I::or_(I::and_(a, low4), I::slli16<4>(I::and_(hh, low2)));
    q[1] = I::or_(I::and_(c, low4), I::slli16<4>(I::and_(I::srli16<2>(hh), low2)));
    q[2] = I::or_(I::and_(I::srli16<4>(a), low4), I::slli16<4>(I::and_(I::srli16<4>(hh), low2)));
    q[3] = I::or_(I::and_(I::srli16<4>(c), low4), I::slli16<4>(I::and_(I::srli16<6>(hh), low2)));
}

template <bool kFifthBit, unsigned NT>
ATRIUM_INTDOT_INLINE void intDotK4N(const uint8_t *w, const QuantRow *x, uint64_t K, float *acc)
{
    constexpr uint32_t kBytes = kFifthBit ? 176 : 144;
    __m256 sum[NT];
    float sumMin[NT];
    for (unsigned t = 0; t < NT; ++t) {
        sum[t] = _mm256_setzero_ps();
        sumMin[t] = 0.f;
    }
    const I::V low4 = I::set1_8(0x0F);
    for (uint64_t b = 0; b < K / 256; ++b) {
        const uint8_t *blk = w + b * kBytes;
        const uint8_t *qs = blk + (kFifthBit ? 48 : 16);
        int sc[8], mn[8];
        scalesMinsK4(blk + 4, sc, mn);
        I::V qh = kFifthBit ? I::load(blk + 16) : I::zero();
        I::V isum[NT];
        for (unsigned t = 0; t < NT; ++t)
            isum[t] = I::zero();
        for (int c = 0; c < 4; ++c) {
            I::V lo, hi;
            unpackK4<kFifthBit>(qs + 32 * c, qh, low4, lo, hi);
            const I::V s1 = I::set1_16(sc[2 * c]);
            const I::V s2 = I::set1_16(sc[2 * c + 1]);
            for (unsigned t = 0; t < NT; ++t) {
                const int8_t *y = x[t].qs + 256 * b + 64 * c;
                const I::V p1 = I::madd(I::maddubs(lo, I::load(y)), s1);
                const I::V p2 = I::madd(I::maddubs(hi, I::load(y + 32)), s2);
                isum[t] = I::add32(isum[t], I::add32(p1, p2));
            }
        }
        const float d = halfF(blk);
        const float dmin = halfF(blk + 2);
        for (unsigned t = 0; t < NT; ++t) {
            const int16_t *bs = x[t].bsums + 16 * b;
            int mins = 0;
            for (int s = 0; s < 8; ++s)
                mins += mn[s] * (bs[2 * s] + bs[2 * s + 1]);
            const float dy = x[t].d[b];
            sum[t] = _mm256_fmadd_ps(_mm256_set1_ps(dy * d), I::toFloat(isum[t]), sum[t]);
            sumMin[t] += -dy * dmin * static_cast<float>(mins);
        }
    }
    for (unsigned t = 0; t < NT; ++t)
        acc[t] = hsum8(sum[t]) + sumMin[t];
}

template <bool kFifthBit>
void intDotK4(const void *row, const QuantRow *x, unsigned nt, uint64_t K, float *acc)
{
    const auto *w = static_cast<const uint8_t *>(row);
    switch (nt) {
    case 1:
        return intDotK4N<kFifthBit, 1>(w, x, K, acc);
    case 2:
        return intDotK4N<kFifthBit, 2>(w, x, K, acc);
    case 3:
        return intDotK4N<kFifthBit, 3>(w, x, K, acc);
    default:
        return intDotK4N<kFifthBit, 4>(w, x, K, acc);
    }
}

template <unsigned NT>
ATRIUM_INTDOT_INLINE void intDotQ6_KN(const uint8_t *w, const QuantRow *x, uint64_t K, float *acc)
{
    __m256 sum[NT];
    for (unsigned t = 0; t < NT; ++t)
        sum[t] = _mm256_setzero_ps();
    const I::V low4 = I::set1_8(0x0F);
    const I::V low2 = I::set1_8(3);
    const I::V m32 = I::set1_8(32);
    for (uint64_t b = 0; b < K / 256; ++b) {
        const uint8_t *blk = w + b * 210;
        const auto *sc = reinterpret_cast<const int8_t *>(blk + 192);
        I::V isum[NT];
        for (unsigned t = 0; t < NT; ++t)
            isum[t] = I::zero();
        for (int h = 0; h < 2; ++h) {
            I::V q[4];
            unpackQ6K(blk, h, low4, low2, q);
            for (int k = 0; k < 4; ++k) {
                const I::V s = I::scales2(sc[8 * h + 2 * k], sc[8 * h + 2 * k + 1]);
                for (unsigned t = 0; t < NT; ++t) {
                    const I::V y = I::load(x[t].qs + 256 * b + 128 * h + 32 * k);
                    const I::V p = I::sub16(I::maddubs(q[k], y), I::maddubs(m32, y)); // Σ (q − 32)·y per pair
                    isum[t] = I::add32(isum[t], I::madd(p, s));
                }
            }
        }
        const float d = halfF(blk + 208);
        for (unsigned t = 0; t < NT; ++t)
            sum[t] = _mm256_fmadd_ps(_mm256_set1_ps(x[t].d[b] * d), I::toFloat(isum[t]), sum[t]);
    }
    for (unsigned t = 0; t < NT; ++t)
        acc[t] = hsum8(sum[t]);
}

void intDotQ6_K(const void *row, const QuantRow *x, unsigned nt, uint64_t K, float *acc)
{
    const auto *w = static_cast<const uint8_t *>(row);
    switch (nt) {
    case 1:
        return intDotQ6_KN<1>(w, x, K, acc);
    case 2:
        return intDotQ6_KN<2>(w, x, K, acc);
    case 3:
        return intDotQ6_KN<3>(w, x, K, acc);
    default:
        return intDotQ6_KN<4>(w, x, K, acc);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Prompt micro-tiles: R weight rows × N tokens. Per block, each weight row is unpacked once for the N tokens and
// each activation block is read once per row (from L1); R × N f32 accumulators stay in registers across the row.

using TileBodyFn = void (*)(const uint8_t *w, size_t rowBytes, const QuantRow *x, uint64_t K, float *out, size_t ldo);

template <class Body, unsigned R, unsigned N>
void tileEntry(const uint8_t *w, size_t rowBytes, const QuantRow *x, uint64_t K, float *out, size_t ldo)
{
    Body::template run<R, N>(w, rowBytes, x, K, out, ldo);
}

/// Every shape up to Rmax × Nmax, indexed (r − 1) · Nmax + (t − 1).
template <class Body, unsigned Rmax, unsigned Nmax>
struct TileTable {
    template <unsigned... Ix>
    static constexpr auto make(std::integer_sequence<unsigned, Ix...>)
    {
        struct Table {
            TileBodyFn fn[sizeof...(Ix)];
        };
        return Table {{tileEntry<Body, Ix / Nmax + 1, Ix % Nmax + 1>...}};
    }
    static void run(const uint8_t *w,
        size_t rowBytes,
        unsigned mr,
        const QuantRow *x,
        unsigned nt,
        uint64_t K,
        float *out,
        size_t ldo)
    {
        static constexpr auto table = make(std::make_integer_sequence<unsigned, Rmax * Nmax>());
        table.fn[(mr - 1) * Nmax + (nt - 1)](w, rowBytes, x, K, out, ldo);
    }
};

template <unsigned R, unsigned N>
ATRIUM_INTDOT_INLINE void storeTile(__m256 (&acc)[R][N], const float (&extra)[R][N], float *out, size_t ldo)
{
    for (unsigned i = 0; i < R; ++i)
        for (unsigned j = 0; j < N; ++j)
            out[j * ldo + i] = hsum8(acc[i][j]) + extra[i][j];
}

template <TensorType Type>
struct LegacyTile {
    template <unsigned R, unsigned N>
    static ATRIUM_INTDOT_INLINE void run(
        const uint8_t *w, size_t rowBytes, const QuantRow *x, uint64_t K, float *out, size_t ldo)
    {
        constexpr bool kMin = Type == TensorType::Q4_1 || Type == TensorType::Q5_1;
        constexpr uint32_t kBytes = Type == TensorType::Q8_0 ? 34
            : Type == TensorType::Q4_0                       ? 18
            : Type == TensorType::Q4_1                       ? 20
            : Type == TensorType::Q5_0                       ? 22
                                                             : 24;
        __m256 acc[R][N];
        float accMin[R][N];
        for (unsigned i = 0; i < R; ++i)
            for (unsigned j = 0; j < N; ++j) {
                acc[i][j] = _mm256_setzero_ps();
                accMin[i][j] = 0.f;
            }
        for (uint64_t b = 0; b < K / 32; ++b) {
            for (unsigned i = 0; i < R; ++i) {
                const uint8_t *blk = w + i * rowBytes + b * kBytes;
                const I::V q = legacyWeights<Type>(blk);
                const __m256 dw = _mm256_set1_ps(halfF(blk));
                if constexpr (kMin) {
                    const float m = halfF(blk + 2);
                    for (unsigned j = 0; j < N; ++j) {
                        const I::V p = I::dotU8S8(q, I::load(x[j].qs + 32 * b));
                        const __m256 s = _mm256_mul_ps(dw, _mm256_broadcast_ss(x[j].d + b));
                        acc[i][j] = _mm256_fmadd_ps(s, I::toFloat(p), acc[i][j]);
                        accMin[i][j] += m * x[j].s[b];
                    }
                } else {
                    const I::V qa = I::abs8(q);
                    for (unsigned j = 0; j < N; ++j) {
                        const I::V p = I::dotU8S8(qa, I::sign8(I::load(x[j].qs + 32 * b), q));
                        const __m256 s = _mm256_mul_ps(dw, _mm256_broadcast_ss(x[j].d + b));
                        acc[i][j] = _mm256_fmadd_ps(s, I::toFloat(p), acc[i][j]);
                    }
                }
            }
        }
        storeTile<R, N>(acc, accMin, out, ldo);
    }
};

#if defined(ATRIUM_INTDOT_TILE_QUADS)
/// Prompt tile for the nibble legacy types (Q4_0, Q4_1, Q5_0, Q5_1) over groups of four blocks, for 16-register
/// files. On these cores the integer multiplies, the f32 multiplies and the FMAs share two ports while adds, blends,
/// in-lane shuffles and int-to-float conversion run beside them; so per (row, token) the four blocks' maddubs
/// results are folded into one 8-lane i32 vector (per 128-bit half: blocks 0, 1, 2, 3, each lane the sum of a part
/// of its block) with blends, shuffles and adds and two vpmaddwd, and the scale product and the f32 accumulation
/// run once per four blocks. The weights stay unsigned (no sign fix-up per token); the Q4_0 / Q5_0 offset comes off
/// as offset · Σy per block (Σy from the activation row). The per-block integer sums are IntDotFn's; only the f32
/// rounding differs. Per (token, group) the four scales and offset sums are laid out once per chunk of groups for
/// all the tile's rows.
template <TensorType Type>
struct LegacyQuadTile {
    static constexpr bool kMin = Type == TensorType::Q4_1 || Type == TensorType::Q5_1;
    static constexpr int kOffsetShift = Type == TensorType::Q4_0 ? 3 : Type == TensorType::Q5_0 ? 4 : -1;
    static_assert(Type != TensorType::Q8_0);
    static constexpr uint32_t kBytes = Type == TensorType::Q4_0 ? 18
        : Type == TensorType::Q4_1                              ? 20
        : Type == TensorType::Q5_0                              ? 22
                                                                : 24;
    static constexpr unsigned kChunk = 8; ///< groups of four blocks per chunk

    struct alignas(32) GroupInfo {
        float dy[8]; ///< d of blocks 0..3, twice
        float s[8]; ///< Q4_1 / Q5_1: s of blocks 0..3, then zeros
        int32_t corr[8]; ///< Q4_0 / Q5_0: offset · Σy of blocks 0..3, then zeros
    };

    /// The weight bytes, unsigned.
    static ATRIUM_INTDOT_INLINE I::V unsignedWeights(const uint8_t *blk)
    {
        if constexpr (Type == TensorType::Q4_0)
            return I::nibbles(blk + 2);
        else if constexpr (Type == TensorType::Q5_0)
            return I::or_(I::nibbles(blk + 6), I::and_(I::bitsToBytes(u32At(blk + 2)), I::set1_8(0x10)));
        else
            return legacyWeights<Type>(blk);
    }

    /// The f16 values at p, p + kBytes, p + 2 kBytes, p + 3 kBytes, twice.
    static ATRIUM_INTDOT_INLINE __m256 halves4(const uint8_t *p)
    {
        uint16_t h[4];
        for (unsigned k = 0; k < 4; ++k)
            std::memcpy(h + k, p + k * kBytes, 2);
        const __m128 f = _mm_cvtph_ps(_mm_setr_epi16(static_cast<short>(h[0]),
            static_cast<short>(h[1]),
            static_cast<short>(h[2]),
            static_cast<short>(h[3]),
            0,
            0,
            0,
            0));
        return _mm256_set_m128(f, f);
    }

    // Folds of two vectors into one (blend, swap, add): a's sums in the even lanes of the wider type, b's in the
    // odd ones.
    /// i32 lane 2m: a's i16 pairs (4m, 4m+1) + (4m+2, 4m+3); lane 2m+1: b's.
    static ATRIUM_INTDOT_INLINE I::V fold16(I::V a, I::V b)
    {
        return I::add16(I::blend32odd(a, b), I::swap32(I::blend32odd(b, a)));
    }
    /// Per 128-bit half, i64 lane 0: a's two i64 lanes added; i64 lane 1: b's.
    static ATRIUM_INTDOT_INLINE I::V fold64(I::V a, I::V b)
    {
        return I::add32(I::blend64odd(a, b), I::swap64(I::blend64odd(b, a)));
    }

    template <unsigned R, unsigned N>
    static ATRIUM_INTDOT_INLINE void run(
        const uint8_t *w, size_t rowBytes, const QuantRow *x, uint64_t K, float *out, size_t ldo)
    {
        __m256 acc[R][N];
        float accMin[R][N];
        for (unsigned i = 0; i < R; ++i)
            for (unsigned j = 0; j < N; ++j) {
                acc[i][j] = _mm256_setzero_ps();
                accMin[i][j] = 0.f;
            }
        const uint64_t nb = K / 32;
        const uint64_t nGroups = nb / 4;
        GroupInfo info[kChunk][N];
        for (uint64_t g0 = 0; g0 < nGroups; g0 += kChunk) {
            const unsigned ng = static_cast<unsigned>(std::min<uint64_t>(kChunk, nGroups - g0));
            for (unsigned g = 0; g < ng; ++g) {
                const uint64_t b = 4 * (g0 + g);
                for (unsigned j = 0; j < N; ++j) {
                    GroupInfo &gi = info[g][j];
                    const __m128 d4 = _mm_loadu_ps(x[j].d + b);
                    _mm256_store_ps(gi.dy, _mm256_set_m128(d4, d4));
                    if constexpr (kMin)
                        _mm256_store_ps(gi.s, _mm256_set_m128(_mm_setzero_ps(), _mm_loadu_ps(x[j].s + b)));
                    if constexpr (kOffsetShift >= 0)
                        I::store(gi.corr, I::sums4<kOffsetShift>(x[j].bsums + b));
                }
            }
            for (unsigned g = 0; g < ng; ++g) {
                const uint64_t b = 4 * (g0 + g);
                for (unsigned i = 0; i < R; ++i) {
                    const uint8_t *blk = w + i * rowBytes + b * kBytes;
                    const __m256 dw = halves4(blk);
                    const I::V q0 = unsignedWeights(blk), q1 = unsignedWeights(blk + kBytes);
                    const I::V q2 = unsignedWeights(blk + 2 * kBytes), q3 = unsignedWeights(blk + 3 * kBytes);
                    const I::V ones = I::set1_16(1);
                    for (unsigned j = 0; j < N; ++j) {
                        const int8_t *y = x[j].qs + 32 * b;
                        const I::V m01 =
                            I::madd(fold16(I::maddubs(q0, I::load(y)), I::maddubs(q1, I::load(y + 32))), ones);
                        const I::V m23 =
                            I::madd(fold16(I::maddubs(q2, I::load(y + 64)), I::maddubs(q3, I::load(y + 96))), ones);
                        I::V p = fold64(m01, m23);
                        if constexpr (kOffsetShift >= 0)
                            p = I::sub32(p, I::load(info[g][j].corr));
                        acc[i][j] =
                            _mm256_fmadd_ps(_mm256_mul_ps(dw, _mm256_load_ps(info[g][j].dy)), I::toFloat(p), acc[i][j]);
                    }
                    if constexpr (kMin) {
                        const __m256 m = halves4(blk + 2);
                        for (unsigned j = 0; j < N; ++j)
                            acc[i][j] = _mm256_fmadd_ps(m, _mm256_load_ps(info[g][j].s), acc[i][j]);
                    }
                }
            }
        }
        // The last nb % 4 blocks one by one (the per-row kernel's block sums).
        for (uint64_t b = 4 * nGroups; b < nb; ++b) {
            for (unsigned i = 0; i < R; ++i) {
                const uint8_t *blk = w + i * rowBytes + b * kBytes;
                const I::V q = legacyWeights<Type>(blk);
                const __m256 dw = _mm256_set1_ps(halfF(blk));
                for (unsigned j = 0; j < N; ++j) {
                    const __m256 s = _mm256_mul_ps(dw, _mm256_broadcast_ss(x[j].d + b));
                    if constexpr (kMin) {
                        const I::V p = I::dotU8S8(q, I::load(x[j].qs + 32 * b));
                        acc[i][j] = _mm256_fmadd_ps(s, I::toFloat(p), acc[i][j]);
                        accMin[i][j] += halfF(blk + 2) * x[j].s[b];
                    } else {
                        const I::V p = I::dotU8S8(I::abs8(q), I::sign8(I::load(x[j].qs + 32 * b), q));
                        acc[i][j] = _mm256_fmadd_ps(s, I::toFloat(p), acc[i][j]);
                    }
                }
            }
        }
        storeTile<R, N>(acc, accMin, out, ldo);
    }
};
#endif

/// The 8 scales (bytes 0..7) and 8 mins (bytes 8..15) of a Q4_K / Q5_K block's 12 packed scale bytes.
ATRIUM_INTDOT_INLINE void scalesMinsK4Bytes(const uint8_t *q, uint8_t *out)
{
    int sc[8], mn[8];
    scalesMinsK4(q, sc, mn);
    for (int s = 0; s < 8; ++s) {
        out[s] = static_cast<uint8_t>(sc[s]);
        out[8 + s] = static_cast<uint8_t>(mn[s]);
    }
}

template <bool kFifthBit>
struct K4Tile {
    template <unsigned R, unsigned N>
    static ATRIUM_INTDOT_INLINE void run(
        const uint8_t *w, size_t rowBytes, const QuantRow *x, uint64_t K, float *out, size_t ldo)
    {
        constexpr uint32_t kBytes = kFifthBit ? 176 : 144;
        __m256 acc[R][N];
        const float zero[R][N] = {};
        for (unsigned i = 0; i < R; ++i)
            for (unsigned j = 0; j < N; ++j)
                acc[i][j] = _mm256_setzero_ps();
        const I::V low4 = I::set1_8(0x0F);
        for (uint64_t b = 0; b < K / 256; ++b) {
            for (unsigned i = 0; i < R; ++i) {
                const uint8_t *blk = w + i * rowBytes + b * kBytes;
                const uint8_t *qs = blk + (kFifthBit ? 48 : 16);
                uint8_t scm[16];
                scalesMinsK4Bytes(blk + 4, scm);
                I::V qh = kFifthBit ? I::load(blk + 16) : I::zero();
                I::V isum[N];
                for (unsigned j = 0; j < N; ++j)
                    isum[j] = I::zero();
                for (int c = 0; c < 4; ++c) {
                    I::V lo, hi;
                    unpackK4<kFifthBit>(qs + 32 * c, qh, low4, lo, hi);
                    const I::V s1 = I::set1_16(scm[2 * c]);
                    const I::V s2 = I::set1_16(scm[2 * c + 1]);
                    for (unsigned j = 0; j < N; ++j) {
                        const int8_t *y = x[j].qs + 256 * b + 64 * c;
                        const I::V p1 = I::madd(I::maddubs(lo, I::load(y)), s1);
                        const I::V p2 = I::madd(I::maddubs(hi, I::load(y + 32)), s2);
                        isum[j] = I::add32(isum[j], I::add32(p1, p2));
                    }
                }
                // Σ_s mn_s · (bsum_2s + bsum_2s+1), one sub-block per i32 lane.
                const I::V mins = I::pairs16(scm + 8);
                const __m256 d = _mm256_set1_ps(halfF(blk));
                const __m256 negDmin = _mm256_set1_ps(-halfF(blk + 2));
                for (unsigned j = 0; j < N; ++j) {
                    const I::V m = I::madd(I::load(x[j].bsums + 16 * b), mins);
                    const __m256 dy = _mm256_broadcast_ss(x[j].d + b);
                    acc[i][j] = _mm256_fmadd_ps(_mm256_mul_ps(dy, d), I::toFloat(isum[j]), acc[i][j]);
                    acc[i][j] = _mm256_fmadd_ps(_mm256_mul_ps(dy, negDmin), I::toFloat(m), acc[i][j]);
                }
            }
        }
        storeTile<R, N>(acc, zero, out, ldo);
    }
};

struct Q6KTile {
    template <unsigned R, unsigned N>
    static ATRIUM_INTDOT_INLINE void run(
        const uint8_t *w, size_t rowBytes, const QuantRow *x, uint64_t K, float *out, size_t ldo)
    {
        __m256 acc[R][N];
        const float zero[R][N] = {};
        for (unsigned i = 0; i < R; ++i)
            for (unsigned j = 0; j < N; ++j)
                acc[i][j] = _mm256_setzero_ps();
        const I::V low4 = I::set1_8(0x0F);
        const I::V low2 = I::set1_8(3);
        for (uint64_t b = 0; b < K / 256; ++b) {
            for (unsigned i = 0; i < R; ++i) {
                const uint8_t *blk = w + i * rowBytes + b * 210;
                const auto *sc = reinterpret_cast<const int8_t *>(blk + 192);
                I::V isum[N];
                for (unsigned j = 0; j < N; ++j)
                    isum[j] = I::zero();
                for (int h = 0; h < 2; ++h) {
                    I::V q[4];
                    unpackQ6K(blk, h, low4, low2, q);
                    for (int k = 0; k < 4; ++k) {
                        const I::V s = I::scales2(sc[8 * h + 2 * k], sc[8 * h + 2 * k + 1]);
                        for (unsigned j = 0; j < N; ++j) {
                            const I::V y = I::load(x[j].qs + 256 * b + 128 * h + 32 * k);
                            isum[j] = I::add32(isum[j], I::madd(I::maddubs(q[k], y), s));
                        }
                    }
                }
                // The −32 offset once per block: Σ_g 32·sc_g · bsum_g (the same integer as per element).
                const I::V sc32 = I::slli16<5>(I::widen8(sc));
                const __m256 d = _mm256_set1_ps(halfF(blk + 208));
                for (unsigned j = 0; j < N; ++j) {
                    const I::V corr = I::madd(I::load(x[j].bsums + 16 * b), sc32);
                    const __m256 s = _mm256_mul_ps(_mm256_broadcast_ss(x[j].d + b), d);
                    acc[i][j] = _mm256_fmadd_ps(s, I::toFloat(I::sub32(isum[j], corr)), acc[i][j]);
                }
            }
        }
        storeTile<R, N>(acc, zero, out, ldo);
    }
};

template <class Body, unsigned R, unsigned N>
void setTile(Kernels &k, TensorType type)
{
    k.intTile[static_cast<unsigned>(type)] = IntTile {TileTable<Body, R, N>::run, R, N};
}

void fillIntDotSimd(Kernels &k)
{
    k.intDot[static_cast<unsigned>(TensorType::Q4_0)] = intDotLegacy<TensorType::Q4_0>;
    k.intDot[static_cast<unsigned>(TensorType::Q4_1)] = intDotLegacy<TensorType::Q4_1>;
    k.intDot[static_cast<unsigned>(TensorType::Q5_0)] = intDotLegacy<TensorType::Q5_0>;
    k.intDot[static_cast<unsigned>(TensorType::Q5_1)] = intDotLegacy<TensorType::Q5_1>;
    k.intDot[static_cast<unsigned>(TensorType::Q8_0)] = intDotLegacy<TensorType::Q8_0>;
    k.intDot[static_cast<unsigned>(TensorType::Q4_K)] = intDotK4<false>;
    k.intDot[static_cast<unsigned>(TensorType::Q5_K)] = intDotK4<true>;
    k.intDot[static_cast<unsigned>(TensorType::Q6_K)] = intDotQ6_K;
    k.intDotGroup[static_cast<unsigned>(TensorType::Q4_0)] = intDotGroupLegacy<TensorType::Q4_0>;
    k.intDotGroup[static_cast<unsigned>(TensorType::Q5_0)] = intDotGroupLegacy<TensorType::Q5_0>;
    k.intDotGroup[static_cast<unsigned>(TensorType::Q4_K)] = intDotGroupK4<false>;
    k.intDotGroup[static_cast<unsigned>(TensorType::Q5_K)] = intDotGroupK4<true>;

    constexpr unsigned kLr = ATRIUM_INTDOT_TILE_LEGACY_ROWS, kLt = ATRIUM_INTDOT_TILE_LEGACY_TOKENS;
    constexpr unsigned kKr = ATRIUM_INTDOT_TILE_K_ROWS, kKt = ATRIUM_INTDOT_TILE_K_TOKENS;
#if defined(ATRIUM_INTDOT_TILE_QUADS)
#define ATRIUM_INTDOT_LEGACY_TILE LegacyQuadTile
#else
#define ATRIUM_INTDOT_LEGACY_TILE LegacyTile
#endif
    setTile<ATRIUM_INTDOT_LEGACY_TILE<TensorType::Q4_0>, kLr, kLt>(k, TensorType::Q4_0);
    setTile<ATRIUM_INTDOT_LEGACY_TILE<TensorType::Q4_1>, kLr, kLt>(k, TensorType::Q4_1);
    setTile<ATRIUM_INTDOT_LEGACY_TILE<TensorType::Q5_0>, kLr, kLt>(k, TensorType::Q5_0);
    setTile<ATRIUM_INTDOT_LEGACY_TILE<TensorType::Q5_1>, kLr, kLt>(k, TensorType::Q5_1);
    // Q8_0 keeps the per-block tile: its quad form (sign fix-up and a widening multiply per block) measured no
    // faster inside a model.
    setTile<LegacyTile<TensorType::Q8_0>, ATRIUM_INTDOT_TILE_Q8_ROWS, ATRIUM_INTDOT_TILE_Q8_TOKENS>(
        k, TensorType::Q8_0);
#undef ATRIUM_INTDOT_LEGACY_TILE
    setTile<K4Tile<false>, kKr, kKt>(k, TensorType::Q4_K);
    setTile<K4Tile<true>, kKr, kKt>(k, TensorType::Q5_K);
    setTile<Q6KTile, kKr, kKt>(k, TensorType::Q6_K);
}
