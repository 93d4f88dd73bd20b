// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// The AVX-512 kernel level (x86-64 only; chosen at run time when the CPU has AVX-512 F/BW/DQ/VL).
#include "cpu/cpu_kernels.h"

// Standard headers before the target switch, so only our own code is compiled for the ISA.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#if defined(__x86_64__)
// GCC 12's AVX-512 intrinsics use _mm512_undefined_ps() as a pass-through operand, which trips a false
// -Wuninitialized once inlined (GCC PR 105593); silence it for the intrinsics header only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#pragma GCC diagnostic pop

#if defined(__clang__)
#pragma clang attribute push(                                                                                          \
    __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c,prefer-vector-width=512")
#endif
#include "cpu/cpu_kernels_impl.h"

namespace atrium::cpu
{

namespace
{

#if defined(__clang__)
#define ATRIUM_KERNEL_TARGET __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c")))
#else
#define ATRIUM_KERNEL_TARGET                                                                                           \
    __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c,prefer-vector-width=512")))
#endif
#define ATRIUM_TILE_ROWS 4 // 32 ZMM registers: 16 accumulators + 4 weight vectors + activations
#define ATRIUM_TILE_TOKENS 4

struct S {
    using V = __m512;
    static constexpr size_t kWidth = 16;
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V zero()
    {
        return _mm512_setzero_ps();
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V load(const float *p)
    {
        return _mm512_loadu_ps(p);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET void store(float *p, V v)
    {
        _mm512_storeu_ps(p, v);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V set1(float f)
    {
        return _mm512_set1_ps(f);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V fma(V a, V b, V c)
    {
        return _mm512_fmadd_ps(a, b, c);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V add(V a, V b)
    {
        return _mm512_add_ps(a, b);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V mul(V a, V b)
    {
        return _mm512_mul_ps(a, b);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET float hsum(V v)
    {
        // (_mm512_reduce_add_ps trips a false -Wuninitialized in GCC 12's headers.)
        const __m512 t = _mm512_add_ps(v, _mm512_shuffle_f32x4(v, v, _MM_SHUFFLE(1, 0, 3, 2)));
        const __m256 h = _mm512_castps512_ps256(t);
        __m128 s = _mm_add_ps(_mm256_castps256_ps128(h), _mm256_extractf128_ps(h, 1));
        s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        s = _mm_add_ss(s, _mm_movehdup_ps(s));
        return _mm_cvtss_f32(s);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET __m256 half(V v) // the two 256-bit halves added
    {
        return _mm256_add_ps(_mm512_castps512_ps256(v), _mm512_extractf32x8_ps(v, 1));
    }
    /// out[i] = hsum(i-th vector): halve each to 256 bits, then two rounds of horizontal adds shared by the four.
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET void hsum4(V a, V b, V c, V d, float *out)
    {
        const __m256 t = _mm256_hadd_ps(_mm256_hadd_ps(half(a), half(b)), _mm256_hadd_ps(half(c), half(d)));
        _mm_storeu_ps(out, _mm_add_ps(_mm256_castps256_ps128(t), _mm256_extractf128_ps(t, 1)));
    }
};

#include "cpu/cpu_kernels_portable.h"

// --- Register decoders (the chunk interface of cpu_kernels_impl.h) ------------------------------------------------
//
// 4-bit codes become floats through 16-entry tables held in a register (vpermps looks up the low four bits of each
// index), built per block or sub-block as table[q] = d * level(q) with the same float operations as dequantizeRow,
// so every decoded weight is bit-identical to the reference.

ATRIUM_INLINE float halfToF32(const uint8_t *p)
{
    return _cvtsh_ss(impl::loadU16(p));
}

ATRIUM_INLINE __m512i bytesToDwords(const uint8_t *p) // 16 bytes → 16 zero-extended dwords
{
    return _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
}

/// 0, 1, ..., 15 (a function, not a global: a global's initializer would run outside the target region).
ATRIUM_INLINE __m512 iota16()
{
    return _mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}

struct DecQ4_0 {
    static constexpr uint32_t kBlockElems = 32, kBlockBytes = 18, kChunkElems = 32, kVecs = 2;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m512 *v)
    {
        const __m512 kIota = iota16();
        const __m512 table = _mm512_mul_ps(_mm512_sub_ps(kIota, _mm512_set1_ps(8.f)), _mm512_set1_ps(halfToF32(b)));
        const __m512i q = bytesToDwords(b + 2);
        v[0] = _mm512_permutexvar_ps(q, table);
        v[1] = _mm512_permutexvar_ps(_mm512_srli_epi32(q, 4), table);
    }
};

struct DecQ4_1 {
    static constexpr uint32_t kBlockElems = 32, kBlockBytes = 20, kChunkElems = 32, kVecs = 2;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m512 *v)
    {
        const __m512 kIota = iota16();
        const __m512 table =
            _mm512_add_ps(_mm512_mul_ps(kIota, _mm512_set1_ps(halfToF32(b))), _mm512_set1_ps(halfToF32(b + 2)));
        const __m512i q = bytesToDwords(b + 4);
        v[0] = _mm512_permutexvar_ps(q, table);
        v[1] = _mm512_permutexvar_ps(_mm512_srli_epi32(q, 4), table);
    }
};

/// Q5_0 / Q5_1: the fifth bit picks the upper half of a 32-entry table (vpermt2ps looks up five bits).
template <bool HasMin>
struct DecQ5 {
    static constexpr uint32_t kBlockElems = 32, kBlockBytes = HasMin ? 24 : 22, kChunkElems = 32, kVecs = 2;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m512 *v)
    {
        const __m512 kIota = iota16();
        const __m512 d = _mm512_set1_ps(halfToF32(b));
        __m512 lo, hi; // table entries for codes 0..15 and 16..31
        if constexpr (HasMin) {
            const __m512 m = _mm512_set1_ps(halfToF32(b + 2));
            lo = _mm512_add_ps(_mm512_mul_ps(kIota, d), m);
            hi = _mm512_add_ps(_mm512_mul_ps(_mm512_add_ps(kIota, _mm512_set1_ps(16.f)), d), m);
        } else {
            lo = _mm512_mul_ps(_mm512_sub_ps(kIota, _mm512_set1_ps(16.f)), d);
            hi = _mm512_mul_ps(kIota, d);
        }
        const uint32_t qh = impl::loadU32(b + (HasMin ? 4 : 2));
        const __m512i q = bytesToDwords(b + (HasMin ? 8 : 6));
        const __m512i sixteen = _mm512_set1_epi32(16);
        const __m512i qLo = _mm512_and_si512(q, _mm512_set1_epi32(15));
        const __m512i qHi = _mm512_srli_epi32(q, 4);
        const __m512i iLo = _mm512_mask_or_epi32(qLo, static_cast<__mmask16>(qh & 0xFFFF), qLo, sixteen);
        const __m512i iHi = _mm512_mask_or_epi32(qHi, static_cast<__mmask16>(qh >> 16), qHi, sixteen);
        v[0] = _mm512_permutex2var_ps(lo, iLo, hi);
        v[1] = _mm512_permutex2var_ps(lo, iHi, hi);
    }
};

struct DecQ8_0 {
    static constexpr uint32_t kBlockElems = 32, kBlockBytes = 34, kChunkElems = 32, kVecs = 2;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m512 *v)
    {
        const __m512 d = _mm512_set1_ps(halfToF32(b));
        const auto *q = reinterpret_cast<const __m128i *>(b + 2);
        v[0] = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(q))), d);
        v[1] = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(q + 1))), d);
    }
};

