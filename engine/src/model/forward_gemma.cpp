// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <cmath>

#include "model/forward.h"

namespace atrium
{

// Gemma and Gemma 2. Embeddings are scaled by sqrt(n_embd); the GGUF norm weights already hold 1 + w and are used
// as they are; the FFN is GeGLU (tanh GELU); the LM head is always token_embd. Gemma 2 adds post-attention and
// post-FFN norms, an attention-score softcap, a final-logit softcap and a sliding window on even layers (all
// carried by HParams, so the same code serves both).
Act forwardGemma(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows)
{
    Backend &be = ctx.backend;
    const HParams &hp = ctx.hp;
    const auto T = static_cast<uint32_t>(tokens.size());
    const bool postNorms = hp.traits.arch == Arch::Gemma2;

    // Token embeddings × sqrt(n_embd) (an f32 constant, as llama.cpp computes it).
    Act x = be.newAct(T, hp.nEmbd); // (T, n_embd) residual stream
    be.getRows(x, ctx.weights.tokEmbd, tokens);
    be.scale(x, std::sqrt(static_cast<float>(hp.nEmbd)));

    for (uint32_t il = 0; il < hp.nLayer; ++il) {
        const LayerWeights &L = ctx.weights.layers[il];

        // Attention: RMS pre-norm, projections, rotary, attend (softcap and window from attentionParams).
        Act h = norm(ctx, x, L.attnNorm); // (T, n_embd)
        Act a = selfAttention(ctx, L, h, il, pos0); // (T, n_embd); n_head*d_h may differ from n_embd inside

        // After the last attention only the rows whose logits are wanted go on.
        if (il + 1 == hp.nLayer && !allRows) {
            a = lastRow(be, a);
            x = lastRow(be, x);
        }
        if (postNorms)
            a = norm(ctx, a, L.postAttnNorm); // (R, n_embd)
        x = sum(be, x, a); // (R, n_embd)

        // Feed-forward: RMS pre-norm, GeGLU, (Gemma 2) post-norm, residual.
        h = norm(ctx, x, L.ffnNorm); // (R, n_embd)
        const auto [g, u] = linears(be, h, {{L.ffnGate}, {L.ffnUp}}); // (R, n_ff) each
        Act gu = be.newAct(u.rows, u.cols); // (R, n_ff)
        be.glu(gu, g, u, Activation::GeluTanh);
        Act f = linear(be, L.ffnDown, gu); // (R, n_embd)
        if (postNorms)
            f = norm(ctx, f, L.postFfwNorm);
        x = sum(be, x, f);
    }

    // Final norm, tied LM head, (Gemma 2) final softcap.
    return lmHead(ctx, x); // (R, n_vocab)
}

} // namespace atrium
