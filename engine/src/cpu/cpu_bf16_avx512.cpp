// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Prompt matmuls in bf16 for the AVX-512 level on CPUs with AVX-512 BF16 (x86-64 only): vdpbf16ps multiplies 32
// bf16 pairs per instruction into 16 f32 sums, twice the multiply-adds of an f32 FMA at the same rate.
#include "cpu/cpu_kernels.h"

// Standard headers before the target switch, so only our own code is compiled for the ISA.
#include <cstddef>
#include <cstdint>

#if defined(__x86_64__)
// GCC 12's AVX-512 intrinsics trip a false -Wuninitialized once inlined (GCC PR 105593); see cpu_kernels_avx512.cpp.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#pragma GCC diagnostic pop

#if defined(__clang__)
#pragma clang attribute push(                                                                                          \
    __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx512bf16"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl,avx512bf16")
#endif

namespace atrium::cpu
{
namespace
{

constexpr unsigned kRows = 4; ///< tile rows (weights)
constexpr unsigned kTokens = 6; ///< tile tokens: 24 accumulators + 4 weight vectors + 1 token vector of 32

/// dst[0, nPadded) = src[0, n) rounded to bf16 (nearest, ties to even), then zeros.
void toBf16(const float *src, size_t n, uint16_t *dst, size_t nPadded)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16)
        _mm256_storeu_si256(
            reinterpret_cast<__m256i *>(dst + i), (__m256i)_mm512_cvtneps_pbh(_mm512_loadu_ps(src + i)));
    if (i < n) {
        const auto mask = static_cast<__mmask16>((1u << (n - i)) - 1);
        const __m256i v = (__m256i)_mm512_cvtneps_pbh(_mm512_maskz_loadu_ps(mask, src + i));
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(dst + i), v); // zeros past n
        i += 16;
    }
    for (; i < nPadded; i += 16)
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(dst + i), _mm256_setzero_si256());
}

template <unsigned R, unsigned N>
void tileRN(const uint16_t *w, size_t wStride, const uint16_t *x, size_t xStride, size_t K, float *out, size_t ldo)
{
    __m512 acc[R][N];
    for (unsigned i = 0; i < R; ++i)
        for (unsigned j = 0; j < N; ++j)
            acc[i][j] = _mm512_setzero_ps();
    for (size_t k = 0; k < K; k += kBf16Step) {
        __m512bh wv[R];
        for (unsigned i = 0; i < R; ++i)
            wv[i] = (__m512bh)_mm512_loadu_si512(w + i * wStride + k);
        for (unsigned j = 0; j < N; ++j) {
            const auto xv = (__m512bh)_mm512_loadu_si512(x + j * xStride + k);
            for (unsigned i = 0; i < R; ++i)
                acc[i][j] = _mm512_dpbf16_ps(acc[i][j], wv[i], xv);
        }
    }
    for (unsigned i = 0; i < R; ++i)
        for (unsigned j = 0; j < N; ++j)
            out[j * ldo + i] = _mm512_reduce_add_ps(acc[i][j]);
}

template <unsigned R>
void tileRows(
    const uint16_t *w, size_t wStride, const uint16_t *x, size_t xStride, unsigned nt, size_t K, float *out, size_t ldo)
{
    switch (nt) {
    case 1:
        return tileRN<R, 1>(w, wStride, x, xStride, K, out, ldo);
    case 2:
        return tileRN<R, 2>(w, wStride, x, xStride, K, out, ldo);
    case 3:
        return tileRN<R, 3>(w, wStride, x, xStride, K, out, ldo);
    case 4:
        return tileRN<R, 4>(w, wStride, x, xStride, K, out, ldo);
    case 5:
        return tileRN<R, 5>(w, wStride, x, xStride, K, out, ldo);
    default:
        return tileRN<R, kTokens>(w, wStride, x, xStride, K, out, ldo);
    }
}

void tile(const uint16_t *w,
    size_t wStride,
    unsigned mr,
    const uint16_t *x,
    size_t xStride,
    unsigned nt,
    size_t K,
    float *out,
    size_t ldo)
{
    switch (mr) {
    case 1:
        return tileRows<1>(w, wStride, x, xStride, nt, K, out, ldo);
    case 2:
        return tileRows<2>(w, wStride, x, xStride, nt, K, out, ldo);
    case 3:
        return tileRows<3>(w, wStride, x, xStride, nt, K, out, ldo);
    default:
        return tileRows<kRows>(w, wStride, x, xStride, nt, K, out, ldo);
    }
}

} // namespace
} // namespace atrium::cpu

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

namespace atrium::cpu
{

void fillBf16Avx512(Kernels &k)
{
    if (!__builtin_cpu_supports("avx512bf16"))
        return;
    k.bf16 = Bf16Gemm {toBf16, tile, kRows, kTokens};
}

} // namespace atrium::cpu

#endif
