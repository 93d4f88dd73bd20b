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
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
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

#define ATRIUM_KERNEL_TARGET                                                                                           \
    __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c,prefer-vector-width=512")))
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
};

#include "cpu/cpu_kernels_portable.h"

Kernels makeAvx512()
{
    Kernels k;
    fillPortableKernels(k, CpuIsa::Avx512);
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
