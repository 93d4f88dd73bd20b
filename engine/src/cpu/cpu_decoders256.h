// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Register decoders for 256-bit float vectors (the chunk interface of cpu_kernels_impl.h), shared by the AVX and
// AVX2 levels. They are templates on an 8 × int32 wrapper `IntOps` (T, bytes8, sbytes8, bf16, and_, or_, sub,
// cmpeq, set1, setr, srli<n>, slli<n>, toFloat): AVX2 does the integer steps in one 256-bit register, AVX in two
// 128-bit halves. Include inside the anonymous namespace of a cpu_kernels_<isa>.cpp, within its target region, after
// the wrapper `S`, the portable kernels and `IntOps`; fillChunkKernels256() installs the kernels in a table.
//
// Codes are widened to 32-bit lanes and converted with the float operations of dequantizeRow (no FMA), so every
// decoded weight is bit-identical to the reference.

ATRIUM_INLINE float halfToF32(const uint8_t *p)
{
    return _cvtsh_ss(impl::loadU16(p));
}

/// Lanes whose bit (of the 8 consecutive qh bits starting at `first`) is set, as 16; else 0.
template <class I>
ATRIUM_INLINE typename I::T fifthBits(uint32_t qh, unsigned first)
{
    const typename I::T bits = I::setr(1, 2, 4, 8, 16, 32, 64, 128);
    const typename I::T set = I::cmpeq(I::and_(I::set1(static_cast<int>(qh >> first)), bits), bits);
    return I::and_(set, I::set1(16));
}

template <class I>
struct DecQ4_0 {
    static constexpr uint32_t kBlockElems = 32, kBlockBytes = 18, kChunkElems = 32, kVecs = 4;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m256 *v)
    {
        const __m256 d = _mm256_set1_ps(halfToF32(b));
        const typename I::T eight = I::set1(8), mask = I::set1(15);
        const typename I::T w0 = I::bytes8(b + 2), w1 = I::bytes8(b + 10);
        v[0] = _mm256_mul_ps(I::toFloat(I::sub(I::and_(w0, mask), eight)), d);
        v[1] = _mm256_mul_ps(I::toFloat(I::sub(I::and_(w1, mask), eight)), d);
        v[2] = _mm256_mul_ps(I::toFloat(I::sub(I::template srli<4>(w0), eight)), d);
        v[3] = _mm256_mul_ps(I::toFloat(I::sub(I::template srli<4>(w1), eight)), d);
    }
};

template <class I>
struct DecQ4_1 {
    static constexpr uint32_t kBlockElems = 32, kBlockBytes = 20, kChunkElems = 32, kVecs = 4;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m256 *v)
    {
        const __m256 d = _mm256_set1_ps(halfToF32(b)), m = _mm256_set1_ps(halfToF32(b + 2));
        const typename I::T mask = I::set1(15);
        const typename I::T w0 = I::bytes8(b + 4), w1 = I::bytes8(b + 12);
        v[0] = _mm256_add_ps(_mm256_mul_ps(I::toFloat(I::and_(w0, mask)), d), m);
        v[1] = _mm256_add_ps(_mm256_mul_ps(I::toFloat(I::and_(w1, mask)), d), m);
        v[2] = _mm256_add_ps(_mm256_mul_ps(I::toFloat(I::template srli<4>(w0)), d), m);
        v[3] = _mm256_add_ps(_mm256_mul_ps(I::toFloat(I::template srli<4>(w1)), d), m);
    }
};

template <class I, bool HasMin>
struct DecQ5 {
    static constexpr uint32_t kBlockElems = 32, kBlockBytes = HasMin ? 24 : 22, kChunkElems = 32, kVecs = 4;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m256 *v)
    {
        const __m256 d = _mm256_set1_ps(halfToF32(b));
        const uint32_t qh = impl::loadU32(b + (HasMin ? 4 : 2));
        const uint8_t *qs = b + (HasMin ? 8 : 6);
        const typename I::T mask = I::set1(15);
        const typename I::T w0 = I::bytes8(qs), w1 = I::bytes8(qs + 8);
        const typename I::T q[4] = {I::or_(I::and_(w0, mask), fifthBits<I>(qh, 0)),
            I::or_(I::and_(w1, mask), fifthBits<I>(qh, 8)),
            I::or_(I::template srli<4>(w0), fifthBits<I>(qh, 16)),
            I::or_(I::template srli<4>(w1), fifthBits<I>(qh, 24))};
        for (unsigned i = 0; i < 4; ++i) {
            if constexpr (HasMin)
                v[i] = _mm256_add_ps(_mm256_mul_ps(I::toFloat(q[i]), d), _mm256_set1_ps(halfToF32(b + 2)));
            else
                v[i] = _mm256_mul_ps(I::toFloat(I::sub(q[i], I::set1(16))), d);
        }
    }
};

