// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "gguf/k_quant_scales.h"
#include "gguf/tensor_type.h"

// Row quantizers for the GGUF writer. The legacy types (Q8_0, Q4_0, Q4_1, Q5_0, Q5_1) follow ggml's reference
// quantizers (quantize_row_*_ref) rounding for rounding. The K-quants use a simple min/max quantizer: valid blocks that
// dequantize close to the input, not ggml's iterative search. Compiled with -ffp-contract=off like tensor_type.cpp.

namespace atrium
{

namespace
{

void writeU16(uint8_t *p, uint16_t v)
{
    p[0] = static_cast<uint8_t>(v & 0xFF);
    p[1] = static_cast<uint8_t>(v >> 8);
}

void writeU32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        p[i] = static_cast<uint8_t>(v >> (8 * i));
}

void quantQ8_0(const float *x, uint8_t *b)
{
    float amax = 0.0f;
    for (int j = 0; j < 32; ++j)
        amax = std::max(amax, std::fabs(x[j]));
    const float d = amax / 127.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    writeU16(b, floatToHalf(d));
    for (int j = 0; j < 32; ++j)
        b[2 + j] = static_cast<uint8_t>(static_cast<int8_t>(std::roundf(x[j] * id)));
}

// The value with the largest magnitude, sign kept (ggml's Q4_0 / Q5_0 choice of scale).
float signedAbsMax(const float *x)
{
    float amax = 0.0f;
    float max = 0.0f;
    for (int j = 0; j < 32; ++j) {
        if (amax < std::fabs(x[j])) {
            amax = std::fabs(x[j]);
            max = x[j];
        }
    }
    return max;
}

void quantQ4_0(const float *x, uint8_t *b)
{
    const float d = signedAbsMax(x) / -8.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    writeU16(b, floatToHalf(d));
    for (int j = 0; j < 16; ++j) {
        const auto x0 = static_cast<uint8_t>(std::min(15, static_cast<int>(static_cast<int8_t>(x[j] * id + 8.5f))));
        const auto x1 =
            static_cast<uint8_t>(std::min(15, static_cast<int>(static_cast<int8_t>(x[j + 16] * id + 8.5f))));
        b[2 + j] = static_cast<uint8_t>(x0 | (x1 << 4));
    }
}

void quantQ4_1(const float *x, uint8_t *b)
{
    float min = x[0];
    float max = x[0];
    for (int j = 1; j < 32; ++j) {
        min = std::min(min, x[j]);
        max = std::max(max, x[j]);
    }
    const float d = (max - min) / 15.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    writeU16(b, floatToHalf(d));
    writeU16(b + 2, floatToHalf(min));
    for (int j = 0; j < 16; ++j) {
        const auto x0 =
            static_cast<uint8_t>(std::min(15, static_cast<int>(static_cast<int8_t>((x[j] - min) * id + 0.5f))));
        const auto x1 =
            static_cast<uint8_t>(std::min(15, static_cast<int>(static_cast<int8_t>((x[j + 16] - min) * id + 0.5f))));
        b[4 + j] = static_cast<uint8_t>(x0 | (x1 << 4));
    }
}

void quantQ5_0(const float *x, uint8_t *b)
{
    const float d = signedAbsMax(x) / -16.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    writeU16(b, floatToHalf(d));
    uint32_t qh = 0;
    for (int j = 0; j < 16; ++j) {
        const auto x0 = static_cast<uint8_t>(std::min(31, static_cast<int>(static_cast<int8_t>(x[j] * id + 16.5f))));
        const auto x1 =
            static_cast<uint8_t>(std::min(31, static_cast<int>(static_cast<int8_t>(x[j + 16] * id + 16.5f))));
        b[6 + j] = static_cast<uint8_t>((x0 & 0x0F) | ((x1 & 0x0F) << 4));
        qh |= ((x0 & 0x10u) >> 4) << j;
        qh |= ((x1 & 0x10u) >> 4) << (j + 16);
    }
    writeU32(b + 2, qh);
}

void quantQ5_1(const float *x, uint8_t *b)
{
    float min = x[0];
    float max = x[0];
    for (int j = 1; j < 32; ++j) {
        min = std::min(min, x[j]);
        max = std::max(max, x[j]);
    }
    const float d = (max - min) / 31.0f;
    const float id = d != 0.0f ? 1.0f / d : 0.0f;
    writeU16(b, floatToHalf(d));
    writeU16(b + 2, floatToHalf(min));
    uint32_t qh = 0;
    for (int j = 0; j < 16; ++j) {
        const auto x0 = static_cast<uint8_t>((x[j] - min) * id + 0.5f);
        const auto x1 = static_cast<uint8_t>((x[j + 16] - min) * id + 0.5f);
        b[8 + j] = static_cast<uint8_t>((x0 & 0x0F) | ((x1 & 0x0F) << 4));
        qh |= ((x0 & 0x10u) >> 4) << j;
        qh |= ((x1 & 0x10u) >> 4) << (j + 16);
    }
    writeU32(b + 4, qh);
}

// --- K-quants: simple min/max quantizers ---------------------------------------------------------------------------

// Quantizes 8 sub-blocks of 32 with a shared f16 scale/min and 6-bit per-sub-block scales/mins (Q4_K, Q5_K layout):
// x ≈ d·sc[s]·q − dmin·mn[s], q in 0..maxQ. Writes d, dmin and the 12 packed scale bytes; returns q per element.
void quantScaleMinK(const float *x, int maxQ, uint8_t *header, std::array<uint8_t, 256> &q)
{
    std::array<float, 8> scale {};
    std::array<float, 8> minus {}; // −min of each sub-block, ≥ 0
    for (int s = 0; s < 8; ++s) {
        float lo = 0.0f;
        float hi = 0.0f;
        for (int l = 0; l < 32; ++l) {
            lo = std::min(lo, x[32 * s + l]);
            hi = std::max(hi, x[32 * s + l]);
        }
        scale[s] = (hi - lo) / static_cast<float>(maxQ);
        minus[s] = -lo;
    }
    const float maxScale = *std::max_element(scale.begin(), scale.end());
    const float maxMinus = *std::max_element(minus.begin(), minus.end());
    const float d = halfToFloat(floatToHalf(maxScale / 63.0f));
    const float dmin = halfToFloat(floatToHalf(maxMinus / 63.0f));
    std::array<uint8_t, 8> sc {};
    std::array<uint8_t, 8> mn {};
    for (int s = 0; s < 8; ++s) {
        // Round the scale up so the sub-block's range still fits in 0..maxQ.
        sc[s] = d > 0.0f ? static_cast<uint8_t>(std::clamp(std::ceil(scale[s] / d), 0.0f, 63.0f)) : 0;
        mn[s] = dmin > 0.0f ? static_cast<uint8_t>(std::clamp(std::nearbyint(minus[s] / dmin), 0.0f, 63.0f)) : 0;
    }
    writeU16(header, floatToHalf(d));
    writeU16(header + 2, floatToHalf(dmin));
    packScaleMinK4(sc.data(), mn.data(), header + 4);
    for (int s = 0; s < 8; ++s) {
        const float step = d * static_cast<float>(sc[s]);
        const float offset = dmin * static_cast<float>(mn[s]);
        for (int l = 0; l < 32; ++l) {
            const float v = step > 0.0f ? std::nearbyint((x[32 * s + l] + offset) / step) : 0.0f;
            q[32 * s + l] = static_cast<uint8_t>(std::clamp(v, 0.0f, static_cast<float>(maxQ)));
        }
    }
}

void quantQ4_K(const float *x, uint8_t *b)
{
    std::array<uint8_t, 256> q {};
    quantScaleMinK(x, 15, b, q);
    uint8_t *qs = b + 16;
    for (int c = 0; c < 4; ++c) {
        for (int l = 0; l < 32; ++l)
            qs[32 * c + l] = static_cast<uint8_t>(q[64 * c + l] | (q[64 * c + 32 + l] << 4));
    }
}

void quantQ5_K(const float *x, uint8_t *b)
{
    std::array<uint8_t, 256> q {};
    quantScaleMinK(x, 31, b, q);
    uint8_t *qh = b + 16;
    uint8_t *qs = b + 48;
    std::memset(qh, 0, 32);
    for (int c = 0; c < 4; ++c) {
        for (int l = 0; l < 32; ++l) {
            const uint8_t lo = q[64 * c + l];
            const uint8_t hi = q[64 * c + 32 + l];
            qs[32 * c + l] = static_cast<uint8_t>((lo & 0x0F) | ((hi & 0x0F) << 4));
            qh[l] |= static_cast<uint8_t>(((lo >> 4) << (2 * c)) | ((hi >> 4) << (2 * c + 1)));
        }
    }
}

void quantQ6_K(const float *x, uint8_t *b)
{
    // 16 sub-blocks of 16 with signed 8-bit scales; q in −32..31.
    std::array<float, 16> scale {};
    float maxScale = 0.0f;
    for (int s = 0; s < 16; ++s) {
        float amax = 0.0f;
        for (int l = 0; l < 16; ++l)
            amax = std::max(amax, std::fabs(x[16 * s + l]));
        scale[s] = amax / 31.0f;
        maxScale = std::max(maxScale, scale[s]);
    }
    const float d = halfToFloat(floatToHalf(maxScale / 127.0f));
    auto *sc = reinterpret_cast<int8_t *>(b + 192);
    std::array<uint8_t, 256> q {};
    for (int s = 0; s < 16; ++s) {
        const int scaleQ = d > 0.0f ? static_cast<int>(std::clamp(std::ceil(scale[s] / d), 0.0f, 127.0f)) : 0;
        sc[s] = static_cast<int8_t>(scaleQ);
        const float step = d * static_cast<float>(scaleQ);
        for (int l = 0; l < 16; ++l) {
            const float v = step > 0.0f ? std::nearbyint(x[16 * s + l] / step) : 0.0f;
            q[16 * s + l] = static_cast<uint8_t>(std::clamp(v, -32.0f, 31.0f) + 32.0f);
        }
    }
    writeU16(b + 208, floatToHalf(d));
    uint8_t *ql = b;
    uint8_t *qh = b + 128;
    for (int h = 0; h < 2; ++h) {
        for (int l = 0; l < 32; ++l) {
            const uint8_t q1 = q[128 * h + l];
            const uint8_t q2 = q[128 * h + l + 32];
            const uint8_t q3 = q[128 * h + l + 64];
            const uint8_t q4 = q[128 * h + l + 96];
            ql[64 * h + l] = static_cast<uint8_t>((q1 & 0x0F) | ((q3 & 0x0F) << 4));
            ql[64 * h + l + 32] = static_cast<uint8_t>((q2 & 0x0F) | ((q4 & 0x0F) << 4));
            qh[32 * h + l] = static_cast<uint8_t>((q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6));
        }
    }
}

using QuantFn = void (*)(const float *, uint8_t *);

template <QuantFn Fn>
void quantBlocks(const float *src, uint8_t *dst, uint64_t elements, uint32_t blockElements, uint32_t blockBytes)
{
    for (uint64_t i = 0; i < elements / blockElements; ++i)
        Fn(src + i * blockElements, dst + i * blockBytes);
}

} // namespace

