// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Shared helpers of the fast-CPU-backend tests: a backend plus the host-side tensors it reads (weights must outlive
// it), seeded random data, and weights of any type with valid scales.

#include <cmath>
#include <cstring>
#include <deque>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <QtTest>

#include "cpu/cpu_backend.h"
#include "cpu/cpu_isa.h"
#include "cpu/reference_ops.h"
#include "gguf/gguf_file.h"
#include "gguf/tensor_type.h"

namespace atrium::test
{

/// Every weight type the engine can read (canDequantize).
inline std::vector<TensorType> readableTypes()
{
    return {TensorType::F32,
        TensorType::F16,
        TensorType::BF16,
        TensorType::Q8_0,
        TensorType::Q4_0,
        TensorType::Q4_1,
        TensorType::Q5_0,
        TensorType::Q5_1,
        TensorType::Q2_K,
        TensorType::Q3_K,
        TensorType::Q4_K,
        TensorType::Q5_K,
        TensorType::Q6_K,
        TensorType::IQ4_NL,
        TensorType::IQ4_XS};
}

/// The kernel levels this CPU can run (Generic always; AVX / AVX2 / AVX-512 when present).
inline std::vector<CpuIsa> supportedIsas()
{
    std::vector<CpuIsa> out {CpuIsa::Generic};
    for (const CpuIsa isa : {CpuIsa::Avx, CpuIsa::Avx2, CpuIsa::Avx512}) {
        if (cpuSupports(isa))
            out.push_back(isa);
    }
    return out;
}

inline std::vector<float> randomFloats(size_t n, uint32_t seed, float sigma = 1.f)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.f, sigma);
    std::vector<float> v(n);
    for (float &x : v)
        x = dist(rng);
    return v;
}

/// A weight in its GGUF encoding, with the f16 scale fields of types the writer cannot quantize set to sane values.
struct HostWeight {
    TensorType type = TensorType::F32;
    uint64_t rows = 0;
    uint64_t cols = 0;
    std::vector<uint8_t> bytes;

    ref::WeightView view() const
    {
        return ref::WeightView {type, bytes.data(), rows, cols};
    }
};

inline void putHalf(uint8_t *p, float f)
{
    const uint16_t h = floatToHalf(f);
    std::memcpy(p, &h, 2);
}

inline HostWeight makeWeight(TensorType type, uint64_t rows, uint64_t cols, uint32_t seed)
{
    HostWeight w {type, rows, cols, {}};
    const size_t rowSize = rowBytes(type, cols);
    w.bytes.resize(rowSize * rows);
    const std::vector<float> values = randomFloats(rows * cols, seed, 0.5f);
    bool quantized = true;
    for (uint64_t r = 0; r < rows && quantized; ++r)
        quantized = quantizeRow(type, values.data() + r * cols, w.bytes.data() + r * rowSize, cols);
    if (quantized)
        return w;
    // No quantizer for this type: random payload bytes, then valid f16 scales at the type's scale offsets.
    std::mt19937 rng(seed);
    for (uint8_t &b : w.bytes)
        b = static_cast<uint8_t>(rng());
    std::uniform_real_distribution<float> scale(0.005f, 0.05f);
    const TensorTypeInfo info = tensorTypeInfo(type);
    for (size_t off = 0; off < w.bytes.size(); off += info.blockBytes) {
        uint8_t *b = w.bytes.data() + off;
        switch (type) {
        case TensorType::Q2_K:
            putHalf(b + 80, scale(rng));
            putHalf(b + 82, scale(rng));
            break;
        case TensorType::Q3_K:
            putHalf(b + 108, scale(rng));
            break;
        case TensorType::IQ4_NL:
        case TensorType::IQ4_XS:
            putHalf(b, scale(rng));
            break;
        default:
            QTest::qFail("makeWeight: no quantizer and no scale layout for this type", __FILE__, __LINE__);
            break;
        }
    }
    return w;
}

/// A fast CPU backend with the tensors it reads kept alive next to it. exactActivations: true (the tests that
/// compare with the reference ops within f32 rounding) or false (the integer-dot path for quantized weights, for
/// every token count: prompts too, so the tiled kernels are covered).
class CpuHarness
{
public:
    /// exactActivations: f32 everywhere; otherwise integer dot products for prompts too when integerPrompts, else
    /// the default paths (integer for single tokens, bf16 or f32 for prompts). copyWeights: the backend's default of
    /// copying weights (into row groups for Q4_0 and the others with that layout). f32KvCache: an f32 KV cache instead
    /// of the default f16 one.
    CpuHarness(int threads,
        CpuIsa isa,
        bool exactActivations = true,
        bool integerPrompts = true,
        bool copyWeights = true,
        bool f32KvCache = false)
    {
        CpuBackendOptions options;
        options.threads = threads;
        options.kernels = isa;
        options.exactActivations = exactActivations;
        options.integerPrompts = !exactActivations && integerPrompts;
        options.copyWeights = copyWeights;
        options.f32KvCache = f32KvCache;
        auto backend = createCpuBackend(options);
        if (backend)
            m_backend = std::move(*backend);
    }

    Backend &backend()
    {
        return *m_backend;
    }
    bool ok() const
    {
        return m_backend != nullptr;
    }

    /// Uploads a weight (2-D, or 1-D when rows == 1); the bytes are copied into the harness.
    Weight upload(const HostWeight &w)
    {
        m_bytes.push_back(w.bytes);
        GgufTensor t;
        t.name = "w" + std::to_string(m_bytes.size());
        t.type = w.type;
        t.nDims = w.rows == 1 ? 1 : 2;
        t.ne = {w.cols, w.rows, 1, 1};
        t.nbytes = w.bytes.size();
        t.data = m_bytes.back().data();
        auto uploaded = m_backend->uploadWeight(t);
        if (!uploaded)
            QTest::qFail(uploaded.error().message.c_str(), __FILE__, __LINE__);
        return uploaded ? *uploaded : Weight {};
    }

    Weight uploadVector(std::span<const float> v)
    {
        HostWeight w {TensorType::F32, 1, v.size(), {}};
        w.bytes.resize(v.size_bytes());
        std::memcpy(w.bytes.data(), v.data(), v.size_bytes());
        return upload(w);
    }

    /// A new activation of the current step holding `values` (rows × cols), fed through getRows of an F32 table.
    Act input(std::span<const float> values, uint32_t rows, uint32_t cols)
    {
        HostWeight w {TensorType::F32, rows, cols, {}};
        w.bytes.resize(values.size_bytes());
        std::memcpy(w.bytes.data(), values.data(), values.size_bytes());
        const Weight table = upload(w);
        std::vector<int32_t> ids(rows);
        for (uint32_t r = 0; r < rows; ++r)
            ids[r] = static_cast<int32_t>(r);
        Act a = m_backend->newAct(rows, cols);
        m_backend->getRows(a, table, ids);
        return a;
    }

    std::vector<float> read(Act a)
    {
        std::vector<float> out(static_cast<size_t>(a.rows) * a.cols);
        auto done = m_backend->readAct(a, out);
        if (!done)
            QTest::qFail(done.error().message.c_str(), __FILE__, __LINE__);
        return out;
    }

private:
    std::unique_ptr<Backend> m_backend;
    std::deque<std::vector<uint8_t>> m_bytes; ///< deque: element addresses stay valid as it grows
};

/// "generic/1t" style row tag.
inline std::string configTag(CpuIsa isa, int threads)
{
    return std::string(cpuIsaName(isa)) + "/" + std::to_string(threads) + "t";
}

} // namespace atrium::test
