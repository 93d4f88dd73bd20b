// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// flash_attn: causal attention over one layer's F32 KV cache with an online softmax (engine-notes §5.8):
// per key block, S = (q . k) * scale [-> softcap * tanh(S / softcap)], M' = max(M, max S), P = exp(S - M'),
// L = L e^(M - M') + sum P, O = O e^(M - M') + P V; finally O / L. Query row t (position pos0 + t) sees keys
// [first, pos0 + t] with first = pos - window + 1 under a sliding window.
// GQA: one workgroup serves up to ROWS query heads sharing a KV head, so each K/V row is read once for all of them.
// Split-K (flash-decoding): z = split index; with nSplit > 1 the unnormalised O and (M, L) go to the partial
// buffers and flash_attn_reduce.comp combines them.
// Matches: ref::attention (engine/src/cpu/reference_ops.h).
// Bindings: 0 q (f32), 1 K cache (f32, (nCtx, kvDim)), 2 V cache (same), 3 out (f32), 4 partial O (f32,
// [split][row][head][headDim]), 5 partial M/L (f32, [split][row][head][2]).
// Push constants: AttentionPush.
// Specialization: 0 BLOCK_SIZE (invocations = keys per block), 1 ROWS (query heads per workgroup),
// 2 HEAD_DIM_MAX (>= headDim; sizes shared memory).
// Workgroup mapping: x = KV head * ceil(gqa / ROWS) + head group, y = query row, z = split. In a key block
// invocation j scores key kb + j for every head of the group; then invocation i accumulates output dims
// i, i + BLOCK_SIZE, ... of every head (coalesced V reads).
#version 450
#extension GL_EXT_control_flow_attributes : enable

#define PUSH_ATTENTION
#include "common/push_constants.h"
#include "common/activations.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint BLOCK_SIZE = 64;
layout(constant_id = 1) const uint ROWS = 8;
layout(constant_id = 2) const uint HEAD_DIM_MAX = 128;
const uint DIMS_PER_INVOCATION = (HEAD_DIM_MAX + BLOCK_SIZE - 1u) / BLOCK_SIZE;

layout(binding = 0, std430) readonly buffer Q { float q[]; };
layout(binding = 1, std430) readonly buffer K { float kc[]; };
layout(binding = 1, std430) readonly buffer K4 { vec4 kc4[]; };
layout(binding = 2, std430) readonly buffer V { float vc[]; };
layout(binding = 3, std430) writeonly buffer Out { float outp[]; };
layout(binding = 4, std430) writeonly buffer PartO { float partO[]; };
layout(binding = 5, std430) writeonly buffer PartML { float partML[]; };

shared float sq[ROWS * HEAD_DIM_MAX];
shared float sp[ROWS * BLOCK_SIZE];
shared float sm[ROWS];
shared float sl[ROWS];
shared float scorr[ROWS];

const float kNegInf = -1.0 / 0.0;

