// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Integer-dot kernels for the AVX level without AVX2 (x86-64 only): AVX has 256-bit float math but only 128-bit
// integer instructions, so 32 bytes are two SSSE3 registers (maddubs / madd / sign on xmm).
#include "cpu/cpu_kernels.h"

// Standard headers before the target switch, so only our own code is compiled for the ISA.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "cpu/cpu_act_quant.h"
#include "cpu/cpu_interleave.h"

#define ATRIUM_INTDOT_INLINE __attribute__((always_inline)) inline
// Prompt micro-tile shapes (rows × tokens) for two xmm per 32 bytes, 16 registers.
// The four-block nibble tile (ATRIUM_INTDOT_TILE_QUADS) measured no faster here: its folds are twice the
// instructions on two xmm halves.
#define ATRIUM_INTDOT_TILE_LEGACY_ROWS 3
#define ATRIUM_INTDOT_TILE_LEGACY_TOKENS 3
#define ATRIUM_INTDOT_TILE_Q8_ROWS 3
#define ATRIUM_INTDOT_TILE_Q8_TOKENS 3
#define ATRIUM_INTDOT_TILE_K_ROWS 2
#define ATRIUM_INTDOT_TILE_K_TOKENS 3

#if defined(__x86_64__)
#include <immintrin.h>

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx,fma,f16c")
#endif