/// Q4_K / Q5_K: chunk c is 64 elements: 32 low nibbles (sub-block 2c) then 32 high nibbles (sub-block 2c + 1),
/// each sub-block with its own 6-bit scale and min; Q5_K adds a fifth bit from qh.
template <bool Five>
struct DecK4 {
    static constexpr uint32_t kBlockElems = 256, kBlockBytes = Five ? 176 : 144, kChunkElems = 64, kVecs = 4;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned c, __m512 *v)
    {
        const __m512 kIota = iota16();
        const float d = halfToF32(b);
        const float dmin = halfToF32(b + 2);
        int sc = 0, mn = 0;
        impl::scaleMinK4(static_cast<int>(2 * c), b + 4, sc, mn);
        const float d1 = d * static_cast<float>(sc), m1 = dmin * static_cast<float>(mn);
        impl::scaleMinK4(static_cast<int>(2 * c + 1), b + 4, sc, mn);
        const float d2 = d * static_cast<float>(sc), m2 = dmin * static_cast<float>(mn);
        const uint8_t *qs = b + (Five ? 48 : 16) + 32 * c;
        const __m512i q0 = bytesToDwords(qs); // elements l = 0..15 of the chunk's 32 code bytes
        const __m512i q1 = bytesToDwords(qs + 16); // l = 16..31
        if constexpr (!Five) {
            const __m512 t1 = _mm512_sub_ps(_mm512_mul_ps(kIota, _mm512_set1_ps(d1)), _mm512_set1_ps(m1));
            const __m512 t2 = _mm512_sub_ps(_mm512_mul_ps(kIota, _mm512_set1_ps(d2)), _mm512_set1_ps(m2));
            v[0] = _mm512_permutexvar_ps(q0, t1);
            v[1] = _mm512_permutexvar_ps(q1, t1);
            v[2] = _mm512_permutexvar_ps(_mm512_srli_epi32(q0, 4), t2);
            v[3] = _mm512_permutexvar_ps(_mm512_srli_epi32(q1, 4), t2);
        } else {
            const __m512 iota16 = _mm512_add_ps(kIota, _mm512_set1_ps(16.f));
            const __m512 lo1 = _mm512_sub_ps(_mm512_mul_ps(kIota, _mm512_set1_ps(d1)), _mm512_set1_ps(m1));
            const __m512 hi1 = _mm512_sub_ps(_mm512_mul_ps(iota16, _mm512_set1_ps(d1)), _mm512_set1_ps(m1));
            const __m512 lo2 = _mm512_sub_ps(_mm512_mul_ps(kIota, _mm512_set1_ps(d2)), _mm512_set1_ps(m2));
            const __m512 hi2 = _mm512_sub_ps(_mm512_mul_ps(iota16, _mm512_set1_ps(d2)), _mm512_set1_ps(m2));
            const auto *qh = reinterpret_cast<const __m128i *>(b + 16);
            const __m128i h0 = _mm_loadu_si128(qh), h1 = _mm_loadu_si128(qh + 1);
            const __m128i bitLo = _mm_set1_epi8(static_cast<char>(1u << (2 * c)));
            const __m128i bitHi = _mm_set1_epi8(static_cast<char>(2u << (2 * c)));
            const __m512i sixteen = _mm512_set1_epi32(16);
            const __m512i fifteen = _mm512_set1_epi32(15);
            const __m512i a0 = _mm512_and_si512(q0, fifteen), a1 = _mm512_and_si512(q1, fifteen);
            const __m512i b0 = _mm512_srli_epi32(q0, 4), b1 = _mm512_srli_epi32(q1, 4);
            v[0] =
                _mm512_permutex2var_ps(lo1, _mm512_mask_or_epi32(a0, _mm_test_epi8_mask(h0, bitLo), a0, sixteen), hi1);
            v[1] =
                _mm512_permutex2var_ps(lo1, _mm512_mask_or_epi32(a1, _mm_test_epi8_mask(h1, bitLo), a1, sixteen), hi1);
            v[2] =
                _mm512_permutex2var_ps(lo2, _mm512_mask_or_epi32(b0, _mm_test_epi8_mask(h0, bitHi), b0, sixteen), hi2);
            v[3] =
                _mm512_permutex2var_ps(lo2, _mm512_mask_or_epi32(b1, _mm_test_epi8_mask(h1, bitHi), b1, sixteen), hi2);
        }
    }
};

