// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model/forward.h"

namespace atrium
{

// Llama 1/2/3 and Mistral (arch "llama": "normal" RoPE, optional rope_freqs, tied or untied output) and Qwen2
// (the same block with q/k/v biases and NeoX RoPE; the biases are simply present or not).
Act forwardLlama(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows)
{
    Backend &be = ctx.backend;
    const HParams &hp = ctx.hp;
    const auto T = static_cast<uint32_t>(tokens.size());

    // Token embeddings.
    Act x = be.newAct(T, hp.nEmbd); // (T, n_embd) residual stream
    be.getRows(x, ctx.weights.tokEmbd, tokens);

    for (uint32_t il = 0; il < hp.nLayer; ++il) {
        const LayerWeights &L = ctx.weights.layers[il];

        // Attention: RMS pre-norm, projections (+ biases on qwen2), rotary on q and k, cache, attend, output.
        Act h = norm(ctx, x, L.attnNorm); // (T, n_embd)
        Act a = selfAttention(ctx, L, h, il, pos0); // (T, n_embd)

        // After the last attention only the rows whose logits are wanted go on.
        if (il + 1 == hp.nLayer && !allRows) {
            a = lastRow(be, a); // (1, n_embd)
            x = lastRow(be, x); // (1, n_embd)
        }
        x = sum(be, x, a); // (R, n_embd)

        // Feed-forward: RMS pre-norm, SwiGLU, residual.
        h = norm(ctx, x, L.ffnNorm); // (R, n_embd)
        const auto [g, u] = linears(be, h, {{L.ffnGate}, {L.ffnUp}}); // (R, n_ff) each
        Act gu = be.newAct(u.rows, u.cols); // (R, n_ff)
        be.glu(gu, g, u, Activation::Silu);
        Act f = linear(be, L.ffnDown, gu); // (R, n_embd)
        x = sum(be, x, f); // (R, n_embd)
    }

    // Final norm and LM head.
    return lmHead(ctx, x); // (R, n_vocab)
}

} // namespace atrium
