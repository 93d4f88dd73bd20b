// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// add_rms_norm: the residual add fused with the RMS norm that follows it (one dispatch and one barrier less per
// pair): s = a + b is written to d, and e = s / sqrt(mean(s^2) + eps) * w.
// Matches: ref::add followed by ref::rmsNorm (engine/src/cpu/reference_ops.h).
// Variants: -DUSE_SUBGROUP (subgroup reduction) or the shared-memory tree.
// Bindings: 0 a (f32), 1 b (f32; bStride 0 broadcasts one row), 2 w (f32, flag ATRIUM_ROW_OP_HAS_WEIGHT),
// 3 d (f32, the sum; may alias a or b), 4 e (f32, the normalised rows; may alias d).
// Push constants: RowOpPush (p0 = eps, e = second output).
// Specialization: 0 BLOCK_SIZE (power of two).
// Workgroup mapping: one workgroup per row; invocation i handles columns i, i + BLOCK_SIZE, ... in both passes,
// so it re-reads only the sums it wrote itself.
#version 450

#define PUSH_ROW_OP
#include "common/push_constants.h"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint BLOCK_SIZE = 256;
#define REDUCE_SIZE BLOCK_SIZE
#include "common/reduce.glsl"

layout(binding = 0, std430) readonly buffer A { float a[]; };
layout(binding = 1, std430) readonly buffer B { float b[]; };
layout(binding = 2, std430) readonly buffer W { float w[]; };
layout(binding = 3, std430) buffer D { float d[]; };
layout(binding = 4, std430) writeonly buffer E { float e[]; };

void main()
{
    const uint row = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    if (row >= pc.rows)
        return;
    const uint tid = gl_LocalInvocationID.x;
    const uint ab = pc.aOffset + row * pc.aStride;
    const uint bb = pc.bOffset + row * pc.bStride;
    const uint db = pc.dOffset + row * pc.dStride;
    float ss = 0.0;
    for (uint c = tid; c < pc.cols; c += BLOCK_SIZE) {
        const float v = a[ab + c] + b[bb + c];
        d[db + c] = v;
        ss += v * v;
    }
    ss = workgroupSum(ss);
    const float inv = inversesqrt(ss / float(pc.cols) + pc.p0);
    const bool hasW = (pc.flags & ATRIUM_ROW_OP_HAS_WEIGHT) != 0u;
    const uint eb = pc.eOffset + row * pc.eStride;
    for (uint c = tid; c < pc.cols; c += BLOCK_SIZE) {
        const float y = d[db + c] * inv;
        e[eb + c] = hasW ? y * w[c] : y;
    }
}
