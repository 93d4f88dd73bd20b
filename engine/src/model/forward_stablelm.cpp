// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model/forward.h"

namespace atrium
{

// StableLM: LayerNorm with bias, q/k/v biases, partial rotary (only the first n_rot dims of each head rotate, NeoX
// pairing inside them), SwiGLU. As in llama.cpp, the residual is sequential when ffn_norm exists and parallel
// (the FFN reads the attention's normalized input) when it does not.
Act forwardStableLm(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows)
{
    Backend &be = ctx.backend;
    const HParams &hp = ctx.hp;
    const auto T = static_cast<uint32_t>(tokens.size());

    // Token embeddings.
    Act x = be.newAct(T, hp.nEmbd); // (T, n_embd) residual stream
    be.getRows(x, ctx.weights.tokEmbd, tokens);

    for (uint32_t il = 0; il < hp.nLayer; ++il) {
        const LayerWeights &L = ctx.weights.layers[il];

        // Attention: LayerNorm, biased q/k/v, partial rotary, attend, output.
        Act h = norm(ctx, x, L.attnNorm, L.attnNormB); // (T, n_embd)
        Act a = selfAttention(ctx, L, h, il, pos0); // (T, n_embd)

        // After the last attention only the rows whose logits are wanted go on.
        if (il + 1 == hp.nLayer && !allRows) {
            a = lastRow(be, a);
            x = lastRow(be, x);
            h = lastRow(be, h);
        }
        Act attnOut = sum(be, x, a); // (R, n_embd) x + attention

        // Feed-forward: LayerNorm of the attention output (sequential) or the same normalized input (parallel).
        Act hf = L.ffnNorm.valid() ? norm(ctx, attnOut, L.ffnNorm, L.ffnNormB) : h; // (R, n_embd)
        const auto [g, u] = linears(be, hf, {{L.ffnGate}, {L.ffnUp}}); // (R, n_ff) each
        Act gu = be.newAct(u.rows, u.cols); // (R, n_ff)
        be.glu(gu, g, u, Activation::Silu);
        Act f = linear(be, L.ffnDown, gu, L.ffnDownB); // (R, n_embd)
        x = sum(be, attnOut, f);
    }

    // Final LayerNorm and LM head.
    return lmHead(ctx, x); // (R, n_vocab)
}

} // namespace atrium
