// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model/model_weights.h"

#include <string>

#include "gguf/gguf_file.h"

namespace atrium
{

namespace
{

/// Looks tensors up by name, checks their shapes and uploads them.
class Binder
{
public:
    Binder(const GgufFile &file, Backend &backend, const std::function<void(float)> &onProgress)
        : m_file(file)
        , m_backend(backend)
        , m_onProgress(onProgress)
    {
        for (const GgufTensor &t : file.tensors())
            m_totalBytes += t.nbytes;
    }

    /// A tensor that must exist with `cols` columns (ne[0]) and `rows` rows (ne[1..3]).
    Expected<Weight> required(const std::string &name, uint64_t cols, uint64_t rows)
    {
        if (!m_file.findTensor(name))
            return fail(ErrorCode::InvalidGguf, "tensor '" + name + "' is missing");
        return optional(name, cols, rows);
    }

    /// A tensor that may be absent (an invalid handle then).
    Expected<Weight> optional(const std::string &name, uint64_t cols, uint64_t rows)
    {
        const GgufTensor *t = m_file.findTensor(name);
        if (!t)
            return Weight {};
        if (t->ne[0] != cols || t->rows() != rows)
            return fail(ErrorCode::InvalidGguf,
                "tensor '" + name + "' has shape [" + std::to_string(t->ne[0]) + ", " + std::to_string(t->rows())
                    + "], expected [" + std::to_string(cols) + ", " + std::to_string(rows) + "]");
        ATRIUM_TRY(Weight w, m_backend.uploadWeight(*t));
        m_doneBytes += t->nbytes;
        if (m_onProgress && m_totalBytes > 0)
            m_onProgress(static_cast<float>(static_cast<double>(m_doneBytes) / m_totalBytes));
        return w;
    }

