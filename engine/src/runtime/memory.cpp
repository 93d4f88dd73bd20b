// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "atrium/memory.h"

#include <algorithm>

#include "gguf/gguf_file.h"
#include "model/hparams.h"

namespace atrium
{

namespace
{

constexpr uint64_t kBatch = 512; ///< the largest chunk a Session evaluates at once

} // namespace

MemoryEstimate estimateMemory(const GgufFile &file, uint32_t contextLength, uint32_t kvBytesPerElement)
{
    MemoryEstimate m;
    for (const GgufTensor &t : file.tensors())
        m.weightBytes += t.nbytes;

    const auto hp = readHParams(file);
    if (hp) {
        const uint64_t ctx = contextLength > 0 ? contextLength : std::min<uint32_t>(hp->nCtxTrain, 4096);
        m.contextLength = static_cast<uint32_t>(ctx);
        // K and V per layer; sliding-window layers keep only the window plus one batch.
        for (uint32_t il = 0; il < hp->nLayer; ++il) {
            const uint32_t window = hp->windowForLayer(il);
            const uint64_t positions = window > 0 ? std::min<uint64_t>(ctx, window + kBatch) : ctx;
            m.kvBytes += 2ull * hp->kvDim() * positions * kvBytesPerElement;
        }
        // Activations of one batch (residual, norms, q/k/v/o, FFN intermediates) plus one row of logits.
        const uint64_t perToken = 6ull * hp->nEmbd + 3ull * hp->qDim() + 2ull * hp->kvDim() + 4ull * hp->nFf;
        m.scratchBytes = 4ull * (kBatch * perToken + hp->nVocab);
    } else {
        m.contextLength = contextLength;
    }
    m.totalBytes = m.weightBytes + m.kvBytes + m.scratchBytes;
    return m;
}

Expected<MemoryEstimate> estimateMemory(const std::string &path, uint32_t contextLength, uint32_t kvBytesPerElement)
{
    ATRIUM_TRY(GgufFile file, GgufFile::open(path));
    return estimateMemory(file, contextLength, kvBytesPerElement);
}

} // namespace atrium
