// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// mul_mat_vec: decode GEMV, dst[t, m] = sum_k W[m, k] * x[t, k] (+ bias[m]) for up to 8 activation rows (tokens).
// Matches: ref::matmul (engine/src/cpu/reference_ops.h), fp32 accumulation.
// Variants: -DDATA_A_<TYPE>; -DITEM_GENERIC decodes element by element through dequant.glsl (any K, any type);
//           -DUSE_SUBGROUP reduces with subgroupAdd, otherwise through shared memory.
// Bindings: 0 W (GGUF blocks, rows of this dispatch), 1 x (f32), 2 bias (f32, read when pc.hasBias), 3 dst (f32).
// Push constants: MatmulPush.
// Specialization: 0 BLOCK_SIZE (workgroup size), 1 NUM_ROWS (W rows per workgroup), 2 NUM_COLS (= t, 1..8),
// 3 UNROLL (items per invocation per iteration: more loads in flight per thread when occupancy is low).
// Workgroup mapping: workgroup w owns rows [w * NUM_ROWS, +NUM_ROWS); each row is cut into "items" (8 elements of a
// legacy block: 4 lanes per 32-element block; 16 elements of a K-quant: 16 lanes per 256-element super-block;
// 8 elements of F32/F16/BF16); invocation i handles items i, i + BLOCK_SIZE, ... so neighbouring lanes read
// neighbouring bytes. Scales are applied once per item; partial sums are reduced across the workgroup.
// Fast (non-generic) variants need K % 8 == 0 and x rows that start on a 16-byte boundary (checked on the host).
#version 450
#extension GL_EXT_control_flow_attributes : enable

#define PUSH_MATMUL
#include "common/push_constants.h"
#include "common/dequant.glsl"

#ifdef USE_SUBGROUP
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint BLOCK_SIZE = 32;
layout(constant_id = 1) const uint NUM_ROWS = 1;
layout(constant_id = 2) const uint NUM_COLS = 1;
layout(constant_id = 3) const uint UNROLL = 1;

layout(binding = 1, std430) readonly buffer X { float x[]; };
layout(binding = 1, std430) readonly buffer X4 { vec4 x4[]; };
layout(binding = 2, std430) readonly buffer Bias { float bias[]; };
layout(binding = 3, std430) writeonly buffer Dst { float dst[]; };

// x[t = c][k .. k + 3]; k is a multiple of 4 and rows start on 16-byte boundaries in fast variants.
vec4 xv(uint c, uint k)
{
    return x4[(pc.xOffset + c * pc.xStride + k) >> 2];
}

float xsum(vec4 v)
{
    return (v.x + v.y) + (v.z + v.w);
}

// Four bytes of v as floats minus `bias`: the exponent trick (2^23 + b has b in its mantissa) avoids
// integer-to-float conversions, which run at a fraction of the FMA rate on most GPUs.
vec4 bytes4(uint v, float bias)
{
    const float magic = 8388608.0 + bias;
    return vec4(uintBitsToFloat((v & 0xFFu) | 0x4B000000u), uintBitsToFloat(((v >> 8) & 0xFFu) | 0x4B000000u),
                uintBitsToFloat(((v >> 16) & 0xFFu) | 0x4B000000u), uintBitsToFloat((v >> 24) | 0x4B000000u))
        - magic;
}

// Spreads the 4 low bits of b to bit 4 of each byte (the 5th bit of Q5 quants).
uint spreadBits4(uint b)
{
    return ((b & 1u) | ((b & 2u) << 7) | ((b & 4u) << 14) | ((b & 8u) << 21)) << 4;
}

