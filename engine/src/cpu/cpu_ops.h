// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// The fast backend's non-matmul ops: the same contracts as the functions of cpu/reference_ops.h, f32 arithmetic,
// rows (or heads) split across the pool when the op is large enough to be worth waking it.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "backend/backend.h"
#include "cpu/cpu_kernels.h"
#include "cpu/cpu_thread_pool.h"

namespace atrium::cpu
{

/// Runs fn(begin, end) over [0, n) split into chunks of at least `grain` items across the pool (inline when one
/// chunk covers everything).
template <class F>
void parallelRange(CpuThreadPool &pool, size_t n, size_t grain, F &&fn)
{
    if (n == 0)
        return;
    const size_t maxChunks = static_cast<size_t>(pool.size()) * 4;
    const size_t chunk = std::max(grain, (n + maxChunks - 1) / maxChunks);
    const size_t nTasks = (n + chunk - 1) / chunk;
    if (nTasks <= 1) {
        fn(size_t {0}, n);
        return;
    }
    pool.parallelFor(nTasks, [&](size_t task, unsigned) { fn(task * chunk, std::min(n, task * chunk + chunk)); });
}

/// out = x / sqrt(mean(x^2) + eps) * w per row (w may be null).                          out, x: (rows, n)
void rmsNorm(const Kernels &k,
    CpuThreadPool &pool,
    float *out,
    const float *x,
    const float *w,
    uint32_t rows,
    uint32_t n,
    float eps);

/// out = (x - mean) / sqrt(var + eps) * w + b per row (w, b may be null).                 out, x: (rows, n)
void layerNorm(const Kernels &k,
    CpuThreadPool &pool,
    float *out,
    const float *x,
    const float *w,
    const float *b,
    uint32_t rows,
    uint32_t n,
    float eps);

/// Rotary embedding with a per-position table of (cos, sin) pairs computed once per parameter set (the values of
/// ref::ropeCosSin, so the rotation matches the reference bit for bit).
class RopeTables
{
public:
    ///                                                                          x: (T, nHeads*headDim)
    void apply(CpuThreadPool &pool,
        float *x,
        uint32_t T,
        uint32_t nHeads,
        uint32_t headDim,
        uint32_t pos0,
        const RopeParams &p,
        const float *freqFactors);

private:
    struct Table {
        RopeParams params;
        const float *freqFactors = nullptr;
        std::vector<float> cosSin; ///< (nPos, nRot/2, 2)
        uint32_t nPos = 0;
    };
    const float *table(const RopeParams &p, const float *freqFactors, uint32_t posEnd);

    std::vector<Table> m_tables; ///< one per distinct parameter set (e.g. Gemma 3's local and global bases)
};

/// Causal GQA attention of T query rows over one layer's (nCtx, kvDim) cache of f16 (kvElemBytes 2) or f32 (4)
/// values; threads over (row, head).
///                                                                             q, out: (T, nHead*headDim)
void attention(const Kernels &k,
    CpuThreadPool &pool,
    std::vector<std::vector<float>> &scratch,
    float *out,
    const float *q,
    uint32_t T,
    const void *kCache,
    const void *vCache,
    size_t kvElemBytes,
    uint32_t kvDim,
    uint32_t pos0,
    const AttentionParams &p);

} // namespace atrium::cpu
