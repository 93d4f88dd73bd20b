// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The fast CPU backend's matmul and getRows against the scalar reference (cpu/reference_ops.h) for every weight type,
// on the decode (one token) and prompt (several tokens) paths, odd shapes, 1 and 3 threads and every kernel level
// this CPU has. Bounds: NMSE <= 1e-6 and max |error| <= 1e-5 * sqrt(K) * rms(w) * rms(x) (f32 accumulation).
// The bf16 prompt path (CPUs with AVX-512 BF16): its tile against a double sum of the same bf16 values, and the
// backend's default prompt path against the reference within bf16's rounding bound.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <QtTest>

#include "cpu/cpu_kernels.h"
#include "cpu_test_support.h"

using namespace atrium;
using namespace atrium::test;

Q_DECLARE_METATYPE(atrium::TensorType)
Q_DECLARE_METATYPE(atrium::CpuIsa)

namespace
{

double rms(std::span<const float> v)
{
    double s = 0.0;
    for (const float x : v)
        s += static_cast<double>(x) * x;
    return std::sqrt(s / std::max<size_t>(v.size(), 1));
}

/// Checks out = x · Wᵀ (+ bias) of the backend against ref::matmul.
void checkMatmul(CpuHarness &h, const HostWeight &w, uint32_t T, bool withBias, uint32_t seed)
{
    const std::vector<float> x = randomFloats(static_cast<size_t>(T) * w.cols, seed);
    const std::vector<float> bias = randomFloats(w.rows, seed + 1);
    std::vector<float> expected(static_cast<size_t>(T) * w.rows);
    ref::matmul(expected.data(), w.view(), x.data(), T, withBias ? bias.data() : nullptr);

    const Weight weight = h.upload(w);
    const Weight b = withBias ? h.uploadVector(bias) : Weight {};
    h.backend().beginStep();
    const Act xa = h.input(x, T, static_cast<uint32_t>(w.cols));
    const Act out = h.backend().newAct(T, static_cast<uint32_t>(w.rows));
    h.backend().matmul(out, weight, xa, b);
    const std::vector<float> got = h.read(out);

    std::vector<float> dense(w.rows * w.cols);
    ref::dequantizeRows(w.view(), 0, w.rows, dense.data());
    const double bound = 1e-5 * std::sqrt(static_cast<double>(w.cols)) * rms(dense) * rms(x) + 1e-6;
    const double err = ref::maxAbsDiff(expected, got);
    const double nmse = ref::nmse(expected, got);
    if (!(nmse <= 1e-6 && err <= bound)) {
        const QString msg = QStringLiteral("%1 M=%2 K=%3 T=%4: nmse %5, max abs %6 > %7")
                                .arg(QString::fromUtf8(tensorTypeName(static_cast<uint32_t>(w.type))))
                                .arg(w.rows)
                                .arg(w.cols)
                                .arg(T)
                                .arg(nmse)
                                .arg(err)
                                .arg(bound);
        QFAIL(qPrintable(msg));
    }
}

/// K values valid for a type: multiples of its block size (odd sizes for the plain types).
std::vector<uint64_t> kValuesFor(TensorType type)
{
    const uint32_t block = tensorTypeInfo(type).blockElements;
    if (block == 1)
        return {1, 33, 64, 100, 4096};
    if (block == 32)
        return {32, 96, 544, 4096};
    return {256, 768, 4096};
}

float bf16Value(uint16_t bits)
{
    const uint32_t u = static_cast<uint32_t>(bits) << 16;
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

} // namespace

class TestCpuMatmul : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesReferenceForEveryType_data()
    {
        QTest::addColumn<TensorType>("type");
        QTest::addColumn<CpuIsa>("isa");
        QTest::addColumn<int>("threads");
        for (const TensorType type : readableTypes()) {
            for (const CpuIsa isa : supportedIsas()) {
                for (const int threads : {1, 3}) {
                    const std::string tag = std::string(tensorTypeInfo(type).name) + "/" + configTag(isa, threads);
                    QTest::newRow(tag.c_str()) << type << isa << threads;
                }
            }
        }
    }

    void matchesReferenceForEveryType()
    {
        QFETCH(TensorType, type);
        QFETCH(CpuIsa, isa);
        QFETCH(int, threads);
        CpuHarness h(threads, isa);
        QVERIFY(h.ok());
        uint32_t seed = 1;
        for (const uint64_t K : kValuesFor(type)) {
            // Rows: fewer than a tile, odd, and more than one panel per thread; tokens: the decode path, a
            // partial micro-tile, several tiles with a remainder.
            const std::vector<uint64_t> rowCounts =
                K >= 4096 ? std::vector<uint64_t> {7, 33} : std::vector<uint64_t> {1, 7, 33, 67};
            for (const uint64_t M : rowCounts) {
                const HostWeight w = makeWeight(type, M, K, seed++);
                for (const uint32_t T : {1u, 2u, 3u, 5u, 9u}) {
                    if (K >= 4096 && T > 3)
                        continue; // keep the oracle's double loops quick
                    checkMatmul(h, w, T, T == 3, seed++);
                    if (QTest::currentTestFailed())
                        return;
                }
            }
        }
    }

