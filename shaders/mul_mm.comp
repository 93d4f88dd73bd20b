// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// mul_mm: tiled GEMM for prompt processing (T > 8), dst[t, m] = sum_k W[m, k] * x[t, k] (+ bias[m]).
// Matches: ref::matmul (engine/src/cpu/reference_ops.h), fp32 accumulation.
// Variants: -DDATA_A_<TYPE> (every type dequant.glsl knows; any K that is a whole number of blocks).
// Bindings: 0 W (GGUF blocks, rows of this dispatch), 1 x (f32), 2 bias (f32, read when pc.hasBias), 3 dst (f32).
// Push constants: MatmulPush.
// Workgroup mapping: 256 invocations (16 x 16) own a BM x BN = 64 x 64 output tile (64 rows of W by 64 tokens);
// per BK = 32 slice of K the W tile is dequantized once into shared memory (so each weight is decoded once per
// 64 tokens) and the x tile copied next to it; each invocation then accumulates a 4 x 4 register tile
// (rows tx + 16i, tokens ty + 16j). Shared memory: 2 x 32 x 65 floats = 16.3 KiB (fits lavapipe's 32 KiB).
#version 450
#extension GL_EXT_control_flow_attributes : enable

#define PUSH_MATMUL
#include "common/push_constants.h"
#include "common/dequant.glsl"

layout(local_size_x = 256) in;

layout(binding = 1, std430) readonly buffer X { float x[]; };
layout(binding = 2, std430) readonly buffer Bias { float bias[]; };
layout(binding = 3, std430) writeonly buffer Dst { float dst[]; };

const uint BM = 64u;
const uint BN = 64u;
const uint BK = 32u;
const uint PAD_M = BM + 1u;
const uint PAD_N = BN + 1u;

shared float sa[BK * PAD_M];
shared float sb[BK * PAD_N];

void main()
{
    const uint tid = gl_LocalInvocationID.x;
    const uint tx = tid & 15u;
    const uint ty = tid >> 4;
    const uint m0 = gl_WorkGroupID.x * BM;
    const uint n0 = gl_WorkGroupID.y * BN;
    const uint rowBytes = (pc.k / BLOCK_ELEMS) * BLOCK_BYTES;

    // Loader mapping: invocation -> tile row lr, 8 consecutive k starting at lk.
    const uint lr = tid >> 2;
    const uint lk = (tid & 3u) * 8u;
    const uint wRow = m0 + lr;
    const uint xRow = n0 + lr;

    float acc[4][4];
    [[unroll]] for (uint i = 0u; i < 4u; ++i)
        [[unroll]] for (uint j = 0u; j < 4u; ++j)
            acc[i][j] = 0.0;

    for (uint k0 = 0u; k0 < pc.k; k0 += BK) {
        for (uint e = 0u; e < 8u; ++e) {
            const uint k = k0 + lk + e;
            float a = 0.0;
            if (wRow < pc.m && k < pc.k)
                a = dequantElement(wRow * rowBytes + (k / BLOCK_ELEMS) * BLOCK_BYTES, k % BLOCK_ELEMS);
            sa[(lk + e) * PAD_M + lr] = a;
            float b = 0.0;
            if (xRow < pc.t && k < pc.k)
                b = x[pc.xOffset + xRow * pc.xStride + k];
            sb[(lk + e) * PAD_N + lr] = b;
        }
        barrier();
        for (uint kk = 0u; kk < BK; ++kk) {
            float av[4];
            float bv[4];
            [[unroll]] for (uint i = 0u; i < 4u; ++i)
                av[i] = sa[kk * PAD_M + tx + 16u * i];
            [[unroll]] for (uint j = 0u; j < 4u; ++j)
                bv[j] = sb[kk * PAD_N + ty + 16u * j];
            [[unroll]] for (uint i = 0u; i < 4u; ++i)
                [[unroll]] for (uint j = 0u; j < 4u; ++j)
                    acc[i][j] += av[i] * bv[j];
        }
        barrier();
    }

    [[unroll]] for (uint i = 0u; i < 4u; ++i) {
        const uint m = m0 + tx + 16u * i;
        if (m >= pc.m)
            continue;
        const float b = pc.hasBias != 0u ? bias[pc.biasOffset + m] : 0.0;
        [[unroll]] for (uint j = 0u; j < 4u; ++j) {
            const uint t = n0 + ty + 16u * j;
            if (t < pc.t)
                dst[pc.dOffset + t * pc.dStride + m] = acc[i][j] + b;
        }
    }
}
