// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model/forward.h"

namespace atrium
{

// Phi-3: fused QKV and gate|up projections, NeoX RoPE with LongRoPE frequency factors and attention factor, and a
// sliding window on every layer when the file sets one.
Act forwardPhi3(const ForwardContext &ctx, std::span<const int32_t> tokens, uint32_t pos0, bool allRows)
{
    Backend &be = ctx.backend;
    const HParams &hp = ctx.hp;
    const auto T = static_cast<uint32_t>(tokens.size());
    const uint32_t qd = hp.qDim();
    const uint32_t kv = hp.kvDim();

    // Token embeddings.
    Act x = be.newAct(T, hp.nEmbd); // (T, n_embd) residual stream
    be.getRows(x, ctx.weights.tokEmbd, tokens);

    for (uint32_t il = 0; il < hp.nLayer; ++il) {
        const LayerWeights &L = ctx.weights.layers[il];

        // Attention: RMS pre-norm, one QKV projection split as [q | k | v] (or separate ones), rotary, attend.
        Act h = norm(ctx, x, L.attnNorm); // (T, n_embd)
        Act q, k, v;
        if (L.wqkv.valid()) {
            Act qkv = linear(be, L.wqkv, h); // (T, n_head*d_h + 2*kvDim)
            q = columns(be, qkv, 0, qd); // (T, n_head*d_h)
            k = columns(be, qkv, qd, kv); // (T, kvDim)
            v = columns(be, qkv, qd + kv, kv); // (T, kvDim)
        } else {
            const std::array<Act, 3> qkv = linears(be, h, {{L.wq, L.bq}, {L.wk, L.bk}, {L.wv, L.bv}});
            q = qkv[0];
            k = qkv[1];
            v = qkv[2];
        }
        be.rope(q, hp.nHead, hp.headDim, pos0, ctx.rope);
        be.rope(k, hp.nHeadKv, hp.headDim, pos0, ctx.rope);
        be.storeKv(il, k, v, pos0);
        Act o = be.newAct(T, qd); // (T, n_head*d_h)
        be.attention(o, q, il, pos0, attentionParams(hp, il));
        Act a = linear(be, L.wo, o, L.bo); // (T, n_embd)

        // After the last attention only the rows whose logits are wanted go on.
        if (il + 1 == hp.nLayer && !allRows) {
            a = lastRow(be, a);
            x = lastRow(be, x);
        }
        x = sum(be, x, a); // (R, n_embd)

        // Feed-forward: RMS pre-norm, fused up = [gate | up], SwiGLU, down.
        h = norm(ctx, x, L.ffnNorm); // (R, n_embd)
        Act g, u;
        if (L.ffnGate.valid()) {
            const std::array<Act, 2> gateUp = linears(be, h, {{L.ffnGate}, {L.ffnUp}}); // (R, n_ff) each
            g = gateUp[0];
            u = gateUp[1];
        } else {
            Act gateUp = linear(be, L.ffnUp, h); // (R, 2*n_ff)
            g = columns(be, gateUp, 0, hp.nFf); // (R, n_ff)
            u = columns(be, gateUp, hp.nFf, hp.nFf); // (R, n_ff)
        }
        Act gu = be.newAct(u.rows, u.cols); // (R, n_ff)
        be.glu(gu, g, u, Activation::Silu);
        Act f = linear(be, L.ffnDown, gu); // (R, n_embd)
        x = sum(be, x, f);
    }

    // Final norm and LM head.
    return lmHead(ctx, x); // (R, n_vocab)
}

} // namespace atrium
