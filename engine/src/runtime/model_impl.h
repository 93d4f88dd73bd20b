// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "atrium/model.h"
#include "backend/backend.h"
#include "gguf/gguf_file.h"
#include "model/forward.h"
#include "model/hparams.h"
#include "model/model_weights.h"
#include "tokenizer/tokenizer.h"

namespace atrium
{

/// Everything a loaded model holds. NOTE: member order is destruction order in reverse: the backend (which may read
/// the mapping in place) goes before the file.
struct Model::Impl {
    GgufFile file;
    std::unique_ptr<Tokenizer> tokenizer;
    ModelInfo info;
    HParams hp;
    std::unique_ptr<Backend> backend;
    ModelWeights weights;
    RopeParams rope;
    ForwardFn forward = nullptr;
    uint32_t nCtx = 0;
    std::string fallbackReason;
    uint64_t kvOwner = 0; ///< id of the Session whose tokens are in the KV cache (0 = none)

    explicit Impl(GgufFile f)
        : file(std::move(f))
    {
    }

    /// One forward step over tokens at pos0 (T <= the chunk size): logits of every row or of the last one.
    Expected<void> step(std::span<const int32_t> tokens, uint32_t pos0, bool allRows, std::span<float> logits);
};

/// ModelInfo from a file's metadata and tensor table.
ModelInfo describeModel(const GgufFile &file);

} // namespace atrium
