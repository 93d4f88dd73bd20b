// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// flash_attn_reduce: combines the nSplit partial results of flash_attn.comp (flash-decoding):
// M* = max_z M_z, L* = sum_z L_z e^(M_z - M*), out = sum_z O_z e^(M_z - M*) / L* (0 when no key was visible).
// Matches: ref::attention (engine/src/cpu/reference_ops.h), together with flash_attn.comp.
// Bindings: 0 partial O (f32, [split][row][head][headDim]), 1 partial M/L (f32, [split][row][head][2]), 2 out (f32).
// Push constants: AttnReducePush.
// Workgroup mapping: 64 invocations along (head, dim); y = query row.
#version 450

#define PUSH_ATTN_REDUCE
#include "common/push_constants.h"

layout(local_size_x = 64) in;

layout(binding = 0, std430) readonly buffer PartO { float partO[]; };
layout(binding = 1, std430) readonly buffer PartML { float partML[]; };
layout(binding = 2, std430) writeonly buffer Out { float outp[]; };

void main()
{
    const uint i = gl_GlobalInvocationID.x;
    const uint t = gl_GlobalInvocationID.y;
    if (i >= pc.nHead * pc.headDim || t >= pc.rows)
        return;
    const uint h = i / pc.headDim;
    const uint d = i % pc.headDim;
    const uint stride = pc.rows * pc.nHead;
    const uint idx = t * pc.nHead + h;
    float m = -1.0 / 0.0;
    for (uint z = 0u; z < pc.nSplit; ++z) {
        if (partML[2u * (z * stride + idx) + 1u] > 0.0)
            m = max(m, partML[2u * (z * stride + idx)]);
    }
    float l = 0.0;
    float o = 0.0;
    for (uint z = 0u; z < pc.nSplit; ++z) {
        const uint zi = z * stride + idx;
        const float lz = partML[2u * zi + 1u];
        if (lz > 0.0) {
            const float f = exp(partML[2u * zi] - m);
            l += lz * f;
            o += partO[zi * pc.headDim + d] * f;
        }
    }
    outp[pc.oOffset + t * pc.oStride + h * pc.headDim + d] = l > 0.0 ? o / l : 0.0;
}
