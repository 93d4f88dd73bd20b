// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_ops.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "cpu/reference_ops.h"

namespace atrium::cpu
{

namespace
{

void copyF32(const void *src, float *dst, uint64_t n)
{
    std::memcpy(dst, src, n * sizeof(float));
}

/// Rows per task so that a task holds at least ~16K elements (waking the pool costs a few microseconds).
size_t rowGrain(uint32_t n)
{
    return std::max<size_t>(1, (16u << 10) / std::max<uint32_t>(n, 1));
}

bool sameRope(const RopeParams &a, const RopeParams &b)
{
    return a.mode == b.mode && a.nRot == b.nRot && a.freqBase == b.freqBase && a.freqScale == b.freqScale
        && a.attnFactor == b.attnFactor && a.extFactor == b.extFactor && a.betaFast == b.betaFast
        && a.betaSlow == b.betaSlow && a.nCtxOrig == b.nCtxOrig;
}

} // namespace

// --- Norms --------------------------------------------------------------------------------------------------------

void rmsNorm(const Kernels &k,
    CpuThreadPool &pool,
    float *out,
    const float *x,
    const float *w,
    uint32_t rows,
    uint32_t n,
    float eps)
{
    parallelRange(pool, rows, rowGrain(n), [&](size_t r0, size_t r1) {
        for (size_t r = r0; r < r1; ++r) {
            const float *xr = x + r * n; // (n)
            float *yr = out + r * n; // (n)
            const double sumSq = k.sumSquares(xr, n);
            // ggml's rounding (ggml_compute_forward_rms_norm_f32): the mean narrowed to f32, then an f32 sqrt. A
            // scale an ulp off moves activations across the integer-dot path's 8-bit rounding boundaries.
            const auto mean = static_cast<float>(sumSq / n);
            const float inv = 1.f / std::sqrt(mean + eps);
            if (w) {
                for (uint32_t i = 0; i < n; ++i)
                    yr[i] = xr[i] * inv * w[i];
            } else {
                for (uint32_t i = 0; i < n; ++i)
                    yr[i] = xr[i] * inv;
            }
        }
    });
}

void layerNorm(const Kernels &,
    CpuThreadPool &pool,
    float *out,
    const float *x,
    const float *w,
    const float *b,
    uint32_t rows,
    uint32_t n,
    float eps)
{
    parallelRange(pool, rows, rowGrain(n), [&](size_t r0, size_t r1) {
        for (size_t r = r0; r < r1; ++r) {
            const float *xr = x + r * n; // (n)
            float *yr = out + r * n; // (n)
            double mean = 0.0;
            for (uint32_t i = 0; i < n; ++i)
                mean += xr[i];
            mean /= n;
            double var = 0.0;
            for (uint32_t i = 0; i < n; ++i)
                var += (xr[i] - mean) * (xr[i] - mean);
            var /= n;
            const auto inv = static_cast<float>(1.0 / std::sqrt(var + static_cast<double>(eps)));
            const auto meanF = static_cast<float>(mean);
            for (uint32_t i = 0; i < n; ++i) {
                float y = (xr[i] - meanF) * inv;
                if (w)
                    y *= w[i];
                if (b)
                    y += b[i];
                yr[i] = y;
            }
        }
    });
}

// --- RoPE ---------------------------------------------------------------------------------------------------------

const float *RopeTables::table(const RopeParams &p, const float *freqFactors, uint32_t posEnd)
{
    Table *t = nullptr;
    for (Table &candidate : m_tables) {
        if (sameRope(candidate.params, p) && candidate.freqFactors == freqFactors)
            t = &candidate;
    }
    if (!t) {
        m_tables.push_back(Table {p, freqFactors, {}, 0});
        t = &m_tables.back();
    }
    const uint32_t half = p.nRot / 2;
    if (posEnd > t->nPos) {
        // Grow geometrically so a long generation extends the table rarely.
        const uint32_t newEnd = std::max(posEnd, t->nPos * 2);
        t->cosSin.resize(static_cast<size_t>(newEnd) * half * 2);
        for (uint32_t pos = t->nPos; pos < newEnd; ++pos) {
            float *row = t->cosSin.data() + static_cast<size_t>(pos) * half * 2;
            for (uint32_t i = 0; i < half; ++i)
                ref::ropeCosSin(pos, i, p, freqFactors ? freqFactors[i] : 1.f, row[2 * i], row[2 * i + 1]);
        }
        t->nPos = newEnd;
    }
    return t->cosSin.data();
}

void RopeTables::apply(CpuThreadPool &pool,
    float *x,
    uint32_t T,
    uint32_t nHeads,
    uint32_t headDim,
    uint32_t pos0,
    const RopeParams &p,
    const float *freqFactors)
{
    ATRIUM_ASSERT(p.nRot % 2 == 0 && p.nRot <= headDim, "rope: nRot must be even and <= headDim");
    const uint32_t half = p.nRot / 2;
    const float *cs = table(p, freqFactors, pos0 + T); // (pos, half, 2)
    const bool neox = p.mode == RopeMode::Neox;
    parallelRange(pool, T, rowGrain(nHeads * headDim), [&](size_t t0, size_t t1) {
        for (size_t t = t0; t < t1; ++t) {
            const float *row = cs + (pos0 + t) * half * 2;
            for (uint32_t h = 0; h < nHeads; ++h) {
                float *head = x + (t * nHeads + h) * headDim;
                for (uint32_t i = 0; i < half; ++i) {
                    const uint32_t i0 = neox ? i : 2 * i;
                    const uint32_t i1 = neox ? i + half : 2 * i + 1;
                    const float c = row[2 * i];
                    const float s = row[2 * i + 1];
                    const float a = head[i0];
                    const float b = head[i1];
                    head[i0] = a * c - b * s;
                    head[i1] = a * s + b * c;
                }
            }
        }
    });
}

// --- Attention ----------------------------------------------------------------------------------------------------

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
    const AttentionParams &p)
{
    ATRIUM_ASSERT(p.nHeadKv > 0 && p.nHead % p.nHeadKv == 0, "attention: nHead must be a multiple of nHeadKv");
    const uint32_t gqa = p.nHead / p.nHeadKv;
    const uint32_t d = p.headDim;
    // Tasks: (KV head, its query heads or a share of them, a block of query rows). A key block is transposed once
    // per task and scored by every (row, head) of it; a single row (decoding) splits the heads of a group when there
    // are too few KV heads to keep every thread busy.
    const uint32_t rowBlock = 8;
    const uint32_t rowBlocks = (T + rowBlock - 1) / rowBlock;
    const uint32_t wanted = 2 * pool.size();
    const uint32_t splits =
        std::clamp<uint32_t>((wanted + p.nHeadKv * rowBlocks - 1) / (p.nHeadKv * rowBlocks), 1, gqa);
    const uint32_t headsPerTask = (gqa + splits - 1) / splits;
    const uint32_t headChunks = (gqa + headsPerTask - 1) / headsPerTask;
    const size_t scratchFloats = attendScratchFloats(rowBlock, headsPerTask, d);
    for (std::vector<float> &s : scratch) {
        if (s.size() < scratchFloats)
            s.resize(scratchFloats);
    }
    const size_t qStride = static_cast<size_t>(p.nHead) * d;
    const size_t items = static_cast<size_t>(p.nHeadKv) * headChunks * rowBlocks;
    const size_t work =
        static_cast<size_t>(T) * p.nHead * (static_cast<size_t>(pos0) + T) * d; // multiply-adds, at most
    pool.parallelFor(items, work, [&](size_t item, unsigned thread) {
        const auto rb = static_cast<uint32_t>(item % rowBlocks);
        const auto chunk = static_cast<uint32_t>(item / rowBlocks % headChunks);
        const auto g = static_cast<uint32_t>(item / rowBlocks / headChunks);
        const uint32_t r0 = rb * rowBlock;
        const uint32_t h0 = g * gqa + chunk * headsPerTask;
        AttendArgs a;
        a.q = q + r0 * qStride + static_cast<size_t>(h0) * d;
        a.qStride = qStride;
        a.out = out + r0 * qStride + static_cast<size_t>(h0) * d;
        a.k = static_cast<const uint8_t *>(kCache) + static_cast<size_t>(g) * d * kvElemBytes;
        a.v = static_cast<const uint8_t *>(vCache) + static_cast<size_t>(g) * d * kvElemBytes;
        a.kvStride = kvDim;
        a.kvElemBytes = kvElemBytes;
        a.widen = kvElemBytes == 2 ? k.decode[static_cast<unsigned>(TensorType::F16)] : copyF32;
        a.rows = std::min(rowBlock, T - r0);
        a.heads = std::min(headsPerTask, gqa - chunk * headsPerTask);
        a.pos = pos0 + r0;
        a.window = p.window;
        a.headDim = d;
        a.scale = p.scale;
        a.softcap = p.softcap;
        a.scratch = scratch[thread].data();
        k.attend(a);
    });
}

} // namespace atrium::cpu