template <class I>
struct DecQ8_0 {
    static constexpr uint32_t kBlockElems = 32, kBlockBytes = 34, kChunkElems = 32, kVecs = 4;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m256 *v)
    {
        const __m256 d = _mm256_set1_ps(halfToF32(b));
        for (unsigned i = 0; i < 4; ++i) {
            v[i] = _mm256_mul_ps(I::toFloat(I::sbytes8(b + 2 + 8 * i)), d);
        }
    }
};

/// Q4_K / Q5_K: chunk c = 32 low nibbles (sub-block 2c) then 32 high nibbles (sub-block 2c + 1).
/// Q4_K / Q5_K: chunk s is sub-block s (32 elements): the low nibbles of code bytes 32(s/2).. for even s, the
/// high nibbles for odd s, with the sub-block's 6-bit scale and min (and for Q5_K bit s of qh[l]).
template <class I, bool Five>
struct DecK4 {
    static constexpr uint32_t kBlockElems = 256, kBlockBytes = Five ? 176 : 144, kChunkElems = 32, kVecs = 4;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned s, __m256 *v)
    {
        int sc = 0, mn = 0;
        impl::scaleMinK4(static_cast<int>(s), b + 4, sc, mn);
        const __m256 d1 = _mm256_set1_ps(halfToF32(b) * static_cast<float>(sc));
        const __m256 m1 = _mm256_set1_ps(halfToF32(b + 2) * static_cast<float>(mn));
        const uint8_t *qs = b + (Five ? 48 : 16) + 32 * (s / 2);
        const typename I::T mask = I::set1(15);
        for (unsigned i = 0; i < 4; ++i) { // l = 8i .. 8i + 7
            const typename I::T w = I::bytes8(qs + 8 * i);
            typename I::T q = s % 2 == 0 ? I::and_(w, mask) : I::template srli<4>(w);
            if constexpr (Five) {
                const typename I::T h = I::bytes8(b + 16 + 8 * i); // qh[l]
                const typename I::T bit = I::set1(1 << s);
                q = I::or_(q, I::and_(I::cmpeq(I::and_(h, bit), bit), I::set1(16)));
            }
            v[i] = _mm256_sub_ps(_mm256_mul_ps(d1, I::toFloat(q)), m1);
        }
    }
};

/// Q6_K: chunk c covers elements 32c .. 32c + 31: half h = c / 4, quarter k = c % 4 (engine-notes §2: the low or
/// high nibbles of ql[l] or ql[l + 32] with bits 2k, 2k + 1 of qh[l]); each 16 elements have their own int8 scale.
template <class I>
struct DecQ6_K {
    static constexpr uint32_t kBlockElems = 256, kBlockBytes = 210, kChunkElems = 32, kVecs = 4;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned c, __m256 *v)
    {
        const unsigned h = c / 4, k = c % 4;
        const float d = halfToF32(b + 208);
        const uint8_t *ql = b + 64 * h + (k % 2 == 1 ? 32 : 0);
        const uint8_t *qh = b + 128 + 32 * h;
        const auto *sc = reinterpret_cast<const int8_t *>(b + 192 + 8 * h);
        const typename I::T mask4 = I::set1(15), mask30 = I::set1(0x30), bias = I::set1(32);
        for (unsigned i = 0; i < 4; ++i) { // l = 8i .. 8i + 7, scale group l / 16 = i / 2
            const typename I::T a = I::bytes8(ql + 8 * i);
            const typename I::T hb = I::bytes8(qh + 8 * i);
            const typename I::T lowBits = k < 2 ? I::and_(a, mask4) : I::template srli<4>(a);
            typename I::T highBits;
            switch (k) { // ((qh >> 2k) & 3) << 4
            case 0:
                highBits = I::and_(I::template slli<4>(hb), mask30);
                break;
            case 1:
                highBits = I::and_(I::template slli<2>(hb), mask30);
                break;
            case 2:
                highBits = I::and_(hb, mask30);
                break;
            default:
                highBits = I::and_(I::template srli<2>(hb), mask30);
                break;
            }
            const __m256 scale = _mm256_set1_ps(d * static_cast<float>(sc[i / 2 + 2 * k]));
            v[i] = _mm256_mul_ps(scale, I::toFloat(I::sub(I::or_(lowBits, highBits), bias)));
        }
    }
};

