// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// The fast CPU backend's inner loops, one table per instruction-set level (cpu_kernels_generic.cpp, _avx.cpp,
// _avx2.cpp, _avx512.cpp). The drivers (cpu_matmul.cpp, cpu_attention.cpp, cpu_ops.cpp) pick a table once per backend
// and call through it, so the choice of ISA happens once, not per element.
//
// Numerics, two paths:
// - decode kernels (DecodeFn, RowDotFn, GemmTileFn): weights are decoded to f32 exactly as dequantizeRow does
//   (engine-notes §2) and multiplied with f32 activations with f32 accumulation, so results stay within f32 rounding
//   of the reference backend;
// - integer-dot kernels (IntDotFn, for the quantized weight types): the activation row is first quantized to 8 bits
//   exactly as ggml does it (cpu_act_quant.h: Q8_0, Q8_1 or Q8_K by weight type), then each block is an exact
//   integer dot product scaled by the two block scales in f32, as llama.cpp's CPU backend computes. Results carry
//   the activation quantization error (logits within ~0.01 of llama.cpp's, 0.1-0.4 of the f32 path).

#include <cstddef>
#include <cstdint>

#include "backend/backend.h"
#include "cpu/cpu_isa.h"
#include "gguf/tensor_type.h"

namespace atrium::cpu
{

/// Most tokens one RowDotFn call handles (the decode of a weight block is shared by all of them).
constexpr unsigned kMaxDotTokens = 4;
/// Largest micro-tile a GemmTileFn computes (rows × tokens) over all ISA levels.
constexpr unsigned kMaxTileRows = 4;
constexpr unsigned kMaxTileTokens = 4;
/// Table slots: TensorType ids are below this.
constexpr unsigned kTypeSlots = 40;

/// Decodes `n` elements (whole blocks, starting at a block boundary) of a weight row to f32.      dst: (n)
using DecodeFn = void (*)(const void *src, float *dst, uint64_t n);

/// acc[t] += sum_k dequant(row)[k] * x[t * xStride + k] for t < nt (nt <= kMaxDotTokens).    row: K elements
using RowDotFn = void (*)(const void *row, const float *x, size_t xStride, unsigned nt, uint64_t K, float *acc);

struct QuantRow; // cpu_act_quant.h

/// acc[t] = sum_k w[k] * x[t][k] with integer products per block (nt <= kMaxDotTokens; K whole weight blocks;
/// x[t] quantized in the format actQuantFor(weight type) gives).                                row: K elements
using IntDotFn = void (*)(const void *row, const QuantRow *x, unsigned nt, uint64_t K, float *acc);

/// out[t * kGroupRows + r] = sum_k w_r[k] * x[t][k] for the kGroupRows rows of one interleaved group
/// (cpu_interleave.h) and t < nt (nt <= kMaxDotTokens); numerics as IntDotFn's.                group: K elements
using IntDotGroupFn = void (*)(const void *group, const QuantRow *x, unsigned nt, uint64_t K, float *out);

/// Integer-dot micro-tile for prompts: out[t * outStride + r] = sum_k w_r[k] * x[t][k] for r < mr, t < nt
/// (mr <= IntTile::rows, nt <= IntTile::tokens), weight row r at w + r * rowBytes. Each weight block is unpacked
/// once per tile and each activation block read once per row of it; the per-block integer sums are IntDotFn's.
using IntTileFn = void (*)(const uint8_t *w,
    size_t rowBytes,
    unsigned mr,
    const QuantRow *x,
    unsigned nt,
    uint64_t K,
    float *out,
    size_t outStride);

/// An integer-dot micro-tile kernel and its largest shape.
struct IntTile {
    IntTileFn fn = nullptr; ///< null: the type has no tiled kernel at this level (prompts use IntDotFn)
    unsigned rows = 1;
    unsigned tokens = 1;
};

/// out[t * outStride + r] = sum_k w[r * wStride + k] * x[t * xStride + k] for r < mr, t < nt
/// (mr <= Kernels::tileRows, nt <= Kernels::tileTokens).
using GemmTileFn = void (*)(const float *w,
    size_t wStride,
    unsigned mr,
    const float *x,
    size_t xStride,
    unsigned nt,
    size_t K,
    float *out,
    size_t outStride);

/// Prompt matmuls over bf16 copies of the weights and activations, f32 accumulation (x86 CPUs with AVX-512 BF16).
/// Rows are converted with toBf16 and padded with zeros to a multiple of kBf16Step elements.
constexpr size_t kBf16Step = 32;
/// out[t * outStride + r] = sum_k w[r * wStride + k] * x[t * xStride + k] for r < mr, t < nt (mr <= rows,
/// nt <= tokens); K a multiple of kBf16Step.
using Bf16TileFn = void (*)(const uint16_t *w,
    size_t wStride,
    unsigned mr,
    const uint16_t *x,
    size_t xStride,
    unsigned nt,
    size_t K,
    float *out,
    size_t outStride);
struct Bf16Gemm {
    /// dst[0, nPadded) = src[0, n) rounded to bf16 (nearest, ties to even), then zeros.
    void (*toBf16)(const float *src, size_t n, uint16_t *dst, size_t nPadded) = nullptr;
    Bf16TileFn tile = nullptr; ///< null: no bf16 path at this level or on this CPU
    unsigned rows = 1;
    unsigned tokens = 1;
};

/// Attention of a block of query rows, for the query heads that share one KV head, over the cached keys each row
/// sees (causal, optionally a sliding window), with block-wise online softmax (flash-attention style; f32 math over
/// an f16 or f32 cache, each block of keys and values widened to f32 once).
/// Row r sits at position pos + r; head h of row r is at q + r * qStride + h * headDim (out likewise).
struct AttendArgs {
    const float *q = nullptr;
    size_t qStride = 0;
    float *out = nullptr;
    const uint8_t *k = nullptr; ///< key j at element j * kvStride (this KV head's columns)
    const uint8_t *v = nullptr; ///< value j at element j * kvStride
    size_t kvStride = 0; ///< in elements
    size_t kvElemBytes = 4; ///< 2: f16 cache, 4: f32
    DecodeFn widen = nullptr; ///< cache elements → f32 (the level's Kernels::decode for F16, or a copy for F32)
    uint32_t rows = 0;
    uint32_t heads = 0;
    uint32_t pos = 0;
    uint32_t window = 0; ///< > 0: row at position p sees keys (p - window, p] only
    uint32_t headDim = 0;
    float scale = 1.f;
    float softcap = 0.f;
    float *scratch = nullptr; ///< attendScratchFloats(rows, heads, headDim) floats
};
/// Keys per block of the online softmax (scored four at a time).
constexpr uint32_t kAttendKeys = 16;
constexpr size_t attendScratchFloats(uint32_t rows, uint32_t heads, uint32_t headDim)
{
    return static_cast<size_t>(headDim) * kAttendKeys * 2 + static_cast<size_t>(rows) * heads * (headDim + 2);
}
using AttendFn = void (*)(const AttendArgs &a);

/// The kernels of one ISA level.
struct Kernels {
    CpuIsa isa = CpuIsa::Generic;
    DecodeFn decode[kTypeSlots] {}; ///< null: the type has no fast decoder (use dequantizeRow)
    RowDotFn rowDot[kTypeSlots] {}; ///< null: the type has no fused GEMV kernel
    IntDotFn intDot[kTypeSlots] {}; ///< null: the type has no integer-dot kernel (f32 activations)
    IntTile intTile[kTypeSlots] {}; ///< prompt micro-tiles over the intDot numerics (x86 levels)
    /// null: the type is not stored interleaved at this level (cpu_interleave.h; the x86 levels have Q4_0, Q5_0, Q4_K
    /// and Q5_K)
    IntDotGroupFn intDotGroup[kTypeSlots] {};
    GemmTileFn gemmTile = nullptr;
    unsigned tileRows = 1; ///< micro-tile rows (<= kMaxTileRows)
    unsigned tileTokens = 1; ///< micro-tile tokens (<= kMaxTileTokens)
    AttendFn attend = nullptr;
    Bf16Gemm bf16; ///< prompt matmuls of quantized weights when activations need not be exact

