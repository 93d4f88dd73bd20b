// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>
#include <vector>

#include "atrium/expected.h"
#include "backend/backend.h"
#include "model/hparams.h"

namespace atrium
{

class GgufFile;

/// One transformer block's tensors (engine-notes §1.5). Absent optional tensors are invalid handles; matmul and
/// the norms treat an invalid bias or norm weight as "none".
struct LayerWeights {
    Weight attnNorm, attnNormB; // (n_embd)
    Weight wq, wk, wv; // (n_embd → n_head*d_h), (n_embd → kvDim) ×2
    Weight wqkv; // Phi-3 fused: (n_embd → n_head*d_h + 2*kvDim)
    Weight bq, bk, bv; // biases (qwen2, starcoder2, stablelm)
    Weight wo, bo; // (n_head*d_h → n_embd)
    Weight postAttnNorm; // gemma2 (n_embd)
    Weight ffnNorm, ffnNormB; // (n_embd)
    Weight ffnGate; // (n_embd → n_ff); absent for plain MLPs and Phi-3's fused gate|up
    Weight ffnUp, ffnUpB; // (n_embd → n_ff), Phi-3: (n_embd → 2*n_ff) = [gate | up]
    Weight ffnDown, ffnDownB; // (n_ff → n_embd)
    Weight postFfwNorm; // gemma2 (n_embd)
};

/// Every tensor a forward pass reads, uploaded to one backend.
struct ModelWeights {
    Weight tokEmbd; // (n_vocab rows of n_embd)
    Weight outputNorm, outputNormB; // (n_embd)
    Weight output; // LM head: output.weight, or token_embd when tied
    Weight ropeFactors; // rope_freqs (Llama 3.1) or Phi-3's long/short factors; may be invalid
    std::vector<LayerWeights> layers; // (n_layer)
};

/// Finds, shape-checks and uploads the tensors the architecture needs. `nCtx` picks Phi-3's LongRoPE factors
/// (long when nCtx > original_context_length). `onProgress` (optional) sees the fraction uploaded.
Expected<ModelWeights> bindWeights(const GgufFile &file,
    const HParams &hp,
    uint32_t nCtx,
    Backend &backend,
    const std::function<void(float)> &onProgress);

} // namespace atrium
