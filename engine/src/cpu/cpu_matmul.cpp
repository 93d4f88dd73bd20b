// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_matmul.h"

#include <algorithm>

namespace atrium::cpu
{

namespace
{

/// out[t, r] += bias[r] for rows [r0, r1) and tokens [t0, t1) of out (T, M); nothing when bias is null.
void addBias(const float *bias, float *out, uint64_t M, uint64_t r0, uint64_t r1, uint32_t t0, uint32_t t1)
{
    if (!bias)
        return;
    for (uint32_t t = t0; t < t1; ++t)
        for (uint64_t r = r0; r < r1; ++r)
            out[static_cast<size_t>(t) * M + r] += bias[r];
}

} // namespace

const uint8_t *copyGroupedRows(const MatrixView &w, uint64_t row0, uint64_t n, std::vector<uint8_t> &buf)
{
    if (buf.size() < n * w.rowBytes)
        buf.resize(n * w.rowBytes);
    const size_t bytes = groupBytes(w.type, w.cols);
    for (uint64_t r = 0; r < n; ++r) { // whole groups where the range holds them (the panels of the prompt paths do)
        const uint64_t m = row0 + r;
        const uint8_t *group = w.data + m / kGroupRows * bytes;
        uint8_t *dst = buf.data() + r * w.rowBytes;
        if (m % kGroupRows == 0 && n - r >= kGroupRows) {
            extractGroup(w.type, group, w.cols, dst);
            r += kGroupRows - 1;
        } else {
            extractGroupRow(w.type, group, w.cols, static_cast<unsigned>(m % kGroupRows), dst);
        }
    }
    return buf.data();
}

Matmul::Matmul(const Kernels &kernels, CpuThreadPool &pool, bool exactActivations, bool integerPrompts)
    : m_k(kernels)
    , m_pool(pool)
    , m_exact(exactActivations)
    , m_integerPrompts(integerPrompts)
    , m_scratch(pool.size())
    , m_plainRows(pool.size())
{
}

float *Matmul::threadBuffer(unsigned thread, size_t floats)
{
    std::vector<float> &buf = m_scratch[thread];
    if (buf.size() < floats)
        buf.resize(floats);
    return buf.data();
}

uint64_t Matmul::rowsPerStreamingTask(uint64_t M) const
{
    // NOTE: a single token reads every weight once, so these matmuls are bound by how fast the weights stream in.
    // Long contiguous runs per task keep the hardware prefetchers on one stream; short runs (a few KiB, claimed
    // alternately by the threads) measured 25-35 % slower decoding. Two runs per thread still let a faster thread
    // take over a slower one's second half.
    // Whole row groups, for interleaved matrices.
    const uint64_t tasks = static_cast<uint64_t>(m_pool.size()) * 2;
    const uint64_t rows = std::max<uint64_t>(kGroupRows, (M + tasks - 1) / tasks);
    return (rows + kGroupRows - 1) / kGroupRows * kGroupRows;
}

void Matmul::decodeRows(const MatrixView &w, uint64_t row0, uint64_t n, float *dst, unsigned thread)
{
    const DecodeFn decode = m_k.decode[static_cast<unsigned>(w.type)];
    const uint8_t *rows = plainRows(w, row0, n, m_plainRows[thread]);
    for (uint64_t r = 0; r < n; ++r) {
        const uint8_t *src = rows + r * w.rowBytes;
        if (decode)
            decode(src, dst + r * w.cols, w.cols);
        else
            dequantizeRow(w.type, src, dst + r * w.cols, w.cols);
    }
}

bool Matmul::takesIntegerPath(const MatrixView &w, uint32_t T) const
{
    // Integer dot products where they are faster: single tokens (decoding), and prompts only when asked for.
    return !m_exact && (T <= kGemvMaxTokens || m_integerPrompts) && m_k.intDot[static_cast<unsigned>(w.type)]
        && actQuantFor(w.type) != ActQuant::None;
}

void Matmul::runGroup(const float *x, uint32_t T, std::span<const Target> targets)
{
    // One job when every target takes the same single-token path: integer dot products over one activation format,
    // or f32 dot products.
    if (targets.empty())
        return;
    bool fused = T <= kGemvMaxTokens;
    const bool integer = fused && takesIntegerPath(targets[0].w, T);
    const ActQuant format = actQuantFor(targets[0].w.type);
    for (const Target &t : targets)
        fused = fused && takesIntegerPath(t.w, T) == integer && (!integer || actQuantFor(t.w.type) == format)
            && t.w.cols == targets[0].w.cols;
    if (!fused) {
        for (const Target &t : targets)
            run(t.w, x, T, t.bias, t.out);
        return;
    }
    if (integer)
        quantizeActivations(format, x, T, targets[0].w.cols);
    rowRuns(x, T, targets, integer);
}

void Matmul::rowRuns(const float *x, uint32_t T, std::span<const Target> targets, bool integer)
{
    // Every matrix cut into rowsPerStreamingTask runs, the runs of all of them in one job.
    m_spans.clear();
    size_t work = 0;
    for (size_t i = 0; i < targets.size(); ++i) {
        const uint64_t M = targets[i].w.rows;
        const uint64_t rowsPerTask = rowsPerStreamingTask(M);
        for (uint64_t r0 = 0; r0 < M; r0 += rowsPerTask)
            m_spans.push_back({i, r0, std::min(M, r0 + rowsPerTask)});
        work += M * targets[i].w.cols * T;
    }
    m_pool.parallelFor(m_spans.size(), work, [&](size_t task, unsigned thread) {
        const auto &[i, r0, r1] = m_spans[task];
        const Target &t = targets[i];
        if (integer)
            intDotRows(t.w, T, t.bias, t.out, r0, r1);
        else
            gemvRows(t.w, x, T, t.bias, t.out, r0, r1, thread);
    });
}

void Matmul::run(const MatrixView &w, const float *x, uint32_t T, const float *bias, float *out)
{
    if (T == 0 || w.rows == 0)
        return;
    const bool integer = takesIntegerPath(w, T);
    const Target target {w, bias, out};
    // Prompts of quantized weights in bf16 where the CPU has it: 2^-8 relative rounding per value, as fine as the
    // 8-bit activations llama.cpp uses there (2^-8 of each block's largest value), at twice f32's multiply-adds.
    const bool bf16 =
        !integer && !m_exact && T > kGemvMaxTokens && m_k.bf16.tile && actQuantFor(w.type) != ActQuant::None;
    if (integer)
        intMatmul(w, x, T, bias, out);
    else if (bf16)
        gemmBf16(w, x, T, bias, out);
    else if (T <= kGemvMaxTokens)
        rowRuns(x, T, std::span(&target, 1), false);
    else
        gemm(w, x, T, bias, out);
}

void Matmul::gemvRows(const MatrixView &w,
    const float *x,
    uint32_t T,
    const float *bias,
    float *out,
    uint64_t r0,
    uint64_t r1,
    unsigned thread)
{
    const uint64_t M = w.rows;
    const uint64_t K = w.cols;
    const RowDotFn rowDot = m_k.rowDot[static_cast<unsigned>(w.type)];
    const RowDotFn rowDotF32 = m_k.rowDot[static_cast<unsigned>(TensorType::F32)];
    float *rowBuf = rowDot ? nullptr : threadBuffer(thread, K); // (K) for types without a fused kernel
    for (uint64_t m = r0; m < r1; ++m) {
        const uint8_t *row = plainRows(w, m, 1, m_plainRows[thread]);
        if (!rowDot)
            dequantizeRow(w.type, row, rowBuf, K);
        for (uint32_t t0 = 0; t0 < T; t0 += kMaxDotTokens) {
            const unsigned nt = std::min<unsigned>(kMaxDotTokens, T - t0);
            float acc[kMaxDotTokens] = {};
            if (rowDot)
                rowDot(row, x + static_cast<size_t>(t0) * K, K, nt, K, acc);
            else
                rowDotF32(rowBuf, x + static_cast<size_t>(t0) * K, K, nt, K, acc);
            for (unsigned t = 0; t < nt; ++t)
                out[static_cast<size_t>(t0 + t) * M + m] = acc[t] + (bias ? bias[m] : 0.f);
        }
    }
}

void Matmul::quantizeActivations(ActQuant format, const float *x, uint32_t T, uint64_t K)
{
    const size_t rowBytes = quantRowBytes(K);
    if (m_quantBuf.size() < T * rowBytes)
        m_quantBuf.resize(T * rowBytes);
    m_quantRows.resize(T);
    m_pool.parallelFor(T, static_cast<size_t>(T) * K * 8, [&](size_t t, unsigned) {
        m_quantRows[t] = quantizeRow(format, x + t * K, K, m_quantBuf.data() + t * rowBytes);
    });
}

void Matmul::intDotRows(const MatrixView &w, uint32_t T, const float *bias, float *out, uint64_t r0, uint64_t r1) const
{
    // Tokens are the outer loop, so kMaxDotTokens quantized rows stay in L1 while the weight rows stream past them.
    const IntDotFn dot = m_k.intDot[static_cast<unsigned>(w.type)];
    const uint64_t M = w.rows;
    if (w.interleaved) {
        // r0 and r1 are group boundaries (rowsPerStreamingTask).
        const IntDotGroupFn groupDot = m_k.intDotGroup[static_cast<unsigned>(w.type)];
        const size_t bytes = groupBytes(w.type, w.cols);
        for (uint32_t t0 = 0; t0 < T; t0 += kMaxDotTokens) {
            const unsigned nt = std::min<unsigned>(kMaxDotTokens, T - t0);
            for (uint64_t m = r0; m < r1; m += kGroupRows) {
                float acc[kMaxDotTokens * kGroupRows];
                groupDot(w.data + m / kGroupRows * bytes, &m_quantRows[t0], nt, w.cols, acc);
                for (unsigned t = 0; t < nt; ++t)
                    for (unsigned r = 0; r < kGroupRows; ++r)
                        out[static_cast<size_t>(t0 + t) * M + m + r] =
                            acc[t * kGroupRows + r] + (bias ? bias[m + r] : 0.f);
            }
        }
        return;
    }
    for (uint32_t t0 = 0; t0 < T; t0 += kMaxDotTokens) {
        const unsigned nt = std::min<unsigned>(kMaxDotTokens, T - t0);
        for (uint64_t m = r0; m < r1; ++m) {
            float acc[kMaxDotTokens];
            dot(w.data + m * w.rowBytes, &m_quantRows[t0], nt, w.cols, acc);
            for (unsigned t = 0; t < nt; ++t)
                out[static_cast<size_t>(t0 + t) * M + m] = acc[t] + (bias ? bias[m] : 0.f);
        }
    }
}

void Matmul::intMatmul(const MatrixView &w, const float *x, uint32_t T, const float *bias, float *out)
{
    quantizeActivations(actQuantFor(w.type), x, T, w.cols);
    const IntTile &tile = m_k.intTile[static_cast<unsigned>(w.type)];
    if (T > kGemvMaxTokens && tile.fn) {
        intTiled(w, T, bias, out);
        return;
    }
    const Target target {w, bias, out};
    rowRuns(x, T, std::span(&target, 1), true);
}

void Matmul::intTiled(const MatrixView &w, uint32_t T, const float *bias, float *out)
{
    const uint64_t M = w.rows;
    const uint64_t K = w.cols;
    const IntTile &tile = m_k.intTile[static_cast<unsigned>(w.type)];
    // Tasks are (row panel, token panel) pairs, so a prompt of a few dozen tokens still spreads over all threads.
    // Inside a task each tile's weight rows (a few KiB) stay in L1 while the panel's tokens (L1/L2) stream past.
    const uint64_t panelRows = static_cast<uint64_t>(tile.rows) * 8;
    const uint32_t panelTokens = tile.tokens * std::max(1u, 32 / tile.tokens);
    const uint64_t nRowPanels = (M + panelRows - 1) / panelRows;
    const uint64_t nTokenPanels = (T + panelTokens - 1) / panelTokens;
    m_pool.parallelFor(nRowPanels * nTokenPanels, M * K * T, [&](size_t task, unsigned thread) {
        const uint64_t r0 = (task / nTokenPanels) * panelRows;
        const uint64_t r1 = std::min(M, r0 + panelRows);
        const uint32_t t0 = static_cast<uint32_t>(task % nTokenPanels) * panelTokens;
        const uint32_t t1 = std::min(T, t0 + panelTokens);
        const uint8_t *panel = plainRows(w, r0, r1 - r0, m_plainRows[thread]);
        for (uint64_t r = r0; r < r1; r += tile.rows) {
            const auto mr = static_cast<unsigned>(std::min<uint64_t>(tile.rows, r1 - r));
            for (uint32_t t = t0; t < t1; t += tile.tokens) {
                const unsigned nt = std::min(tile.tokens, t1 - t);
                tile.fn(panel + (r - r0) * w.rowBytes, w.rowBytes, mr, &m_quantRows[t], nt, K, out + t * M + r, M);
            }
        }
        addBias(bias, out, M, r0, r1, t0, t1);
    });
}

void Matmul::gemm(const MatrixView &w, const float *x, uint32_t T, const float *bias, float *out)
{
    const uint64_t M = w.rows;
    const uint64_t K = w.cols;
    const unsigned MR = m_k.tileRows;
    const unsigned NT = m_k.tileTokens;
    const uint64_t panelRows = static_cast<uint64_t>(MR) * 4;
    const uint64_t nTasks = (M + panelRows - 1) / panelRows;
    const bool inPlace = w.type == TensorType::F32;
    m_pool.parallelFor(nTasks, M * K * T, [&](size_t task, unsigned thread) {
        const uint64_t r0 = task * panelRows;
        const uint64_t p = std::min(M, r0 + panelRows) - r0;
        // The panel as f32 rows: (p, K), read in place for F32 weights, else decoded once here.
        // NOTE: rows K + 16 floats apart (against L1 set conflicts at K = 2048, as gemmBf16 does) measured no faster.
        const float *panel = nullptr;
        if (inPlace) {
            panel = reinterpret_cast<const float *>(w.data + r0 * w.rowBytes);
        } else {
            float *buf = threadBuffer(thread, p * K);
            decodeRows(w, r0, p, buf, thread);
            panel = buf;
        }
        for (uint32_t t0 = 0; t0 < T; t0 += NT) {
            const unsigned nt = std::min<unsigned>(NT, T - t0);
            for (uint64_t rr = 0; rr < p; rr += MR) {
                const auto mr = static_cast<unsigned>(std::min<uint64_t>(MR, p - rr));
                m_k.gemmTile(panel + rr * K,
                    K,
                    mr,
                    x + static_cast<size_t>(t0) * K,
                    K,
                    nt,
                    K,
                    out + static_cast<size_t>(t0) * M + r0 + rr,
                    M);
            }
        }
        addBias(bias, out, M, r0, r0 + p, 0, T);
    });
}

void Matmul::gemmBf16(const MatrixView &w, const float *x, uint32_t T, const float *bias, float *out)
{
    const uint64_t M = w.rows;
    const uint64_t K = w.cols;
    const Bf16Gemm &g = m_k.bf16;
    const size_t Kp = (K + kBf16Step - 1) / kBf16Step * kBf16Step;
    // Rows kLd apart, 64 bytes more than Kp: with row sizes of a multiple of 4 KiB (K = 2048, 4096, ...) the tile's
    // weight and token rows would otherwise all fall into the same L1 sets (measured 15-20 % slower prompts).
    const size_t ld = Kp + 32;
    if (m_xBf16.size() < T * ld)
        m_xBf16.resize(T * ld);
    m_pool.parallelFor(T, static_cast<size_t>(T) * K * 8, [&](size_t t, unsigned) {
        g.toBf16(x + t * K, K, m_xBf16.data() + t * ld, Kp);
    });
    // As gemm(): threads take panels of rows, decode each once (f32, then bf16) and run every token over it.
    const uint64_t panelRows = static_cast<uint64_t>(g.rows) * 4;
    const uint64_t nTasks = (M + panelRows - 1) / panelRows;
    m_pool.parallelFor(nTasks, M * K * T, [&](size_t task, unsigned thread) {
        const uint64_t r0 = task * panelRows;
        const uint64_t p = std::min(M, r0 + panelRows) - r0;
        float *decoded = threadBuffer(thread, p * K + (p * ld + 1) / 2);
        auto *panel = reinterpret_cast<uint16_t *>(decoded + p * K);
        decodeRows(w, r0, p, decoded, thread);
        for (uint64_t r = 0; r < p; ++r)
            g.toBf16(decoded + r * K, K, panel + r * ld, Kp);
        for (uint32_t t0 = 0; t0 < T; t0 += g.tokens) {
            const unsigned nt = std::min<unsigned>(g.tokens, T - t0);
            for (uint64_t rr = 0; rr < p; rr += g.rows) {
                const auto mr = static_cast<unsigned>(std::min<uint64_t>(g.rows, p - rr));
                g.tile(panel + rr * ld,
                    ld,
                    mr,
                    m_xBf16.data() + static_cast<size_t>(t0) * ld,
                    ld,
                    nt,
                    Kp,
                    out + static_cast<size_t>(t0) * M + r0 + rr,
                    M);
            }
        }
        addBias(bias, out, M, r0, r0 + p, 0, T);
    });
}

} // namespace atrium::cpu
