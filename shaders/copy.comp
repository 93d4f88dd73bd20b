// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// copy: dst[dOffset + r * dStride + c] = a[aOffset + r * aStride + c], a strided 2-D copy. Serves copyCols
// (aOffset = column offset), copyRows (aOffset = first row) and the KV-cache store (dst = cache, dOffset = pos0 *
// kvDim).
// Matches: ref::copyCols, ref::copyRows, ref::storeKv (engine/src/cpu/reference_ops.h).
// Bindings: 0 a (f32), 1 dst (f32).
// Push constants: RowOpPush.
// Workgroup mapping: 256 invocations along the columns; y = row.
#version 450

#define PUSH_ROW_OP
#include "common/push_constants.h"

layout(local_size_x = 256) in;

layout(binding = 0, std430) readonly buffer A { float a[]; };
layout(binding = 1, std430) writeonly buffer Dst { float dst[]; };

void main()
{
    const uint c = gl_GlobalInvocationID.x;
    const uint r = gl_GlobalInvocationID.y;
    if (c >= pc.cols || r >= pc.rows)
        return;
    dst[pc.dOffset + r * pc.dStride + c] = a[pc.aOffset + r * pc.aStride + c];
}
