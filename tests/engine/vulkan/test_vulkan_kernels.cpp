// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Weight kernels against the CPU reference (engine/src/cpu/reference_ops.h): get_rows for every tensor type
// (bit-exact dequantization, engine-notes §2 / §7) and matmul (decode GEMV for T <= 8, tiled GEMM above) over
// odd shapes, with and without bias, on whole bindings and on bindings capped to a few KiB (split weights and
// activations).
#include <cstdio>

#include "vulkan_test_util.h"

using namespace atrium;
using namespace atrium::test;

Q_DECLARE_METATYPE(atrium::TensorType)

namespace
{

const std::vector<TensorType> kAllTypes {TensorType::F32,
    TensorType::F16,
    TensorType::BF16,
    TensorType::Q4_0,
    TensorType::Q4_1,
    TensorType::Q5_0,
    TensorType::Q5_1,
    TensorType::Q8_0,
    TensorType::Q2_K,
    TensorType::Q3_K,
    TensorType::Q4_K,
    TensorType::Q5_K,
    TensorType::Q6_K,
    TensorType::IQ4_NL,
    TensorType::IQ4_XS};

/// Reduction lengths per type: whole blocks; for plain types also lengths that are not a multiple of 8 (the
/// generic GEMV path).
std::vector<uint32_t> reductionLengths(TensorType type)
{
    const uint32_t block = tensorTypeInfo(type).blockElements;
    if (block == 1)
        return {8, 72, 13};
    if (block == 32)
        return {32, 96};
    return {256, 512};
}

/// Token counts: every GEMV width (1..8), the GEMM edge (9) and tiles (16, 33) for one type of each kernel family;
/// the other types share that code and are checked on fewer widths (each width is its own pipeline, and
/// compiling pipelines dominates the run time on lavapipe).
std::vector<uint32_t> tokenCounts(TensorType type)
{
    switch (type) {
    case TensorType::F16:
    case TensorType::Q4_0:
    case TensorType::Q4_K:
    case TensorType::Q6_K:
    case TensorType::IQ4_XS:
        return {1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 33};
    default:
        return {1, 3, 8, 9, 33};
    }
}

constexpr double kMatmulNmse = 1e-6; // f32 activations, f32 accumulation (engine-notes §7)

} // namespace