void main()
{
    const uint tid = gl_LocalInvocationID.x;
    const uint hd = pc.headDim;
    const uint headGroups = (pc.gqa + ROWS - 1u) / ROWS;
    const uint g = gl_WorkGroupID.x / headGroups;
    const uint hg = gl_WorkGroupID.x % headGroups;
    const uint hFirst = g * pc.gqa + hg * ROWS;
    const uint nr = min(ROWS, pc.gqa - hg * ROWS);
    const uint t = gl_WorkGroupID.y;
    const uint split = gl_WorkGroupID.z;
    const uint pos = pc.pos0 + t;
    const uint first = (pc.window > 0u && pos + 1u > pc.window) ? pos + 1u - pc.window : 0u;
    const uint kBegin = first + split * pc.splitKeys;
    const uint kEnd = min(first + (split + 1u) * pc.splitKeys, pos + 1u);

    for (uint i = tid; i < nr * hd; i += BLOCK_SIZE)
        sq[(i / hd) * HEAD_DIM_MAX + i % hd] = q[pc.qOffset + t * pc.qStride + hFirst * hd + i];
    if (tid < ROWS) {
        sm[tid] = kNegInf;
        sl[tid] = 0.0;
    }
    float o[ROWS][DIMS_PER_INVOCATION];
    [[unroll]] for (uint r = 0u; r < ROWS; ++r)
        [[unroll]] for (uint e = 0u; e < DIMS_PER_INVOCATION; ++e)
            o[r][e] = 0.0;
    barrier();

    const uint kvBase = g * hd;
    const bool vec4Path = (hd & 3u) == 0u && (pc.kvDim & 3u) == 0u;
    for (uint kb = kBegin; kb < kEnd; kb += BLOCK_SIZE) {
        // Scores of key j for every head of the group.
        const uint j = kb + tid;
        float s[ROWS];
        [[unroll]] for (uint r = 0u; r < ROWS; ++r)
            s[r] = 0.0;
        if (j < kEnd) {
            const uint kRow = j * pc.kvDim + kvBase;
            if (vec4Path) {
                for (uint d = 0u; d < hd; d += 4u) {
                    const vec4 kv = kc4[(kRow + d) >> 2];
                    [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
                        if (r < nr) {
                            const uint qb = r * HEAD_DIM_MAX + d;
                            s[r] += dot(kv, vec4(sq[qb], sq[qb + 1u], sq[qb + 2u], sq[qb + 3u]));
                        }
                    }
                }
            } else {
                for (uint d = 0u; d < hd; ++d) {
                    const float kv = kc[kRow + d];
                    [[unroll]] for (uint r = 0u; r < ROWS; ++r)
                        if (r < nr)
                            s[r] += kv * sq[r * HEAD_DIM_MAX + d];
                }
            }
        }
        [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
            float v = s[r] * pc.scale;
            if (pc.softcap > 0.0)
                v = pc.softcap * safeTanh(v / pc.softcap);
            sp[r * BLOCK_SIZE + tid] = (r < nr && j < kEnd) ? v : kNegInf;
        }
        barrier();
        // Running max per head.
        if (tid < nr) {
            float bm = kNegInf;
            for (uint i = 0u; i < BLOCK_SIZE; ++i)
                bm = max(bm, sp[tid * BLOCK_SIZE + i]);
            const float mOld = sm[tid];
            const float mNew = max(mOld, bm);
            scorr[tid] = mOld == kNegInf ? 0.0 : exp(mOld - mNew);
            sm[tid] = mNew;
        }
        barrier();
        [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
            if (r < nr) {
                const float v = sp[r * BLOCK_SIZE + tid];
                sp[r * BLOCK_SIZE + tid] = v == kNegInf ? 0.0 : exp(v - sm[r]);
            }
        }
        barrier();
        if (tid < nr) {
            float sum = 0.0;
            for (uint i = 0u; i < BLOCK_SIZE; ++i)
                sum += sp[tid * BLOCK_SIZE + i];
            sl[tid] = sl[tid] * scorr[tid] + sum;
        }
        const uint nValid = min(BLOCK_SIZE, kEnd - kb);
        [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
            const float corr = r < nr ? scorr[r] : 0.0;
            [[unroll]] for (uint e = 0u; e < DIMS_PER_INVOCATION; ++e)
                o[r][e] *= corr;
        }
        for (uint jj = 0u; jj < nValid; ++jj) {
            const uint vRow = (kb + jj) * pc.kvDim + kvBase;
            [[unroll]] for (uint e = 0u; e < DIMS_PER_INVOCATION; ++e) {
                const uint d = tid + e * BLOCK_SIZE;
                if (d < hd) {
                    const float v = vc[vRow + d];
                    [[unroll]] for (uint r = 0u; r < ROWS; ++r)
                        o[r][e] += sp[r * BLOCK_SIZE + jj] * v;
                }
            }
        }
        barrier();
    }

    [[unroll]] for (uint r = 0u; r < ROWS; ++r) {
        if (r >= nr)
            continue;
        const uint h = hFirst + r;
        [[unroll]] for (uint e = 0u; e < DIMS_PER_INVOCATION; ++e) {
            const uint d = tid + e * BLOCK_SIZE;
            if (d >= hd)
                continue;
            if (pc.nSplit == 1u) {
                const float l = sl[r];
                outp[pc.oOffset + t * pc.oStride + h * hd + d] = l > 0.0 ? o[r][e] / l : 0.0;
            } else {
                partO[((split * pc.rows + t) * pc.nHead + h) * hd + d] = o[r][e];
            }
        }
        if (pc.nSplit > 1u && tid == 0u) {
            const uint idx = (split * pc.rows + t) * pc.nHead + h;
            partML[2u * idx] = sm[r];
            partML[2u * idx + 1u] = sl[r];
        }
    }
}
