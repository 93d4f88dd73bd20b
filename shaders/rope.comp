// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// rope: rotary position embedding in place (engine-notes §3.3, ggml's rope_yarn). Row r of x sits at position
// pos0 + r; pair k of every head rotates by theta = pos * freq[k]:
//   (a, b) -> (a cos - b sin, a sin + b cos) * mscale,
// NORM pairs (2k, 2k+1), NEOX pairs (k, k + nRot/2); dims >= nRot pass through.
// freq[k] (turns per position, i.e. radians / 2pi) already folds in base^(-2k/nRot), the frequency factors, the
// linear scale and the YaRN ramp; the host computes it in double (VulkanBackend rope table). Reducing the angle in
// turns before sin/cos keeps them accurate on GPUs whose sin/cos are only exact on a small range.
// Matches: ref::rope / ref::ropeCosSin (engine/src/cpu/reference_ops.h).
// Bindings: 0 x (f32, read-write), 1 freq (f32[nRot / 2]).
// Push constants: RopePush.
// Workgroup mapping: 64 invocations along (head, pair); y = row.
#version 450

#define PUSH_ROPE
#include "common/push_constants.h"

layout(local_size_x = 64) in;

layout(binding = 0, std430) buffer X { float xs[]; };
layout(binding = 1, std430) readonly buffer Freq { float freq[]; };

const float kTwoPi = 6.283185307179586;

void main()
{
    const uint half_ = pc.nRot / 2u;
    const uint i = gl_GlobalInvocationID.x;
    const uint r = gl_GlobalInvocationID.y;
    if (i >= half_ * pc.nHeads || r >= pc.rows)
        return;
    const uint h = i / half_;
    const uint k = i % half_;
    const float turns = float(pc.pos0 + r) * freq[k];
    const float theta = (turns - floor(turns)) * kTwoPi;
    const float c = cos(theta) * pc.mscale;
    const float s = sin(theta) * pc.mscale;
    const uint base = pc.xOffset + r * pc.xStride + h * pc.headDim;
    const uint i0 = base + (pc.neox != 0u ? k : 2u * k);
    const uint i1 = base + (pc.neox != 0u ? k + half_ : 2u * k + 1u);
    const float a = xs[i0];
    const float b = xs[i1];
    xs[i0] = a * c - b * s;
    xs[i1] = a * s + b * c;
}
