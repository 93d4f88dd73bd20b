// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// rms_norm: dst[r, :] = a[r, :] / sqrt(mean(a[r, :]^2) + eps) * w (w optional).
// Matches: ref::rmsNorm (engine/src/cpu/reference_ops.h).
// Variants: -DUSE_SUBGROUP (subgroup reduction) or the shared-memory tree.
// Bindings: 0 a (f32), 1 w (f32, read when flags has ATRIUM_ROW_OP_HAS_WEIGHT), 2 dst (f32; may alias a).
// Push constants: RowOpPush (p0 = eps).
// Specialization: 0 BLOCK_SIZE (power of two).
// Workgroup mapping: one workgroup per row; invocations stride over the columns.
#version 450

#define PUSH_ROW_OP
#include "common/push_constants.h"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint BLOCK_SIZE = 256;
#define REDUCE_SIZE BLOCK_SIZE
#include "common/reduce.glsl"

layout(binding = 0, std430) readonly buffer A { float a[]; };
layout(binding = 1, std430) readonly buffer W { float w[]; };
layout(binding = 2, std430) buffer Dst { float dst[]; };

void main()
{
    const uint row = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    if (row >= pc.rows)
        return;
    const uint tid = gl_LocalInvocationID.x;
    const uint ab = pc.aOffset + row * pc.aStride;
    float s = 0.0;
    for (uint c = tid; c < pc.cols; c += BLOCK_SIZE) {
        const float v = a[ab + c];
        s += v * v;
    }
    s = workgroupSum(s);
    const float inv = inversesqrt(s / float(pc.cols) + pc.p0);
    const bool hasW = (pc.flags & ATRIUM_ROW_OP_HAS_WEIGHT) != 0u;
    const uint db = pc.dOffset + row * pc.dStride;
    for (uint c = tid; c < pc.cols; c += BLOCK_SIZE) {
        const float y = a[ab + c] * inv;
        dst[db + c] = hasW ? y * w[c] : y;
    }
}
