// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model/hparams.h"

#include <cmath>
#include <string>

#include "gguf/gguf_file.h"

namespace atrium
{

namespace
{

/// A u32 hyperparameter that may be stored as a per-layer array (all layers must agree: we run uniform models).
Expected<std::optional<uint32_t>> readUniform(const GgufFile &file, const std::string &key)
{
    if (const GgufArray *arr = file.getArray(key)) {
        std::optional<uint32_t> value;
        for (const GgufValue &item : arr->items) {
            uint64_t v = 0;
            if (const auto *u = std::get_if<uint64_t>(&item.data))
                v = *u;
            else if (const auto *i = std::get_if<int64_t>(&item.data); i && *i >= 0)
                v = static_cast<uint64_t>(*i);
            else
                return fail(ErrorCode::InvalidGguf, "metadata '" + key + "' holds a non-integer array");
            if (value && *value != v)
                return fail(ErrorCode::UnsupportedArchitecture,
                    "metadata '" + key + "' differs between layers, which the engine does not support");
            value = static_cast<uint32_t>(v);
        }
        return value;
    }
    if (const auto v = file.getUint(key)) {
        if (*v > UINT32_MAX)
            return fail(ErrorCode::InvalidGguf, "metadata '" + key + "' is out of range");
        return std::optional<uint32_t>(static_cast<uint32_t>(*v));
    }
    if (file.find(key))
        return fail(ErrorCode::InvalidGguf, "metadata '" + key + "' is not an unsigned integer");
    return std::optional<uint32_t>();
}

Expected<uint32_t> requireUniform(const GgufFile &file, const std::string &key)
{
    ATRIUM_TRY(const std::optional<uint32_t> v, readUniform(file, key));
    if (!v || *v == 0)
        return fail(ErrorCode::InvalidGguf, "required metadata '" + key + "' is missing or zero");
    return *v;
}

float floatOr(const GgufFile &file, const std::string &key, float fallback)
{
    const auto v = file.getFloat(key);
    return v ? static_cast<float>(*v) : fallback;
}

} // namespace

Expected<HParams> readHParams(const GgufFile &file)
{
    const auto archName = file.getString("general.architecture");
    if (!archName)
        return fail(ErrorCode::InvalidGguf, "metadata 'general.architecture' is missing");
    const std::string a(*archName);
    const auto traits = archTraits(a);
    if (!traits)
        return fail(ErrorCode::UnsupportedArchitecture, "architecture '" + a + "' is not supported yet");

    HParams hp;
    hp.traits = *traits;
    ATRIUM_TRY(hp.nCtxTrain, requireUniform(file, a + ".context_length"));
    ATRIUM_TRY(hp.nEmbd, requireUniform(file, a + ".embedding_length"));
    ATRIUM_TRY(hp.nLayer, requireUniform(file, a + ".block_count"));
    ATRIUM_TRY(hp.nFf, requireUniform(file, a + ".feed_forward_length"));
    ATRIUM_TRY(hp.nHead, requireUniform(file, a + ".attention.head_count"));
    ATRIUM_TRY(const std::optional<uint32_t> nHeadKv, readUniform(file, a + ".attention.head_count_kv"));
    hp.nHeadKv = nHeadKv.value_or(hp.nHead);
    if (hp.nHeadKv == 0 || hp.nHead % hp.nHeadKv != 0)
        return fail(ErrorCode::InvalidGguf, "head_count must be a multiple of head_count_kv");

    ATRIUM_TRY(const std::optional<uint32_t> keyLength, readUniform(file, a + ".attention.key_length"));
    ATRIUM_TRY(const std::optional<uint32_t> valueLength, readUniform(file, a + ".attention.value_length"));
    hp.headDim = keyLength.value_or(hp.nEmbd / hp.nHead);
    if (hp.headDim == 0 || valueLength.value_or(hp.headDim) != hp.headDim)
        return fail(ErrorCode::UnsupportedArchitecture, "key_length and value_length must be equal and non-zero");
    ATRIUM_TRY(const std::optional<uint32_t> nRot, readUniform(file, a + ".rope.dimension_count"));
    hp.nRot = nRot.value_or(hp.headDim);
    if (hp.nRot > hp.headDim || hp.nRot % 2 != 0)
        return fail(ErrorCode::InvalidGguf, "rope.dimension_count must be even and at most the head size");

    if (hp.traits.norm == NormKind::Rms) {
        const auto eps = file.getFloat(a + ".attention.layer_norm_rms_epsilon");
        if (!eps)
            return fail(
                ErrorCode::InvalidGguf, "required metadata '" + a + ".attention.layer_norm_rms_epsilon' is missing");
        hp.normEps = static_cast<float>(*eps);
    } else {
        const auto eps = file.getFloat(a + ".attention.layer_norm_epsilon");
        if (!eps)
            return fail(
                ErrorCode::InvalidGguf, "required metadata '" + a + ".attention.layer_norm_epsilon' is missing");
        hp.normEps = static_cast<float>(*eps);
    }

    // RoPE: base, scaling (none / linear / yarn / longrope), original context, attention factor.
    hp.ropeFreqBase = floatOr(file, a + ".rope.freq_base", 10000.f);
    // NOTE: as in llama.cpp, a missing scaling type means linear: a legacy file with only a factor is scaled.
    const std::string scalingType(file.getString(a + ".rope.scaling.type").value_or("linear"));
    float factor = floatOr(file, a + ".rope.scaling.factor", 0.f);
    if (factor == 0.f) {
        const float legacy = floatOr(file, a + ".rope.scale_linear", 0.f); // legacy key: the scale itself
        factor = legacy != 0.f ? legacy : 1.f;
    }
    if (scalingType == "linear" || scalingType == "yarn")
        hp.ropeFreqScale = 1.f / factor;
    else if (scalingType != "none" && scalingType != "longrope")
        return fail(ErrorCode::UnsupportedArchitecture, "rope scaling type '" + scalingType + "' is not supported");
    hp.yarnExtFactor = scalingType == "yarn" ? 1.f : 0.f;
    ATRIUM_TRY(const std::optional<uint32_t> nCtxOrig, readUniform(file, a + ".rope.scaling.original_context_length"));
    hp.nCtxOrig = nCtxOrig.value_or(hp.nCtxTrain);
    hp.ropeAttnFactor = floatOr(file, a + ".rope.scaling.attn_factor", 1.f);

    // Attention scale, softcaps and sliding window, per architecture as llama.cpp reads them.
    hp.attnScale = floatOr(file, a + ".attention.scale", 0.f);
    if (hp.attnScale == 0.f) {
        // NOTE: llama.cpp derives Gemma 2's query scale from the model type, i.e. from n_layer: 46 layers is 27B,
        // whose scale uses n_embd / n_head (integer division) instead of the head size.
        const bool gemma2Large = hp.traits.arch == Arch::Gemma2 && hp.nLayer == 46;
        const uint32_t d = gemma2Large ? hp.nEmbd / hp.nHead : hp.headDim;
        hp.attnScale = 1.f / std::sqrt(static_cast<float>(d));
    }
    if (hp.traits.arch == Arch::Gemma2) {
        hp.attnSoftcap = floatOr(file, a + ".attn_logit_softcapping", 50.f);
        hp.finalSoftcap = floatOr(file, a + ".final_logit_softcapping", 30.f);
        ATRIUM_TRY(const std::optional<uint32_t> window, readUniform(file, a + ".attention.sliding_window"));
        hp.slidingWindow = window.value_or(4096);
        hp.swaEvenLayersOnly = true;
    } else if (hp.traits.arch == Arch::Phi3) {
        // NOTE: llama.cpp applies Phi-3's window to every layer; 0 (Phi-4) means none.
        ATRIUM_TRY(const std::optional<uint32_t> window, readUniform(file, a + ".attention.sliding_window"));
        hp.slidingWindow = window.value_or(0);
    }
    if (file.getUint(a + ".expert_count").value_or(0) > 0)
        return fail(ErrorCode::UnsupportedArchitecture, "mixture-of-experts models are not supported yet");

    // The vocabulary size is the row count of the embedding table (the logits have one entry per row).
    const GgufTensor *embd = file.findTensor("token_embd.weight");
    if (!embd)
        return fail(ErrorCode::InvalidGguf, "tensor 'token_embd.weight' is missing");
    if (embd->ne[0] != hp.nEmbd || embd->ne[1] == 0 || embd->ne[1] > UINT32_MAX)
        return fail(ErrorCode::InvalidGguf, "tensor 'token_embd.weight' does not have embedding_length columns");
    hp.nVocab = static_cast<uint32_t>(embd->ne[1]);
    return hp;
}

} // namespace atrium
