// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Portable integer-dot kernels: quantized weight rows against quantized activation rows (cpu_act_quant.h). Exact
// integer sums per block, then one f32 multiply-add per block with the product of the two scales, as ggml's
// vec_dot_*_q8_* do. They are the generic level's kernels and the ground truth the SIMD ones are tested against.
#include <cstdint>
#include <cstring>

#include "cpu/cpu_act_quant.h"
#include "cpu/cpu_kernels.h"

namespace atrium::cpu
{

namespace
{

float halfAt(const uint8_t *p)
{
    uint16_t h;
    std::memcpy(&h, p, 2);
    return halfToFloat(h);
}

uint32_t u32At(const uint8_t *p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

/// The 32 weights of one legacy block as integers (the value before the scale, and before the min for Q4_1 /
/// Q5_1), in element order.
template <TensorType Type>
void blockInts(const uint8_t *b, int *q)
{
    if constexpr (Type == TensorType::Q8_0) {
        for (int j = 0; j < 32; ++j)
            q[j] = static_cast<int8_t>(b[2 + j]);
    } else if constexpr (Type == TensorType::Q4_0 || Type == TensorType::Q4_1) {
        const uint8_t *qs = b + (Type == TensorType::Q4_0 ? 2 : 4);
        const int off = Type == TensorType::Q4_0 ? 8 : 0;
        for (int j = 0; j < 16; ++j) {
            q[j] = (qs[j] & 0x0F) - off;
            q[j + 16] = (qs[j] >> 4) - off;
        }
    } else {
        static_assert(Type == TensorType::Q5_0 || Type == TensorType::Q5_1);
        const bool signedQ = Type == TensorType::Q5_0;
        const uint32_t qh = u32At(b + (signedQ ? 2 : 4));
        const uint8_t *qs = b + (signedQ ? 6 : 8);
        const int off = signedQ ? 16 : 0;
        for (int j = 0; j < 16; ++j) {
            q[j] = ((qs[j] & 0x0F) | static_cast<int>(((qh >> j) & 1u) << 4)) - off;
            q[j + 16] = ((qs[j] >> 4) | static_cast<int>(((qh >> (j + 16)) & 1u) << 4)) - off;
        }
    }
}

/// Legacy 32-element types: acc[t] = Σ_b d_w·d_x · Σ q_w·q_x (+ m_w · s_x for the types with a min).
template <TensorType Type>
void intDotLegacy(const void *row, const QuantRow *x, unsigned nt, uint64_t K, float *acc)
{
    constexpr bool kHasMin = Type == TensorType::Q4_1 || Type == TensorType::Q5_1;
    const uint32_t blockBytes = tensorTypeInfo(Type).blockBytes;
    const auto *w = static_cast<const uint8_t *>(row);
    float sum[kMaxDotTokens] = {};
    float sumMin[kMaxDotTokens] = {};
    for (uint64_t b = 0; b < K / 32; ++b) {
        const uint8_t *blk = w + b * blockBytes;
        int q[32];
        blockInts<Type>(blk, q);
        const float d = halfAt(blk);
        for (unsigned t = 0; t < nt; ++t) {
            const int8_t *y = x[t].qs + 32 * b;
            int s = 0;
            for (int j = 0; j < 32; ++j)
                s += q[j] * y[j];
            sum[t] += d * x[t].d[b] * static_cast<float>(s);
            if constexpr (kHasMin)
                sumMin[t] += halfAt(blk + 2) * x[t].s[b];
        }
    }
    for (unsigned t = 0; t < nt; ++t)
        acc[t] = sum[t] + sumMin[t];
}

/// Q4_K / Q5_K 6-bit scale and min of sub-block s (0..7).
void scaleMinK4(int s, const uint8_t *q, int &sc, int &mn)
{
    if (s < 4) {
        sc = q[s] & 63;
        mn = q[s + 4] & 63;
    } else {
        sc = (q[s + 4] & 0x0F) | ((q[s - 4] >> 6) << 4);
        mn = (q[s + 4] >> 4) | ((q[s] >> 6) << 4);
    }
}

/// Q4_K / Q5_K: acc[t] = Σ_b d_x·d_w · Σ_s sc_s · Σ q_w·q_x − d_x·dmin_w · Σ_s mn_s · Σ q_x.
template <bool kFifthBit>
void intDotK4(const void *row, const QuantRow *x, unsigned nt, uint64_t K, float *acc)
{
    const uint32_t blockBytes = kFifthBit ? 176 : 144;
    const auto *w = static_cast<const uint8_t *>(row);
    float sum[kMaxDotTokens] = {};
    float sumMin[kMaxDotTokens] = {};
    for (uint64_t b = 0; b < K / 256; ++b) {
        const uint8_t *blk = w + b * blockBytes;
        const uint8_t *scales = blk + 4;
        const uint8_t *qh = blk + 16;
        const uint8_t *qs = blk + (kFifthBit ? 48 : 16);
        int q[256];
        for (int c = 0; c < 4; ++c) {
            for (int l = 0; l < 32; ++l) {
                q[64 * c + l] = qs[32 * c + l] & 0x0F;
                q[64 * c + 32 + l] = qs[32 * c + l] >> 4;
                if (kFifthBit) {
                    q[64 * c + l] |= ((qh[l] >> (2 * c)) & 1) << 4;
                    q[64 * c + 32 + l] |= ((qh[l] >> (2 * c + 1)) & 1) << 4;
                }
            }
        }
        int sc[8], mn[8];
        for (int s = 0; s < 8; ++s)
            scaleMinK4(s, scales, sc[s], mn[s]);
        for (unsigned t = 0; t < nt; ++t) {
            const int8_t *y = x[t].qs + 256 * b;
            const int16_t *bsums = x[t].bsums + 16 * b;
            int sumi = 0, mins = 0;
            for (int s = 0; s < 8; ++s) {
                int d = 0;
                for (int j = 0; j < 32; ++j)
                    d += q[32 * s + j] * y[32 * s + j];
                sumi += sc[s] * d;
                mins += mn[s] * (bsums[2 * s] + bsums[2 * s + 1]);
            }
            const float dy = x[t].d[b];
            sum[t] += dy * halfAt(blk) * static_cast<float>(sumi);
            sumMin[t] += -dy * halfAt(blk + 2) * static_cast<float>(mins);
        }
    }
    for (unsigned t = 0; t < nt; ++t)
        acc[t] = sum[t] + sumMin[t];
}

/// Q6_K: acc[t] = Σ_b d_x·d_w · Σ_g sc_g · Σ (q_w − 32)·q_x over 16 groups of 16.
void intDotQ6_K(const void *row, const QuantRow *x, unsigned nt, uint64_t K, float *acc)
{
    const auto *w = static_cast<const uint8_t *>(row);
    float sum[kMaxDotTokens] = {};
    for (uint64_t b = 0; b < K / 256; ++b) {
        const uint8_t *blk = w + b * 210;
        int q[256];
        for (int h = 0; h < 2; ++h) {
            const uint8_t *ql = blk + 64 * h;
            const uint8_t *qh = blk + 128 + 32 * h;
            for (int l = 0; l < 32; ++l) {
                q[128 * h + l] = ((ql[l] & 0x0F) | ((qh[l] & 3) << 4)) - 32;
                q[128 * h + l + 32] = ((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32;
                q[128 * h + l + 64] = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                q[128 * h + l + 96] = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            }
        }
        const auto *sc = reinterpret_cast<const int8_t *>(blk + 192);
        for (unsigned t = 0; t < nt; ++t) {
            const int8_t *y = x[t].qs + 256 * b;
            int sumi = 0;
            for (int g = 0; g < 16; ++g) {
                int d = 0;
                for (int j = 0; j < 16; ++j)
                    d += q[16 * g + j] * y[16 * g + j];
                sumi += sc[g] * d;
            }
            sum[t] += x[t].d[b] * halfAt(blk + 208) * static_cast<float>(sumi);
        }
    }
    for (unsigned t = 0; t < nt; ++t)
        acc[t] = sum[t];
}

} // namespace

void fillIntDotGeneric(Kernels &k)
{
    k.intDot[static_cast<unsigned>(TensorType::Q4_0)] = intDotLegacy<TensorType::Q4_0>;
    k.intDot[static_cast<unsigned>(TensorType::Q4_1)] = intDotLegacy<TensorType::Q4_1>;
    k.intDot[static_cast<unsigned>(TensorType::Q5_0)] = intDotLegacy<TensorType::Q5_0>;
    k.intDot[static_cast<unsigned>(TensorType::Q5_1)] = intDotLegacy<TensorType::Q5_1>;
    k.intDot[static_cast<unsigned>(TensorType::Q8_0)] = intDotLegacy<TensorType::Q8_0>;
    k.intDot[static_cast<unsigned>(TensorType::Q4_K)] = intDotK4<false>;
    k.intDot[static_cast<unsigned>(TensorType::Q5_K)] = intDotK4<true>;
    k.intDot[static_cast<unsigned>(TensorType::Q6_K)] = intDotQ6_K;
}

} // namespace atrium::cpu
