// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/reference_backend.h"

#include <algorithm>
#include <string>

namespace atrium
{

std::string ReferenceBackend::name() const
{
    return "reference";
}

std::string ReferenceBackend::deviceName() const
{
    return "CPU (reference, 1 thread)";
}

Expected<Weight> ReferenceBackend::uploadWeight(const GgufTensor &tensor)
{
    const TensorTypeInfo info = tensorTypeInfo(tensor.type);
    if (!info.canDequantize)
        return fail(ErrorCode::UnsupportedQuantization,
            "tensor '" + tensor.name + "' has type " + std::string(info.name) + ", which the engine cannot read");
    StoredWeight stored;
    stored.view = ref::WeightView {tensor.type, tensor.data, tensor.rows(), tensor.ne[0]};
    if (stored.view.rows == 1) {
        stored.vector.resize(stored.view.cols);
        ref::dequantizeRows(stored.view, 0, 1, stored.vector.data());
    }
    m_weights.push_back(std::move(stored));
    Weight w;
    w.id = static_cast<uint32_t>(m_weights.size() - 1);
    w.type = tensor.type;
    w.cols = tensor.ne[0];
    w.rows = tensor.rows();
    return w;
}

Expected<void> ReferenceBackend::allocateKvCache(uint32_t nLayers, uint32_t nCtx, uint32_t kvDim)
{
    m_nCtx = nCtx;
    m_kvDim = kvDim;
    m_kCache.assign(nLayers, std::vector<float>(static_cast<size_t>(nCtx) * kvDim, 0.f));
    m_vCache.assign(nLayers, std::vector<float>(static_cast<size_t>(nCtx) * kvDim, 0.f));
    return {};
}

void ReferenceBackend::beginStep()
{
    m_acts.clear();
}

Act ReferenceBackend::newAct(uint32_t rows, uint32_t cols)
{
    m_acts.emplace_back(static_cast<size_t>(rows) * cols, 0.f);
    Act a;
    a.id = static_cast<uint32_t>(m_acts.size() - 1);
    a.rows = rows;
    a.cols = cols;
    return a;
}

float *ReferenceBackend::data(Act a)
{
    ATRIUM_ASSERT(a.valid() && a.id < m_acts.size(), "activation from another step");
    return m_acts[a.id].data();
}

const float *ReferenceBackend::vectorOf(Weight w) const
{
    if (!w.valid())
        return nullptr;
    ATRIUM_ASSERT(w.id < m_weights.size() && !m_weights[w.id].vector.empty(), "expected a 1-D weight");
    return m_weights[w.id].vector.data();
}

void ReferenceBackend::getRows(Act out, Weight table, std::span<const int32_t> ids)
{
    ATRIUM_ASSERT(out.rows == ids.size() && out.cols == table.cols, "getRows: shape mismatch");
    ref::getRows(data(out), m_weights[table.id].view, ids);
}

void ReferenceBackend::rmsNorm(Act out, Act x, Weight w, float eps)
{
    ATRIUM_ASSERT(out.rows == x.rows && out.cols == x.cols, "rmsNorm: shape mismatch");
    ref::rmsNorm(data(out), data(x), vectorOf(w), x.rows, x.cols, eps);
}

void ReferenceBackend::layerNorm(Act out, Act x, Weight w, Weight b, float eps)
{
    ATRIUM_ASSERT(out.rows == x.rows && out.cols == x.cols, "layerNorm: shape mismatch");
    ref::layerNorm(data(out), data(x), vectorOf(w), vectorOf(b), x.rows, x.cols, eps);
}

void ReferenceBackend::matmul(Act out, Weight w, Act x, Weight bias)
{
    ATRIUM_ASSERT(x.cols == w.cols && out.rows == x.rows && out.cols == w.rows, "matmul: shape mismatch");
    ref::matmul(data(out), m_weights[w.id].view, data(x), x.rows, vectorOf(bias));
}

void ReferenceBackend::rope(Act x, uint32_t nHeads, uint32_t headDim, uint32_t pos0, const RopeParams &p)
{
    ATRIUM_ASSERT(x.cols == nHeads * headDim, "rope: shape mismatch");
    ref::rope(data(x), x.rows, nHeads, headDim, pos0, p, vectorOf(p.freqFactors));
}

void ReferenceBackend::storeKv(uint32_t layer, Act k, Act v, uint32_t pos0)
{
    ATRIUM_ASSERT(layer < m_kCache.size() && k.cols == m_kvDim && v.cols == m_kvDim && k.rows == v.rows
            && pos0 + k.rows <= m_nCtx,
        "storeKv: out of range");
    ref::storeKv(m_kCache[layer].data(), data(k), k.rows, m_kvDim, pos0);
    ref::storeKv(m_vCache[layer].data(), data(v), v.rows, m_kvDim, pos0);
}

void ReferenceBackend::attention(Act out, Act q, uint32_t layer, uint32_t pos0, const AttentionParams &p)
{
    ATRIUM_ASSERT(layer < m_kCache.size() && q.cols == p.nHead * p.headDim && out.rows == q.rows && out.cols == q.cols
            && p.nHeadKv * p.headDim == m_kvDim && pos0 + q.rows <= m_nCtx,
        "attention: shape mismatch");
    const ref::KvView k {m_kCache[layer].data(), m_kvDim, p.headDim};
    const ref::KvView v {m_vCache[layer].data(), m_kvDim, p.headDim};
    ref::attention(data(out), data(q), q.rows, k, v, pos0, p);
}

void ReferenceBackend::add(Act out, Act a, Act b)
{
    ATRIUM_ASSERT(out.rows == a.rows && out.cols == a.cols && b.cols == a.cols, "add: shape mismatch");
    ref::add(data(out), data(a), data(b), a.rows, a.cols, b.rows);
}

void ReferenceBackend::scale(Act x, float s)
{
    ref::scale(data(x), static_cast<size_t>(x.rows) * x.cols, s);
}

void ReferenceBackend::softcap(Act x, float cap)
{
    ref::softcap(data(x), static_cast<size_t>(x.rows) * x.cols, cap);
}

void ReferenceBackend::glu(Act out, Act gate, Act up, Activation act)
{
    ATRIUM_ASSERT(gate.rows == up.rows && gate.cols == up.cols && out.rows == up.rows && out.cols == up.cols,
        "glu: shape mismatch");
    ref::glu(data(out), data(gate), data(up), static_cast<size_t>(up.rows) * up.cols, act);
}

void ReferenceBackend::gelu(Act x)
{
    ref::gelu(data(x), static_cast<size_t>(x.rows) * x.cols);
}

void ReferenceBackend::copyCols(Act out, Act src, uint32_t colOffset)
{
    ATRIUM_ASSERT(out.rows == src.rows, "copyCols: shape mismatch");
    ref::copyCols(data(out), data(src), src.rows, out.cols, src.cols, colOffset);
}

void ReferenceBackend::copyRows(Act out, Act src, uint32_t rowOffset)
{
    ATRIUM_ASSERT(out.cols == src.cols && rowOffset + out.rows <= src.rows, "copyRows: shape mismatch");
    ref::copyRows(data(out), data(src), out.rows, out.cols, rowOffset);
}

Expected<void> ReferenceBackend::readAct(Act x, std::span<float> dst)
{
    if (dst.size() != static_cast<size_t>(x.rows) * x.cols)
        return fail(ErrorCode::Internal, "readAct: destination size does not match the activation");
    const float *src = data(x);
    std::copy(src, src + dst.size(), dst.begin());
    return {};
}

} // namespace atrium
