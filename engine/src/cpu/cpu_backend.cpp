// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_backend.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "cpu/cpu_host_bytes.h"
#include "cpu/cpu_interleave.h"
#include "cpu/cpu_kernels.h"
#include "cpu/cpu_matmul.h"
#include "cpu/cpu_ops.h"
#include "cpu/cpu_thread_pool.h"
#include "gguf/mapped_file.h"

namespace atrium
{

namespace
{

/// The Backend on top of the cpu:: kernels. One instance per model; used from one thread (the pool is internal).
class CpuBackend final : public Backend
{
public:
    CpuBackend(unsigned threads, const cpu::Kernels &kernels, const CpuBackendOptions &options)
        : m_k(kernels)
        , m_pool(threads)
        , m_matmul(kernels, m_pool, options.exactActivations, options.integerPrompts)
        , m_copyWeights(options.copyWeights)
        , m_interleave(options.copyWeights && !options.exactActivations)
        , m_attnScratch(m_pool.size())
        , m_kvElemBytes(options.f32KvCache ? 4 : 2)
    {
    }

    std::string name() const override
    {
        return "cpu";
    }

    std::string deviceName() const override
    {
        const unsigned n = m_pool.size();
        return "CPU (" + std::to_string(n) + (n == 1 ? " thread, " : " threads, ") + std::string(cpuIsaName(m_k.isa))
            + ")";
    }

    uint32_t kvBytesPerElement() const override
    {
        return static_cast<uint32_t>(m_kvElemBytes);
    }

    Expected<Weight> uploadWeight(const GgufTensor &tensor) override;
    Expected<void> allocateKvCache(uint32_t nLayers, uint32_t nCtx, uint32_t kvDim) override;

    void beginStep() override
    {
        m_nActs = 0;
    }
    Act newAct(uint32_t rows, uint32_t cols) override;

    void getRows(Act out, Weight table, std::span<const int32_t> ids) override;
    void rmsNorm(Act out, Act x, Weight w, float eps) override;
    void layerNorm(Act out, Act x, Weight w, Weight b, float eps) override;
    void matmul(Act out, Weight w, Act x, Weight bias) override;
    void matmuls(Act x, std::span<const MatmulTarget> targets) override;
    void rope(Act x, uint32_t nHeads, uint32_t headDim, uint32_t pos0, const RopeParams &p) override;
    void storeKv(uint32_t layer, Act k, Act v, uint32_t pos0) override;
    void attention(Act out, Act q, uint32_t layer, uint32_t pos0, const AttentionParams &p) override;
    void add(Act out, Act a, Act b) override;
    void scale(Act x, float s) override;
    void softcap(Act x, float cap) override;
    void glu(Act out, Act gate, Act up, Activation act) override;
    void gelu(Act x) override;
    void copyCols(Act out, Act src, uint32_t colOffset) override;
    void copyRows(Act out, Act src, uint32_t rowOffset) override;

    Expected<void> readAct(Act x, std::span<float> dst) override;

private:
    struct StoredWeight {
        cpu::MatrixView view;
        std::vector<float> vector; ///< (cols) f32 copy of 1-D tensors (norm weights, biases, frequency factors)
        cpu::HostBytes copy; ///< the matrix copied out of the file (in groups of rows if view.interleaved), or empty
        bool fileMapped = false; ///< the tensor was read from a file mapping
    };
    /// Copies `stored`'s matrix out of the mapped file (CpuBackendOptions::copyWeights): into groups of
    /// cpu::kGroupRows rows where the level has a kernel for them, else as it is.
    void copyWeight(StoredWeight &stored);

    float *data(Act a)
    {
        ATRIUM_ASSERT(a.valid() && a.id < m_nActs, "activation from another step");
        return m_acts[a.id].data();
    }
    const float *vectorOf(Weight w) const
    {
        if (!w.valid())
            return nullptr;
        ATRIUM_ASSERT(w.id < m_weights.size() && !m_weights[w.id].vector.empty(), "expected a 1-D weight");
        return m_weights[w.id].vector.data();
    }
    /// Elementwise op over n floats, split across the pool when large.
    template <class F>
    void elementwise(size_t n, F &&fn)
    {
        cpu::parallelRange(m_pool, n, size_t {32} << 10, fn);
    }

