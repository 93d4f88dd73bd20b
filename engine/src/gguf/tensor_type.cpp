// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "gguf/tensor_type.h"

#include <array>
#include <bit>
#include <cctype>
#include <cstring>

#include "atrium/error.h"

// NOTE: this file is compiled with -ffp-contract=off: dequantization must round exactly like ggml's reference code
// (every multiply and add rounded on its own), so no FMA contraction.

namespace atrium
{

// --- type table ----------------------------------------------------------------------------------------------------

namespace
{

constexpr uint32_t kQk = 256; // K-quant super-block size (QK_K)

// Geometry of every type ggml defines (ggml-common.h); removed ids (4, 5, 31-33, 36-38) are absent on purpose.
constexpr std::array kTypes {
    TensorTypeInfo {TensorType::F32, "F32", 1, 4, true},
    TensorTypeInfo {TensorType::F16, "F16", 1, 2, true},
    TensorTypeInfo {TensorType::Q4_0, "Q4_0", 32, 18, true},
    TensorTypeInfo {TensorType::Q4_1, "Q4_1", 32, 20, true},
    TensorTypeInfo {TensorType::Q5_0, "Q5_0", 32, 22, true},
    TensorTypeInfo {TensorType::Q5_1, "Q5_1", 32, 24, true},
    TensorTypeInfo {TensorType::Q8_0, "Q8_0", 32, 34, true},
    TensorTypeInfo {TensorType::Q8_1, "Q8_1", 32, 36, false},
    TensorTypeInfo {TensorType::Q2_K, "Q2_K", kQk, 84, true},
    TensorTypeInfo {TensorType::Q3_K, "Q3_K", kQk, 110, true},
    TensorTypeInfo {TensorType::Q4_K, "Q4_K", kQk, 144, true},
    TensorTypeInfo {TensorType::Q5_K, "Q5_K", kQk, 176, true},
    TensorTypeInfo {TensorType::Q6_K, "Q6_K", kQk, 210, true},
    TensorTypeInfo {TensorType::Q8_K, "Q8_K", kQk, 292, false},
    TensorTypeInfo {TensorType::IQ2_XXS, "IQ2_XXS", kQk, 66, false},
    TensorTypeInfo {TensorType::IQ2_XS, "IQ2_XS", kQk, 74, false},
    TensorTypeInfo {TensorType::IQ3_XXS, "IQ3_XXS", kQk, 98, false},
    TensorTypeInfo {TensorType::IQ1_S, "IQ1_S", kQk, 50, false},
    TensorTypeInfo {TensorType::IQ4_NL, "IQ4_NL", 32, 18, true},
    TensorTypeInfo {TensorType::IQ3_S, "IQ3_S", kQk, 110, false},
    TensorTypeInfo {TensorType::IQ2_S, "IQ2_S", kQk, 82, false},
    TensorTypeInfo {TensorType::IQ4_XS, "IQ4_XS", kQk, 136, true},
    TensorTypeInfo {TensorType::I8, "I8", 1, 1, false},
    TensorTypeInfo {TensorType::I16, "I16", 1, 2, false},
    TensorTypeInfo {TensorType::I32, "I32", 1, 4, false},
    TensorTypeInfo {TensorType::I64, "I64", 1, 8, false},
    TensorTypeInfo {TensorType::F64, "F64", 1, 8, false},
    TensorTypeInfo {TensorType::IQ1_M, "IQ1_M", kQk, 56, false},
    TensorTypeInfo {TensorType::BF16, "BF16", 1, 2, true},
    TensorTypeInfo {TensorType::TQ1_0, "TQ1_0", kQk, 54, false},
    TensorTypeInfo {TensorType::TQ2_0, "TQ2_0", kQk, 66, false},
    TensorTypeInfo {TensorType::MXFP4, "MXFP4", 32, 17, false},
};

// IQ4_NL / IQ4_XS codebook (engine-notes §2).
constexpr std::array<int8_t, 16> kIq4Values {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

uint16_t readU16(const uint8_t *p)
{
    return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

uint32_t readU32(const uint8_t *p)
{
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16)
        | (static_cast<uint32_t>(p[3]) << 24);
}

float readHalf(const uint8_t *p)
{
    return halfToFloat(readU16(p));
}

} // namespace

std::optional<TensorTypeInfo> tensorTypeInfo(uint32_t rawType)
{
    for (const TensorTypeInfo &info : kTypes) {
        if (static_cast<uint32_t>(info.type) == rawType)
            return info;
    }
    return std::nullopt;
}

TensorTypeInfo tensorTypeInfo(TensorType type)
{
    std::optional<TensorTypeInfo> info = tensorTypeInfo(static_cast<uint32_t>(type));
    ATRIUM_ASSERT(info.has_value(), "tensorTypeInfo: not a tensor type");
    return *info;
}

std::string tensorTypeName(uint32_t rawType)
{
    if (std::optional<TensorTypeInfo> info = tensorTypeInfo(rawType))
        return std::string(info->name);
    return "type " + std::to_string(rawType);
}

std::optional<TensorType> tensorTypeFromName(std::string_view name)
{
    for (const TensorTypeInfo &info : kTypes) {
        if (info.name.size() != name.size())
            continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i)
            same = std::toupper(static_cast<unsigned char>(name[i])) == info.name[i];
        if (same)
            return info.type;
    }
    return std::nullopt;
}

size_t rowBytes(TensorType type, uint64_t elements)
{
    const TensorTypeInfo info = tensorTypeInfo(type);
    ATRIUM_ASSERT(elements % info.blockElements == 0, "rowBytes: row is not a whole number of blocks");
    return static_cast<size_t>(elements / info.blockElements * info.blockBytes);
}

// --- f16 / bf16 ----------------------------------------------------------------------------------------------------

float halfToFloat(uint16_t h)
{
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
    const uint32_t exponent = (h >> 10) & 0x1F;
    uint32_t mantissa = h & 0x3FF;
    uint32_t bits;
    if (exponent == 0x1F) {
        bits = sign | 0x7F800000u | (mantissa << 13); // inf / NaN (payload kept)
    } else if (exponent != 0) {
        bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    } else if (mantissa == 0) {
        bits = sign; // ±0
    } else {
        // Denormal half: normalise into an f32 (every half denormal is an f32 normal).
        int e = -1;
        do {
            ++e;
            mantissa <<= 1;
        } while ((mantissa & 0x400) == 0);
        bits = sign | (static_cast<uint32_t>(112 - e) << 23) | ((mantissa & 0x3FF) << 13);
    }
    return std::bit_cast<float>(bits);
}

uint16_t floatToHalf(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const uint16_t sign = static_cast<uint16_t>((x >> 16) & 0x8000);
    const uint32_t absBits = x & 0x7FFFFFFFu;
    if (absBits > 0x7F800000u) // NaN: keep it quiet, keep the top payload bits
        return static_cast<uint16_t>(sign | 0x7E00 | ((absBits >> 13) & 0x3FF));
    if (absBits >= 0x477FF000u) // rounds to or above 65520: inf
        return static_cast<uint16_t>(sign | 0x7C00);
    if (absBits >= 0x38800000u) { // normal half range (>= 2^-14)
        const uint32_t rounded = absBits + 0xFFFu + ((absBits >> 13) & 1u) - (112u << 23);
        return static_cast<uint16_t>(sign | (rounded >> 13));
    }
    if (absBits < 0x33000000u) // below half of the smallest denormal (2^-25): ±0
        return sign;
    // Denormal half: value = m * 2^-24, round to nearest even.
    const uint32_t exponent = absBits >> 23;
    const uint32_t mantissa = (absBits & 0x7FFFFFu) | 0x800000u;
    const uint32_t shift = 126 - exponent; // 14..24 for exponents 102..112
    const uint32_t halfway = 1u << (shift - 1);
    const uint32_t remainder = mantissa & ((1u << shift) - 1);
    uint32_t result = mantissa >> shift;
    if (remainder > halfway || (remainder == halfway && (result & 1u)))
        ++result;
    return static_cast<uint16_t>(sign | result);
}

float bf16ToFloat(uint16_t b)
{
    return std::bit_cast<float>(static_cast<uint32_t>(b) << 16);
}

uint16_t floatToBf16(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    if ((x & 0x7FFFFFFFu) > 0x7F800000u)
        return static_cast<uint16_t>((x >> 16) | 64); // NaN: force quiet, as ggml does
    return static_cast<uint16_t>((x + (0x7FFFu + ((x >> 16) & 1u))) >> 16);
}

// --- dequantization (engine-notes §2; same operation order as ggml's dequantize_row_*) -----------------------------

namespace
{

void dequantQ4_0(const uint8_t *b, float *y)
{
    const float d = readHalf(b);
    const uint8_t *qs = b + 2;
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>((qs[j] & 0x0F) - 8) * d;
        y[j + 16] = static_cast<float>((qs[j] >> 4) - 8) * d;
    }
}

void dequantQ4_1(const uint8_t *b, float *y)
{
    const float d = readHalf(b);
    const float m = readHalf(b + 2);
    const uint8_t *qs = b + 4;
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>(qs[j] & 0x0F) * d + m;
        y[j + 16] = static_cast<float>(qs[j] >> 4) * d + m;
    }
}