    bool has(const std::string &name) const
    {
        return m_file.findTensor(name) != nullptr;
    }

private:
    const GgufFile &m_file;
    Backend &m_backend;
    const std::function<void(float)> &m_onProgress;
    uint64_t m_totalBytes = 0;
    uint64_t m_doneBytes = 0;
};

Expected<LayerWeights> bindLayer(Binder &b, const HParams &hp, uint32_t il)
{
    const std::string p = "blk." + std::to_string(il) + ".";
    const uint64_t e = hp.nEmbd;
    const uint64_t qd = hp.qDim();
    const uint64_t kv = hp.kvDim();
    const bool layerNorm = hp.traits.norm == NormKind::Layer;
    LayerWeights L;

    // Attention.
    ATRIUM_TRY(L.attnNorm, b.required(p + "attn_norm.weight", e, 1));
    if (layerNorm) {
        ATRIUM_TRY(L.attnNormB, b.optional(p + "attn_norm.bias", e, 1));
    }
    if (b.has(p + "attn_qkv.weight")) {
        ATRIUM_TRY(L.wqkv, b.required(p + "attn_qkv.weight", e, qd + 2 * kv));
    } else {
        ATRIUM_TRY(L.wq, b.required(p + "attn_q.weight", e, qd));
        ATRIUM_TRY(L.wk, b.required(p + "attn_k.weight", e, kv));
        ATRIUM_TRY(L.wv, b.required(p + "attn_v.weight", e, kv));
        ATRIUM_TRY(L.bq, b.optional(p + "attn_q.bias", qd, 1));
        ATRIUM_TRY(L.bk, b.optional(p + "attn_k.bias", kv, 1));
        ATRIUM_TRY(L.bv, b.optional(p + "attn_v.bias", kv, 1));
    }
    if (b.has(p + "attn_q_norm.weight") || b.has(p + "attn_qkv.bias"))
        return fail(ErrorCode::UnsupportedArchitecture, "per-head QK norms and fused QKV biases are not supported yet");
    ATRIUM_TRY(L.wo, b.required(p + "attn_output.weight", qd, e));
    ATRIUM_TRY(L.bo, b.optional(p + "attn_output.bias", e, 1));
    if (hp.traits.arch == Arch::Gemma2) {
        ATRIUM_TRY(L.postAttnNorm, b.required(p + "post_attention_norm.weight", e, 1));
    }

    // Feed-forward.
    if (hp.traits.arch == Arch::StableLm) {
        ATRIUM_TRY(L.ffnNorm, b.optional(p + "ffn_norm.weight", e, 1)); // absent: parallel residual
    } else {
        ATRIUM_TRY(L.ffnNorm, b.required(p + "ffn_norm.weight", e, 1));
    }
    if (layerNorm) {
        ATRIUM_TRY(L.ffnNormB, b.optional(p + "ffn_norm.bias", e, 1));
    }
    const bool fusedGateUp = hp.traits.arch == Arch::Phi3 && !b.has(p + "ffn_gate.weight");
    if (hp.traits.arch == Arch::Starcoder2) {
        ATRIUM_TRY(L.ffnUp, b.required(p + "ffn_up.weight", e, hp.nFf));
        ATRIUM_TRY(L.ffnUpB, b.optional(p + "ffn_up.bias", hp.nFf, 1));
    } else if (fusedGateUp) {
        ATRIUM_TRY(L.ffnUp, b.required(p + "ffn_up.weight", e, 2 * static_cast<uint64_t>(hp.nFf)));
    } else {
        ATRIUM_TRY(L.ffnGate, b.required(p + "ffn_gate.weight", e, hp.nFf));
        ATRIUM_TRY(L.ffnUp, b.required(p + "ffn_up.weight", e, hp.nFf));
    }
    ATRIUM_TRY(L.ffnDown, b.required(p + "ffn_down.weight", hp.nFf, e));
    ATRIUM_TRY(L.ffnDownB, b.optional(p + "ffn_down.bias", e, 1));
    if (hp.traits.arch == Arch::Gemma2) {
        ATRIUM_TRY(L.postFfwNorm, b.required(p + "post_ffw_norm.weight", e, 1));
    }
    return L;
}

} // namespace

Expected<ModelWeights> bindWeights(const GgufFile &file,
    const HParams &hp,
    uint32_t nCtx,
    Backend &backend,
    const std::function<void(float)> &onProgress)
{
    Binder b(file, backend, onProgress);
    ModelWeights w;
    ATRIUM_TRY(w.tokEmbd, b.required("token_embd.weight", hp.nEmbd, hp.nVocab));
    ATRIUM_TRY(w.outputNorm, b.required("output_norm.weight", hp.nEmbd, 1));
    if (hp.traits.norm == NormKind::Layer) {
        ATRIUM_TRY(w.outputNormB, b.optional("output_norm.bias", hp.nEmbd, 1));
    }

    // LM head: gemma always reuses token_embd; the others do when output.weight is absent (tied embeddings).
    if (!hp.traits.tiedOutput) {
        ATRIUM_TRY(w.output, b.optional("output.weight", hp.nEmbd, hp.nVocab));
    }
    if (!w.output.valid()) {
        if (hp.traits.arch == Arch::Phi3)
            return fail(ErrorCode::InvalidGguf, "tensor 'output.weight' is missing (required for phi3)");
        w.output = w.tokEmbd;
    }

    // Rotary frequency factors: Llama 3.1's rope_freqs, or Phi-3's LongRoPE factors picked by the context size.
    const uint64_t nPairs = hp.nRot / 2;
    ATRIUM_TRY(w.ropeFactors, b.optional("rope_freqs.weight", nPairs, 1));
    if (!w.ropeFactors.valid() && b.has("rope_factors_long.weight")) {
        // NOTE: llama.cpp compares the context size n_ctx (not the sequence length) with the original context.
        const char *name = nCtx > hp.nCtxOrig ? "rope_factors_long.weight" : "rope_factors_short.weight";
        ATRIUM_TRY(w.ropeFactors, b.required(name, nPairs, 1));
    }

    w.layers.reserve(hp.nLayer);
    for (uint32_t il = 0; il < hp.nLayer; ++il) {
        ATRIUM_TRY(LayerWeights L, bindLayer(b, hp, il));
        w.layers.push_back(L);
    }
    return w;
}

} // namespace atrium
