// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "cpu/cpu_act_quant.h"
#include "cpu/cpu_interleave.h"
#include "cpu/cpu_kernels.h"
#include "cpu/cpu_thread_pool.h"
#include "gguf/tensor_type.h"

namespace atrium::cpu
{

/// A weight matrix: `rows` rows of `cols` elements in its GGUF encoding, read in place from the mapped file, or
/// (interleaved) in groups of kGroupRows rows as cpu_interleave.h lays them out.
struct MatrixView {
    TensorType type = TensorType::F32;
    const uint8_t *data = nullptr;
    uint64_t rows = 0;
    uint64_t cols = 0;
    size_t rowBytes = 0; ///< one row in its GGUF encoding (a group takes groupBytes(type, cols))
    bool interleaved = false; ///< rows is a multiple of kGroupRows and Kernels::intDotGroup has the type
};

/// Rows [row0, row0 + n) of `w` in their GGUF encoding, rowBytes apart: in place, or copied out of the groups of an
/// interleaved matrix into `buf` (grown as needed).
const uint8_t *copyGroupedRows(const MatrixView &w, uint64_t row0, uint64_t n, std::vector<uint8_t> &buf);
inline const uint8_t *plainRows(const MatrixView &w, uint64_t row0, uint64_t n, std::vector<uint8_t> &buf)
{
    return w.interleaved ? copyGroupedRows(w, row0, n, buf) : w.data + row0 * w.rowBytes;
}

/// Multi-threaded out = x · Wᵀ (+ bias), weights read block by block (never a whole matrix decoded at once).
///
/// Quantized weights with an integer-dot kernel, unless exactActivations, for up to kGemvMaxTokens tokens (and for
/// prompts too with integerPrompts): each activation row is quantized once to 8 bits (cpu_act_quant.h), then every
/// (row, token) is a sum of integer dot products per block (llama.cpp's CPU numerics): for a few tokens threads take
/// runs of rows (of row groups, for interleaved matrices: Kernels::intDotGroup); for prompts they take (row panel,
/// token panel) pairs and run the level's register-tiled micro-kernel (Kernels::intTile) over them. The prompt
/// paths read interleaved matrices a panel at a time through a per-thread copy in the GGUF layout. Prompts default to
/// the paths below: on the CPUs measured they are the faster ones for many tokens, while the integer kernels are faster
/// for decoding.
///
/// Prompts of quantized weights, unless exactActivations, on CPUs with AVX-512 BF16: as the f32 prompt path below,
/// but the decoded panel and the activations are rounded to bf16 and multiplied with vdpbf16ps (f32 sums).
///
/// Otherwise (f32 activations, f32 accumulation):
/// - one token (decode): rows are split across threads and each row is a fused decode-and-dot over its blocks;
/// - several tokens (prompt): threads take panels of rows, decode a panel once into an L2-sized f32 buffer and run
///   register-blocked micro-tiles (rows × tokens) over it, so each weight block is decoded once per matmul.
class Matmul
{
public:
    Matmul(const Kernels &kernels, CpuThreadPool &pool, bool exactActivations, bool integerPrompts);

    ///                                          W: (M, K); x: (T, K); out: (T, M); bias: (M) or null
    void run(const MatrixView &w, const float *x, uint32_t T, const float *bias, float *out);

    /// One product of runGroup().
    struct Target {
        MatrixView w;
        const float *bias = nullptr;
        float *out = nullptr;
    };
    /// run() for every target over the same x (same K). A single token through one path for all (integer dot
    /// products with one activation format, or f32 ones) is one job: x quantized once, the threads split every
    /// matrix's rows in one go (one wait instead of one per matrix); otherwise the targets run one after another.
    void runGroup(const float *x, uint32_t T, std::span<const Target> targets);

    /// Largest token count that takes the GEMV path (tests use it to cover both paths).
    static constexpr uint32_t kGemvMaxTokens = 1;

private:
    /// The targets' rows in long runs (rowsPerStreamingTask), all in one parallel job: integer dot products over
    /// m_quantRows (already filled) or f32 ones over x. The single-token paths and integer prompts without tiles.
    void rowRuns(const float *x, uint32_t T, std::span<const Target> targets, bool integer);
    /// Rows [r0, r1) of out = W · x + bias with f32 dot products, with `thread`'s scratch.
    void gemvRows(const MatrixView &w,
        const float *x,
        uint32_t T,
        const float *bias,
        float *out,
        uint64_t r0,
        uint64_t r1,
        unsigned thread);
    void gemm(const MatrixView &w, const float *x, uint32_t T, const float *bias, float *out);
    /// The prompt path in bf16 (Kernels::bf16).
    void gemmBf16(const MatrixView &w, const float *x, uint32_t T, const float *bias, float *out);
    void intMatmul(const MatrixView &w, const float *x, uint32_t T, const float *bias, float *out);
    /// Quantizes the T rows of x (K each) into m_quantRows.
    void quantizeActivations(ActQuant format, const float *x, uint32_t T, uint64_t K);
    /// Rows [r0, r1) of out = W · x + bias over m_quantRows (T tokens).
    void intDotRows(const MatrixView &w, uint32_t T, const float *bias, float *out, uint64_t r0, uint64_t r1) const;
    bool takesIntegerPath(const MatrixView &w, uint32_t T) const;
    /// intMatmul's prompt path over the level's micro-tiles (m_quantRows already filled).
    void intTiled(const MatrixView &w, uint32_t T, const float *bias, float *out);
    /// Decodes rows [row0, row0 + n) to f32 into dst (n × cols), with the ISA's decoder or dequantizeRow.
    void decodeRows(const MatrixView &w, uint64_t row0, uint64_t n, float *dst, unsigned thread);
    float *threadBuffer(unsigned thread, size_t floats);
    /// Rows per task of rowRuns(): single tokens stream every weight once.
    uint64_t rowsPerStreamingTask(uint64_t M) const;

    const Kernels &m_k;
    CpuThreadPool &m_pool;
    const bool m_exact;
    const bool m_integerPrompts;
    std::vector<std::vector<float>> m_scratch; ///< per thread: decoded panel or row
    std::vector<std::vector<uint8_t>> m_plainRows; ///< per thread: plainRows() of an interleaved matrix
    std::vector<uint8_t> m_quantBuf; ///< (T, quantRowBytes(K)): the activation rows quantized
    std::vector<QuantRow> m_quantRows; ///< (T) views into m_quantBuf
    struct RowSpan {
        size_t target;
        uint64_t r0, r1;
    };
    std::vector<RowSpan> m_spans; ///< runGroup's tasks
    std::vector<uint16_t> m_xBf16; ///< (T, K rounded up to kBf16Step): the activation rows in bf16
};

} // namespace atrium::cpu