void dequantQ5_0(const uint8_t *b, float *y)
{
    const float d = readHalf(b);
    const uint32_t qh = readU32(b + 2);
    const uint8_t *qs = b + 6;
    for (int j = 0; j < 16; ++j) {
        const int x0 = static_cast<int>((qs[j] & 0x0F) | (((qh >> j) & 1u) << 4)) - 16;
        const int x1 = static_cast<int>((qs[j] >> 4) | (((qh >> (j + 16)) & 1u) << 4)) - 16;
        y[j] = static_cast<float>(x0) * d;
        y[j + 16] = static_cast<float>(x1) * d;
    }
}

void dequantQ5_1(const uint8_t *b, float *y)
{
    const float d = readHalf(b);
    const float m = readHalf(b + 2);
    const uint32_t qh = readU32(b + 4);
    const uint8_t *qs = b + 8;
    for (int j = 0; j < 16; ++j) {
        const uint32_t x0 = (qs[j] & 0x0Fu) | (((qh >> j) & 1u) << 4);
        const uint32_t x1 = (qs[j] >> 4u) | (((qh >> (j + 16)) & 1u) << 4);
        y[j] = static_cast<float>(x0) * d + m;
        y[j + 16] = static_cast<float>(x1) * d + m;
    }
}

void dequantQ8_0(const uint8_t *b, float *y)
{
    const float d = readHalf(b);
    for (int j = 0; j < 32; ++j)
        y[j] = static_cast<float>(static_cast<int8_t>(b[2 + j])) * d;
}

