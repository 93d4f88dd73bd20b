// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Weight views and per-element dequantization for one tensor type, chosen by -DDATA_A_<TYPE>.
// The weight buffer (binding WEIGHT_BINDING, default 0) holds GGUF blocks unchanged; several blocks are only 2-byte
// aligned (Q4_0 18 B, Q8_0 34 B, Q6_K 210 B), so bytes are read through a 16-bit view (storageBuffer16BitAccess).
// dequantElement(blockByte, i) returns element i of the block starting at byte blockByte, computed exactly like
// dequantizeRow() in engine/src/gguf/tensor_type.cpp (same operation order; `precise` forbids FMA contraction so
// the result is bit-identical).

#extension GL_EXT_shader_16bit_storage : require

#ifndef WEIGHT_BINDING
#define WEIGHT_BINDING 0
#endif

layout(binding = WEIGHT_BINDING, std430) readonly buffer WeightU16 { uint16_t w16[]; };
layout(binding = WEIGHT_BINDING, std430) readonly buffer WeightU32 { uint w32[]; };
layout(binding = WEIGHT_BINDING, std430) readonly buffer WeightU32x4 { uvec4 w128[]; };
layout(binding = WEIGHT_BINDING, std430) readonly buffer WeightF32 { float wf32[]; };
layout(binding = WEIGHT_BINDING, std430) readonly buffer WeightF32x4 { vec4 wf32x4[]; };

uint readU8(uint byteOff)
{
    return (uint(w16[byteOff >> 1]) >> ((byteOff & 1u) << 3)) & 0xFFu;
}

uint readU16(uint byteOff)
{
    return uint(w16[byteOff >> 1]);
}

// Two 16-bit reads: for fields that are only 2-byte aligned.
uint readU32Unaligned(uint byteOff)
{
    return uint(w16[byteOff >> 1]) | (uint(w16[(byteOff >> 1) + 1u]) << 16);
}

// IEEE binary16 -> f32 from the bits, exact for every input (denormals included) whatever the device's fp16
// denormal mode.
float halfBits(uint h)
{
    const uint sign = (h & 0x8000u) << 16;
    const uint e = (h >> 10) & 0x1Fu;
    const uint m = h & 0x3FFu;
    if (e == 0u) {
        const float v = float(m) * 5.9604644775390625e-8; // m * 2^-24, exact
        return sign != 0u ? -v : v;
    }
    if (e == 31u)
        return uintBitsToFloat(sign | 0x7F800000u | (m << 13));
    return uintBitsToFloat(sign | ((e + 112u) << 23) | (m << 13));
}

float readHalf(uint byteOff)
{
    return halfBits(readU16(byteOff));
}

int signExtend8(uint b)
{
    return int(b << 24) >> 24;
}

const float kIq4Values[16] = float[16](-127.0, -104.0, -83.0, -65.0, -49.0, -35.0, -22.0, -10.0, 1.0, 13.0, 25.0, 38.0,
                                       53.0, 69.0, 89.0, 113.0);

// Q4_K / Q5_K packed 6-bit scale and min of sub-block s (0..7); the 12 scale bytes start at `sb`.
void scaleMinK4(uint sb, uint s, out uint sc, out uint mn)
{
    if (s < 4u) {
        sc = readU8(sb + s) & 63u;
        mn = readU8(sb + s + 4u) & 63u;
    } else {
        sc = (readU8(sb + s + 4u) & 0x0Fu) | ((readU8(sb + s - 4u) >> 6) << 4);
        mn = (readU8(sb + s + 4u) >> 4) | ((readU8(sb + s) >> 6) << 4);
    }
}