bool quantizeRow(TensorType type, const float *src, void *dst, uint64_t elements)
{
    const std::optional<TensorTypeInfo> info = tensorTypeInfo(static_cast<uint32_t>(type));
    if (!info || elements % info->blockElements != 0)
        return false;
    auto *d = static_cast<uint8_t *>(dst);
    const uint32_t be = info->blockElements;
    const uint32_t bb = info->blockBytes;
    switch (type) {
    case TensorType::F32:
        std::memcpy(d, src, elements * sizeof(float));
        return true;
    case TensorType::F16:
        for (uint64_t i = 0; i < elements; ++i)
            writeU16(d + 2 * i, floatToHalf(src[i]));
        return true;
    case TensorType::BF16:
        for (uint64_t i = 0; i < elements; ++i)
            writeU16(d + 2 * i, floatToBf16(src[i]));
        return true;
    case TensorType::Q8_0:
        quantBlocks<quantQ8_0>(src, d, elements, be, bb);
        return true;
    case TensorType::Q4_0:
        quantBlocks<quantQ4_0>(src, d, elements, be, bb);
        return true;
    case TensorType::Q4_1:
        quantBlocks<quantQ4_1>(src, d, elements, be, bb);
        return true;
    case TensorType::Q5_0:
        quantBlocks<quantQ5_0>(src, d, elements, be, bb);
        return true;
    case TensorType::Q5_1:
        quantBlocks<quantQ5_1>(src, d, elements, be, bb);
        return true;
    case TensorType::Q4_K:
        quantBlocks<quantQ4_K>(src, d, elements, be, bb);
        return true;
    case TensorType::Q5_K:
        quantBlocks<quantQ5_K>(src, d, elements, be, bb);
        return true;
    case TensorType::Q6_K:
        quantBlocks<quantQ6_K>(src, d, elements, be, bb);
        return true;
    default:
        return false;
    }
}

} // namespace atrium