    // Elementwise math over n floats (f32, close to the double-precision reference: NMSE well below 1e-7).
    void (*glu)(float *out, const float *gate, const float *up, size_t n, Activation act) = nullptr;
    void (*gelu)(float *x, size_t n) = nullptr;
    void (*softcap)(float *x, size_t n, float cap) = nullptr;
    /// sum x[i]^2: f32 squares summed in double, as ggml (the same on every level)
    double (*sumSquares)(const float *x, size_t n) = nullptr;
    /// dst[i] = src[i] in f16, rounded to nearest even as floatToHalf (the KV cache's stores)
    void (*toHalf)(const float *src, uint16_t *dst, size_t n) = nullptr;
};

/// The table for `isa` (Auto resolves with resolveCpuIsa). Levels the CPU lacks are never returned.
const Kernels &kernelsFor(CpuIsa isa);

/// Per-level tables (defined in the matching cpu_kernels_*.cpp; the x86 ones only on x86-64).
const Kernels &genericKernels();
#if defined(__x86_64__)
const Kernels &avxKernels();
const Kernels &avx2Kernels();
const Kernels &avx512Kernels();
#endif

/// Integer-dot kernels per level (cpu_intdot_*.cpp), filled into the tables above.
void fillIntDotGeneric(Kernels &k);
#if defined(__x86_64__)
void fillIntDotAvx(Kernels &k);
void fillIntDotAvx2(Kernels &k);
void fillIntDotAvx512(Kernels &k); ///< with VNNI dot products when the CPU has AVX-512 VNNI
void fillIntDotAvx512NoVnni(Kernels &k); ///< without VNNI (tests cover both)
void fillBf16Avx512(Kernels &k); ///< the bf16 prompt path, when the CPU has AVX-512 BF16 (cpu_bf16_avx512.cpp)
void toHalfF16c(const float *src, uint16_t *dst, size_t n); ///< Kernels::toHalf with F16C (cpu_kernels_avx.cpp)
#endif

} // namespace atrium::cpu
