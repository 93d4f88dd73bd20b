// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// unary: in-place elementwise op on a (rows x cols) view, chosen by specialization constant OP:
//   0 scale:   x *= p0                                   (ref::scale)
//   1 softcap: x = p0 * tanh(x / p0)                     (ref::softcap)
//   2 gelu:    x = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))   (ref::gelu)
// Matches: engine/src/cpu/reference_ops.h as listed.
// Bindings: 0 x (f32, read-write).
// Push constants: RowOpPush (a = x).
// Workgroup mapping: 256 invocations along the columns; y = row.
#version 450

#define PUSH_ROW_OP
#include "common/push_constants.h"
#include "common/activations.glsl"

layout(local_size_x = 256) in;
layout(constant_id = 0) const uint OP = 0;

layout(binding = 0, std430) buffer X { float xs[]; };

void main()
{
    const uint c = gl_GlobalInvocationID.x;
    const uint r = gl_GlobalInvocationID.y;
    if (c >= pc.cols || r >= pc.rows)
        return;
    const uint i = pc.aOffset + r * pc.aStride + c;
    const float v = xs[i];
    float y;
    if (OP == 0u)
        y = v * pc.p0;
    else if (OP == 1u)
        y = pc.p0 * safeTanh(v / pc.p0);
    else
        y = geluTanh(v);
    xs[i] = y;
}
