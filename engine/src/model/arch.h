// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <optional>
#include <string_view>

#include "backend/backend.h"

namespace atrium
{

/// Architectures with a forward pass (values of general.architecture).
enum class Arch {
    Llama, ///< Llama 1/2/3, Mistral and finetunes stored as arch "llama"
    Qwen2, ///< Qwen2 / Qwen2.5: llama + q/k/v biases, NeoX rope
    Phi3, ///< fused qkv and gate|up, LongRoPE factors
    Gemma, ///< ×sqrt(n_embd) embeddings, GeGLU, tied output
    Gemma2, ///< gemma + post norms, softcaps, SWA on even layers
    Starcoder2, ///< LayerNorm with bias, biases everywhere, GELU MLP
    StableLm, ///< LayerNorm with bias, partial rotary, q/k/v biases, SwiGLU
};

enum class NormKind {
    Rms, ///< x / sqrt(mean(x^2) + eps) * w
    Layer, ///< (x - mean) / sqrt(var + eps) * w + b
};

/// What differs between architectures beyond the tensors present (engine-notes §3.4, arch/README.md).
struct ArchTraits {
    Arch arch;
    std::string_view name; ///< general.architecture
    RopeMode ropeMode;
    NormKind norm;
    bool tiedOutput; ///< always reuse token_embd as the LM head (gemma*); otherwise only when output is absent
    bool embedScale; ///< x = token_embd[id] * sqrt(n_embd)
};

/// Traits of an architecture name, or nullopt when the engine has no forward pass for it.
std::optional<ArchTraits> archTraits(std::string_view name);

} // namespace atrium
