// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// get_rows: dst[i, c] = dequantized element c of table row ids[i], for the ids that fall in the bound table chunk.
// Matches: ref::getRows (engine/src/cpu/reference_ops.h); bit-exact with dequantizeRow().
// Variants: -DDATA_A_<TYPE> for every type dequant.glsl knows.
// Bindings: 0 table chunk (GGUF blocks, rows [row0, row0 + nRows)), 1 ids (int32), 2 dst (f32).
// Push constants: GetRowsPush.
// Workgroup: 256 invocations; x covers columns, y covers ids (one output row per y).
#version 450

#define PUSH_GET_ROWS
#include "common/push_constants.h"
#include "common/dequant.glsl"

layout(local_size_x = 256) in;

layout(binding = 1, std430) readonly buffer Ids { int ids[]; };
layout(binding = 2, std430) writeonly buffer Dst { float dst[]; };

void main()
{
    const uint c = gl_GlobalInvocationID.x;
    const uint i = gl_WorkGroupID.y;
    if (c >= pc.cols || i >= pc.nIds)
        return;
    const uint row = uint(ids[pc.idsOffset + i]);
    if (row < pc.row0 || row >= pc.row0 + pc.nRows)
        return;
    const uint rowBytes = pc.cols / BLOCK_ELEMS * BLOCK_BYTES;
    const uint bo = (row - pc.row0) * rowBytes + (c / BLOCK_ELEMS) * BLOCK_BYTES;
    dst[pc.dOffset + i * pc.dStride + c] = dequantElement(bo, c % BLOCK_ELEMS);
}
