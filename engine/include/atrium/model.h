// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "atrium/expected.h"

namespace atrium
{

class Tokenizer;

/// Which compute backend runs a model.
enum class BackendKind {
    Auto, ///< Vulkan when a usable device exists, else the CPU (the reason is kept in Model::fallbackReason())
    Cpu, ///< the multi-threaded CPU backend
    Vulkan, ///< our Vulkan backend; fails when no device is usable
    Reference, ///< the scalar reference backend (slow; the numeric oracle)
};

/// How to load a model.
struct LoadOptions {
    BackendKind backend = BackendKind::Auto;
    int deviceIndex = -1; ///< Vulkan device index as `atrium-cli devices` lists it; -1 = best device
    uint32_t contextLength = 0; ///< KV-cache positions; 0 = min(trained context, 4096)
    int threads = 0; ///< CPU threads; 0 = all hardware threads
    /// CPU backend, quantized weights: true keeps f32 activations in matmuls (results within f32 rounding of the
    /// reference backend); false (default) quantizes activations to 8 bits and uses integer dot products, as
    /// llama.cpp's CPU backend does (faster; logits close to llama.cpp's own).
    bool exactActivations = false;
    /// CPU backend, quantized weights, not exactActivations: also run prompts (batches of more than one token)
    /// through the integer path, so every position has llama.cpp's CPU numerics. Off by default: prompts are
    /// faster through the bf16 kernels (CPUs with AVX-512 BF16) or the f32 ones, single-token decoding through the
    /// integer ones.
    bool integerPrompts = false;
    /// CPU backend: keep the KV cache in f32 (twice the memory) instead of f16, as llama.cpp does with
    /// -ctk f32 -ctv f32.
    bool f32KvCache = false;
    std::string pipelineCacheDir; ///< where the Vulkan backend persists its pipeline cache; empty = none
    std::function<void(float)> onProgress; ///< optional: load progress in [0, 1]
};

/// What a GGUF file holds, read from its metadata and tensor table (no weights are touched).
struct ModelInfo {
    std::string path;
    std::string architecture; ///< general.architecture ("llama", "qwen2", …)
    std::string name; ///< general.name, or the file name when absent
    uint64_t parameterCount = 0; ///< elements over all tensors
    uint32_t contextLengthTrained = 0;
    uint32_t nEmbd = 0;
    uint32_t nLayer = 0;
    uint32_t nHead = 0;
    uint32_t nHeadKv = 0;
    uint32_t headDim = 0;
    uint32_t nFf = 0;
    uint32_t vocabSize = 0;
    std::map<std::string, uint32_t> tensorTypeCounts; ///< type name ("Q4_K") → number of tensors
    uint64_t fileBytes = 0;
    uint64_t weightBytes = 0; ///< bytes of all tensor data
    bool hasChatTemplate = false;
    std::vector<std::string> chatTemplateNames; ///< named variants (tokenizer.chat_template.<name>)
    std::string tokenizerKind; ///< tokenizer.ggml.model: "llama" (SPM), "gpt2" (BPE), …
    std::string tokenizerPre; ///< tokenizer.ggml.pre, empty when absent
    bool supported = false; ///< the engine has a forward pass for the architecture
};

/// Reads a model's description without loading it (fast: metadata and tensor table only).
Expected<ModelInfo> inspectModel(const std::string &path);

/// A loaded model: the mapped GGUF file, its tokenizer, the backend holding the weights, and the KV cache.
/// Generation goes through a Session bound to the model (one active Session per Model at a time). A Model is not
/// thread-safe; use it from one thread (the inference worker).
class Model
{
public:
    /// Maps the file, checks the architecture, uploads the weights and allocates the KV cache.
    static Expected<std::shared_ptr<Model>> load(const std::string &path, const LoadOptions &options);

    ~Model();
    Model(const Model &) = delete;
    Model &operator=(const Model &) = delete;

    const ModelInfo &info() const;
    const Tokenizer &tokenizer() const;
    /// The chat template stored in the file (the default one, or the named variant); nullopt when absent.
    std::optional<std::string> chatTemplate(std::string_view name = {}) const;
    std::string backendName() const; ///< "cpu", "vulkan" or "reference"
    std::string deviceName() const; ///< e.g. "NVIDIA GeForce RTX 4070" or "CPU (8 threads)"
    std::string fallbackReason() const; ///< why Auto did not get Vulkan; empty when it did (or was not asked to)
    uint32_t kvBytesPerElement() const; ///< the backend's KV cache: 2 (f16) or 4 (f32) bytes per value
    uint32_t contextLength() const; ///< KV-cache positions allocated
    uint32_t vocabSize() const; ///< rows of logits

    struct Impl; ///< internal (engine/src/runtime/model_impl.h)
    Impl &impl();

private:
    Model();
    std::unique_ptr<Impl> m_impl;
};

} // namespace atrium
