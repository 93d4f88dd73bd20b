// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model/forward.h"

namespace atrium
{

// StarCoder2: LayerNorm with bias, biases on all six projections, NeoX RoPE, and a plain GELU MLP (no gate).
Act forwardStarcoder2(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows)
{
    Backend &be = ctx.backend;
    const HParams &hp = ctx.hp;
    const auto T = static_cast<uint32_t>(tokens.size());

    // Token embeddings.
    Act x = be.newAct(T, hp.nEmbd); // (T, n_embd) residual stream
    be.getRows(x, ctx.weights.tokEmbd, tokens);

    for (uint32_t il = 0; il < hp.nLayer; ++il) {
        const LayerWeights &L = ctx.weights.layers[il];

        // Attention: LayerNorm, biased projections, rotary, attend, biased output.
        Act h = norm(ctx, x, L.attnNorm, L.attnNormB); // (T, n_embd)
        Act a = selfAttention(ctx, L, h, il, pos0); // (T, n_embd)

        // After the last attention only the rows whose logits are wanted go on.
        if (il + 1 == hp.nLayer && !allRows) {
            a = lastRow(be, a);
            x = lastRow(be, x);
        }
        x = sum(be, x, a); // (R, n_embd)

        // Feed-forward: LayerNorm, up + bias, GELU, down + bias, residual.
        h = norm(ctx, x, L.ffnNorm, L.ffnNormB); // (R, n_embd)
        Act u = linear(be, L.ffnUp, h, L.ffnUpB); // (R, n_ff)
        be.gelu(u);
        Act f = linear(be, L.ffnDown, u, L.ffnDownB); // (R, n_embd)
        x = sum(be, x, f);
    }

    // Final LayerNorm and LM head.
    return lmHead(ctx, x); // (R, n_vocab)
}

} // namespace atrium