#if defined(ITEM_GENERIC)
// 8 consecutive elements decoded one by one; any type, any K (bounds-checked), scalar x loads.
#define ITEM_ELEMS 8u
uint rowBytesOf(uint k)
{
    return (k / BLOCK_ELEMS) * BLOCK_BYTES;
}
uint itemsPerRow(uint k)
{
    return (k + 7u) / 8u;
}
void itemDot(uint rowByte, uint it, inout float acc[NUM_COLS])
{
    const uint k0 = it * 8u;
    [[unroll]] for (uint e = 0u; e < 8u; ++e) {
        const uint k = k0 + e;
        if (k < pc.k) {
            const float w = dequantElement(rowByte + (k / BLOCK_ELEMS) * BLOCK_BYTES, k % BLOCK_ELEMS);
            [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c)
                acc[c] += w * x[pc.xOffset + c * pc.xStride + k];
        }
    }
}
#elif defined(DATA_A_F32) || defined(DATA_A_F16) || defined(DATA_A_BF16)
uint rowBytesOf(uint k)
{
    return k * BLOCK_BYTES;
}
uint itemsPerRow(uint k)
{
    return k / 8u;
}
void itemDot(uint rowByte, uint it, inout float acc[NUM_COLS])
{
#if defined(DATA_A_F32)
    const uint i4 = (rowByte >> 4) + 2u * it;
    const vec4 w0 = wf32x4[i4];
    const vec4 w1 = wf32x4[i4 + 1u];
#else
    const uvec4 u = w128[(rowByte >> 4) + it];
#if defined(DATA_A_F16)
    const vec4 w0 = vec4(unpackHalf2x16(u.x), unpackHalf2x16(u.y));
    const vec4 w1 = vec4(unpackHalf2x16(u.z), unpackHalf2x16(u.w));
#else
    const vec4 w0 = uintBitsToFloat(uvec4(u.x << 16, u.x & 0xFFFF0000u, u.y << 16, u.y & 0xFFFF0000u));
    const vec4 w1 = uintBitsToFloat(uvec4(u.z << 16, u.z & 0xFFFF0000u, u.w << 16, u.w & 0xFFFF0000u));
#endif
#endif
    const uint k0 = it * 8u;
    [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c)
        acc[c] += dot(w0, xv(c, k0)) + dot(w1, xv(c, k0 + 4u));
}
#elif defined(DATA_A_Q4_0) || defined(DATA_A_Q4_1) || defined(DATA_A_Q5_0) || defined(DATA_A_Q5_1)                 \
    || defined(DATA_A_Q8_0)
