// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>

#include "gguf/tensor_type.h"

namespace atrium
{

/// Writable types for random weights: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K.
bool canFillRandom(TensorType type);

/// Fills rows [firstRow, firstRow + rowCount) of a `type` matrix with random weights of mean ≈ 0 and standard
/// deviation ≈ `stddev`. Quantized blocks are generated directly (random quant bits with scales chosen for the
/// target spread), never by quantizing floats, so gigabytes take seconds. Each row depends only on (seed, row), so
/// the result does not depend on how the rows are split into calls. Uses several threads for large ranges.
void fillRandomRows(TensorType type,
    uint64_t rowElements,
    float stddev,
    uint64_t seed,
    uint64_t firstRow,
    uint64_t rowCount,
    uint8_t *dst);

} // namespace atrium