/// Q6_K: chunk h is one 128-element half; each group of 16 elements has its own int8 scale.
struct DecQ6_K {
    static constexpr uint32_t kBlockElems = 256, kBlockBytes = 210, kChunkElems = 128, kVecs = 8;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned h, __m512 *v)
    {
        const float d = halfToF32(b + 208);
        const uint8_t *ql = b + 64 * h;
        const uint8_t *qh = b + 128 + 32 * h;
        const auto *sc = reinterpret_cast<const int8_t *>(b + 192 + 8 * h);
        const __m512i mask4 = _mm512_set1_epi32(15), mask30 = _mm512_set1_epi32(0x30);
        const __m512i bias = _mm512_set1_epi32(32);
        for (unsigned g = 0; g < 2; ++g) { // l = 16g .. 16g + 15
            const __m512i a = bytesToDwords(ql + 16 * g); // ql[l]
            const __m512i c = bytesToDwords(ql + 32 + 16 * g); // ql[l + 32]
            const __m512i hb = bytesToDwords(qh + 16 * g); // qh[l]
            const __m512i q1 =
                _mm512_or_si512(_mm512_and_si512(a, mask4), _mm512_and_si512(_mm512_slli_epi32(hb, 4), mask30));
            const __m512i q2 =
                _mm512_or_si512(_mm512_and_si512(c, mask4), _mm512_and_si512(_mm512_slli_epi32(hb, 2), mask30));
            const __m512i q3 = _mm512_or_si512(_mm512_srli_epi32(a, 4), _mm512_and_si512(hb, mask30));
            const __m512i q4 =
                _mm512_or_si512(_mm512_srli_epi32(c, 4), _mm512_and_si512(_mm512_srli_epi32(hb, 2), mask30));
            const __m512i qs[4] = {q1, q2, q3, q4};
            for (unsigned k = 0; k < 4; ++k) {
                const __m512 s = _mm512_set1_ps(d * static_cast<float>(sc[g + 2 * k]));
                v[2 * k + g] = _mm512_mul_ps(s, _mm512_cvtepi32_ps(_mm512_sub_epi32(qs[k], bias)));
            }
        }
    }
};

// F16 and BF16 rows as 16-element chunks (any K that is a multiple of 16; others take the portable kernel).
struct DecF16 {
    static constexpr uint32_t kBlockElems = 16, kBlockBytes = 32, kChunkElems = 16, kVecs = 1;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m512 *v)
    {
        v[0] = _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(b)));
    }
};