void dequantIq4Nl(const uint8_t *b, float *y)
{
    const float d = readHalf(b);
    const uint8_t *qs = b + 2;
    for (int j = 0; j < 16; ++j) {
        y[j] = d * static_cast<float>(kIq4Values[qs[j] & 0x0F]);
        y[j + 16] = d * static_cast<float>(kIq4Values[qs[j] >> 4]);
    }
}

void dequantQ2_K(const uint8_t *b, float *y)
{
    const uint8_t *scales = b;
    const uint8_t *q = b + 16;
    const float d = readHalf(b + 80);
    const float dmin = readHalf(b + 82);
    int is = 0;
    for (int half = 0; half < 2; ++half) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int part = 0; part < 2; ++part) {
                const uint8_t sc = scales[is++];
                const float dl = d * static_cast<float>(sc & 0x0F);
                const float ml = dmin * static_cast<float>(sc >> 4);
                for (int l = 0; l < 16; ++l)
                    *y++ = dl * static_cast<float>((q[16 * part + l] >> shift) & 3) - ml;
            }
        }
        q += 32;
    }
}

void dequantQ3_K(const uint8_t *b, float *y)
{
    const uint8_t *hm = b;
    const uint8_t *q = b + 32;
    const uint8_t *sb = b + 96;
    const float dAll = readHalf(b + 108);
    std::array<int, 16> s {};
    for (int i = 0; i < 4; ++i) {
        s[i] = (sb[i] & 0x0F) | ((sb[8 + i] & 3) << 4);
        s[4 + i] = (sb[4 + i] & 0x0F) | (((sb[8 + i] >> 2) & 3) << 4);
        s[8 + i] = (sb[i] >> 4) | (((sb[8 + i] >> 4) & 3) << 4);
        s[12 + i] = (sb[4 + i] >> 4) | (((sb[8 + i] >> 6) & 3) << 4);
    }
    int is = 0;
    uint8_t m = 1;
    for (int half = 0; half < 2; ++half) {
        for (int shift = 0; shift < 8; shift += 2) {
            for (int part = 0; part < 2; ++part) {
                const float dl = dAll * static_cast<float>(s[is++] - 32);
                for (int l = 0; l < 16; ++l) {
                    const int idx = 16 * part + l;
                    const int v = ((q[idx] >> shift) & 3) - ((hm[idx] & m) ? 0 : 4);
                    *y++ = dl * static_cast<float>(v);
                }
            }
            m = static_cast<uint8_t>(m << 1);
        }
        q += 32;
    }
}

