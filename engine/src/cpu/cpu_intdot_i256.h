// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// 32 packed bytes as one AVX2 register, for cpu_intdot_simd.h (no include guard: included inside an anonymous
// namespace by the AVX2 and AVX-512 integer-dot files, with their target ISA switched on). With
// ATRIUM_INTDOT_VNNI defined, dotU8S8 is one AVX-512 VNNI vpdpbusd.

struct I {
    using V = __m256i;
    static ATRIUM_INTDOT_INLINE V zero()
    {
        return _mm256_setzero_si256();
    }
    static ATRIUM_INTDOT_INLINE V load(const void *p)
    {
        return _mm256_loadu_si256(static_cast<const __m256i *>(p));
    }
    static ATRIUM_INTDOT_INLINE V set1_8(int v)
    {
        return _mm256_set1_epi8(static_cast<char>(v));
    }
    static ATRIUM_INTDOT_INLINE V set1_16(int v)
    {
        return _mm256_set1_epi16(static_cast<short>(v));
    }
    static ATRIUM_INTDOT_INLINE V scales2(int a, int b)
    {
        return _mm256_set_m128i(_mm_set1_epi16(static_cast<short>(b)), _mm_set1_epi16(static_cast<short>(a)));
    }
    static ATRIUM_INTDOT_INLINE V and_(V a, V b)
    {
        return _mm256_and_si256(a, b);
    }
    static ATRIUM_INTDOT_INLINE V or_(V a, V b)
    {
        return _mm256_or_si256(a, b);
    }
    static ATRIUM_INTDOT_INLINE V andnot(V a, V b)
    {
        return _mm256_andnot_si256(a, b);
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V srli16(V a)
    {
        return _mm256_srli_epi16(a, N);
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V slli16(V a)
    {
        return _mm256_slli_epi16(a, N);
    }
    static ATRIUM_INTDOT_INLINE V sub8(V a, V b)
    {
        return _mm256_sub_epi8(a, b);
    }
    static ATRIUM_INTDOT_INLINE V sub16(V a, V b)
    {
        return _mm256_sub_epi16(a, b);
    }
    static ATRIUM_INTDOT_INLINE V add32(V a, V b)
    {
        return _mm256_add_epi32(a, b);
    }
    static ATRIUM_INTDOT_INLINE void store(void *p, V a)
    {
        _mm256_storeu_si256(static_cast<__m256i *>(p), a);
    }
    static ATRIUM_INTDOT_INLINE V add16(V a, V b)
    {
        return _mm256_add_epi16(a, b);
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V srli64(V a)
    {
        return _mm256_srli_epi64(a, N);
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V slli64(V a)
    {
        return _mm256_slli_epi64(a, N);
    }
    static ATRIUM_INTDOT_INLINE V blend32odd(V a, V b)
    {
        return _mm256_blend_epi32(a, b, 0xAA);
    }
    static ATRIUM_INTDOT_INLINE V blend64odd(V a, V b)
    {
        return _mm256_blend_epi32(a, b, 0xCC);
    }
    static ATRIUM_INTDOT_INLINE V swap32(V a)
    {
        return _mm256_shuffle_epi32(a, 0xB1);
    }
    static ATRIUM_INTDOT_INLINE V swap64(V a)
    {
        return _mm256_shuffle_epi32(a, 0x4E);
    }
    /// Lanes 0..3: the 4 i16 at p shifted left by N, as i32; lanes 4..7: zero.
    template <int N>
    static ATRIUM_INTDOT_INLINE V sums4(const int16_t *p)
    {
        const __m128i v = _mm_slli_epi32(_mm_cvtepi16_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(p))), N);
        return _mm256_set_m128i(_mm_setzero_si128(), v);
    }
    static ATRIUM_INTDOT_INLINE V sub32(V a, V b)
    {
        return _mm256_sub_epi32(a, b);
    }
    static ATRIUM_INTDOT_INLINE V abs8(V a)
    {
        return _mm256_abs_epi8(a);
    }
    static ATRIUM_INTDOT_INLINE V sign8(V a, V b)
    {
        return _mm256_sign_epi8(a, b);
    }
    static ATRIUM_INTDOT_INLINE V maddubs(V u, V s)
    {
        return _mm256_maddubs_epi16(u, s);
    }
    static ATRIUM_INTDOT_INLINE V madd(V a, V b)
    {
        return _mm256_madd_epi16(a, b);
    }
    static ATRIUM_INTDOT_INLINE V dotU8S8(V u, V s)
    {
#if defined(ATRIUM_INTDOT_VNNI)
        return _mm256_dpbusd_epi32(_mm256_setzero_si256(), u, s);
#else
        return _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1));
#endif
    }
    /// acc + dotU8S8(u, s)
    static ATRIUM_INTDOT_INLINE V dotAccU8S8(V acc, V u, V s)
    {
#if defined(ATRIUM_INTDOT_VNNI)
        return _mm256_dpbusd_epi32(acc, u, s);
#else
        return _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1)));
#endif
    }
    static ATRIUM_INTDOT_INLINE V set1_32(int v)
    {
        return _mm256_set1_epi32(v);
    }
    template <int N>
    static ATRIUM_INTDOT_INLINE V srli32(V a)
    {
        return _mm256_srli_epi32(a, N);
    }
    static ATRIUM_INTDOT_INLINE V srl32(V a, int n)
    {
        return _mm256_srl_epi32(a, _mm_cvtsi32_si128(n));
    }
    static ATRIUM_INTDOT_INLINE V sll32(V a, int n)
    {
        return _mm256_sll_epi32(a, _mm_cvtsi32_si128(n));
    }
    static ATRIUM_INTDOT_INLINE V mullo32(V a, V b)
    {
        return _mm256_mullo_epi32(a, b);
    }
    /// The 4 bytes at p in every 32-bit lane.
    static ATRIUM_INTDOT_INLINE V bcast32(const void *p)
    {
        int32_t v;
        std::memcpy(&v, p, 4);
        return _mm256_set1_epi32(v);
    }
    static ATRIUM_INTDOT_INLINE V nibbles(const uint8_t *p)
    {
        const __m128i t = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        return _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(t, 4), t), _mm256_set1_epi8(0x0F));
    }
    static ATRIUM_INTDOT_INLINE V widen8(const int8_t *p)
    {
        return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
    }
    static ATRIUM_INTDOT_INLINE V pairs16(const uint8_t *p)
    {
        const __m128i m = _mm_cvtepu8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(p)));
        return _mm256_set_m128i(_mm_unpackhi_epi16(m, m), _mm_unpacklo_epi16(m, m));
    }
    static ATRIUM_INTDOT_INLINE V bitsToBytes(uint32_t x)
    {
        // Byte j takes byte j / 8 of x, then keeps only bit j % 8 by or-ing in every other bit.
        const V shuffle = _mm256_setr_epi64x(0, 0x0101010101010101, 0x0202020202020202, 0x0303030303030303);
        const V bytes = _mm256_shuffle_epi8(_mm256_set1_epi32(static_cast<int>(x)), shuffle);
        const V others = _mm256_set1_epi64x(0x7FBFDFEFF7FBFDFE);
        return _mm256_cmpeq_epi8(_mm256_or_si256(bytes, others), _mm256_set1_epi64x(-1));
    }
    static ATRIUM_INTDOT_INLINE __m256 toFloat(V a)
    {
        return _mm256_cvtepi32_ps(a);
    }
};
