// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// add: dst[r, c] = a[r, c] + b[r, c] (bStride 0: one row of b broadcast over all rows).
// Matches: ref::add (engine/src/cpu/reference_ops.h).
// Bindings: 0 a (f32), 1 b (f32), 2 dst (f32; may alias a or b).
// Push constants: RowOpPush.
// Workgroup mapping: 256 invocations along the columns; y = row.
#version 450

#define PUSH_ROW_OP
#include "common/push_constants.h"

layout(local_size_x = 256) in;

layout(binding = 0, std430) readonly buffer A { float a[]; };
layout(binding = 1, std430) readonly buffer B { float b[]; };
layout(binding = 2, std430) writeonly buffer Dst { float dst[]; };

void main()
{
    const uint c = gl_GlobalInvocationID.x;
    const uint r = gl_GlobalInvocationID.y;
    if (c >= pc.cols || r >= pc.rows)
        return;
    dst[pc.dOffset + r * pc.dStride + c] = a[pc.aOffset + r * pc.aStride + c] + b[pc.bOffset + r * pc.bStride + c];
}
