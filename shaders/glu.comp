// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// glu: dst = act(gate) * up, act chosen by specialization constant ACT: 0 SiLU (SwiGLU), 1 GELU-tanh (GeGLU).
// Matches: ref::glu (engine/src/cpu/reference_ops.h).
// Bindings: 0 gate (f32), 1 up (f32), 2 dst (f32; may alias gate or up).
// Push constants: RowOpPush (a = gate, b = up).
// Workgroup mapping: 256 invocations along the columns; y = row.
#version 450

#define PUSH_ROW_OP
#include "common/push_constants.h"
#include "common/activations.glsl"

layout(local_size_x = 256) in;
layout(constant_id = 0) const uint ACT = 0;

layout(binding = 0, std430) readonly buffer Gate { float gate[]; };
layout(binding = 1, std430) readonly buffer Up { float up[]; };
layout(binding = 2, std430) writeonly buffer Dst { float dst[]; };

void main()
{
    const uint c = gl_GlobalInvocationID.x;
    const uint r = gl_GlobalInvocationID.y;
    if (c >= pc.cols || r >= pc.rows)
        return;
    const float g = gate[pc.aOffset + r * pc.aStride + c];
    const float a = ACT == 0u ? silu(g) : geluTanh(g);
    dst[pc.dOffset + r * pc.dStride + c] = a * up[pc.bOffset + r * pc.bStride + c];
}