namespace atrium::cpu
{

namespace
{

/// 32 packed bytes as two SSE halves (bytes 0..15, 16..31).
struct I {
    struct V {
        __m128i lo, hi;
    };
    template <class F>
    static ATRIUM_INTDOT_INLINE V each(V a, V b, F f)
    {
        return V {f(a.lo, b.lo), f(a.hi, b.hi)};
    }
    static ATRIUM_INTDOT_INLINE V zero()
    {
        return V {_mm_setzero_si128(), _mm_setzero_si128()};
    }
    static ATRIUM_INTDOT_INLINE V load(const void *p)
    {
        const auto *q = static_cast<const __m128i *>(p);
        return V {_mm_loadu_si128(q), _mm_loadu_si128(q + 1)};
    }
    static ATRIUM_INTDOT_INLINE V set1_8(int v)
    {
        const __m128i x = _mm_set1_epi8(static_cast<char>(v));
        return V {x, x};
    }
    static ATRIUM_INTDOT_INLINE V set1_16(int v)
    {
        const __m128i x = _mm_set1_epi16(static_cast<short>(v));
        return V {x, x};
    }
    static ATRIUM_INTDOT_INLINE V scales2(int a, int b)
    {
        return V {_mm_set1_epi16(static_cast<short>(a)), _mm_set1_epi16(static_cast<short>(b))};
    }
    static ATRIUM_INTDOT_INLINE V and_(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_and_si128(x, y); });
    }
    static ATRIUM_INTDOT_INLINE V or_(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_or_si128(x, y); });
    }
    static ATRIUM_INTDOT_INLINE V andnot(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_andnot_si128(x, y); });
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V srli16(V a)
    {
        return V {_mm_srli_epi16(a.lo, N), _mm_srli_epi16(a.hi, N)};
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V slli16(V a)
    {
        return V {_mm_slli_epi16(a.lo, N), _mm_slli_epi16(a.hi, N)};
    }
    static ATRIUM_INTDOT_INLINE V sub8(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_sub_epi8(x, y); });
    }
    static ATRIUM_INTDOT_INLINE V sub16(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_sub_epi16(x, y); });
    }
    static ATRIUM_INTDOT_INLINE V add32(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_add_epi32(x, y); });
    }
    static ATRIUM_INTDOT_INLINE void store(void *p, V a)
    {
        auto *q = static_cast<__m128i *>(p);
        _mm_storeu_si128(q, a.lo);
        _mm_storeu_si128(q + 1, a.hi);
    }
    static ATRIUM_INTDOT_INLINE V add16(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_add_epi16(x, y); });
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V srli64(V a)
    {
        return V {_mm_srli_epi64(a.lo, N), _mm_srli_epi64(a.hi, N)};
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V slli64(V a)
    {
        return V {_mm_slli_epi64(a.lo, N), _mm_slli_epi64(a.hi, N)};
    }
    static ATRIUM_INTDOT_INLINE V blend32odd(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_blend_epi16(x, y, 0xCC); });
    }
    static ATRIUM_INTDOT_INLINE V blend64odd(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_blend_epi16(x, y, 0xF0); });
    }
    static ATRIUM_INTDOT_INLINE V swap32(V a)
    {
        return V {_mm_shuffle_epi32(a.lo, 0xB1), _mm_shuffle_epi32(a.hi, 0xB1)};
    }
    static ATRIUM_INTDOT_INLINE V swap64(V a)
    {
        return V {_mm_shuffle_epi32(a.lo, 0x4E), _mm_shuffle_epi32(a.hi, 0x4E)};
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V sums4(const int16_t *p)
    {
        const __m128i v = _mm_slli_epi32(_mm_cvtepi16_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(p))), N);
        return V {v, _mm_setzero_si128()};
    }
    static ATRIUM_INTDOT_INLINE V sub32(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_sub_epi32(x, y); });
    }
    static ATRIUM_INTDOT_INLINE V abs8(V a)
    {
        return V {_mm_abs_epi8(a.lo), _mm_abs_epi8(a.hi)};
    }
    static ATRIUM_INTDOT_INLINE V sign8(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_sign_epi8(x, y); });
    }
    static ATRIUM_INTDOT_INLINE V maddubs(V u, V s)
    {
        return each(u, s, [](__m128i x, __m128i y) { return _mm_maddubs_epi16(x, y); });
    }
    static ATRIUM_INTDOT_INLINE V madd(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_madd_epi16(x, y); });
    }
    static ATRIUM_INTDOT_INLINE V dotU8S8(V u, V s)
    {
        return madd(maddubs(u, s), set1_16(1));
    }
    /// acc + dotU8S8(u, s)
    static ATRIUM_INTDOT_INLINE V dotAccU8S8(V acc, V u, V s)
    {
        return add32(acc, dotU8S8(u, s));
    }
    static ATRIUM_INTDOT_INLINE V set1_32(int v)
    {
        const __m128i b = _mm_set1_epi32(v);
        return V {b, b};
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V srli32(V a)
    {
        return V {_mm_srli_epi32(a.lo, N), _mm_srli_epi32(a.hi, N)};
    }
    static ATRIUM_INTDOT_INLINE V srl32(V a, int n)
    {
        const __m128i c = _mm_cvtsi32_si128(n);
        return V {_mm_srl_epi32(a.lo, c), _mm_srl_epi32(a.hi, c)};
    }
    static ATRIUM_INTDOT_INLINE V sll32(V a, int n)
    {
        const __m128i c = _mm_cvtsi32_si128(n);
        return V {_mm_sll_epi32(a.lo, c), _mm_sll_epi32(a.hi, c)};
    }
    static ATRIUM_INTDOT_INLINE V mullo32(V a, V b)
    {
        return each(a, b, [](__m128i x, __m128i y) { return _mm_mullo_epi32(x, y); });
    }
    /// The 4 bytes at p in every 32-bit lane.
    static ATRIUM_INTDOT_INLINE V bcast32(const void *p)
    {
        int32_t v;
        std::memcpy(&v, p, 4);
        const __m128i b = _mm_set1_epi32(v);
        return V {b, b};
    }
    static ATRIUM_INTDOT_INLINE V nibbles(const uint8_t *p)
    {
        const __m128i t = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i m = _mm_set1_epi8(0x0F);
        return V {_mm_and_si128(t, m), _mm_and_si128(_mm_srli_epi16(t, 4), m)};
    }
    static ATRIUM_INTDOT_INLINE V widen8(const int8_t *p)
    {
        const __m128i t = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        return V {_mm_cvtepi8_epi16(t), _mm_cvtepi8_epi16(_mm_srli_si128(t, 8))};
    }
    static ATRIUM_INTDOT_INLINE V pairs16(const uint8_t *p)
    {
        const __m128i m = _mm_cvtepu8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(p)));
        return V {_mm_unpacklo_epi16(m, m), _mm_unpackhi_epi16(m, m)};
    }
    static ATRIUM_INTDOT_INLINE V bitsToBytes(uint32_t x)
    {
        // Byte j takes byte j / 8 of x, then keeps only bit j % 8 by or-ing in every other bit.
        const __m128i v = _mm_set1_epi32(static_cast<int>(x));
        const __m128i others = _mm_set1_epi64x(0x7FBFDFEFF7FBFDFE);
        const __m128i ones = _mm_set1_epi64x(-1);
        const __m128i lo = _mm_shuffle_epi8(v, _mm_set_epi64x(0x0101010101010101, 0));
        const __m128i hi = _mm_shuffle_epi8(v, _mm_set_epi64x(0x0303030303030303, 0x0202020202020202));
        return V {_mm_cmpeq_epi8(_mm_or_si128(lo, others), ones), _mm_cmpeq_epi8(_mm_or_si128(hi, others), ones)};
    }
    static ATRIUM_INTDOT_INLINE __m256 toFloat(V a)
    {
        return _mm256_cvtepi32_ps(_mm256_set_m128i(a.hi, a.lo));
    }
};

#include "cpu/cpu_intdot_simd.h"

} // namespace

void fillIntDotAvx(Kernels &k)
{
    fillIntDotSimd(k);
}

} // namespace atrium::cpu

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#endif
