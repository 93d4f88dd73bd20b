// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Weight matrices of some quantized types are stored interleaved, kGroupRows rows at a time, so that one decode step
// reads the same block of eight rows with whole-register loads. Group g holds rows 8g .. 8g+7; for each block b of
// the row (K / 32 or K / 256 blocks), in order:
//
//   Q4_0 / Q5_0 (144 / 176 bytes, exactly the eight rows' bytes):
//     8 × f16 d                       the scales of rows 8g .. 8g+7
//     (Q5_0) 8 × 4 bytes              each row's fifth bits (qh)
//     for chunk c < 4:   8 × 4 bytes: bytes 4c .. 4c+3 of each row's 16 nibble bytes
//   Q4_K (1184 bytes: the eight rows' 1152 with the 6-bit scales unpacked to bytes):
//     8 × f16 d, then 8 × f16 dmin
//     sc[s][r], then mn[s][r]         sub-block s's scale and min of row r, one byte each (s < 8)
//     for pair c < 4, chunk k < 8:   8 × 4 bytes: bytes 32c + 4k .. +3 of each row's 128 quant bytes
//
// The integer-dot kernels for these layouts (Kernels::intDotGroup) broadcast four activation bytes against one chunk
// register: eight rows' products with one u8 × s8 dot instruction, and one f32 multiply-add per block for all eight,
// where a row-major kernel spends shuffles, scale unpacking and a multiply-add per row and block. Everything else
// reads such a matrix through extractGroupRow.

#include <cstddef>
#include <cstdint>

#include "gguf/tensor_type.h"

namespace atrium::cpu
{

/// Rows per interleaved group.
constexpr unsigned kGroupRows = 8;

/// Whether `type` has an interleaved layout (it may still lack a kernel on some levels: see Kernels::intDotGroup).
bool hasInterleavedLayout(TensorType type);

/// Bytes of one group of rows of K elements.
size_t groupBytes(TensorType type, uint64_t K);

/// Writes rows [0, kGroupRows) of `rows` (each rowBytes(type, K) bytes, rowStride apart) as one group into `group`.
void interleaveGroup(TensorType type, const uint8_t *rows, size_t rowStride, uint64_t K, uint8_t *group);

/// Row `r` (< kGroupRows) of `group` back in its GGUF encoding into `row` (rowBytes(type, K) bytes).
void extractGroupRow(TensorType type, const uint8_t *group, uint64_t K, unsigned r, uint8_t *row);

} // namespace atrium::cpu
