// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Activation rows quantized to 8 bits for the integer-dot matmul kernels, exactly as ggml's x86 CPU backend does it
// (quantize_row_q8_0 / q8_1 with round-half-to-even, quantize_row_q8_K_ref), so that logits land on llama.cpp's.

#include <cstddef>
#include <cstdint>

#include "gguf/tensor_type.h"

namespace atrium::cpu
{

/// The activation format a weight type's integer-dot kernel reads (ggml's vec_dot_type).
enum class ActQuant {
    None, ///< no integer-dot kernel: f32 activations
    Q8_0, ///< per 32: d = amax / 127 (through f16), q = round(x · 127 / amax)
    Q8_1, ///< Q8_0 plus s = d · Σq per 32 (through f16), for the weight types with a min (Q4_1, Q5_1)
    Q8_K, ///< per 256: d = max / -127 (f32), q = round(x / d); per-16 sums of q
};

ActQuant actQuantFor(TensorType weightType);

/// One quantized activation row of K elements, as the kernels read it.
struct QuantRow {
    const int8_t *qs = nullptr; ///< (K)
    const float *d = nullptr; ///< (K / 32) for Q8_0 / Q8_1, (K / 256) for Q8_K; f16-rounded for Q8_0 / Q8_1
    /// (K / 32) d · Σq: f16-rounded for Q8_1; for Q8_0 in f32 (the offset of the kernels that take Q4_0 unsigned)
    const float *s = nullptr;
    const int16_t *bsums = nullptr; ///< Q8_K: (K / 16) Σq per 16 elements; Q8_0: (K / 32) Σq per 32
};

/// Bytes one quantized row of K elements takes in a buffer (a multiple of 64, so rows stay aligned).
size_t quantRowBytes(uint64_t K);

/// Quantizes x (K elements, a multiple of the format's block) into `buf` (quantRowBytes(K) bytes, 4-byte aligned)
/// and returns the view of it.
QuantRow quantizeRow(ActQuant format, const float *x, uint64_t K, uint8_t *buf);

/// The row view of a buffer quantizeRow filled (same format and K).
QuantRow quantRowView(ActQuant format, uint64_t K, uint8_t *buf);

// The formats one by one (the ground truth of the tests; quantizeRow calls these).
void quantizeQ8_0(const float *x, uint64_t K, int8_t *qs, float *d);
void quantizeQ8_1(const float *x, uint64_t K, int8_t *qs, float *d, float *s);
void quantizeQ8_K(const float *x, uint64_t K, int8_t *qs, float *d, int16_t *bsums);

} // namespace atrium::cpu
