// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// The AVX + FMA + F16C kernel level without AVX2 (x86-64 only): the portable kernels with 256-bit float math and
// 128-bit integer decoding, the instruction set of pre-Haswell-class and some virtualized CPUs.
#include "cpu/cpu_kernels.h"

// Standard headers before the target switch, so only our own code is compiled for the ISA.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#if defined(__x86_64__)
#include <immintrin.h>

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx,fma,f16c")
#endif
#include "cpu/cpu_kernels_impl.h"

namespace atrium::cpu
{

namespace
{

#define ATRIUM_KERNEL_TARGET __attribute__((target("avx,fma,f16c")))
#define ATRIUM_TILE_ROWS 3 // 16 YMM registers: 12 accumulators + 3 weight vectors (activations as memory operands)
#define ATRIUM_TILE_TOKENS 4

#include "cpu/cpu_simd256.h"
// The portable kernels, instantiated with the wrapper above.
#include "cpu/cpu_kernels_portable.h"

/// 8 × int32 as two SSE halves: AVX has 256-bit float math but only 128-bit integer instructions.
struct IntOps {
    struct T {
        __m128i lo, hi;
    };
    static ATRIUM_INLINE T bytes8(const uint8_t *p) // 8 bytes → 8 zero-extended lanes
    {
        const __m128i x = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p));
        return T {_mm_cvtepu8_epi32(x), _mm_cvtepu8_epi32(_mm_srli_si128(x, 4))};
    }
    static ATRIUM_INLINE T sbytes8(const uint8_t *p) // 8 bytes → 8 sign-extended lanes
    {
        const __m128i x = _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p));
        return T {_mm_cvtepi8_epi32(x), _mm_cvtepi8_epi32(_mm_srli_si128(x, 4))};
    }
    static ATRIUM_INLINE __m256 bf16(const uint8_t *p) // 8 bf16 → 8 floats
    {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i zero = _mm_setzero_si128();
        return _mm256_castsi256_ps(_mm256_set_m128i(_mm_unpackhi_epi16(zero, x), _mm_unpacklo_epi16(zero, x)));
    }
    static ATRIUM_INLINE T and_(T a, T b)
    {
        return T {_mm_and_si128(a.lo, b.lo), _mm_and_si128(a.hi, b.hi)};
    }
    static ATRIUM_INLINE T or_(T a, T b)
    {
        return T {_mm_or_si128(a.lo, b.lo), _mm_or_si128(a.hi, b.hi)};
    }
    static ATRIUM_INLINE T sub(T a, T b)
    {
        return T {_mm_sub_epi32(a.lo, b.lo), _mm_sub_epi32(a.hi, b.hi)};
    }
    static ATRIUM_INLINE T cmpeq(T a, T b)
    {
        return T {_mm_cmpeq_epi32(a.lo, b.lo), _mm_cmpeq_epi32(a.hi, b.hi)};
    }
    static ATRIUM_INLINE T set1(int v)
    {
        return T {_mm_set1_epi32(v), _mm_set1_epi32(v)};
    }
    static ATRIUM_INLINE T setr(int a, int b, int c, int d, int e, int f, int g, int h)
    {
        return T {_mm_setr_epi32(a, b, c, d), _mm_setr_epi32(e, f, g, h)};
    }
    template <int N>
    static ATRIUM_INLINE T srli(T a)
    {
        return T {_mm_srli_epi32(a.lo, N), _mm_srli_epi32(a.hi, N)};
    }
    template <int N>
    static ATRIUM_INLINE T slli(T a)
    {
        return T {_mm_slli_epi32(a.lo, N), _mm_slli_epi32(a.hi, N)};
    }
    static ATRIUM_INLINE __m256 toFloat(T a)
    {
        return _mm256_cvtepi32_ps(_mm256_set_m128i(a.hi, a.lo));
    }
};

#include "cpu/cpu_decoders256.h"

Kernels makeAvx()
{
    Kernels k;
    fillPortableKernels(k, CpuIsa::Avx);
    fillIntDotAvx(k);
    fillChunkKernels256(k);
    k.toHalf = toHalfF16c;
    return k;
}

} // namespace

void toHalfF16c(const float *src, uint16_t *dst, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + i),
            _mm256_cvtps_ph(_mm256_loadu_ps(src + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    for (; i < n; ++i)
        dst[i] = _cvtss_sh(src[i], _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}

const Kernels &avxKernels()
{
    static const Kernels k = makeAvx();
    return k;
}

} // namespace atrium::cpu

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#endif
