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

struct S {
    using V = __m256;
    static constexpr size_t kWidth = 8;
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V zero()
    {
        return _mm256_setzero_ps();
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V load(const float *p)
    {
        return _mm256_loadu_ps(p);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET void store(float *p, V v)
    {
        _mm256_storeu_ps(p, v);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V set1(float f)
    {
        return _mm256_set1_ps(f);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V fma(V a, V b, V c)
    {
        return _mm256_fmadd_ps(a, b, c);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V add(V a, V b)
    {
        return _mm256_add_ps(a, b);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET V mul(V a, V b)
    {
        return _mm256_mul_ps(a, b);
    }
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET float hsum(V v)
    {
        __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
        s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        s = _mm_add_ss(s, _mm_movehdup_ps(s));
        return _mm_cvtss_f32(s);
    }
};

#include "cpu/cpu_kernels_portable.h"

Kernels makeAvx2()
{
    Kernels k;
    fillPortableKernels(k, CpuIsa::Avx2);
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
