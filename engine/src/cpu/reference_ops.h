// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// The scalar reference of every Backend op (engine-notes §7): plain row-major loops, fp32 storage, double
// accumulators in every dot product and reduction. It is the oracle the Vulkan and fast-CPU op tests compare with,
// and what ReferenceBackend runs. Obviously correct rather than fast.
//
// Every function takes plain pointers and dimensions (no Backend handles). Activations are row-major float
// matrices with one row per token: `x[r * cols + c]`.

#include <cstddef>
#include <cstdint>
#include <span>

#include "backend/backend.h"
#include "gguf/tensor_type.h"

namespace atrium::ref
{

/// A weight matrix in its GGUF encoding: `rows` rows of `cols` elements, rows stored back to back
/// (row r starts at `data + r * rowBytes(type, cols)`).
struct WeightView {
    TensorType type = TensorType::F32;
    const void *data = nullptr;
    uint64_t rows = 0;
    uint64_t cols = 0;
};

/// One layer's K or V cache seen as strided memory: element d of KV head h at position p is
/// `data[p * posStride + h * headStride + d]`. A cache stored as (nCtx, kvDim) has posStride = kvDim and
/// headStride = headDim; one stored as (nHeadKv, nCtx, headDim) has posStride = headDim, headStride = nCtx*headDim.
struct KvView {
    const float *data = nullptr;
    size_t posStride = 0;
    size_t headStride = 0;
};

/// Dequantizes rows [row0, row0 + nRows) of w into out.                                  out: (nRows, w.cols)
void dequantizeRows(const WeightView &w, uint64_t row0, uint64_t nRows, float *out);

/// out[r, :] = dequantized row ids[r] of table. Ids must be in [0, table.rows).           out: (ids.size(), table.cols)
void getRows(float *out, const WeightView &table, std::span<const int32_t> ids);

/// out = x / sqrt(mean(x^2) + eps) * w per row; w may be null (no scaling).                 out, x: (rows, n); w: (n)
void rmsNorm(float *out, const float *x, const float *w, uint32_t rows, uint32_t n, float eps);

/// out = (x - mean) / sqrt(var + eps) * w + b per row (biased variance); w and b may be null. out, x: (rows, n)
void layerNorm(float *out, const float *x, const float *w, const float *b, uint32_t rows, uint32_t n, float eps);

/// out[t, m] = sum_k W[m, k] * x[t, k] (+ bias[m]); W dequantized row by row, double accumulation.
///                                                      W: (M, K) any type; x: (T, K); out: (T, M); bias: (M) or null
void matmul(float *out, const WeightView &w, const float *x, uint32_t T, const float *bias);

/// Rotary embedding in place (engine-notes §3.3, ggml's rope_yarn). Row t of x sits at position pos0 + t and holds
/// nHeads heads of headDim values; only the first p.nRot dims of each head rotate. `freqFactors` (nRot/2 divisors)
/// may be null; p.freqFactors (a Backend handle) is ignored here.                           x: (T, nHeads*headDim)
void rope(float *x,
    uint32_t T,
    uint32_t nHeads,
    uint32_t headDim,
    uint32_t pos0,
    const RopeParams &p,
    const float *freqFactors);

/// The (cos, sin) pair ropes multiply by for pair k at position pos: mscale*cos(theta), mscale*sin(theta) with
/// theta from base, frequency factor, linear scale and YaRN ramp. Exposed so kernels can be tested in isolation.
void ropeCosSin(uint32_t pos, uint32_t k, const RopeParams &p, float freqFactor, float &cosOut, float &sinOut);

/// Writes rows of src into a (nCtx, kvDim) cache at positions pos0 ...                 src: (T, kvDim)
void storeKv(float *cache, const float *src, uint32_t T, uint32_t kvDim, uint32_t pos0);

/// Causal multi-head attention with GQA (query head h reads KV head h / (nHead/nHeadKv)). Query row t sits at
/// position pos0 + t and attends to cached positions j in [0, pos0 + t] (and, when p.window > 0, only those with
/// pos0 + t - j < window). Score s = (q·k) * scale, then softcap (cap * tanh(s / cap)) when p.softcap > 0, then
/// softmax with max subtraction; out = sum softmax_j * v_j.                       q, out: (T, nHead*headDim)
void attention(
    float *out, const float *q, uint32_t T, const KvView &k, const KvView &v, uint32_t pos0, const AttentionParams &p);

/// out = a + b; b has either `rows` rows or one row broadcast over all rows.         out, a: (rows, cols)
void add(float *out, const float *a, const float *b, uint32_t rows, uint32_t cols, uint32_t bRows);

/// x *= s over n elements.
void scale(float *x, size_t n, float s);

/// x = cap * tanh(x / cap) over n elements.
void softcap(float *x, size_t n, float cap);

/// out = act(gate) * up over n elements; act = silu(x) = x / (1 + e^-x) or the tanh approximation of GELU.
void glu(float *out, const float *gate, const float *up, size_t n, Activation act);

/// x = gelu_tanh(x) = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) over n elements (exact, no FP16 table).
void gelu(float *x, size_t n);

/// Scalar helpers shared with the ops above (and with kernel tests).
float siluScalar(float x);
float geluTanhScalar(float x);

/// out[r, c] = src[r, colOffset + c].                                  out: (rows, outCols); src: (rows, srcCols)
void copyCols(float *out, const float *src, uint32_t rows, uint32_t outCols, uint32_t srcCols, uint32_t colOffset);

/// out[r, :] = src[rowOffset + r, :].                                         out: (rows, cols)
void copyRows(float *out, const float *src, uint32_t rows, uint32_t cols, uint32_t rowOffset);

/// Numeric-comparison helpers for op tests: NMSE = sum (a-b)^2 / sum a^2 (test-backend-ops' metric), max |a-b|.
double nmse(std::span<const float> expected, std::span<const float> actual);
double maxAbsDiff(std::span<const float> expected, std::span<const float> actual);

} // namespace atrium::ref
