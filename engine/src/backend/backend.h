// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include "atrium/expected.h"
#include "gguf/gguf_file.h"

namespace atrium
{

/// An activation matrix owned by a backend: `rows` × `cols` float32, row-major, one row per token.
/// Handles are plain values; they are valid from the Backend::newAct() that made them until the next beginStep().
struct Act {
    uint32_t id = std::numeric_limits<uint32_t>::max();
    uint32_t rows = 0;
    uint32_t cols = 0;
    bool valid() const
    {
        return id != std::numeric_limits<uint32_t>::max();
    }
};

/// A weight tensor uploaded to a backend, kept in its GGUF encoding (quantized blocks are not converted).
/// A 2-D matrix has `rows` rows of `cols` elements (GGUF ne[1] × ne[0]); a 1-D vector has rows == 1.
struct Weight {
    uint32_t id = std::numeric_limits<uint32_t>::max();
    TensorType type = TensorType::F32;
    uint64_t cols = 0;
    uint64_t rows = 0;
    bool valid() const
    {
        return id != std::numeric_limits<uint32_t>::max();
    }
};

/// out = W · x (+ bias) for Backend::matmuls.
struct MatmulTarget {
    Act out;
    Weight w;
    Weight bias;
};

enum class RopeMode {
    Normal, ///< adjacent pairs (x[2i], x[2i+1]): arch llama and friends
    Neox, ///< half-split pairs (x[i], x[i + nRot/2]): qwen2, phi3, gemma*, stablelm, starcoder2, …
};

/// Rotary embedding parameters (engine-notes §3.3). Angles: theta_k = p * freqBase^(-2k/nRot) / ff_k * freqScale.
struct RopeParams {
    RopeMode mode = RopeMode::Normal;
    uint32_t nRot = 0; ///< rotated dimensions per head (<= headDim; the rest pass through)
    float freqBase = 10000.f; ///< theta base
    float freqScale = 1.f; ///< 1 / rope.scaling.factor for linear scaling
    float attnFactor = 1.f; ///< multiplies cos and sin (Phi-3 LongRoPE mscale)
    Weight freqFactors; ///< optional f32[nRot/2] divisors (rope_freqs, rope_factors_long/short)
    // YaRN (extFactor 0 = off)
    float extFactor = 0.f;
    float betaFast = 32.f;
    float betaSlow = 1.f;
    uint32_t nCtxOrig = 0;
};

enum class Activation {
    Silu, ///< SwiGLU: silu(gate) * up
    GeluTanh, ///< GeGLU with the tanh approximation of GELU (ggml's gelu)
};

/// Attention over the KV cache of one layer (engine-notes §3.2). Scores are (q·k) * scale, optionally soft-capped
/// (cap * tanh(s / cap)), causal, and restricted to the last `window` positions when window > 0 (SWA).
struct AttentionParams {
    uint32_t nHead = 0;
    uint32_t nHeadKv = 0;
    uint32_t headDim = 0;
    float scale = 1.f;
    float softcap = 0.f; ///< 0 = off
    uint32_t window = 0; ///< 0 = full causal attention
};

/// The ops a forward pass is written in. A forward pass (engine/src/model/forward_*.cpp) calls these in order; the
/// CPU backend runs each call at once, the Vulkan backend records it and runs the step at the first readAct().
/// Every op has a plain-loop twin in cpu/reference_ops.h that serves as the test oracle.
class Backend
{
public:
    virtual ~Backend() = default;

    virtual std::string name() const = 0; ///< "cpu" or "vulkan"
    virtual std::string deviceName() const = 0; ///< e.g. "NVIDIA H100 80GB HBM3" or "CPU (8 threads)"
    /// Bytes per cached key or value: 2 for an f16 KV cache, 4 for f32 (what estimateMemory needs).
    virtual uint32_t kvBytesPerElement() const = 0;

    // --- Model load -------------------------------------------------------------------------------------------
    /// Makes a tensor of the mapped file available to ops. The tensor's bytes must stay valid until the backend is
    /// destroyed (the CPU backend reads the mapping in place).
    virtual Expected<Weight> uploadWeight(const GgufTensor &tensor) = 0;
    /// Allocates the KV cache: per layer, nCtx positions of kvDim (= nHeadKv * headDim) values for K and for V.
    virtual Expected<void> allocateKvCache(uint32_t nLayers, uint32_t nCtx, uint32_t kvDim) = 0;

    // --- One forward step -----------------------------------------------------------------------------------
    /// Starts a step; all Acts of the previous step become invalid.
    virtual void beginStep() = 0;
    virtual Act newAct(uint32_t rows, uint32_t cols) = 0;

    /// out[r, :] = dequantized row ids[r] of table.                                          out: (ids.size(),
    /// table.cols)
    virtual void getRows(Act out, Weight table, std::span<const int32_t> ids) = 0;
    /// out = x / sqrt(mean(x^2) + eps) * w per row (w optional).                             out, x: (T, n)
    virtual void rmsNorm(Act out, Act x, Weight w, float eps) = 0;
    /// out = (x - mean) / sqrt(var + eps) * w + b per row (w, b optional).                  out, x: (T, n)
    virtual void layerNorm(Act out, Act x, Weight w, Weight b, float eps) = 0;
    /// out[r, :] = W · x[r, :] (+ bias).                                      W: (M, K), x: (T, K), out: (T, M)
    virtual void matmul(Act out, Weight w, Act x, Weight bias) = 0;
    /// One matmul per target over the same x (projections of one input: q, k, v; gate, up). A backend may run them
    /// as one job; this default runs them one after another.
    virtual void matmuls(Act x, std::span<const MatmulTarget> targets)
    {
        for (const MatmulTarget &t : targets)
            matmul(t.out, t.w, x, t.bias);
    }
    /// Rotates each head of x in place; row r sits at position pos0 + r.                      x: (T, nHeads*headDim)
    virtual void rope(Act x, uint32_t nHeads, uint32_t headDim, uint32_t pos0, const RopeParams &p) = 0;
    /// Writes K and V rows into the cache of `layer` at positions pos0 ...                   k, v: (T, kvDim)
    virtual void storeKv(uint32_t layer, Act k, Act v, uint32_t pos0) = 0;
    /// Row r of q (position pos0 + r) attends to cached positions [0, pos0 + r].  q, out: (T, nHead*headDim)
    virtual void attention(Act out, Act q, uint32_t layer, uint32_t pos0, const AttentionParams &p) = 0;
    /// out = a + b (elementwise; b may have one row, broadcast over rows).
    virtual void add(Act out, Act a, Act b) = 0;
    /// x *= s
    virtual void scale(Act x, float s) = 0;
    /// x = cap * tanh(x / cap)
    virtual void softcap(Act x, float cap) = 0;
    /// out = act(gate) * up.                                                          gate, up, out: (T, n)
    virtual void glu(Act out, Act gate, Act up, Activation act) = 0;
    /// x = gelu_tanh(x) in place (plain GELU MLPs).
    virtual void gelu(Act x) = 0;
    /// out[r, c] = src[r, colOffset + c]: splits fused projections (Phi-3 QKV, gate|up).
    virtual void copyCols(Act out, Act src, uint32_t colOffset) = 0;
    /// out[r, :] = src[rowOffset + r, :]: keeps only the rows whose logits are needed.
    virtual void copyRows(Act out, Act src, uint32_t rowOffset) = 0;

    /// Finishes the step's work and copies x to host memory (dst.size() == rows * cols).
    virtual Expected<void> readAct(Act x, std::span<float> dst) = 0;
};

} // namespace atrium