// Q4_K / Q5_K 6-bit scale and min of sub-block s (0..7).
void scaleMinK4(int s, const uint8_t *q, uint8_t &sc, uint8_t &mn)
{
    if (s < 4) {
        sc = q[s] & 63;
        mn = q[s + 4] & 63;
    } else {
        sc = static_cast<uint8_t>((q[s + 4] & 0x0F) | ((q[s - 4] >> 6) << 4));
        mn = static_cast<uint8_t>((q[s + 4] >> 4) | ((q[s] >> 6) << 4));
    }
}

void dequantQ4_K(const uint8_t *b, float *y)
{
    const float d = readHalf(b);
    const float dmin = readHalf(b + 2);
    const uint8_t *scales = b + 4;
    const uint8_t *qs = b + 16;
    for (int c = 0; c < 4; ++c) {
        uint8_t sc = 0;
        uint8_t mn = 0;
        scaleMinK4(2 * c, scales, sc, mn);
        const float d1 = d * static_cast<float>(sc);
        const float m1 = dmin * static_cast<float>(mn);
        scaleMinK4(2 * c + 1, scales, sc, mn);
        const float d2 = d * static_cast<float>(sc);
        const float m2 = dmin * static_cast<float>(mn);
        for (int l = 0; l < 32; ++l)
            *y++ = d1 * static_cast<float>(qs[32 * c + l] & 0x0F) - m1;
        for (int l = 0; l < 32; ++l)
            *y++ = d2 * static_cast<float>(qs[32 * c + l] >> 4) - m2;
    }
}

void dequantQ5_K(const uint8_t *b, float *y)
{
    const float d = readHalf(b);
    const float dmin = readHalf(b + 2);
    const uint8_t *scales = b + 4;
    const uint8_t *qh = b + 16;
    const uint8_t *qs = b + 48;
    for (int c = 0; c < 4; ++c) {
        uint8_t sc = 0;
        uint8_t mn = 0;
        scaleMinK4(2 * c, scales, sc, mn);
        const float d1 = d * static_cast<float>(sc);
        const float m1 = dmin * static_cast<float>(mn);
        scaleMinK4(2 * c + 1, scales, sc, mn);
        const float d2 = d * static_cast<float>(sc);
        const float m2 = dmin * static_cast<float>(mn);
        const uint8_t u1 = static_cast<uint8_t>(1u << (2 * c));
        const uint8_t u2 = static_cast<uint8_t>(2u << (2 * c));
        for (int l = 0; l < 32; ++l)
            *y++ = d1 * static_cast<float>((qs[32 * c + l] & 0x0F) + ((qh[l] & u1) ? 16 : 0)) - m1;
        for (int l = 0; l < 32; ++l)
            *y++ = d2 * static_cast<float>((qs[32 * c + l] >> 4) + ((qh[l] & u2) ? 16 : 0)) - m2;
    }
}

