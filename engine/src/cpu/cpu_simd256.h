// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// The 256-bit float SIMD wrapper `S` (AVX + FMA) of cpu_kernels_impl.h's templates, shared by the AVX and AVX2
// levels. Include it inside the anonymous namespace of a cpu_kernels_<isa>.cpp, within its target region and after
// defining ATRIUM_KERNEL_TARGET.

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
    /// out[i] = hsum(i-th vector), with two rounds of horizontal adds shared by the four.
    static ATRIUM_INLINE ATRIUM_KERNEL_TARGET void hsum4(V a, V b, V c, V d, float *out)
    {
        const __m256 t = _mm256_hadd_ps(_mm256_hadd_ps(a, b), _mm256_hadd_ps(c, d));
        _mm_storeu_ps(out, _mm_add_ps(_mm256_castps256_ps128(t), _mm256_extractf128_ps(t, 1)));
    }
};
