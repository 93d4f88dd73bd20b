// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Weight matrices of the legacy 32-element types with an f16 scale first (Q4_0 so far) can be stored interleaved,
// kGroupRows rows at a time, so that one decode step reads the same block of eight rows with whole-register loads:
//
//   group g = rows 8g .. 8g+7; for each block b of the row (K / 32 blocks), in order:
//     8 × f16 d           the scales of rows 8g .. 8g+7 (16 bytes)
//     for chunk c < qs / 4:   8 × 4 bytes: bytes 4c .. 4c+3 of the block's quants (after d) of rows 8g .. 8g+7
//
// A group has exactly the bytes of its eight rows (144 per block for Q4_0). The integer-dot kernels for this layout
// (Kernels::intDotGroup) broadcast four activation bytes against one chunk register: eight rows' products with one
// u8 × s8 dot instruction and one f32 multiply-add per block for all eight, where a row-major kernel spends
// shuffles and a multiply-add per row and block. Everything else reads such a matrix through extractRows.

#include <cstddef>
#include <cstdint>

#include "gguf/tensor_type.h"

namespace atrium::cpu
{

/// Rows per interleaved group.
constexpr unsigned kGroupRows = 8;

/// Whether `type` has an interleaved layout (it may still lack a kernel on some levels: see Kernels::intDotGroup).
bool hasInterleavedLayout(TensorType type);

/// Writes rows [0, kGroupRows) of `rows` (each rowBytes(type, K) bytes, rowStride apart) as one group into `group`.
void interleaveGroup(TensorType type, const uint8_t *rows, size_t rowStride, uint64_t K, uint8_t *group);

/// Row `r` (< kGroupRows) of `group` back in its GGUF encoding into `row` (rowBytes(type, K) bytes).
void extractGroupRow(TensorType type, const uint8_t *group, uint64_t K, unsigned r, uint8_t *row);

} // namespace atrium::cpu
