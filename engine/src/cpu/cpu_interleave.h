// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Weight matrices of some quantized types are stored interleaved, kGroupRows rows at a time, so that one decode step
// reads the same block of eight rows with whole-register loads. A group holds exactly its eight rows' bytes. Each
// block is seen as a few 2-byte fields (the f16 scales) and then 4-byte chunks; group g holds rows 8g .. 8g+7 and, for
// each block b of the row (K / 32 or K / 256 blocks), in order:
//
//   for each 2-byte field h:   8 × 2 bytes: field h of rows 8g .. 8g+7
//   for each 4-byte chunk c:   8 × 4 bytes: chunk c of rows 8g .. 8g+7
//
//   Q4_0: fields d;       chunks: qs[0..15] (4)
//   Q5_0: fields d;       chunks: qh, qs[0..15] (5)
//   Q4_K: fields d, dmin; chunks: the 12 packed scale bytes (3), qs[0..127] (32)
//   Q5_K: fields d, dmin; chunks: the 12 packed scale bytes (3), qh[0..31] (8), qs[0..127] (32)
//
// The integer-dot kernels for these layouts (Kernels::intDotGroup) broadcast four activation bytes against one chunk
// register: eight rows' products with one u8 × s8 dot instruction, and one f32 multiply-add per block for all eight,
// where a row-major kernel spends shuffles, scale unpacking and a multiply-add per row and block. Everything else
// reads such a matrix through extractGroup / extractGroupRow.

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

/// The kGroupRows rows of `group` back in their GGUF encoding into `rows` (one after another, rowBytes(type, K) each).
void extractGroup(TensorType type, const uint8_t *group, uint64_t K, uint8_t *rows);

/// Row `r` (< kGroupRows) of `group` back in its GGUF encoding into `row` (rowBytes(type, K) bytes).
void extractGroupRow(TensorType type, const uint8_t *group, uint64_t K, unsigned r, uint8_t *row);

} // namespace atrium::cpu
