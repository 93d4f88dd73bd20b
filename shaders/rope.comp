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
// Variant -DSTORE (rope_store): rope of K fused with the KV-cache store; every dim of every head (rotated or
// passed through) is also written to the cache at position pos0 + r (one barrier and one dispatch less per layer).
// Bindings: 0 x (f32, read-write), 1 freq (f32[nRot / 2]), 2 K cache (f32, STORE only).
// Push constants: RopePush.
// Workgroup mapping: 64 invocations along (head, pair); y = row. With STORE a head has headDim/2 "pairs": those
// past nRot/2 copy two pass-through dims.
#version 450

#define PUSH_ROPE
#include "common/push_constants.h"

layout(local_size_x = 64) in;

layout(binding = 0, std430) buffer X { float xs[]; };
layout(binding = 1, std430) readonly buffer Freq { float freq[]; };
#ifdef STORE
layout(binding = 2, std430) writeonly buffer Cache { float cache[]; };
#endif

const float kTwoPi = 6.283185307179586;

void main()
{
    const uint half_ = pc.nRot / 2u;
#ifdef STORE
    const uint perHead = pc.headDim / 2u;
#else
    const uint perHead = half_;
#endif
    const uint i = gl_GlobalInvocationID.x;
    const uint r = gl_GlobalInvocationID.y;
    if (i >= perHead * pc.nHeads || r >= pc.rows)
        return;
    const uint h = i / perHead;
    const uint k = i % perHead;
#ifdef STORE
    const uint cb = pc.dOffset + r * pc.dStride + h * pc.headDim;
    if (k >= half_) {
        const uint j = pc.nRot + 2u * (k - half_);
        const uint xb = pc.xOffset + r * pc.xStride + h * pc.headDim;
        cache[cb + j] = xs[xb + j];
        cache[cb + j + 1u] = xs[xb + j + 1u];
        return;
    }
#endif
    const float turns = float(pc.pos0 + r) * freq[k];
    const float theta = (turns - floor(turns)) * kTwoPi;
    const float c = cos(theta) * pc.mscale;
    const float s = sin(theta) * pc.mscale;
    const uint base = pc.xOffset + r * pc.xStride + h * pc.headDim;
    const uint i0 = base + (pc.neox != 0u ? k : 2u * k);
    const uint i1 = base + (pc.neox != 0u ? k + half_ : 2u * k + 1u);
    const float a = xs[i0];
    const float b = xs[i1];
    const float y0 = a * c - b * s;
    const float y1 = a * s + b * c;
    xs[i0] = y0;
    xs[i1] = y1;
#ifdef STORE
    cache[cb + (i0 - base)] = y0;
    cache[cb + (i1 - base)] = y1;
#endif
}