    void promptSizedBatchMatchesReference_data()
    {
        QTest::addColumn<CpuIsa>("isa");
        for (const CpuIsa isa : supportedIsas())
            QTest::newRow(std::string(cpuIsaName(isa)).c_str()) << isa;
    }

    void promptSizedBatchMatchesReference()
    {
        // A prompt-like batch: many tokens, a panel count that does not divide evenly across 3 threads.
        QFETCH(CpuIsa, isa);
        CpuHarness h(3, isa);
        for (const TensorType type : {TensorType::F32,
                 TensorType::F16,
                 TensorType::Q8_0,
                 TensorType::Q4_0,
                 TensorType::Q4_K,
                 TensorType::Q6_K}) {
            const HostWeight w = makeWeight(type, 150, 512, 77);
            checkMatmul(h, w, 67, true, 78);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void bf16TileSumsTheRoundedValues()
    {
        const cpu::Bf16Gemm &g = cpu::kernelsFor(CpuIsa::Avx512).bf16;
        if (!g.tile)
            QSKIP("this CPU has no AVX-512 BF16");
        for (const size_t K : {size_t {1}, size_t {31}, size_t {172}, size_t {576}}) {
            const size_t Kp = (K + cpu::kBf16Step - 1) / cpu::kBf16Step * cpu::kBf16Step;
            const size_t M = g.rows, T = g.tokens;
            const std::vector<float> wf = randomFloats(M * K, 3 + static_cast<uint32_t>(K));
            const std::vector<float> xf = randomFloats(T * K, 4 + static_cast<uint32_t>(K));
            std::vector<uint16_t> w(M * Kp, 0xFFFF), x(T * Kp, 0xFFFF);
            for (size_t r = 0; r < M; ++r)
                g.toBf16(wf.data() + r * K, K, w.data() + r * Kp, Kp);
            for (size_t t = 0; t < T; ++t)
                g.toBf16(xf.data() + t * K, K, x.data() + t * Kp, Kp);
            for (size_t i = 0; i < M * K; ++i) {
                // Round to nearest even: within half a bf16 ulp (2^-8 relative), and zeros past K.
                const float v = bf16Value(w[(i / K) * Kp + i % K]);
                QVERIFY2(std::abs(v - wf[i]) <= std::abs(wf[i]) * 0x1p-8f, qPrintable(QString::number(i)));
            }
            QCOMPARE(std::count(w.begin(), w.end(), uint16_t {0}), static_cast<long>(M * (Kp - K)));
            for (unsigned mr = 1; mr <= g.rows; ++mr) {
                for (unsigned nt = 1; nt <= g.tokens; ++nt) {
                    std::vector<float> out(T * M, -1.f);
                    g.tile(w.data(), Kp, mr, x.data(), Kp, nt, Kp, out.data(), M);
                    for (unsigned t = 0; t < T; ++t) {
                        for (unsigned r = 0; r < M; ++r) {
                            if (r >= mr || t >= nt) {
                                QCOMPARE(out[t * M + r], -1.f); // outside the tile: untouched
                                continue;
                            }
                            double want = 0.0, magnitude = 0.0;
                            for (size_t k = 0; k < K; ++k) {
                                const double p =
                                    static_cast<double>(bf16Value(w[r * Kp + k])) * bf16Value(x[t * Kp + k]);
                                want += p;
                                magnitude += std::abs(p);
                            }
                            QVERIFY2(std::abs(out[t * M + r] - want)
                                    <= (static_cast<double>(K) / 16 + 16) * 0x1p-24 * magnitude + 1e-30,
                                qPrintable(QStringLiteral("K=%1 %2x%3 (%4, %5): %6 vs %7")
                                               .arg(K)
                                               .arg(mr)
                                               .arg(nt)
                                               .arg(r)
                                               .arg(t)
                                               .arg(out[t * M + r])
                                               .arg(want)));
                        }
                    }
                }
            }
        }
    }

    void defaultPromptPathStaysWithinBf16Rounding()
    {
        // Quantized weights, prompt-sized batches, default activations: on CPUs with AVX-512 BF16 the bf16 path,
        // elsewhere f32. Either way each product is off by at most 2^-7 + 2^-16 of itself (both operands rounded
        // to bf16, 2^-8 each) plus f32 accumulation.
        const bool bf16 = cpu::kernelsFor(CpuIsa::Auto).bf16.tile != nullptr;
        for (const int threads : {1, 3}) {
            CpuHarness h(threads, CpuIsa::Auto, false, false);
            QVERIFY(h.ok());
            for (const TensorType type :
                {TensorType::Q8_0, TensorType::Q4_0, TensorType::Q5_1, TensorType::Q4_K, TensorType::Q6_K}) {
                const uint64_t K = tensorTypeInfo(type).blockElements == 256 ? 512 : 160;
                const uint64_t M = 37;
                const HostWeight w = makeWeight(type, M, K, 11);
                std::vector<float> dense(M * K);
                ref::dequantizeRows(w.view(), 0, M, dense.data());
                const Weight weight = h.upload(w);
                for (const uint32_t T : {2u, 7u, 13u}) {
                    const std::vector<float> x = randomFloats(T * K, 30 + T);
                    std::vector<float> expected(T * M);
                    ref::matmul(expected.data(), w.view(), x.data(), T, nullptr);
                    h.backend().beginStep();
                    const Act xa = h.input(x, T, static_cast<uint32_t>(K));
                    const Act out = h.backend().newAct(T, static_cast<uint32_t>(M));
                    h.backend().matmul(out, weight, xa, Weight {});
                    const std::vector<float> got = h.read(out);
                    double worst = 0.0;
                    for (uint32_t t = 0; t < T; ++t) {
                        for (uint64_t r = 0; r < M; ++r) {
                            double magnitude = 0.0;
                            for (uint64_t k = 0; k < K; ++k)
                                magnitude += std::abs(static_cast<double>(dense[r * K + k]) * x[t * K + k]);
                            const double err = std::abs(static_cast<double>(got[t * M + r]) - expected[t * M + r]);
                            worst = std::max(worst, err / magnitude);
                            QVERIFY2(err <= (0x1p-7 + 0x1p-16 + 1e-5) * magnitude,
                                qPrintable(QStringLiteral("%1 T=%2 (%3, %4): %5 vs %6")
                                               .arg(tensorTypeInfo(type).name.data())
                                               .arg(T)
                                               .arg(r)
                                               .arg(t)
                                               .arg(got[t * M + r])
                                               .arg(expected[t * M + r])));
                        }
                    }
                    if (bf16) // rounded, not exact: the test runs the bf16 path it means to
                        QVERIFY2(worst > 1e-6, qPrintable(QString::number(worst)));
                }
            }
        }
    }

    void getRowsDequantizesExactly_data()
    {
        QTest::addColumn<TensorType>("type");
        for (const TensorType type : readableTypes())
            QTest::newRow(tensorTypeInfo(type).name.data()) << type;
    }

    void getRowsDequantizesExactly()
    {
        QFETCH(TensorType, type);
        const uint64_t K = tensorTypeInfo(type).blockElements == 256 ? 512 : 96;
        const HostWeight w = makeWeight(type, 11, K, 5);
        const std::vector<int32_t> ids {3, 0, 10, 3};
        std::vector<float> expected(ids.size() * K);
        ref::getRows(expected.data(), w.view(), ids);
        for (const CpuIsa isa : supportedIsas()) {
            CpuHarness h(2, isa);
            const Weight table = h.upload(w);
            h.backend().beginStep();
            const Act out = h.backend().newAct(static_cast<uint32_t>(ids.size()), static_cast<uint32_t>(K));
            h.backend().getRows(out, table, ids);
            const std::vector<float> got = h.read(out);
            QVERIFY(std::equal(expected.begin(), expected.end(), got.begin()));
        }
    }

    void decodeStepsReuseActivationBuffers()
    {
        // Many steps of different sizes through one backend: buffers are recycled, results stay right.
        CpuHarness h(3, CpuIsa::Auto);
        const HostWeight w = makeWeight(TensorType::Q4_0, 40, 64, 9);
        for (uint32_t step = 0; step < 6; ++step)
            checkMatmul(h, w, step % 2 == 0 ? 1u : 13u, false, 100 + step);
    }

    void rejectsTypesItCannotRead()
    {
        CpuHarness h(1, CpuIsa::Generic);
        std::vector<uint8_t> bytes(66 * 2);
        GgufTensor t;
        t.name = "blk.0.ffn_up.weight";
        t.type = TensorType::IQ2_XXS;
        t.nDims = 2;
        t.ne = {256, 2, 1, 1};
        t.data = bytes.data();
        auto uploaded = h.backend().uploadWeight(t);
        QVERIFY(!uploaded);
        QCOMPARE(uploaded.error().code, ErrorCode::UnsupportedQuantization);
        QVERIFY(uploaded.error().message.find("blk.0.ffn_up.weight") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestCpuMatmul)
#include "test_cpu_matmul.moc"