template <class I>
struct DecF16 {
    static constexpr uint32_t kBlockElems = 8, kBlockBytes = 16, kChunkElems = 8, kVecs = 1;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m256 *v)
    {
        v[0] = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i *>(b)));
    }
};

template <class I>
struct DecBf16 {
    static constexpr uint32_t kBlockElems = 8, kBlockBytes = 16, kChunkElems = 8, kVecs = 1;
    static ATRIUM_INLINE void chunk(const uint8_t *b, unsigned, __m256 *v)
    {
        v[0] = I::bf16(b);
    }
};

template <class I>
using DecQ5_0 = DecQ5<I, false>;
template <class I>
using DecQ5_1 = DecQ5<I, true>;
template <class I>
using DecQ4_K = DecK4<I, false>;
template <class I>
using DecQ5_K = DecK4<I, true>;

#define ATRIUM_DEFINE_CHUNK_KERNELS256(Name, D)                                                                        \
    ATRIUM_KERNEL_TARGET void decode256##Name(const void *s, float *d, uint64_t n)                                     \
    {                                                                                                                  \
        impl::decodeChunks<S, D<IntOps>>(s, d, n);                                                                     \
    }                                                                                                                  \
    ATRIUM_KERNEL_TARGET void rowDot256##Name(                                                                         \
        const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)                          \
    {                                                                                                                  \
        impl::rowDotChunks<S, D<IntOps>>(row, x, xStride, nt, K, acc);                                                 \
    }
ATRIUM_DEFINE_CHUNK_KERNELS256(Q4_0, DecQ4_0)
ATRIUM_DEFINE_CHUNK_KERNELS256(Q4_1, DecQ4_1)
ATRIUM_DEFINE_CHUNK_KERNELS256(Q5_0, DecQ5_0)
ATRIUM_DEFINE_CHUNK_KERNELS256(Q5_1, DecQ5_1)
ATRIUM_DEFINE_CHUNK_KERNELS256(Q8_0, DecQ8_0)
ATRIUM_DEFINE_CHUNK_KERNELS256(Q4_K, DecQ4_K)
ATRIUM_DEFINE_CHUNK_KERNELS256(Q5_K, DecQ5_K)
ATRIUM_DEFINE_CHUNK_KERNELS256(Q6_K, DecQ6_K)
ATRIUM_DEFINE_CHUNK_KERNELS256(F16, DecF16)
ATRIUM_DEFINE_CHUNK_KERNELS256(Bf16, DecBf16)
#undef ATRIUM_DEFINE_CHUNK_KERNELS256

/// F16 / BF16 rows: the register path for whole 8-element chunks, the portable one for other lengths.
template <RowDotFn Fast, RowDotFn Portable>
ATRIUM_KERNEL_TARGET void rowDotHalfs256(
    const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)
{
    if (K % 8 == 0)
        return Fast(row, x, xStride, nt, K, acc);
    Portable(row, x, xStride, nt, K, acc);
}

template <DecodeFn Fast, bool Bf16>
ATRIUM_KERNEL_TARGET void decodeHalfs256(const void *s, float *d, uint64_t n)
{
    const uint64_t body = n - n % 8;
    Fast(s, d, body);
    impl::decodeHalfs<Bf16>(static_cast<const uint8_t *>(s) + 2 * body, d + body, n - body);
}

/// Installs the register decoders and fused GEMV kernels above into a table.
inline void fillChunkKernels256(Kernels &k)
{
    const auto set = [&k](TensorType t, DecodeFn decode, RowDotFn rowDot) {
        k.decode[static_cast<unsigned>(t)] = decode;
        k.rowDot[static_cast<unsigned>(t)] = rowDot;
    };
    set(TensorType::Q4_0, decode256Q4_0, rowDot256Q4_0);
    set(TensorType::Q4_1, decode256Q4_1, rowDot256Q4_1);
    set(TensorType::Q5_0, decode256Q5_0, rowDot256Q5_0);
    set(TensorType::Q5_1, decode256Q5_1, rowDot256Q5_1);
    set(TensorType::Q8_0, decode256Q8_0, rowDot256Q8_0);
    set(TensorType::Q4_K, decode256Q4_K, rowDot256Q4_K);
    set(TensorType::Q5_K, decode256Q5_K, rowDot256Q5_K);
    set(TensorType::Q6_K, decode256Q6_K, rowDot256Q6_K);
    set(TensorType::F16, decodeHalfs256<decode256F16, false>, rowDotHalfs256<rowDot256F16, rowDotF16>);
    set(TensorType::BF16, decodeHalfs256<decode256Bf16, true>, rowDotHalfs256<rowDot256Bf16, rowDotBf16>);
}
