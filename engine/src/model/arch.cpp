// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model/arch.h"

#include <array>

namespace atrium
{

namespace
{

// NOTE: rope pairing per llama.cpp's llama_model_rope_type(): arch llama is "normal" (GGUF Q/K are permuted for it),
// the others are NeoX. A wrong entry gives fluent garbage, not an error.
constexpr std::array kTraits {
    ArchTraits {Arch::Llama, "llama", RopeMode::Normal, NormKind::Rms, false, false},
    ArchTraits {Arch::Qwen2, "qwen2", RopeMode::Neox, NormKind::Rms, false, false},
    ArchTraits {Arch::Phi3, "phi3", RopeMode::Neox, NormKind::Rms, false, false},
    ArchTraits {Arch::Gemma, "gemma", RopeMode::Neox, NormKind::Rms, true, true},
    ArchTraits {Arch::Gemma2, "gemma2", RopeMode::Neox, NormKind::Rms, true, true},
    ArchTraits {Arch::Starcoder2, "starcoder2", RopeMode::Neox, NormKind::Layer, false, false},
    ArchTraits {Arch::StableLm, "stablelm", RopeMode::Neox, NormKind::Layer, false, false},
};

} // namespace

std::optional<ArchTraits> archTraits(std::string_view name)
{
    for (const ArchTraits &t : kTraits) {
        if (t.name == name)
            return t;
    }
    return std::nullopt;
}

} // namespace atrium
