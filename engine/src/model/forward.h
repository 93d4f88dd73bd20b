// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "backend/backend.h"
#include "model/hparams.h"
#include "model/model_weights.h"

namespace atrium
{

/// What every forward pass reads: the backend to call, the hyperparameters, the weights and the RoPE settings.
struct ForwardContext {
    Backend &backend;
    const HParams &hp;
    const ModelWeights &weights;
    RopeParams rope; ///< built once at load (base, scaling, frequency factors, attention factor)
};

/// Runs `tokens` (positions pos0 .. pos0 + T - 1) through the model, writing their K/V into the cache, and returns
/// the logits: (T, n_vocab) when allRows, else (1, n_vocab) for the last token only. The caller starts the step
/// (Backend::beginStep) and reads the result (Backend::readAct).
using ForwardFn = Act (*)(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows);

/// The forward pass of an architecture.
ForwardFn forwardFor(Arch arch);

/// RoPE settings for the model (the frequency-factor weight is taken from weights.ropeFactors).
RopeParams makeRopeParams(const HParams &hp, const ModelWeights &weights);

// One forward pass per family, each readable top to bottom (forward_<family>.cpp).
Act forwardLlama(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows);
Act forwardPhi3(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows);
Act forwardGemma(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows);
Act forwardStarcoder2(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows);
Act forwardStableLm(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows);

// --- Small helpers shared by the forward passes (forward_common.cpp) ------------------------------------------------

/// out = x @ W^T (+ bias) in a new activation.                                  x: (T, K) → (T, W.rows)
Act linear(Backend &be, Weight w, Act x, Weight bias = {});
/// A weight (and optional bias) applied to an input by linears().
struct Projection {
    Projection(Weight weight, Weight b = {})
        : w(weight)
        , bias(b)
    {
    }
    Weight w;
    Weight bias;
};
/// Projections of one input (q, k, v; gate, up) as one backend job: out_i = x @ W_i^T (+ b_i) in new activations.
///                                                                               x: (T, K) → (T, W_i.rows) each
template <size_t N>
std::array<Act, N> linears(Backend &be, Act x, const Projection (&p)[N])
{
    std::array<Act, N> out;
    std::array<MatmulTarget, N> targets;
    for (size_t i = 0; i < N; ++i) {
        out[i] = be.newAct(x.rows, static_cast<uint32_t>(p[i].w.rows));
        targets[i] = MatmulTarget {out[i], p[i].w, p[i].bias};
    }
    be.matmuls(x, targets);
    return out;
}
/// The architecture's norm (RMS, or LayerNorm with optional bias) in a new activation.          (T, n)
Act norm(const ForwardContext &ctx, Act x, Weight w, Weight b = {});
/// a + b in a new activation.                                                                   (T, n)
Act sum(Backend &be, Act a, Act b);
/// Columns [col0, col0 + n) of x in a new activation (splits fused projections).               (T, n)
Act columns(Backend &be, Act x, uint32_t col0, uint32_t n);
/// Only the last row of x.                                                                      (1, n)
Act lastRow(Backend &be, Act x);
/// Attention settings of layer il (scale, softcap, window).
AttentionParams attentionParams(const HParams &hp, uint32_t il);
/// Self-attention of layer il on normalized input h: separate q/k/v projections (each with its bias when the file
/// has one), rotary on q and k, both stored in the KV cache at pos0, attention, output projection (+ bias).
///                                                                                   h: (T, n_embd) → (T, n_embd)
Act selfAttention(const ForwardContext &ctx, const LayerWeights &L, Act h, uint32_t il, uint32_t pos0);
/// Final norm, LM head and final softcap.                                       x: (R, n_embd) → (R, n_vocab)
Act lmHead(const ForwardContext &ctx, Act x);

} // namespace atrium