// Four lanes per 32-element block. Lane q (0..3) of Q4/Q5 takes quant bytes 4q..4q+3: elements 4q..4q+3 (low
// nibbles) and 16+4q..16+4q+3 (high nibbles). Lane q of Q8_0 takes elements 8q..8q+7.
uint rowBytesOf(uint k)
{
    return (k / 32u) * BLOCK_BYTES;
}
uint itemsPerRow(uint k)
{
    return k / 8u;
}
void itemDot(uint rowByte, uint it, inout float acc[NUM_COLS])
{
    const uint ib = it >> 2;
    const uint q = it & 3u;
    const uint bo = rowByte + ib * BLOCK_BYTES;
    const float d = readHalf(bo);
#if defined(DATA_A_Q8_0)
    const uint v0 = readU32Unaligned(bo + 2u + 8u * q) ^ 0x80808080u;
    const uint v1 = readU32Unaligned(bo + 6u + 8u * q) ^ 0x80808080u;
    const vec4 a = bytes4(v0, 128.0);
    const vec4 b = bytes4(v1, 128.0);
    const uint k0 = ib * 32u + 8u * q;
    [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c)
        acc[c] += d * (dot(a, xv(c, k0)) + dot(b, xv(c, k0 + 4u)));
#else
#if defined(DATA_A_Q4_0)
    const uint v = readU32Unaligned(bo + 2u + 4u * q);
    const vec4 lo = bytes4(v & 0x0F0F0F0Fu, 8.0);
    const vec4 hi = bytes4((v >> 4) & 0x0F0F0F0Fu, 8.0);
#elif defined(DATA_A_Q4_1)
    const float m = readHalf(bo + 2u);
    const uint v = w32[(bo + 4u + 4u * q) >> 2];
    const vec4 lo = bytes4(v & 0x0F0F0F0Fu, 0.0);
    const vec4 hi = bytes4((v >> 4) & 0x0F0F0F0Fu, 0.0);
#elif defined(DATA_A_Q5_0)
    const uint qh = readU32Unaligned(bo + 2u);
    const uint v = readU32Unaligned(bo + 6u + 4u * q);
    const vec4 lo = bytes4((v & 0x0F0F0F0Fu) | spreadBits4((qh >> (4u * q)) & 0xFu), 16.0);
    const vec4 hi = bytes4(((v >> 4) & 0x0F0F0F0Fu) | spreadBits4((qh >> (16u + 4u * q)) & 0xFu), 16.0);
#elif defined(DATA_A_Q5_1)
    const float m = readHalf(bo + 2u);
    const uint qh = w32[(bo + 4u) >> 2];
    const uint v = w32[(bo + 8u + 4u * q) >> 2];
    const vec4 lo = bytes4((v & 0x0F0F0F0Fu) | spreadBits4((qh >> (4u * q)) & 0xFu), 0.0);
    const vec4 hi = bytes4(((v >> 4) & 0x0F0F0F0Fu) | spreadBits4((qh >> (16u + 4u * q)) & 0xFu), 0.0);
#endif
    const uint k0 = ib * 32u + 4u * q;
    [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c) {
        const vec4 xl = xv(c, k0);
        const vec4 xh = xv(c, k0 + 16u);
#if defined(DATA_A_Q4_1) || defined(DATA_A_Q5_1)
        acc[c] += d * (dot(lo, xl) + dot(hi, xh)) + m * (xsum(xl) + xsum(xh));
#else
        acc[c] += d * (dot(lo, xl) + dot(hi, xh));
#endif
    }
#endif
}
#elif defined(DATA_A_Q4_K) || defined(DATA_A_Q5_K)
// Sixteen lanes per 256-element super-block. Lane l: chunk c = l / 4 (64 elements), bytes p..p+7 of the chunk's
// 32 quant bytes (p = 8 * (l % 4)): elements 64c+p.. (low nibbles, sub-block 2c) and 64c+32+p.. (high nibbles,
// sub-block 2c+1). acc += d*sc*sum(x*q) - dmin*mn*sum(x) per sub-block.
uint rowBytesOf(uint k)
{
    return (k / 256u) * BLOCK_BYTES;
}
uint itemsPerRow(uint k)
{
    return k / 16u;
}
void itemDot(uint rowByte, uint it, inout float acc[NUM_COLS])
{
    const uint sb = it >> 4;
    const uint l = it & 15u;
    const uint c = l >> 2;
    const uint p = 8u * (l & 3u);
    const uint bo = rowByte + sb * BLOCK_BYTES;
    const uint dm = w32[bo >> 2];
    const vec2 dd = vec2(halfBits(dm & 0xFFFFu), halfBits(dm >> 16));
    uint sc0, mn0, sc1, mn1;
    scaleMinK4(bo + 4u, 2u * c, sc0, mn0);
    scaleMinK4(bo + 4u, 2u * c + 1u, sc1, mn1);
#if defined(DATA_A_Q4_K)
    const uint qo = (bo + 16u + 32u * c + p) >> 2;
#else
    const uint qo = (bo + 48u + 32u * c + p) >> 2;
    const uint h0 = w32[(bo + 16u + p) >> 2] >> (2u * c);
    const uint h1 = w32[(bo + 20u + p) >> 2] >> (2u * c);
#endif
    const uint v0 = w32[qo];
    const uint v1 = w32[qo + 1u];
#if defined(DATA_A_Q4_K)
    const vec4 lo0 = bytes4(v0 & 0x0F0F0F0Fu, 0.0);
    const vec4 lo1 = bytes4(v1 & 0x0F0F0F0Fu, 0.0);
    const vec4 hi0 = bytes4((v0 >> 4) & 0x0F0F0F0Fu, 0.0);
    const vec4 hi1 = bytes4((v1 >> 4) & 0x0F0F0F0Fu, 0.0);
#else
    const vec4 lo0 = bytes4((v0 & 0x0F0F0F0Fu) | ((h0 & 0x01010101u) << 4), 0.0);
    const vec4 lo1 = bytes4((v1 & 0x0F0F0F0Fu) | ((h1 & 0x01010101u) << 4), 0.0);
    const vec4 hi0 = bytes4(((v0 >> 4) & 0x0F0F0F0Fu) | (((h0 >> 1) & 0x01010101u) << 4), 0.0);
    const vec4 hi1 = bytes4(((v1 >> 4) & 0x0F0F0F0Fu) | (((h1 >> 1) & 0x01010101u) << 4), 0.0);
#endif
    const float dsc0 = dd.x * float(sc0);
    const float dsc1 = dd.x * float(sc1);
    const float dmn0 = dd.y * float(mn0);
    const float dmn1 = dd.y * float(mn1);
    const uint k0 = sb * 256u + 64u * c + p;
    [[unroll]] for (uint col = 0u; col < NUM_COLS; ++col) {
        const vec4 xa = xv(col, k0);
        const vec4 xb = xv(col, k0 + 4u);
        const vec4 xc = xv(col, k0 + 32u);
        const vec4 xd = xv(col, k0 + 36u);
        acc[col] += dsc0 * (dot(lo0, xa) + dot(lo1, xb)) + dsc1 * (dot(hi0, xc) + dot(hi1, xd))
            - dmn0 * (xsum(xa) + xsum(xb)) - dmn1 * (xsum(xc) + xsum(xd));
    }
}
#elif defined(DATA_A_Q6_K)
// Sixteen lanes per 256-element super-block. Lane l: half h = l / 8 (128 elements), positions j..j+3 with
// j = 4 * (l % 8): elements 128h + j + {0, 32, 64, 96} (+0..3), whose 6-bit quants come from ql[64h + j],
// ql[64h + 32 + j] and qh[32h + j]; scales sc[8h + j/16 + {0, 2, 4, 6}].
uint rowBytesOf(uint k)
{
    return (k / 256u) * BLOCK_BYTES;
}
uint itemsPerRow(uint k)
{
    return k / 16u;
}
void itemDot(uint rowByte, uint it, inout float acc[NUM_COLS])
{
    const uint sb = it >> 4;
    const uint l = it & 15u;
    const uint h = l >> 3;
    const uint j = 4u * (l & 7u);
    const uint bo = rowByte + sb * BLOCK_BYTES;
    const uint a = readU32Unaligned(bo + 64u * h + j);
    const uint b = readU32Unaligned(bo + 64u * h + 32u + j);
    const uint qh = readU32Unaligned(bo + 128u + 32u * h + j);
    const uint so = bo + 192u + 8u * h + (j >> 4);
    const float d = readHalf(bo + 208u);
    const vec4 q0 = bytes4((a & 0x0F0F0F0Fu) | ((qh & 0x03030303u) << 4), 32.0);
    const vec4 q1 = bytes4((b & 0x0F0F0F0Fu) | (((qh >> 2) & 0x03030303u) << 4), 32.0);
    const vec4 q2 = bytes4(((a >> 4) & 0x0F0F0F0Fu) | (((qh >> 4) & 0x03030303u) << 4), 32.0);
    const vec4 q3 = bytes4(((b >> 4) & 0x0F0F0F0Fu) | (((qh >> 6) & 0x03030303u) << 4), 32.0);
    const float s0 = d * float(signExtend8(readU8(so)));
    const float s1 = d * float(signExtend8(readU8(so + 2u)));
    const float s2 = d * float(signExtend8(readU8(so + 4u)));
    const float s3 = d * float(signExtend8(readU8(so + 6u)));
    const uint k0 = sb * 256u + 128u * h + j;
    [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c) {
        acc[c] += s0 * dot(q0, xv(c, k0)) + s1 * dot(q1, xv(c, k0 + 32u)) + s2 * dot(q2, xv(c, k0 + 64u))
            + s3 * dot(q3, xv(c, k0 + 96u));
    }
}
#else
#error "mul_mat_vec: this type needs -DITEM_GENERIC"
#endif

