// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_act_quant.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace atrium::cpu
{

namespace
{

/// Round half to even for |v| < 2^22 (the default rounding of the addition does it), as _mm256_round_ps with
/// _MM_ROUND_NEAREST and ggml's nearest_int do.
inline int roundEven(float v)
{
    const float t = v + 12582912.f; // 1.5 · 2^23
    return static_cast<int>(std::bit_cast<uint32_t>(t) & 0x007FFFFFu) - 0x00400000;
}

inline float roundThroughHalf(float v)
{
    return halfToFloat(floatToHalf(v));
}

/// max |x[j]| over one block of 32.
inline float absMax32(const float *x)
{
    float m = 0.f;
    for (int j = 0; j < 32; ++j)
        m = std::max(m, std::fabs(x[j]));
    return m;
}

size_t align64(size_t n)
{
    return (n + 63) & ~size_t {63};
}

/// Where the parts of a quantized row live in its buffer: qs, then d and s (per 32, enough for every format), then
/// bsums.
struct RowLayout {
    int8_t *qs;
    float *d;
    float *s;
    int16_t *bsums;
};

RowLayout layoutOf(uint64_t K, uint8_t *buf)
{
    const size_t scales = align64(K / 32 * sizeof(float));
    return RowLayout {reinterpret_cast<int8_t *>(buf),
        reinterpret_cast<float *>(buf + align64(K)),
        reinterpret_cast<float *>(buf + align64(K) + scales),
        reinterpret_cast<int16_t *>(buf + align64(K) + 2 * scales)};
}

} // namespace

ActQuant actQuantFor(TensorType weightType)
{
    switch (weightType) {
    case TensorType::Q4_0:
    case TensorType::Q5_0:
    case TensorType::Q8_0:
        return ActQuant::Q8_0;
    case TensorType::Q4_1:
    case TensorType::Q5_1:
        return ActQuant::Q8_1;
    case TensorType::Q4_K:
    case TensorType::Q5_K:
    case TensorType::Q6_K:
        return ActQuant::Q8_K;
    default:
        return ActQuant::None;
    }
}

void quantizeQ8_0(const float *x, uint64_t K, int8_t *qs, float *d)
{
    for (uint64_t b = 0; b < K / 32; ++b) {
        const float *xb = x + 32 * b;
        const float amax = absMax32(xb);
        d[b] = roundThroughHalf(amax / 127.f);
        const float id = amax != 0.f ? 127.f / amax : 0.f;
        for (int j = 0; j < 32; ++j)
            qs[32 * b + j] = static_cast<int8_t>(roundEven(xb[j] * id));
    }
}

void quantizeQ8_1(const float *x, uint64_t K, int8_t *qs, float *d, float *s)
{
    for (uint64_t b = 0; b < K / 32; ++b) {
        const float *xb = x + 32 * b;
        const float amax = absMax32(xb);
        const float db = amax / 127.f;
        d[b] = roundThroughHalf(db);
        const float id = amax != 0.f ? 127.f / amax : 0.f;
        int sum = 0;
        for (int j = 0; j < 32; ++j) {
            const int q = roundEven(xb[j] * id);
            qs[32 * b + j] = static_cast<int8_t>(q);
            sum += q;
        }
        s[b] = roundThroughHalf(db * static_cast<float>(sum));
    }
}

void quantizeQ8_K(const float *x, uint64_t K, int8_t *qs, float *d, int16_t *bsums)
{
    for (uint64_t b = 0; b < K / 256; ++b) {
        const float *xb = x + 256 * b;
        int8_t *q = qs + 256 * b;
        // The signed value of largest magnitude, the first one on ties.
        float max = 0.f, amax = 0.f;
        for (int j = 0; j < 256; ++j) {
            const float ax = std::fabs(xb[j]);
            if (ax > amax) {
                amax = ax;
                max = xb[j];
            }
        }
        if (amax == 0.f) {
            d[b] = 0.f;
            std::memset(q, 0, 256);
            std::memset(bsums + 16 * b, 0, 16 * sizeof(int16_t));
            continue;
        }
        const float iscale = -127.f / max;
        for (int j = 0; j < 256; ++j)
            q[j] = static_cast<int8_t>(std::min(127, roundEven(iscale * xb[j])));
        for (int g = 0; g < 16; ++g) {
            int sum = 0;
            for (int j = 0; j < 16; ++j)
                sum += q[16 * g + j];
            bsums[16 * b + g] = static_cast<int16_t>(sum);
        }
        d[b] = 1.f / iscale;
    }
}

size_t quantRowBytes(uint64_t K)
{
    return align64(K) + align64(K / 32 * sizeof(float)) * 2 + align64(K / 16 * sizeof(int16_t));
}

QuantRow quantRowView(ActQuant format, uint64_t K, uint8_t *buf)
{
    const RowLayout l = layoutOf(K, buf);
    (void)format;
    return QuantRow {l.qs, l.d, l.s, l.bsums};
}

QuantRow quantizeRow(ActQuant format, const float *x, uint64_t K, uint8_t *buf)
{
    const RowLayout l = layoutOf(K, buf);
    switch (format) {
    case ActQuant::Q8_0:
        quantizeQ8_0(x, K, l.qs, l.d);
        // Σq and d · Σq per 32 as well, for the kernels that take Q4_0 / Q5_0 nibbles unsigned and subtract the
        // offset once per block.
        for (uint64_t b = 0; b < K / 32; ++b) {
            int sum = 0;
            for (int j = 0; j < 32; ++j)
                sum += l.qs[32 * b + j];
            l.bsums[b] = static_cast<int16_t>(sum);
            l.s[b] = l.d[b] * static_cast<float>(sum);
        }
        break;
    case ActQuant::Q8_1:
        quantizeQ8_1(x, K, l.qs, l.d, l.s);
        break;
    case ActQuant::Q8_K:
        quantizeQ8_K(x, K, l.qs, l.d, l.bsums);
        break;
    case ActQuant::None:
        break;
    }
    return QuantRow {l.qs, l.d, l.s, l.bsums};
}

} // namespace atrium::cpu