class TestVulkanKernels : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<Backend> m_tiny; // bindings capped at 4 KiB
    std::unique_ptr<Backend> m_unrolled; // GEMV with two items per iteration, whatever the device's tuning
    std::string m_skip;

    void addTypeRows()
    {
        QTest::addColumn<TensorType>("type");
        for (TensorType t : kAllTypes)
            QTest::newRow(std::string(tensorTypeInfo(t).name).c_str()) << t;
    }

    /// Runs one matmul on `backend` and returns the NMSE against ref::matmul.
    double matmulNmse(
        Backend &backend, TensorType type, uint32_t K, uint32_t M, uint32_t T, bool withBias, std::mt19937 &rng)
    {
        const std::vector<uint8_t> wBytes = randomRows(type, K, M, rng, false);
        const std::vector<float> x = randomFloats(static_cast<size_t>(T) * K, rng);
        const std::vector<float> bias = randomFloats(M, rng);
        backend.beginStep();
        HostTensor wt = makeTensor("w", type, K, M, wBytes);
        const Weight w = *backend.uploadWeight(wt.info);
        Weight b;
        if (withBias) {
            std::vector<uint8_t> bb(M * sizeof(float));
            std::memcpy(bb.data(), bias.data(), bb.size());
            HostTensor bt = makeTensor("b", TensorType::F32, M, 1, std::move(bb));
            b = *backend.uploadWeight(bt.info);
        }
        const Act xa = putAct(backend, x, T, K);
        const Act out = backend.newAct(T, M);
        backend.matmul(out, w, xa, b);
        const std::vector<float> got = readBack(backend, out);
        std::vector<float> want(static_cast<size_t>(T) * M);
        ref::matmul(
            want.data(), ref::WeightView {type, wBytes.data(), M, K}, x.data(), T, withBias ? bias.data() : nullptr);
        return ref::nmse(want, got);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_backend = makeVulkanBackend({}, m_skip);
        VulkanBackendOptions tiny;
        tiny.maxBindingBytes = 4096;
        VulkanBackendOptions unrolled;
        unrolled.gemvUnroll = 2;
        if (m_backend) {
            m_tiny = makeVulkanBackend(tiny, m_skip);
            m_unrolled = makeVulkanBackend(unrolled, m_skip);
        }
    }

    void getRowsDequantizesBitExactly_data()
    {
        addTypeRows();
    }
    void getRowsDequantizesBitExactly()
    {
        if (!m_backend)
            QSKIP(m_skip.c_str());
        QFETCH(TensorType, type);
        std::mt19937 rng(static_cast<uint32_t>(type) + 1);
        const uint32_t block = tensorTypeInfo(type).blockElements;
        const uint32_t cols = block == 1 ? 37 : 3 * block;
        const uint32_t rows = 5;
        const std::vector<uint8_t> bytes = randomRows(type, cols, rows, rng, true);
        const std::vector<float> all = dequantized(type, bytes, cols, rows);
        const std::vector<int32_t> ids {4, 0, 2, 2, 1, 3};
        for (Backend *backend : {m_backend.get(), m_tiny.get()}) {
            backend->beginStep();
            HostTensor t = makeTensor("table", type, cols, rows, bytes);
            const Expected<Weight> w = backend->uploadWeight(t.info);
            QVERIFY(w.has_value());
            const Act out = backend->newAct(static_cast<uint32_t>(ids.size()), cols);
            backend->getRows(out, *w, ids);
            const std::vector<float> got = readBack(*backend, out);
            for (size_t i = 0; i < ids.size(); ++i) {
                for (uint32_t c = 0; c < cols; ++c) {
                    const float want = all[static_cast<size_t>(ids[i]) * cols + c];
                    const float have = got[i * cols + c];
                    if (std::memcmp(&want, &have, sizeof(float)) != 0) {
                        const std::string msg = "row " + std::to_string(i) + " col " + std::to_string(c) + ": want "
                            + std::to_string(want) + " got " + std::to_string(have);
                        QFAIL(msg.c_str());
                    }
                }
            }
        }
    }

    void matmulMatchesReference_data()
    {
        addTypeRows();
    }
    void matmulMatchesReference()
    {
        if (!m_backend)
            QSKIP(m_skip.c_str());
        QFETCH(TensorType, type);
        std::mt19937 rng(1000 + static_cast<uint32_t>(type));
        double worst = 0.0;
        for (uint32_t K : reductionLengths(type)) {
            for (uint32_t M : {1u, 7u, 33u}) {
                for (uint32_t T : tokenCounts(type)) {
                    const bool withBias = (K + M + T) % 2 == 0;
                    const double e = matmulNmse(*m_backend, type, K, M, T, withBias, rng);
                    worst = std::max(worst, e);
                    if (!(e <= kMatmulNmse)) {
                        const std::string msg = "K=" + std::to_string(K) + " M=" + std::to_string(M)
                            + " T=" + std::to_string(T) + " nmse=" + std::to_string(e);
                        QFAIL(msg.c_str());
                    }
                }
            }
        }
        std::printf("matmul %s: worst NMSE %.3g\n", std::string(tensorTypeInfo(type).name).c_str(), worst);
    }

    void matmulSplitsWeightsAndActivationsAcrossBindings_data()
    {
        addTypeRows();
    }
    void matmulSplitsWeightsAndActivationsAcrossBindings()
    {
        if (!m_tiny)
            QSKIP(m_skip.c_str());
        QFETCH(TensorType, type);
        std::mt19937 rng(2000 + static_cast<uint32_t>(type));
        const uint32_t K = reductionLengths(type).front() * 2;
        for (uint32_t T : {1u, 3u, 12u}) {
            const double e = matmulNmse(*m_tiny, type, K, 70, T, true, rng);
            QVERIFY2(e <= kMatmulNmse, ("T=" + std::to_string(T) + " nmse=" + std::to_string(e)).c_str());
        }
    }

    void matmulHandlesLongRows()
    {
        // K = 17 x 256: the GEMV main loop runs several times and leaves a tail, also with the unrolled loop.
        if (!m_backend)
            QSKIP(m_skip.c_str());
        std::mt19937 rng(7);
        for (Backend *backend : {m_backend.get(), m_unrolled.get()}) {
            for (TensorType type :
                {TensorType::Q4_0, TensorType::Q8_0, TensorType::Q4_K, TensorType::Q6_K, TensorType::F16}) {
                for (uint32_t T : {1u, 3u, 20u}) {
                    const double e = matmulNmse(*backend, type, 4352, 9, T, false, rng);
                    QVERIFY2(e <= kMatmulNmse,
                        (std::string(tensorTypeInfo(type).name) + " T=" + std::to_string(T)
                            + " nmse=" + std::to_string(e))
                            .c_str());
                }
            }
        }
    }

    void rejectsMismatchedShapesAtReadTime()
    {
        if (!m_backend)
            QSKIP(m_skip.c_str());
        std::mt19937 rng(3);
        m_backend->beginStep();
        HostTensor wt = makeTensor("w", TensorType::F32, 16, 4, randomRows(TensorType::F32, 16, 4, rng, false));
        const Weight w = *m_backend->uploadWeight(wt.info);
        const Act x = putAct(*m_backend, randomFloats(2 * 8, rng), 2, 8);
        const Act out = m_backend->newAct(2, 4);
        m_backend->matmul(out, w, x, Weight {});
        std::vector<float> dst(8);
        const Expected<void> r = m_backend->readAct(out, dst);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        // The next step starts clean.
        m_backend->beginStep();
        const Act ok = putAct(*m_backend, {1.f, 2.f}, 1, 2);
        QCOMPARE(readBack(*m_backend, ok), (std::vector<float> {1.f, 2.f}));
    }

    void rejectsUnsupportedTensorTypes()
    {
        if (!m_backend)
            QSKIP(m_skip.c_str());
        HostTensor t = makeTensor("iq2", TensorType::IQ2_XXS, 256, 2, std::vector<uint8_t>(2 * 66));
        const Expected<Weight> w = m_backend->uploadWeight(t.info);
        QVERIFY(!w.has_value());
        QCOMPARE(w.error().code, ErrorCode::UnsupportedQuantization);
    }
};

QTEST_APPLESS_MAIN(TestVulkanKernels)
#include "test_vulkan_kernels.moc"