// One slot per invocation and output: enough for the shared-memory tree and for one value per subgroup.
shared float partials[BLOCK_SIZE * NUM_ROWS * NUM_COLS];

void main()
{
    const uint tid = gl_LocalInvocationID.x;
    const uint wg = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    const uint row0 = wg * NUM_ROWS;
    if (row0 >= pc.m)
        return; // whole workgroup: uniform
    const uint rowBytes = rowBytesOf(pc.k);
    const uint items = itemsPerRow(pc.k);

    float acc[NUM_ROWS][NUM_COLS];
    [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r)
        [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c)
            acc[r][c] = 0.0;

    // Rows past M (last workgroup only) read row M-1 and are never written: no branch in the loop, so the
    // loads of all rows and unrolled items can be issued together.
    uint rowByte[NUM_ROWS];
    [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r)
        rowByte[r] = min(row0 + r, pc.m - 1u) * rowBytes;
    uint it = tid;
    for (; it + (UNROLL - 1u) * BLOCK_SIZE < items; it += UNROLL * BLOCK_SIZE) {
        [[unroll]] for (uint u = 0u; u < UNROLL; ++u)
            [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r)
                itemDot(rowByte[r], it + u * BLOCK_SIZE, acc[r]);
    }
    for (; it < items; it += BLOCK_SIZE) {
        [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r)
            itemDot(rowByte[r], it, acc[r]);
    }

    const uint rc = NUM_ROWS * NUM_COLS;
#ifdef USE_SUBGROUP
    [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r)
        [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c)
            acc[r][c] = subgroupAdd(acc[r][c]);
    if (gl_NumSubgroups > 1u) {
        if (subgroupElect()) {
            [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r)
                [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c)
                    partials[gl_SubgroupID * rc + r * NUM_COLS + c] = acc[r][c];
        }
        barrier();
        if (tid == 0u) {
            [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r)
                [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c) {
                    float s = 0.0;
                    for (uint g = 0u; g < gl_NumSubgroups; ++g)
                        s += partials[g * rc + r * NUM_COLS + c];
                    acc[r][c] = s;
                }
        }
    }
#else
    [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r)
        [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c)
            partials[(r * NUM_COLS + c) * BLOCK_SIZE + tid] = acc[r][c];
    barrier();
    for (uint s = BLOCK_SIZE / 2u; s > 0u; s >>= 1) {
        if (tid < s) {
            for (uint i = 0u; i < rc; ++i)
                partials[i * BLOCK_SIZE + tid] += partials[i * BLOCK_SIZE + tid + s];
        }
        barrier();
    }
    if (tid == 0u) {
        [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r)
            [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c)
                acc[r][c] = partials[(r * NUM_COLS + c) * BLOCK_SIZE];
    }
#endif
    if (tid == 0u) {
        [[unroll]] for (uint r = 0u; r < NUM_ROWS; ++r) {
            const uint row = row0 + r;
            if (row < pc.m) {
                const float b = pc.hasBias != 0u ? bias[pc.biasOffset + row] : 0.0;
                [[unroll]] for (uint c = 0u; c < NUM_COLS; ++c) {
                    if (c < pc.t)
                        dst[pc.dOffset + c * pc.dStride + row] = acc[r][c] + b;
                }
            }
        }
    }
}
