// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model/forward.h"

namespace atrium
{

ForwardFn forwardFor(Arch arch)
{
    switch (arch) {
    case Arch::Llama:
    case Arch::Qwen2:
        return forwardLlama;
    case Arch::Phi3:
        return forwardPhi3;
    case Arch::Gemma:
    case Arch::Gemma2:
        return forwardGemma;
    case Arch::Starcoder2:
        return forwardStarcoder2;
    case Arch::StableLm:
        return forwardStableLm;
    }
    return nullptr;
}

RopeParams makeRopeParams(const HParams &hp, const ModelWeights &weights)
{
    RopeParams p;
    p.mode = hp.traits.ropeMode;
    p.nRot = hp.nRot;
    p.freqBase = hp.ropeFreqBase;
    p.freqScale = hp.ropeFreqScale;
    p.attnFactor = hp.ropeAttnFactor;
    p.freqFactors = weights.ropeFactors;
    p.extFactor = hp.yarnExtFactor;
    p.nCtxOrig = hp.nCtxOrig;
    return p;
}

Act linear(Backend &be, Weight w, Act x, Weight bias)
{
    Act out = be.newAct(x.rows, static_cast<uint32_t>(w.rows));
    be.matmul(out, w, x, bias);
    return out;
}

Act norm(const ForwardContext &ctx, Act x, Weight w, Weight b)
{
    Act out = ctx.backend.newAct(x.rows, x.cols);
    if (ctx.hp.traits.norm == NormKind::Rms)
        ctx.backend.rmsNorm(out, x, w, ctx.hp.normEps);
    else
        ctx.backend.layerNorm(out, x, w, b, ctx.hp.normEps);
    return out;
}

Act sum(Backend &be, Act a, Act b)
{
    Act out = be.newAct(a.rows, a.cols);
    be.add(out, a, b);
    return out;
}

Act columns(Backend &be, Act x, uint32_t col0, uint32_t n)
{
    Act out = be.newAct(x.rows, n);
    be.copyCols(out, x, col0);
    return out;
}

Act lastRow(Backend &be, Act x)
{
    Act out = be.newAct(1, x.cols);
    be.copyRows(out, x, x.rows - 1);
    return out;
}

Act selfAttention(const ForwardContext &ctx, const LayerWeights &L, Act h, uint32_t il, uint32_t pos0)
{
    Backend &be = ctx.backend;
    const HParams &hp = ctx.hp;
    // q: (T, n_head*d_h); k, v: (T, kvDim)
    const auto [q, k, v] = linears(be, h, {{L.wq, L.bq}, {L.wk, L.bk}, {L.wv, L.bv}});
    be.rope(q, hp.nHead, hp.headDim, pos0, ctx.rope);
    be.rope(k, hp.nHeadKv, hp.headDim, pos0, ctx.rope);
    be.storeKv(il, k, v, pos0);
    Act o = be.newAct(h.rows, hp.qDim()); // (T, n_head*d_h)
    be.attention(o, q, il, pos0, attentionParams(hp, il));
    return linear(be, L.wo, o, L.bo); // (T, n_embd)
}

AttentionParams attentionParams(const HParams &hp, uint32_t il)
{
    AttentionParams p;
    p.nHead = hp.nHead;
    p.nHeadKv = hp.nHeadKv;
    p.headDim = hp.headDim;
    p.scale = hp.attnScale;
    p.softcap = hp.attnSoftcap;
    p.window = hp.windowForLayer(il);
    return p;
}

Act lmHead(const ForwardContext &ctx, Act x)
{
    Act h = norm(ctx, x, ctx.weights.outputNorm, ctx.weights.outputNormB); // (R, n_embd)
    Act logits = linear(ctx.backend, ctx.weights.output, h); // (R, n_vocab)
    if (ctx.hp.finalSoftcap > 0.f)
        ctx.backend.softcap(logits, ctx.hp.finalSoftcap);
    return logits;
}

} // namespace atrium
