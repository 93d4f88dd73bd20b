// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>

#include "atrium/expected.h"
#include "model/arch.h"

namespace atrium
{

class GgufFile;

/// Hyperparameters of a model, read from `{arch}.*` metadata with llama.cpp's defaults (engine-notes §1.4).
struct HParams {
    ArchTraits traits {};
    uint32_t nCtxTrain = 0;
    uint32_t nEmbd = 0;
    uint32_t nLayer = 0;
    uint32_t nFf = 0;
    uint32_t nHead = 0;
    uint32_t nHeadKv = 0;
    uint32_t headDim = 0; ///< attention.key_length, else n_embd / n_head
    uint32_t nRot = 0; ///< rope.dimension_count, else headDim (partial rotary when smaller)
    uint32_t nVocab = 0; ///< rows of token_embd
    float normEps = 1e-5f;

    // RoPE
    float ropeFreqBase = 10000.f;
    float ropeFreqScale = 1.f; ///< 1 / rope.scaling.factor for linear and YaRN scaling
    float ropeAttnFactor = 1.f; ///< rope.scaling.attn_factor (Phi-3 LongRoPE)
    float yarnExtFactor = 0.f; ///< 1 for rope.scaling.type = yarn
    uint32_t nCtxOrig = 0; ///< rope.scaling.original_context_length, else nCtxTrain

    // Attention
    float attnScale = 0.f; ///< score scale
    float attnSoftcap = 0.f; ///< 0 = off (gemma2: attn_logit_softcapping)
    float finalSoftcap = 0.f; ///< 0 = off (gemma2: final_logit_softcapping)
    uint32_t slidingWindow = 0; ///< SWA width in keys (0 = none)
    bool swaEvenLayersOnly = false; ///< gemma2: the window applies to layers 0, 2, 4, …; otherwise to all layers

    uint32_t kvDim() const
    {
        return nHeadKv * headDim;
    }
    uint32_t qDim() const
    {
        return nHead * headDim;
    }
    /// The attention window of layer il (0 = full causal attention).
    uint32_t windowForLayer(uint32_t il) const
    {
        if (slidingWindow == 0 || (swaEvenLayersOnly && il % 2 != 0))
            return 0;
        return slidingWindow;
    }
};

/// Reads and checks the hyperparameters; UnsupportedArchitecture for architectures without a forward pass,
/// InvalidGguf for missing or inconsistent keys.
Expected<HParams> readHParams(const GgufFile &file);

} // namespace atrium