    const cpu::Kernels &m_k;
    cpu::CpuThreadPool m_pool;
    cpu::Matmul m_matmul;
    const bool m_copyWeights;
    const bool m_interleave;
    cpu::RopeTables m_rope;
    std::vector<uint8_t> m_rowBuf; ///< getRows: one row of an interleaved table in its GGUF encoding
    std::vector<std::vector<float>> m_attnScratch; ///< per thread
    std::vector<StoredWeight> m_weights;
    // Activation buffers are kept across steps and reused in order, so a decode step allocates nothing.
    // NOTE: a new Act is not zeroed; every op writes all of its output.
    std::vector<std::vector<float>> m_acts;
    uint32_t m_nActs = 0;
    const size_t m_kvElemBytes; ///< 2: f16 cache (llama.cpp's default), 4: f32
    std::vector<std::vector<uint8_t>> m_kCache; ///< per layer: (nCtx, kvDim) elements of m_kvElemBytes
    std::vector<std::vector<uint8_t>> m_vCache; ///< per layer: (nCtx, kvDim)
    uint32_t m_nCtx = 0;
    uint32_t m_kvDim = 0;
};

Expected<Weight> CpuBackend::uploadWeight(const GgufTensor &tensor)
{
    const TensorTypeInfo info = tensorTypeInfo(tensor.type);
    if (!info.canDequantize)
        return fail(ErrorCode::UnsupportedQuantization,
            "tensor '" + tensor.name + "' has type " + std::string(info.name) + ", which the engine cannot read");
    if (tensor.ne[0] % info.blockElements != 0)
        return fail(ErrorCode::InvalidGguf,
            "tensor '" + tensor.name + "': rows of " + std::to_string(tensor.ne[0]) + " elements are not whole "
                + std::string(info.name) + " blocks");
    StoredWeight stored;
    stored.fileMapped = tensor.fileMapped;
    stored.view.type = tensor.type;
    stored.view.data = tensor.data;
    stored.view.rows = tensor.rows();
    stored.view.cols = tensor.ne[0];
    stored.view.rowBytes = rowBytes(tensor.type, tensor.ne[0]);
    if (stored.view.rows == 1) {
        stored.vector.resize(stored.view.cols);
        dequantizeRow(tensor.type, tensor.data, stored.vector.data(), stored.view.cols);
    }
    copyWeight(stored);
    m_weights.push_back(std::move(stored));
    Weight w;
    w.id = static_cast<uint32_t>(m_weights.size() - 1);
    w.type = tensor.type;
    w.cols = tensor.ne[0];
    w.rows = tensor.rows();
    return w;
}

void CpuBackend::copyWeight(StoredWeight &stored)
{
    cpu::MatrixView &v = stored.view;
    if (!m_copyWeights || v.rows < 2)
        return;
    const bool grouped =
        m_interleave && m_k.intDotGroup[static_cast<unsigned>(v.type)] && v.rows % cpu::kGroupRows == 0;
    if (!grouped && !stored.fileMapped)
        return;
    // NOTE: decoding streams every weight once per token; from 2 MiB pages (HostBytes) instead of the mapping's 4 KiB
    // ones it measured 6-20 % faster (fewer TLB misses), the interleaved types more again. The copy takes the matrix's
    // size in place of the mapped pages it was read from, which are handed back: the file is not read again for it.
    const size_t total = v.rowBytes * v.rows;
    try {
        stored.copy = cpu::HostBytes(total);
    } catch (const std::bad_alloc &) {
        return; // no room for a copy: the matrix is read in place, as the mapping allows
    }
    uint8_t *dst = stored.copy.data();
    if (grouped) {
        const size_t bytes = cpu::groupBytes(v.type, v.cols);
        const size_t sourceBytes = v.rowBytes * cpu::kGroupRows;
        const uint64_t groups = v.rows / cpu::kGroupRows;
        m_pool.parallelFor(groups, groups * bytes, [&](size_t g, unsigned) {
            cpu::interleaveGroup(v.type, v.data + g * sourceBytes, v.rowBytes, v.cols, dst + g * bytes);
        });
    } else {
        const size_t chunk = size_t {1} << 20;
        const size_t n = (total + chunk - 1) / chunk;
        m_pool.parallelFor(n, total, [&](size_t i, unsigned) {
            std::memcpy(dst + i * chunk, v.data + i * chunk, std::min(chunk, total - i * chunk));
        });
    }
    if (stored.fileMapped)
        releaseMappedPages(v.data, total);
    v.data = dst;
    v.interleaved = grouped;
}

Expected<void> CpuBackend::allocateKvCache(uint32_t nLayers, uint32_t nCtx, uint32_t kvDim)
{
    m_nCtx = nCtx;
    m_kvDim = kvDim;
    const size_t bytes = static_cast<size_t>(nCtx) * kvDim * m_kvElemBytes;
    m_kCache.assign(nLayers, std::vector<uint8_t>(bytes, 0));
    m_vCache.assign(nLayers, std::vector<uint8_t>(bytes, 0));
    return {};
}

Act CpuBackend::newAct(uint32_t rows, uint32_t cols)
{
    if (m_nActs == m_acts.size())
        m_acts.emplace_back();
    std::vector<float> &buf = m_acts[m_nActs];
    const size_t n = static_cast<size_t>(rows) * cols;
    if (buf.size() < n)
        buf.resize(n);
    Act a;
    a.id = m_nActs++;
    a.rows = rows;
    a.cols = cols;
    return a;
}

void CpuBackend::getRows(Act out, Weight table, std::span<const int32_t> ids)
{
    ATRIUM_ASSERT(out.rows == ids.size() && out.cols == table.cols, "getRows: shape mismatch");
    const cpu::MatrixView &w = m_weights[table.id].view;
    float *dst = data(out);
    for (size_t r = 0; r < ids.size(); ++r) {
        ATRIUM_ASSERT(ids[r] >= 0 && static_cast<uint64_t>(ids[r]) < w.rows, "token id out of range");
        const uint8_t *row = cpu::plainRows(w, static_cast<uint64_t>(ids[r]), 1, m_rowBuf);
        dequantizeRow(w.type, row, dst + r * w.cols, w.cols);
    }
}

void CpuBackend::rmsNorm(Act out, Act x, Weight w, float eps)
{
    ATRIUM_ASSERT(out.rows == x.rows && out.cols == x.cols, "rmsNorm: shape mismatch");
    cpu::rmsNorm(m_k, m_pool, data(out), data(x), vectorOf(w), x.rows, x.cols, eps);
}

void CpuBackend::layerNorm(Act out, Act x, Weight w, Weight b, float eps)
{
    ATRIUM_ASSERT(out.rows == x.rows && out.cols == x.cols, "layerNorm: shape mismatch");
    cpu::layerNorm(m_k, m_pool, data(out), data(x), vectorOf(w), vectorOf(b), x.rows, x.cols, eps);
}

void CpuBackend::matmul(Act out, Weight w, Act x, Weight bias)
{
    ATRIUM_ASSERT(x.cols == w.cols && out.rows == x.rows && out.cols == w.rows, "matmul: shape mismatch");
    m_matmul.run(m_weights[w.id].view, data(x), x.rows, vectorOf(bias), data(out));
}

void CpuBackend::matmuls(Act x, std::span<const MatmulTarget> targets)
{
    std::vector<cpu::Matmul::Target> group;
    group.reserve(targets.size());
    for (const MatmulTarget &t : targets) {
        ATRIUM_ASSERT(x.cols == t.w.cols && t.out.rows == x.rows && t.out.cols == t.w.rows, "matmuls: shape mismatch");
        group.push_back({m_weights[t.w.id].view, vectorOf(t.bias), data(t.out)});
    }
    m_matmul.runGroup(data(x), x.rows, group);
}

void CpuBackend::rope(Act x, uint32_t nHeads, uint32_t headDim, uint32_t pos0, const RopeParams &p)
{
    ATRIUM_ASSERT(x.cols == nHeads * headDim, "rope: shape mismatch");
    m_rope.apply(m_pool, data(x), x.rows, nHeads, headDim, pos0, p, vectorOf(p.freqFactors));
}

void CpuBackend::storeKv(uint32_t layer, Act k, Act v, uint32_t pos0)
{
    ATRIUM_ASSERT(layer < m_kCache.size() && k.cols == m_kvDim && v.cols == m_kvDim && k.rows == v.rows
            && pos0 + k.rows <= m_nCtx,
        "storeKv: out of range");
    const size_t n = static_cast<size_t>(k.rows) * m_kvDim;
    const size_t offset = static_cast<size_t>(pos0) * m_kvDim * m_kvElemBytes;
    uint8_t *kDst = m_kCache[layer].data() + offset;
    uint8_t *vDst = m_vCache[layer].data() + offset;
    if (m_kvElemBytes == 2) {
        m_k.toHalf(data(k), reinterpret_cast<uint16_t *>(kDst), n);
        m_k.toHalf(data(v), reinterpret_cast<uint16_t *>(vDst), n);
    } else {
        std::memcpy(kDst, data(k), n * sizeof(float));
        std::memcpy(vDst, data(v), n * sizeof(float));
    }
}

void CpuBackend::attention(Act out, Act q, uint32_t layer, uint32_t pos0, const AttentionParams &p)
{
    ATRIUM_ASSERT(layer < m_kCache.size() && q.cols == p.nHead * p.headDim && out.rows == q.rows && out.cols == q.cols
            && p.nHeadKv * p.headDim == m_kvDim && pos0 + q.rows <= m_nCtx,
        "attention: shape mismatch");
    cpu::attention(m_k,
        m_pool,
        m_attnScratch,
        data(out),
        data(q),
        q.rows,
        m_kCache[layer].data(),
        m_vCache[layer].data(),
        m_kvElemBytes,
        m_kvDim,
        pos0,
        p);
}

void CpuBackend::add(Act out, Act a, Act b)
{
    ATRIUM_ASSERT(out.rows == a.rows && out.cols == a.cols && b.cols == a.cols && (b.rows == a.rows || b.rows == 1),
        "add: shape mismatch");
    float *o = data(out);
    const float *pa = data(a);
    const float *pb = data(b);
    const size_t cols = a.cols;
    if (b.rows == a.rows) {
        elementwise(static_cast<size_t>(a.rows) * cols, [&](size_t i0, size_t i1) {
            for (size_t i = i0; i < i1; ++i)
                o[i] = pa[i] + pb[i];
        });
        return;
    }
    cpu::parallelRange(m_pool, a.rows, 1, [&](size_t r0, size_t r1) {
        for (size_t r = r0; r < r1; ++r)
            for (size_t c = 0; c < cols; ++c)
                o[r * cols + c] = pa[r * cols + c] + pb[c];
    });
}

void CpuBackend::scale(Act x, float s)
{
    float *p = data(x);
    elementwise(static_cast<size_t>(x.rows) * x.cols, [&](size_t i0, size_t i1) {
        for (size_t i = i0; i < i1; ++i)
            p[i] *= s;
    });
}

void CpuBackend::softcap(Act x, float cap)
{
    float *p = data(x);
    elementwise(static_cast<size_t>(x.rows) * x.cols, [&](size_t i0, size_t i1) { m_k.softcap(p + i0, i1 - i0, cap); });
}

void CpuBackend::glu(Act out, Act gate, Act up, Activation act)
{
    ATRIUM_ASSERT(gate.rows == up.rows && gate.cols == up.cols && out.rows == up.rows && out.cols == up.cols,
        "glu: shape mismatch");
    float *o = data(out);
    const float *g = data(gate);
    const float *u = data(up);
    elementwise(static_cast<size_t>(up.rows) * up.cols,
        [&](size_t i0, size_t i1) { m_k.glu(o + i0, g + i0, u + i0, i1 - i0, act); });
}

void CpuBackend::gelu(Act x)
{
    float *p = data(x);
    elementwise(static_cast<size_t>(x.rows) * x.cols, [&](size_t i0, size_t i1) { m_k.gelu(p + i0, i1 - i0); });
}

void CpuBackend::copyCols(Act out, Act src, uint32_t colOffset)
{
    ATRIUM_ASSERT(out.rows == src.rows && colOffset + out.cols <= src.cols, "copyCols: shape mismatch");
    float *o = data(out);
    const float *s = data(src);
    for (uint32_t r = 0; r < src.rows; ++r)
        std::memcpy(o + static_cast<size_t>(r) * out.cols,
            s + static_cast<size_t>(r) * src.cols + colOffset,
            out.cols * sizeof(float));
}

void CpuBackend::copyRows(Act out, Act src, uint32_t rowOffset)
{
    ATRIUM_ASSERT(out.cols == src.cols && rowOffset + out.rows <= src.rows, "copyRows: shape mismatch");
    std::memcpy(data(out),
        data(src) + static_cast<size_t>(rowOffset) * src.cols,
        static_cast<size_t>(out.rows) * out.cols * sizeof(float));
}

Expected<void> CpuBackend::readAct(Act x, std::span<float> dst)
{
    if (dst.size() != static_cast<size_t>(x.rows) * x.cols)
        return fail(ErrorCode::Internal, "readAct: destination size does not match the activation");
    std::memcpy(dst.data(), data(x), dst.size() * sizeof(float));
    return {};
}

} // namespace

Expected<std::unique_ptr<Backend>> createCpuBackend(const CpuBackendOptions &options)
{
    if (options.threads < 0)
        return fail(ErrorCode::InvalidArgument, "the CPU backend needs a thread count >= 0 (0 = all cores)");
    unsigned threads = static_cast<unsigned>(options.threads);
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    const cpu::Kernels &kernels = cpu::kernelsFor(options.kernels);
    return std::unique_ptr<Backend>(std::make_unique<CpuBackend>(threads, kernels, options));
}

} // namespace atrium
