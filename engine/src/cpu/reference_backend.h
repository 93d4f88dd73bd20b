// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>
#include <vector>

#include "backend/backend.h"
#include "cpu/reference_ops.h"

namespace atrium
{

/// The plain-loop backend: every op is the matching function of cpu/reference_ops.h, run at once on the calling
/// thread, with an F32 KV cache. Slow and obviously correct; the numeric oracle for whole models.
class ReferenceBackend final : public Backend
{
public:
    ReferenceBackend() = default;

    std::string name() const override;
    std::string deviceName() const override;
    uint32_t kvBytesPerElement() const override
    {
        return sizeof(float);
    }

    Expected<Weight> uploadWeight(const GgufTensor &tensor) override;
    Expected<void> allocateKvCache(uint32_t nLayers, uint32_t nCtx, uint32_t kvDim) override;

    void beginStep() override;
    Act newAct(uint32_t rows, uint32_t cols) override;

    void getRows(Act out, Weight table, std::span<const int32_t> ids) override;
    void rmsNorm(Act out, Act x, Weight w, float eps) override;
    void layerNorm(Act out, Act x, Weight w, Weight b, float eps) override;
    void matmul(Act out, Weight w, Act x, Weight bias) override;
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
        ref::WeightView view;
        std::vector<float> vector; ///< (cols) f32 copy of 1-D tensors (norm weights, biases, frequency factors)
    };
    float *data(Act a);
    const float *vectorOf(Weight w) const; ///< the f32 values of a 1-D weight, or null when w is not valid

    std::vector<StoredWeight> m_weights;
    std::vector<std::vector<float>> m_acts; ///< this step's activations, indexed by Act::id
    std::vector<std::vector<float>> m_kCache; ///< per layer: (nCtx, kvDim)
    std::vector<std::vector<float>> m_vCache; ///< per layer: (nCtx, kvDim)
    uint32_t m_nCtx = 0;
    uint32_t m_kvDim = 0;
};

} // namespace atrium