#if defined(DATA_A_F32)
#define BLOCK_ELEMS 1u
#define BLOCK_BYTES 4u
float dequantElement(uint bo, uint i)
{
    return wf32[bo >> 2];
}
#elif defined(DATA_A_F16)
#define BLOCK_ELEMS 1u
#define BLOCK_BYTES 2u
float dequantElement(uint bo, uint i)
{
    return readHalf(bo);
}
#elif defined(DATA_A_BF16)
#define BLOCK_ELEMS 1u
#define BLOCK_BYTES 2u
float dequantElement(uint bo, uint i)
{
    return uintBitsToFloat(readU16(bo) << 16);
}
#elif defined(DATA_A_Q4_0)
#define BLOCK_ELEMS 32u
#define BLOCK_BYTES 18u
float dequantElement(uint bo, uint i)
{
    const float d = readHalf(bo);
    const uint q = readU8(bo + 2u + (i & 15u));
    const uint nib = i < 16u ? (q & 0x0Fu) : (q >> 4);
    precise float r = float(int(nib) - 8) * d;
    return r;
}
#elif defined(DATA_A_Q4_1)
#define BLOCK_ELEMS 32u
#define BLOCK_BYTES 20u
float dequantElement(uint bo, uint i)
{
    const float d = readHalf(bo);
    const float m = readHalf(bo + 2u);
    const uint q = readU8(bo + 4u + (i & 15u));
    const uint nib = i < 16u ? (q & 0x0Fu) : (q >> 4);
    precise float r = float(nib) * d + m;
    return r;
}
#elif defined(DATA_A_Q5_0)
#define BLOCK_ELEMS 32u
#define BLOCK_BYTES 22u
float dequantElement(uint bo, uint i)
{
    const float d = readHalf(bo);
    const uint qh = readU32Unaligned(bo + 2u);
    const uint q = readU8(bo + 6u + (i & 15u));
    const uint nib = (i < 16u ? (q & 0x0Fu) : (q >> 4)) | (((qh >> i) & 1u) << 4);
    precise float r = float(int(nib) - 16) * d;
    return r;
}
#elif defined(DATA_A_Q5_1)
#define BLOCK_ELEMS 32u
#define BLOCK_BYTES 24u
float dequantElement(uint bo, uint i)
{
    const float d = readHalf(bo);
    const float m = readHalf(bo + 2u);
    const uint qh = readU32Unaligned(bo + 4u);
    const uint q = readU8(bo + 8u + (i & 15u));
    const uint nib = (i < 16u ? (q & 0x0Fu) : (q >> 4)) | (((qh >> i) & 1u) << 4);
    precise float r = float(nib) * d + m;
    return r;
}
#elif defined(DATA_A_Q8_0)
#define BLOCK_ELEMS 32u
#define BLOCK_BYTES 34u
float dequantElement(uint bo, uint i)
{
    const float d = readHalf(bo);
    precise float r = float(signExtend8(readU8(bo + 2u + i))) * d;
    return r;
}
#elif defined(DATA_A_IQ4_NL)
#define BLOCK_ELEMS 32u
#define BLOCK_BYTES 18u
float dequantElement(uint bo, uint i)
{
    const float d = readHalf(bo);
    const uint q = readU8(bo + 2u + (i & 15u));
    const uint nib = i < 16u ? (q & 0x0Fu) : (q >> 4);
    precise float r = d * kIq4Values[nib];
    return r;
}
#elif defined(DATA_A_Q2_K)
#define BLOCK_ELEMS 256u
#define BLOCK_BYTES 84u
float dequantElement(uint bo, uint i)
{
    const uint half_ = i >> 7;
    const uint r = i & 127u;
    const uint shift = (r >> 5) * 2u;
    const uint part = (r >> 4) & 1u;
    const uint is = half_ * 8u + (r >> 5) * 2u + part;
    const uint sc = readU8(bo + is);
    const float d = readHalf(bo + 80u);
    const float dmin = readHalf(bo + 82u);
    const uint q = readU8(bo + 16u + 32u * half_ + 16u * part + (r & 15u));
    precise float dl = d * float(sc & 0x0Fu);
    precise float ml = dmin * float(sc >> 4);
    precise float v = dl * float((q >> shift) & 3u) - ml;
    return v;
}
#elif defined(DATA_A_Q3_K)
#define BLOCK_ELEMS 256u
#define BLOCK_BYTES 110u
float dequantElement(uint bo, uint i)
{
    const uint half_ = i >> 7;
    const uint r = i & 127u;
    const uint j = r >> 5;
    const uint part = (r >> 4) & 1u;
    const uint l = 16u * part + (r & 15u);
    const uint is = half_ * 8u + 2u * j + part;
    // 6-bit scale is: four groups of four, low nibble from bytes 0..7, high 2 bits from bytes 8..11.
    const uint g = is >> 2;
    const uint i4 = is & 3u;
    const uint lowByte = readU8(bo + 96u + ((g & 1u) != 0u ? 4u + i4 : i4));
    const uint low = g < 2u ? (lowByte & 0x0Fu) : (lowByte >> 4);
    const uint high = (readU8(bo + 96u + 8u + i4) >> (2u * g)) & 3u;
    const int s = int(low | (high << 4)) - 32;
    const float dAll = readHalf(bo + 108u);
    const uint q = readU8(bo + 32u + 32u * half_ + l);
    const uint hm = readU8(bo + l);
    const uint m = 1u << (half_ * 4u + j);
    const int v = int((q >> (2u * j)) & 3u) - ((hm & m) != 0u ? 0 : 4);
    precise float dl = dAll * float(s);
    precise float y = dl * float(v);
    return y;
}
#elif defined(DATA_A_Q4_K)
#define BLOCK_ELEMS 256u
#define BLOCK_BYTES 144u
float dequantElement(uint bo, uint i)
{
    const uint c = i >> 6;
    const uint r = i & 63u;
    uint sc, mn;
    scaleMinK4(bo + 4u, 2u * c + (r >> 5), sc, mn);
    const float d = readHalf(bo);
    const float dmin = readHalf(bo + 2u);
    const uint q = readU8(bo + 16u + 32u * c + (r & 31u));
    const uint nib = r < 32u ? (q & 0x0Fu) : (q >> 4);
    precise float d1 = d * float(sc);
    precise float m1 = dmin * float(mn);
    precise float y = d1 * float(nib) - m1;
    return y;
}
#elif defined(DATA_A_Q5_K)
#define BLOCK_ELEMS 256u
#define BLOCK_BYTES 176u
float dequantElement(uint bo, uint i)
{
    const uint c = i >> 6;
    const uint r = i & 63u;
    const uint l = r & 31u;
    uint sc, mn;
    scaleMinK4(bo + 4u, 2u * c + (r >> 5), sc, mn);
    const float d = readHalf(bo);
    const float dmin = readHalf(bo + 2u);
    const uint q = readU8(bo + 48u + 32u * c + l);
    const uint hbit = (readU8(bo + 16u + l) >> (2u * c + (r >> 5))) & 1u;
    const uint v = (r < 32u ? (q & 0x0Fu) : (q >> 4)) + 16u * hbit;
    precise float d1 = d * float(sc);
    precise float m1 = dmin * float(mn);
    precise float y = d1 * float(v) - m1;
    return y;
}
#elif defined(DATA_A_Q6_K)
#define BLOCK_ELEMS 256u
#define BLOCK_BYTES 210u
float dequantElement(uint bo, uint i)
{
    const uint h = i >> 7;
    const uint r = i & 127u;
    const uint quarter = r >> 5;
    const uint l = r & 31u;
    const uint ql = readU8(bo + 64u * h + l + 32u * (quarter & 1u));
    const uint nib = quarter < 2u ? (ql & 0x0Fu) : (ql >> 4);
    const uint qh = (readU8(bo + 128u + 32u * h + l) >> (2u * quarter)) & 3u;
    const int q = int(nib | (qh << 4)) - 32;
    const int sc = signExtend8(readU8(bo + 192u + 8u * h + (l >> 4) + 2u * quarter));
    const float d = readHalf(bo + 208u);
    precise float y = d * float(sc) * float(q);
    return y;
}
#elif defined(DATA_A_IQ4_XS)
#define BLOCK_ELEMS 256u
#define BLOCK_BYTES 136u
float dequantElement(uint bo, uint i)
{
    const uint ib = i >> 5;
    const uint j = i & 31u;
    const float d = readHalf(bo);
    const uint scalesH = readU16(bo + 2u);
    const uint ls = ((readU8(bo + 4u + (ib >> 1)) >> (4u * (ib & 1u))) & 0x0Fu) | (((scalesH >> (2u * ib)) & 3u) << 4);
    const uint q = readU8(bo + 8u + 16u * ib + (j & 15u));
    const uint nib = j < 16u ? (q & 0x0Fu) : (q >> 4);
    precise float dl = d * float(int(ls) - 32);
    precise float y = dl * kIq4Values[nib];
    return y;
}
#else
#error "dequant.glsl: define one DATA_A_<TYPE>"
#endif
