// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// The AVX2 + FMA + F16C kernel level (x86-64 only; chosen at run time when the CPU has it).
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
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#endif
#include "cpu/cpu_kernels_impl.h"

namespace atrium::cpu
{

namespace
{

#define ATRIUM_KERNEL_TARGET __attribute__((target("avx2,fma,f16c")))
#define ATRIUM_TILE_ROWS 3 // 16 YMM registers: 12 accumulators + 3 weight vectors (activations as memory operands)
#define ATRIUM_TILE_TOKENS 4

#include "cpu/cpu_simd256.h"
// The portable kernels, instantiated with the wrapper above.
#include "cpu/cpu_kernels_portable.h"

/// 8 × int32 in one AVX2 register.
struct IntOps {
    using T = __m256i;
    static ATRIUM_INLINE T bytes8(const uint8_t *p) // 8 bytes → 8 zero-extended lanes
    {
        return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(p)));
    }
    static ATRIUM_INLINE T sbytes8(const uint8_t *p) // 8 bytes → 8 sign-extended lanes
    {
        return _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(p)));
    }
    static ATRIUM_INLINE __m256 bf16(const uint8_t *p) // 8 bf16 → 8 floats
    {
        const T w = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
        return _mm256_castsi256_ps(_mm256_slli_epi32(w, 16));
    }
    static ATRIUM_INLINE T and_(T a, T b)
    {
        return _mm256_and_si256(a, b);
    }
    static ATRIUM_INLINE T or_(T a, T b)
    {
        return _mm256_or_si256(a, b);
    }
    static ATRIUM_INLINE T sub(T a, T b)
    {
        return _mm256_sub_epi32(a, b);
    }
    static ATRIUM_INLINE T cmpeq(T a, T b)
    {
        return _mm256_cmpeq_epi32(a, b);
    }
    static ATRIUM_INLINE T set1(int v)
    {
        return _mm256_set1_epi32(v);
    }
    static ATRIUM_INLINE T setr(int a, int b, int c, int d, int e, int f, int g, int h)
    {
        return _mm256_setr_epi32(a, b, c, d, e, f, g, h);
    }
    template <int N>
    static ATRIUM_INLINE T srli(T a)
    {
        return _mm256_srli_epi32(a, N);
    }
    template <int N>
    static ATRIUM_INLINE T slli(T a)
    {
        return _mm256_slli_epi32(a, N);
    }
    static ATRIUM_INLINE __m256 toFloat(T a)
    {
        return _mm256_cvtepi32_ps(a);
    }
};

#include "cpu/cpu_decoders256.h"

Kernels makeAvx2()
{
    Kernels k;
    fillPortableKernels(k, CpuIsa::Avx2);
    fillIntDotAvx2(k);
    fillChunkKernels256(k);
    k.toHalf = toHalfF16c;
    return k;
}
} // namespace

const Kernels &avx2Kernels()
{
    static const Kernels k = makeAvx2();
    return k;
}

} // namespace atrium::cpu

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#endif
