// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Portable kernel bodies shared by every ISA level. Each cpu_kernels_<isa>.cpp instantiates them inside functions
// compiled for its instruction set (`__attribute__((target(...)))`), so the same loops are auto-vectorized for
// SSE2/NEON, AVX2 or AVX-512. The loops are written for the vectorizer: fixed-width lane arrays (no floating-point
// reassociation needed), block-sized trip counts. Only the cpu_kernels_*.cpp files include this header, each after
// switching the target ISA on with ATRIUM_KERNELS_BEGIN_TARGET; everything here has internal linkage (anonymous
// namespace), so the per-ISA copies never merge at link time.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "cpu/cpu_kernels.h"
#include "cpu/cpu_kernels_math.h"

namespace atrium::cpu::impl
{
namespace
{

// --- Scalars ------------------------------------------------------------------------------------------------------

ATRIUM_INLINE uint16_t loadU16(const uint8_t *p)
{
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}

ATRIUM_INLINE uint32_t loadU32(const uint8_t *p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

/// IEEE half → float, exact for every input (normals, denormals, inf, NaN); branch-free integer selects so loops
/// over it vectorize.
ATRIUM_INLINE float halfBitsToFloat(uint16_t h)
{
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t em = static_cast<uint32_t>(h & 0x7FFFu) << 13;
    // Rebias by multiplying with 2^112: exact for normal and denormal halves.
    const uint32_t finite = std::bit_cast<uint32_t>(std::bit_cast<float>(em) * 0x1p112f);
    const uint32_t infNan = 0u - static_cast<uint32_t>(em >= (0x1Fu << 23)); // all ones for inf / NaN
    return std::bit_cast<float>(((finite & ~infNan) | ((em | 0x7F800000u) & infNan)) | sign);
}

ATRIUM_INLINE float halfAt(const uint8_t *p)
{
    return halfBitsToFloat(loadU16(p));
}

// --- Block decoders (engine-notes §2; the operation order of dequantizeRow, so results are bit-identical) -------

struct BlockQ4_0 {
    static constexpr uint32_t kElems = 32, kBytes = 18;
    static ATRIUM_INLINE void decode(const uint8_t *b, float *y)
    {
        const float d = halfAt(b);
        uint8_t qs[16]; // a local copy: the compiler may then assume the stores to y do not change it
        std::memcpy(qs, b + 2, 16);
        for (int j = 0; j < 16; ++j) {
            y[j] = static_cast<float>((qs[j] & 0x0F) - 8) * d;
            y[j + 16] = static_cast<float>((qs[j] >> 4) - 8) * d;
        }
    }
};

struct BlockQ4_1 {
    static constexpr uint32_t kElems = 32, kBytes = 20;
    static ATRIUM_INLINE void decode(const uint8_t *b, float *y)
    {
        const float d = halfAt(b);
        const float m = halfAt(b + 2);
        uint8_t qs[16];
        std::memcpy(qs, b + 4, 16);
        for (int j = 0; j < 16; ++j) {
            y[j] = static_cast<float>(qs[j] & 0x0F) * d + m;
            y[j + 16] = static_cast<float>(qs[j] >> 4) * d + m;
        }
    }
};

/// The 32 fifth bits of a Q5_0 / Q5_1 block as bytes 0 or 16 (four bits at a time through a table), so the
/// decode loops below need no per-element variable shifts and vectorize on any ISA.
ATRIUM_INLINE void fifthBitBytes(uint32_t qh, uint8_t *out)
{
    static constexpr uint32_t kSpread[16] = {0x00000000,
        0x00000010,
        0x00001000,
        0x00001010,
        0x00100000,
        0x00100010,
        0x00101000,
        0x00101010,
        0x10000000,
        0x10000010,
        0x10001000,
        0x10001010,
        0x10100000,
        0x10100010,
        0x10101000,
        0x10101010}; // bit i of the index → byte i = 16 (little-endian)
    for (int i = 0; i < 8; ++i)
        std::memcpy(out + 4 * i, &kSpread[(qh >> (4 * i)) & 15], 4);
}

struct BlockQ5_0 {
    static constexpr uint32_t kElems = 32, kBytes = 22;
    static ATRIUM_INLINE void decode(const uint8_t *b, float *y)
    {
        const float d = halfAt(b);
        uint8_t hb[32], qs[16];
        fifthBitBytes(loadU32(b + 2), hb);
        std::memcpy(qs, b + 6, 16);
        for (int j = 0; j < 16; ++j) {
            const int x0 = static_cast<int>((qs[j] & 0x0F) | hb[j]) - 16;
            const int x1 = static_cast<int>((qs[j] >> 4) | hb[j + 16]) - 16;
            y[j] = static_cast<float>(x0) * d;
            y[j + 16] = static_cast<float>(x1) * d;
        }
    }
};

struct BlockQ5_1 {
    static constexpr uint32_t kElems = 32, kBytes = 24;
    static ATRIUM_INLINE void decode(const uint8_t *b, float *y)
    {
        const float d = halfAt(b);
        const float m = halfAt(b + 2);
        uint8_t hb[32], qs[16];
        fifthBitBytes(loadU32(b + 4), hb);
        std::memcpy(qs, b + 8, 16);
        for (int j = 0; j < 16; ++j) {
            const int x0 = (qs[j] & 0x0F) | hb[j];
            const int x1 = (qs[j] >> 4) | hb[j + 16];
            y[j] = static_cast<float>(x0) * d + m;
            y[j + 16] = static_cast<float>(x1) * d + m;
        }
    }
};

struct BlockQ8_0 {
    static constexpr uint32_t kElems = 32, kBytes = 34;
    static ATRIUM_INLINE void decode(const uint8_t *b, float *y)
    {
        const float d = halfAt(b);
        int8_t qs[32];
        std::memcpy(qs, b + 2, 32);
        for (int j = 0; j < 32; ++j)
            y[j] = static_cast<float>(qs[j]) * d;
    }
};

/// Q4_K / Q5_K 6-bit scale and min of sub-block s (0..7).
ATRIUM_INLINE void scaleMinK4(int s, const uint8_t *q, int &sc, int &mn)
{
    if (s < 4) {
        sc = q[s] & 63;
        mn = q[s + 4] & 63;
    } else {
        sc = (q[s + 4] & 0x0F) | ((q[s - 4] >> 6) << 4);
        mn = (q[s + 4] >> 4) | ((q[s] >> 6) << 4);
    }
}

struct BlockQ4_K {
    static constexpr uint32_t kElems = 256, kBytes = 144;
    static ATRIUM_INLINE void decode(const uint8_t *b, float *y)
    {
        const float d = halfAt(b);
        const float dmin = halfAt(b + 2);
        uint8_t scales[12];
        std::memcpy(scales, b + 4, 12);
        uint8_t qs[128];
        std::memcpy(qs, b + 16, 128);
        for (int c = 0; c < 4; ++c) {
            int sc = 0, mn = 0;
            scaleMinK4(2 * c, scales, sc, mn);
            const float d1 = d * static_cast<float>(sc);
            const float m1 = dmin * static_cast<float>(mn);
            scaleMinK4(2 * c + 1, scales, sc, mn);
            const float d2 = d * static_cast<float>(sc);
            const float m2 = dmin * static_cast<float>(mn);
            for (int l = 0; l < 32; ++l)
                y[64 * c + l] = d1 * static_cast<float>(qs[32 * c + l] & 0x0F) - m1;
            for (int l = 0; l < 32; ++l)
                y[64 * c + 32 + l] = d2 * static_cast<float>(qs[32 * c + l] >> 4) - m2;
        }
    }
};

struct BlockQ5_K {
    static constexpr uint32_t kElems = 256, kBytes = 176;
    static ATRIUM_INLINE void decode(const uint8_t *b, float *y)
    {
        const float d = halfAt(b);
        const float dmin = halfAt(b + 2);
        uint8_t scales[12], qh[32], qs[128];
        std::memcpy(scales, b + 4, 12);
        std::memcpy(qh, b + 16, 32);
        std::memcpy(qs, b + 48, 128);
        for (int c = 0; c < 4; ++c) {
            int sc = 0, mn = 0;
            scaleMinK4(2 * c, scales, sc, mn);
            const float d1 = d * static_cast<float>(sc);
            const float m1 = dmin * static_cast<float>(mn);
            scaleMinK4(2 * c + 1, scales, sc, mn);
            const float d2 = d * static_cast<float>(sc);
            const float m2 = dmin * static_cast<float>(mn);
            for (int l = 0; l < 32; ++l) {
                const int q = (qs[32 * c + l] & 0x0F) | (((qh[l] >> (2 * c)) & 1) << 4);
                y[64 * c + l] = d1 * static_cast<float>(q) - m1;
            }
            for (int l = 0; l < 32; ++l) {
                const int q = (qs[32 * c + l] >> 4) | (((qh[l] >> (2 * c + 1)) & 1) << 4);
                y[64 * c + 32 + l] = d2 * static_cast<float>(q) - m2;
            }
        }
    }
};

struct BlockQ6_K {
    static constexpr uint32_t kElems = 256, kBytes = 210;
    static ATRIUM_INLINE void decode(const uint8_t *b, float *y)
    {
        const float d = halfAt(b + 208);
        uint8_t bytes[192];
        int8_t scales[16];
        std::memcpy(bytes, b, 192);
        std::memcpy(scales, b + 192, 16);
        for (int h = 0; h < 2; ++h) {
            const uint8_t *ql = bytes + 64 * h;
            const uint8_t *qh = bytes + 128 + 32 * h;
            const int8_t *sc = scales + 8 * h;
            float *out = y + 128 * h;
            for (int is = 0; is < 2; ++is) {
                const float s0 = d * static_cast<float>(sc[is + 0]);
                const float s2 = d * static_cast<float>(sc[is + 2]);
                const float s4 = d * static_cast<float>(sc[is + 4]);
                const float s6 = d * static_cast<float>(sc[is + 6]);
                for (int i = 0; i < 16; ++i) {
                    const int l = 16 * is + i;
                    const int q1 = ((ql[l] & 0x0F) | (((qh[l] >> 0) & 3) << 4)) - 32;
                    const int q2 = ((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32;
                    const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                    const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                    out[l] = s0 * static_cast<float>(q1);
                    out[l + 32] = s2 * static_cast<float>(q2);
                    out[l + 64] = s4 * static_cast<float>(q3);
                    out[l + 96] = s6 * static_cast<float>(q4);
                }
            }
        }
    }
};

template <class B>
ATRIUM_INLINE void decodeRow(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t i = 0; i < n / B::kElems; ++i)
        B::decode(p + i * B::kBytes, dst + i * B::kElems);
}

/// F16 / BF16 rows in chunks copied to a local buffer first, so the conversion loop vectorizes (the source bytes
/// could otherwise alias dst).
template <bool Bf16>
ATRIUM_INLINE float halfOrBf16(uint16_t h)
{
    if constexpr (Bf16)
        return std::bit_cast<float>(static_cast<uint32_t>(h) << 16);
    else
        return halfBitsToFloat(h);
}

template <bool Bf16>
ATRIUM_INLINE void decodeHalfs(const void *src, float *dst, uint64_t n)
{
    const auto *p = static_cast<const uint8_t *>(src);
    constexpr uint64_t kChunk = 64;
    uint16_t h[kChunk];
    uint64_t i0 = 0;
    for (; i0 + kChunk <= n; i0 += kChunk) { // fixed trip count: vectorizes
        std::memcpy(h, p + 2 * i0, sizeof(h));
        for (uint64_t i = 0; i < kChunk; ++i)
            dst[i0 + i] = halfOrBf16<Bf16>(h[i]);
    }
    for (; i0 < n; ++i0)
        dst[i0] = halfOrBf16<Bf16>(loadU16(p + 2 * i0));
}

ATRIUM_INLINE void decodeF16(const void *src, float *dst, uint64_t n)
{
    decodeHalfs<false>(src, dst, n);
}

ATRIUM_INLINE void decodeBf16(const void *src, float *dst, uint64_t n)
{
    decodeHalfs<true>(src, dst, n);
}

// --- Dot products (templates over a SIMD wrapper S: V, kWidth, zero, load, store, set1, fma, add, mul, hsum,
// hsum4 (four horizontal sums at once)) ----------------------------------------------------------------------------

/// sum_i a[i] * b[i] for any n.
template <class S>
ATRIUM_INLINE float dotT(const float *a, const float *b, size_t n)
{
    constexpr size_t W = S::kWidth;
    if (n < W) { // tiny heads (toy models): skip the vector set-up and reduction
        float s = 0.f;
        for (size_t i = 0; i < n; ++i)
            s += a[i] * b[i];
        return s;
    }
    typename S::V acc0 = S::zero(), acc1 = S::zero();
    size_t i = 0;
    for (; i + 2 * W <= n; i += 2 * W) {
        acc0 = S::fma(S::load(a + i), S::load(b + i), acc0);
        acc1 = S::fma(S::load(a + i + W), S::load(b + i + W), acc1);
    }
    for (; i + W <= n; i += W)
        acc0 = S::fma(S::load(a + i), S::load(b + i), acc0);
    float s = S::hsum(S::add(acc0, acc1));
    for (; i < n; ++i)
        s += a[i] * b[i];
    return s;
}

/// acc[t] += w · x_t over n elements (n a multiple of S::kWidth), for NT tokens sharing each load of w.
template <class S, unsigned NT>
ATRIUM_INLINE void dotTokens(const float *w, const float *x, size_t xStride, size_t n, typename S::V *acc)
{
    for (size_t i = 0; i < n; i += S::kWidth) {
        const typename S::V wv = S::load(w + i);
        for (unsigned t = 0; t < NT; ++t)
            acc[t] = S::fma(wv, S::load(x + t * xStride + i), acc[t]);
    }
}

/// Fused GEMV of one quantized row for NT tokens: decode a block to a small L1 buffer, dot it with every token.
template <class S, class B, unsigned NT>
ATRIUM_INLINE void rowDotBlocks(const uint8_t *row, const float *x, size_t xStride, uint64_t K, float *out)
{
    alignas(64) float buf[B::kElems];
    typename S::V acc[NT];
    for (unsigned t = 0; t < NT; ++t)
        acc[t] = S::zero();
    for (uint64_t k0 = 0; k0 < K; k0 += B::kElems) {
        B::decode(row, buf);
        row += B::kBytes;
        dotTokens<S, NT>(buf, x + k0, xStride, B::kElems, acc);
    }
    for (unsigned t = 0; t < NT; ++t)
        out[t] += S::hsum(acc[t]);
}

template <class S, class B>
ATRIUM_INLINE void rowDotT(const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)
{
    const auto *p = static_cast<const uint8_t *>(row);
    switch (nt) {
    case 1:
        return rowDotBlocks<S, B, 1>(p, x, xStride, K, acc);
    case 2:
        return rowDotBlocks<S, B, 2>(p, x, xStride, K, acc);
    case 3:
        return rowDotBlocks<S, B, 3>(p, x, xStride, K, acc);
    default:
        return rowDotBlocks<S, B, 4>(p, x, xStride, K, acc);
    }
}

/// GEMV of an unquantized row (F32 read in place; F16 / BF16 converted in chunks). Any K.
template <class S, void (*Decode)(const void *, float *, uint64_t), size_t ElemBytes, unsigned NT>
ATRIUM_INLINE void rowDotPlainN(const uint8_t *row, const float *x, size_t xStride, uint64_t K, float *out)
{
    constexpr size_t kChunk = 256;
    alignas(64) float buf[kChunk];
    typename S::V acc[NT];
    for (unsigned t = 0; t < NT; ++t)
        acc[t] = S::zero();
    float tail[NT] = {};
    for (uint64_t k0 = 0; k0 < K; k0 += kChunk) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(kChunk, K - k0));
        const float *w = buf;
        if constexpr (ElemBytes == 4)
            w = reinterpret_cast<const float *>(row) + k0;
        else
            Decode(row + k0 * ElemBytes, buf, n);
        const size_t body = n - n % S::kWidth;
        dotTokens<S, NT>(w, x + k0, xStride, body, acc);
        for (unsigned t = 0; t < NT; ++t) {
            const float *xt = x + t * xStride + k0;
            for (size_t i = body; i < n; ++i)
                tail[t] += w[i] * xt[i];
        }
    }
    for (unsigned t = 0; t < NT; ++t)
        out[t] += S::hsum(acc[t]) + tail[t];
}

template <class S, void (*Decode)(const void *, float *, uint64_t), size_t ElemBytes>
ATRIUM_INLINE void rowDotPlain(const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)
{
    const auto *p = static_cast<const uint8_t *>(row);
    switch (nt) {
    case 1:
        return rowDotPlainN<S, Decode, ElemBytes, 1>(p, x, xStride, K, acc);
    case 2:
        return rowDotPlainN<S, Decode, ElemBytes, 2>(p, x, xStride, K, acc);
    case 3:
        return rowDotPlainN<S, Decode, ElemBytes, 3>(p, x, xStride, K, acc);
    default:
        return rowDotPlainN<S, Decode, ElemBytes, 4>(p, x, xStride, K, acc);
    }
}

/// The micro-tile: MR rows × NT tokens of dot products, MR·NT vector accumulators held in registers; each weight
/// vector load serves NT tokens and each activation load MR rows.
template <class S, unsigned MR, unsigned NT>
ATRIUM_INLINE void gemmTileT(
    const float *w, size_t wStride, const float *x, size_t xStride, size_t K, float *out, size_t outStride)
{
    constexpr size_t W = S::kWidth;
    typename S::V acc[MR][NT];
    for (unsigned r = 0; r < MR; ++r)
        for (unsigned t = 0; t < NT; ++t)
            acc[r][t] = S::zero();
    const size_t body = K - K % W;
    for (size_t k = 0; k < body; k += W) {
        typename S::V wv[MR];
        for (unsigned r = 0; r < MR; ++r)
            wv[r] = S::load(w + r * wStride + k);
        for (unsigned t = 0; t < NT; ++t) {
            const typename S::V xv = S::load(x + t * xStride + k);
            for (unsigned r = 0; r < MR; ++r)
                acc[r][t] = S::fma(wv[r], xv, acc[r][t]);
        }
    }
    if constexpr (MR == 4) {
        // Four rows at once: one transposing reduction per token instead of four full horizontal sums.
        for (unsigned t = 0; t < NT; ++t) {
            float s[4];
            S::hsum4(acc[0][t], acc[1][t], acc[2][t], acc[3][t], s);
            for (unsigned r = 0; r < 4; ++r) {
                for (size_t k = body; k < K; ++k)
                    s[r] += w[r * wStride + k] * x[t * xStride + k];
                out[t * outStride + r] = s[r];
            }
        }
    } else {
        for (unsigned r = 0; r < MR; ++r) {
            for (unsigned t = 0; t < NT; ++t) {
                float s = S::hsum(acc[r][t]);
                for (size_t k = body; k < K; ++k)
                    s += w[r * wStride + k] * x[t * xStride + k];
                out[t * outStride + r] = s;
            }
        }
    }
}

// --- Register decoders --------------------------------------------------------------------------------------------
//
// An ISA file may describe a type with a chunk decoder `D` that turns chunk c of a block straight into registers:
//   D::kBlockElems, D::kBlockBytes, D::kChunkElems (a multiple of S::kWidth), D::kVecs = kChunkElems / S::kWidth,
//   static void chunk(const uint8_t *block, unsigned c, typename S::V *out)   // out: kVecs vectors, in order.
// The two loops below turn such a decoder into a fused GEMV kernel and a row decoder.

/// acc[t] += dequant(row) · x_t for NT tokens, decoding each chunk once into registers; four accumulator chains
/// per token hide the FMA latency.
template <class S, class D, unsigned NT>
ATRIUM_INLINE void rowDotChunksN(const uint8_t *row, const float *x, size_t xStride, uint64_t K, float *out)
{
    constexpr unsigned kChunks = D::kBlockElems / D::kChunkElems;
    constexpr unsigned kAcc = 4;
    typename S::V acc[NT][kAcc];
    for (unsigned t = 0; t < NT; ++t)
        for (unsigned j = 0; j < kAcc; ++j)
            acc[t][j] = S::zero();
    const uint64_t nChunks = K / D::kChunkElems;
    uint64_t g = 0;
    for (; g + 2 <= nChunks; g += 2) {
        typename S::V v[2 * D::kVecs];
        for (unsigned h = 0; h < 2; ++h) {
            const uint64_t gi = g + h;
            D::chunk(row + (gi / kChunks) * D::kBlockBytes, static_cast<unsigned>(gi % kChunks), v + h * D::kVecs);
        }
        const float *xk = x + g * D::kChunkElems;
        for (unsigned i = 0; i < 2 * D::kVecs; ++i)
            for (unsigned t = 0; t < NT; ++t)
                acc[t][i % kAcc] = S::fma(v[i], S::load(xk + t * xStride + i * S::kWidth), acc[t][i % kAcc]);
    }
    if (g < nChunks) {
        typename S::V v[D::kVecs];
        D::chunk(row + (g / kChunks) * D::kBlockBytes, static_cast<unsigned>(g % kChunks), v);
        const float *xk = x + g * D::kChunkElems;
        for (unsigned i = 0; i < D::kVecs; ++i)
            for (unsigned t = 0; t < NT; ++t)
                acc[t][i % kAcc] = S::fma(v[i], S::load(xk + t * xStride + i * S::kWidth), acc[t][i % kAcc]);
    }
    for (unsigned t = 0; t < NT; ++t)
        out[t] += S::hsum(S::add(S::add(acc[t][0], acc[t][1]), S::add(acc[t][2], acc[t][3])));
}

template <class S, class D>
ATRIUM_INLINE void rowDotChunks(const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc)
{
    const auto *p = static_cast<const uint8_t *>(row);
    switch (nt) {
    case 1:
        return rowDotChunksN<S, D, 1>(p, x, xStride, K, acc);
    case 2:
        return rowDotChunksN<S, D, 2>(p, x, xStride, K, acc);
    case 3:
        return rowDotChunksN<S, D, 3>(p, x, xStride, K, acc);
    default:
        return rowDotChunksN<S, D, 4>(p, x, xStride, K, acc);
    }
}

/// Decodes n elements (whole blocks) to f32 through the register decoder.                       dst: (n)
template <class S, class D>
ATRIUM_INLINE void decodeChunks(const void *src, float *dst, uint64_t n)
{
    constexpr unsigned kChunks = D::kBlockElems / D::kChunkElems;
    const auto *p = static_cast<const uint8_t *>(src);
    for (uint64_t g = 0; g < n / D::kChunkElems; ++g) {
        typename S::V v[D::kVecs];
        D::chunk(p + (g / kChunks) * D::kBlockBytes, static_cast<unsigned>(g % kChunks), v);
        for (unsigned i = 0; i < D::kVecs; ++i)
            S::store(dst + g * D::kChunkElems + i * S::kWidth, v[i]);
    }
}

/// sum x[i]^2 as ggml's rms_norm computes it: each square rounded to f32, the sum in double. Not f32 lanes: their
/// sum lands an ulp or so away from ggml's, depending on the lane count, and the integer-dot path's activation
/// quantization turns such an ulp in the norm into different 8-bit codes (0.18 in stories260K Q5_K_M logits on
/// AVX-512). A double sum of f32 squares is exact to well below an f32 ulp in any order, so every level agrees.
template <class S>
ATRIUM_INLINE double sumSquaresT(const float *x, size_t n)
{
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += static_cast<double>(x[i] * x[i]);
        s1 += static_cast<double>(x[i + 1] * x[i + 1]);
        s2 += static_cast<double>(x[i + 2] * x[i + 2]);
        s3 += static_cast<double>(x[i + 3] * x[i + 3]);
    }
    for (; i < n; ++i)
        s0 += static_cast<double>(x[i] * x[i]);
    return (s0 + s1) + (s2 + s3);
}

} // namespace
} // namespace atrium::cpu::impl

// The attention body lives beside these (same target switch, same internal linkage).
#include "cpu/cpu_kernels_attend.h"