void dequantQ6_K(const uint8_t *b, float *y)
{
    const float d = readHalf(b + 208);
    for (int h = 0; h < 2; ++h) {
        const uint8_t *ql = b + 64 * h;
        const uint8_t *qh = b + 128 + 32 * h;
        const auto *sc = reinterpret_cast<const int8_t *>(b + 192 + 8 * h);
        float *out = y + 128 * h;
        for (int l = 0; l < 32; ++l) {
            const int is = l / 16;
            const int q1 = ((ql[l] & 0x0F) | (((qh[l] >> 0) & 3) << 4)) - 32;
            const int q2 = ((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32;
            const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
            const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
            out[l] = d * static_cast<float>(sc[is + 0]) * static_cast<float>(q1);
            out[l + 32] = d * static_cast<float>(sc[is + 2]) * static_cast<float>(q2);
            out[l + 64] = d * static_cast<float>(sc[is + 4]) * static_cast<float>(q3);
            out[l + 96] = d * static_cast<float>(sc[is + 6]) * static_cast<float>(q4);
        }
    }
}

void dequantIq4Xs(const uint8_t *b, float *y)
{
    const float d = readHalf(b);
    const uint16_t scalesH = readU16(b + 2);
    const uint8_t *scalesL = b + 4;
    const uint8_t *qs = b + 8;
    for (int ib = 0; ib < 8; ++ib) {
        const int ls = ((scalesL[ib / 2] >> (4 * (ib % 2))) & 0x0F) | (((scalesH >> (2 * ib)) & 3) << 4);
        const float dl = d * static_cast<float>(ls - 32);
        for (int j = 0; j < 16; ++j) {
            y[j] = dl * static_cast<float>(kIq4Values[qs[j] & 0x0F]);
            y[j + 16] = dl * static_cast<float>(kIq4Values[qs[j] >> 4]);
        }
        y += 32;
        qs += 16;
    }
}

using BlockFn = void (*)(const uint8_t *, float *);

template <BlockFn Fn>
void dequantBlocks(const uint8_t *src, float *dst, uint64_t elements, uint32_t blockElements, uint32_t blockBytes)
{
    const uint64_t blocks = elements / blockElements;
    for (uint64_t i = 0; i < blocks; ++i)
        Fn(src + i * blockBytes, dst + i * blockElements);
}

} // namespace

void dequantizeRow(TensorType type, const void *src, float *dst, uint64_t elements)
{
    const TensorTypeInfo info = tensorTypeInfo(type);
    ATRIUM_ASSERT(elements % info.blockElements == 0, "dequantizeRow: not a whole number of blocks");
    const auto *s = static_cast<const uint8_t *>(src);
    const uint32_t be = info.blockElements;
    const uint32_t bb = info.blockBytes;
    switch (type) {
    case TensorType::F32:
        std::memcpy(dst, s, elements * sizeof(float));
        return;
    case TensorType::F16:
        for (uint64_t i = 0; i < elements; ++i)
            dst[i] = halfToFloat(readU16(s + 2 * i));
        return;
    case TensorType::BF16:
        for (uint64_t i = 0; i < elements; ++i)
            dst[i] = bf16ToFloat(readU16(s + 2 * i));
        return;
    case TensorType::Q4_0:
        return dequantBlocks<dequantQ4_0>(s, dst, elements, be, bb);
    case TensorType::Q4_1:
        return dequantBlocks<dequantQ4_1>(s, dst, elements, be, bb);
    case TensorType::Q5_0:
        return dequantBlocks<dequantQ5_0>(s, dst, elements, be, bb);
    case TensorType::Q5_1:
        return dequantBlocks<dequantQ5_1>(s, dst, elements, be, bb);
    case TensorType::Q8_0:
        return dequantBlocks<dequantQ8_0>(s, dst, elements, be, bb);
    case TensorType::Q2_K:
        return dequantBlocks<dequantQ2_K>(s, dst, elements, be, bb);
    case TensorType::Q3_K:
        return dequantBlocks<dequantQ3_K>(s, dst, elements, be, bb);
    case TensorType::Q4_K:
        return dequantBlocks<dequantQ4_K>(s, dst, elements, be, bb);
    case TensorType::Q5_K:
        return dequantBlocks<dequantQ5_K>(s, dst, elements, be, bb);
    case TensorType::Q6_K:
        return dequantBlocks<dequantQ6_K>(s, dst, elements, be, bb);
    case TensorType::IQ4_NL:
        return dequantBlocks<dequantIq4Nl>(s, dst, elements, be, bb);
    case TensorType::IQ4_XS:
        return dequantBlocks<dequantIq4Xs>(s, dst, elements, be, bb);
    default:
        break;
    }
    ATRIUM_ASSERT(false, "dequantizeRow: type cannot be dequantized (check TensorTypeInfo::canDequantize)");
}

} // namespace atrium
