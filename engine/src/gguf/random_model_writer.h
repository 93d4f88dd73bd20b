// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "atrium/expected.h"
#include "gguf/gguf_file.h"
#include "gguf/tensor_type.h"

namespace atrium
{

/// Which tokenizer a random model carries. Auto picks the family's usual one (llama, qwen2: byte-level BPE;
/// phi3, gemma, gemma2: SentencePiece).
enum class RandomTokenizer { Auto, Bpe, Spm };

/// Shape and contents of a random-weight model for tests and benchmarks. The weights are random (normal-like,
/// std ≈ 1/sqrt(fan_in) so activations stay in range); metadata keys and tensor names are those llama.cpp's
/// converter writes for the architecture, so the file loads like a real one.
struct RandomModelSpec {
    std::string arch = "llama"; ///< llama, qwen2, phi3, gemma, gemma2
    std::string name = "random";
    uint32_t nEmbd = 64;
    uint32_t nLayer = 2;
    uint32_t nHead = 4;
    uint32_t nHeadKv = 2;
    uint32_t headDim = 16;
    uint32_t nFf = 128;
    uint32_t nVocab = 512;
    uint32_t ctx = 2048;
    bool tiedEmbeddings = false; ///< no output.weight (always the case for gemma, gemma2)
    float ropeBase = 10000.0f;
    float rmsEps = 1e-5f;
    TensorType matrixType = TensorType::F32; ///< type of the 2-D weight matrices (norms and biases stay F32)
    RandomTokenizer tokenizer = RandomTokenizer::Auto;
    uint64_t seed = 1;
};

/// The shape presets: "stories260k", "smollm2-135m", "llama-3.2-1b", "llama-3-8b", "qwen2.5-0.5b".
std::vector<std::string> randomModelPresetNames();
/// A preset's dimensions (arch "llama", matrix type F32, seed 1); nullopt for an unknown name.
std::optional<RandomModelSpec> randomModelPreset(std::string_view shape);

/// What was (or would be) written.
struct RandomModelSummary {
    uint64_t fileBytes = 0;
    uint64_t parameters = 0;
    size_t tensorCount = 0;
    size_t fallbackTensors = 0; ///< matrices written in another type because their rows do not fit its blocks
};

/// Checks a spec: known arch, writable type, dimensions that make sense, vocabulary large enough for the tokenizer.
Expected<void> validateRandomModelSpec(const RandomModelSpec &spec);

/// Builds the writer for a spec; tensor bytes are generated while writing (deterministic for a given seed).
Expected<GgufWriter> buildRandomModel(const RandomModelSpec &spec, RandomModelSummary *summary = nullptr);

/// Writes a random model to `path`, streaming tensors to disk (large models are never held in memory).
Expected<RandomModelSummary> writeRandomModel(const RandomModelSpec &spec, const std::string &path);

/// The type a matrix with rows of `rowElements` gets when `wanted` does not fit (as llama-quantize falls back):
/// Q4_K→Q5_0, Q5_K→Q5_1, Q6_K→Q8_0, then F16 when 32-element blocks do not fit either.
TensorType fallbackMatrixType(TensorType wanted, uint64_t rowElements);

} // namespace atrium
