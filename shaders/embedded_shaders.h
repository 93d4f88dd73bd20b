// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// The SPIR-V modules built from shaders/*.comp (one per variant listed in shaders/CMakeLists.txt), embedded into
// the generated source atrium_shaders_embedded.cpp.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace atrium::shaders
{

/// One compiled variant: its name ("mul_mat_vec_q4_k_sg") and SPIR-V words.
struct EmbeddedShader {
    std::string_view name;
    const uint32_t *words;
    size_t wordCount;
};

/// Every embedded module, in the order of shaders/CMakeLists.txt.
std::span<const EmbeddedShader> embeddedShaders();

/// SHA-256 over the shader sources the modules were generated from (checks prebuilt embeddings).
const char *embeddedShadersSourceHash();

} // namespace atrium::shaders