struct DecBf16 {
    static constexpr uint32_t kBlockElems = 16, kBlockBytes = 32, kChunkElems = 16, kVecs = 1;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m512 *v)
    {
        const __m512i w = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(b)));
        v[0] = _mm512_castsi512_ps(_mm512_slli_epi32(w, 16));
    }
};

#define ATRIUM_DEFINE_CHUNK_KERNELS(Name, D)                                                                           \
    ATRIUM_KERNEL_TARGET void decode512##Name(const void *s, float *d, uint64_t n)                                     \
    {                                                                                                                  \
        impl::decodeChunks<S, D>(s, d, n);                                                                             \
    }                                                                                                                  \
    ATRIUM_KERNEL_TARGET void rowDot512##Name(                                                                         \
        const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)                          \
    {                                                                                                                  \
        impl::rowDotChunks<S, D>(row, x, xStride, nt, K, acc);                                                         \
    }
ATRIUM_DEFINE_CHUNK_KERNELS(Q4_0, DecQ4_0)
ATRIUM_DEFINE_CHUNK_KERNELS(Q4_1, DecQ4_1)
ATRIUM_DEFINE_CHUNK_KERNELS(Q5_0, DecQ5<false>)
ATRIUM_DEFINE_CHUNK_KERNELS(Q5_1, DecQ5<true>)
ATRIUM_DEFINE_CHUNK_KERNELS(Q8_0, DecQ8_0)
ATRIUM_DEFINE_CHUNK_KERNELS(Q4_K, DecK4<false>)
ATRIUM_DEFINE_CHUNK_KERNELS(Q5_K, DecK4<true>)
ATRIUM_DEFINE_CHUNK_KERNELS(Q6_K, DecQ6_K)
ATRIUM_DEFINE_CHUNK_KERNELS(F16, DecF16)
ATRIUM_DEFINE_CHUNK_KERNELS(Bf16, DecBf16)
#undef ATRIUM_DEFINE_CHUNK_KERNELS

/// F16 / BF16 rows: the register path when K is a multiple of 16, the portable one otherwise.
ATRIUM_KERNEL_TARGET void rowDot512F16Any(
    const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)
{
    if (K % 16 == 0)
        return rowDot512F16(row, x, xStride, nt, K, acc);
    rowDotF16(row, x, xStride, nt, K, acc);
}

ATRIUM_KERNEL_TARGET void decode512F16Any(const void *s, float *d, uint64_t n)
{
    decode512F16(s, d, n - n % 16);
    impl::decodeF16(static_cast<const uint8_t *>(s) + 2 * (n - n % 16), d + (n - n % 16), n % 16);
}

ATRIUM_KERNEL_TARGET void rowDot512Bf16Any(
    const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)
{
    if (K % 16 == 0)
        return rowDot512Bf16(row, x, xStride, nt, K, acc);
    rowDotBf16(row, x, xStride, nt, K, acc);
}

ATRIUM_KERNEL_TARGET void decode512Bf16Any(const void *s, float *d, uint64_t n)
{
    decode512Bf16(s, d, n - n % 16);
    impl::decodeBf16(static_cast<const uint8_t *>(s) + 2 * (n - n % 16), d + (n - n % 16), n % 16);
}

Kernels makeAvx512()
{
    Kernels k;
    fillPortableKernels(k, CpuIsa::Avx512);
    fillIntDotAvx512(k);
    fillBf16Avx512(k);
    k.toHalf = toHalfF16c;
    const auto set = [&k](TensorType t, DecodeFn decode, RowDotFn rowDot) {
        k.decode[static_cast<unsigned>(t)] = decode;
        k.rowDot[static_cast<unsigned>(t)] = rowDot;
    };
    set(TensorType::Q4_0, decode512Q4_0, rowDot512Q4_0);
    set(TensorType::Q4_1, decode512Q4_1, rowDot512Q4_1);
    set(TensorType::Q5_0, decode512Q5_0, rowDot512Q5_0);
    set(TensorType::Q5_1, decode512Q5_1, rowDot512Q5_1);
    set(TensorType::Q8_0, decode512Q8_0, rowDot512Q8_0);
    set(TensorType::Q4_K, decode512Q4_K, rowDot512Q4_K);
    set(TensorType::Q5_K, decode512Q5_K, rowDot512Q5_K);
    set(TensorType::Q6_K, decode512Q6_K, rowDot512Q6_K);
    set(TensorType::F16, decode512F16Any, rowDot512F16Any);
    set(TensorType::BF16, decode512Bf16Any, rowDot512Bf16Any);
    return k;
}

} // namespace

const Kernels &avx512Kernels()
{
    static const Kernels k = makeAvx512();
    return k;
}

} // namespace atrium::cpu

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#endif
