// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The fast CPU backend's non-matmul ops against the scalar reference: norms, RoPE (both pairings, partial rotary,
// frequency factors, YaRN), attention (GQA, sliding window, softcap, KV lengths across block boundaries, several
// query rows, over f16 and f32 caches), the f16 KV stores and the elementwise ops; 1 and 3 threads on every kernel
// level this CPU has. Bounds from engine-notes §7: NMSE <= 1e-7 for elementwise / norms / RoPE, <= 1e-6 for attention
// (softmax).
#include <limits>
#include <vector>

#include <QtTest>

#include "cpu/cpu_kernels.h"
#include "cpu_test_support.h"

using namespace atrium;
using namespace atrium::test;

Q_DECLARE_METATYPE(atrium::CpuIsa)

namespace
{

#define CHECK_NMSE(expected, got, bound, what)                                                                         \
    do {                                                                                                               \
        const double nmse_ = ref::nmse(expected, got);                                                                 \
        if (!(nmse_ <= (bound)))                                                                                       \
            QFAIL(qPrintable(                                                                                          \
                QStringLiteral("%1: nmse %2 > %3").arg(QString::fromStdString(what)).arg(nmse_).arg(bound)));          \
    } while (false)

void addConfigRows()
{
    QTest::addColumn<CpuIsa>("isa");
    QTest::addColumn<int>("threads");
    for (const CpuIsa isa : supportedIsas()) {
        for (const int threads : {1, 3})
            QTest::newRow(configTag(isa, threads).c_str()) << isa << threads;
    }
}

struct AttentionCase {
    uint32_t nHead, nHeadKv, headDim, pos0, T, window;
    float softcap;
};

} // namespace

class TestCpuOps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normsMatchReference_data()
    {
        addConfigRows();
    }

    void normsMatchReference()
    {
        QFETCH(CpuIsa, isa);
        QFETCH(int, threads);
        CpuHarness h(threads, isa);
        for (const uint32_t n : {7u, 64u, 576u, 2051u}) {
            for (const uint32_t rows : {1u, 5u, 40u}) {
                const std::vector<float> x = randomFloats(static_cast<size_t>(rows) * n, n + rows, 3.f);
                const std::vector<float> w = randomFloats(n, n * 7);
                const std::vector<float> b = randomFloats(n, n * 11);
                const Weight wv = h.uploadVector(w);
                const Weight bv = h.uploadVector(b);
                for (const bool withWeights : {false, true}) {
                    std::vector<float> expRms(x.size()), expLn(x.size());
                    ref::rmsNorm(expRms.data(), x.data(), withWeights ? w.data() : nullptr, rows, n, 1e-5f);
                    ref::layerNorm(expLn.data(),
                        x.data(),
                        withWeights ? w.data() : nullptr,
                        withWeights ? b.data() : nullptr,
                        rows,
                        n,
                        1e-5f);
                    h.backend().beginStep();
                    const Act xa = h.input(x, rows, n);
                    const Act o1 = h.backend().newAct(rows, n);
                    const Act o2 = h.backend().newAct(rows, n);
                    h.backend().rmsNorm(o1, xa, withWeights ? wv : Weight {}, 1e-5f);
                    h.backend().layerNorm(o2, xa, withWeights ? wv : Weight {}, withWeights ? bv : Weight {}, 1e-5f);
                    const std::string what = "n=" + std::to_string(n) + " rows=" + std::to_string(rows);
                    CHECK_NMSE(expRms, h.read(o1), 1e-7, "rmsNorm " + what);
                    CHECK_NMSE(expLn, h.read(o2), 1e-7, "layerNorm " + what);
                }
            }
        }
    }

    void ropeMatchesReference_data()
    {
        addConfigRows();
    }

    void ropeMatchesReference()
    {
        QFETCH(CpuIsa, isa);
        QFETCH(int, threads);
        CpuHarness h(threads, isa);
        const std::vector<float> factors = {1.f, 1.5f, 2.f, 4.f, 8.f, 1.f, 1.f, 3.f};
        const Weight factorWeight = h.uploadVector(factors);
        struct Case {
            RopeMode mode;
            uint32_t headDim, nRot;
            bool freqFactors, yarn;
        };
        const Case cases[] = {{RopeMode::Normal, 64, 64, false, false},
            {RopeMode::Neox, 128, 128, false, false},
            {RopeMode::Neox, 80, 32, false, false},
            {RopeMode::Normal, 64, 16, true, false},
            {RopeMode::Neox, 96, 64, false, true}};
        for (const Case &c : cases) {
            RopeParams p;
            p.mode = c.mode;
            p.nRot = c.nRot;
            p.freqBase = 500000.f;
            if (c.yarn) {
                p.freqScale = 0.25f;
                p.extFactor = 1.f;
                p.nCtxOrig = 4096;
            }
            if (c.freqFactors)
                p.freqFactors = factorWeight;
            for (const uint32_t pos0 : {0u, 37u, 1000u}) {
                const uint32_t T = pos0 == 37 ? 19 : 3;
                const uint32_t nHeads = 3;
                std::vector<float> x = randomFloats(static_cast<size_t>(T) * nHeads * c.headDim, pos0 + c.headDim);
                h.backend().beginStep();
                const Act xa = h.input(x, T, nHeads * c.headDim);
                h.backend().rope(xa, nHeads, c.headDim, pos0, p);
                ref::rope(x.data(), T, nHeads, c.headDim, pos0, p, c.freqFactors ? factors.data() : nullptr);
                CHECK_NMSE(x,
                    h.read(xa),
                    1e-7,
                    "rope headDim=" + std::to_string(c.headDim) + " nRot=" + std::to_string(c.nRot)
                        + " pos0=" + std::to_string(pos0));
            }
        }
    }

    void attentionMatchesReference_data()
    {
        addConfigRows();
    }

    void attentionMatchesReference()
    {
        QFETCH(CpuIsa, isa);
        QFETCH(int, threads);
        const AttentionCase cases[] = {
            {4, 4, 64, 0, 1, 0, 0.f}, // first token: one key
            {4, 1, 64, 1, 1, 0, 0.f}, // MQA, two keys
            {8, 2, 128, 62, 3, 0, 0.f}, // rows crossing 64 keys
            {7, 1, 80, 0, 70, 0, 0.f}, // a whole prompt, gqa 7, head dim 80
            {4, 2, 256, 250, 10, 0, 50.f}, // softcap, keys across two 128-key blocks
            {8, 2, 96, 290, 1, 32, 0.f}, // sliding window far from the start
            {6, 3, 64, 20, 40, 16, 30.f}, // window + softcap within a prompt
            {12, 4, 8, 3, 29, 0, 0.f}, // tiny heads (toy models), rows in several blocks
            {4, 2, 72, 100, 23, 50, 0.f}, // window: key blocks that some rows of a block no longer see
        };
        // The default f16 cache against the reference over the same keys and values rounded to f16, and an f32
        // cache against it over the values as they are.
        for (const bool f32Cache : {false, true}) {
            CpuHarness h(threads, isa, true, false, true, f32Cache);
            uint32_t layer = 0;
            const uint32_t nCtx = 320;
            for (const AttentionCase &c : cases) {
                const uint32_t kvDim = c.nHeadKv * c.headDim;
                const uint32_t nKeys = c.pos0 + c.T;
                QVERIFY(h.backend().allocateKvCache(1, nCtx, kvDim).has_value());
                const std::vector<float> kHost = randomFloats(static_cast<size_t>(nCtx) * kvDim, 3 * layer + 1);
                const std::vector<float> vHost = randomFloats(static_cast<size_t>(nCtx) * kvDim, 3 * layer + 2);
                const std::vector<float> q =
                    randomFloats(static_cast<size_t>(c.T) * c.nHead * c.headDim, 3 * layer + 3);
                AttentionParams p;
                p.nHead = c.nHead;
                p.nHeadKv = c.nHeadKv;
                p.headDim = c.headDim;
                p.scale = 1.f / std::sqrt(static_cast<float>(c.headDim)) * (c.softcap > 0.f ? 8.f : 1.f);
                p.softcap = c.softcap;
                p.window = c.window;

                h.backend().beginStep();
                const Act ka = h.input(std::span(kHost).first(static_cast<size_t>(nKeys) * kvDim), nKeys, kvDim);
                const Act va = h.input(std::span(vHost).first(static_cast<size_t>(nKeys) * kvDim), nKeys, kvDim);
                h.backend().storeKv(0, ka, va, 0);
                const Act qa = h.input(q, c.T, c.nHead * c.headDim);
                const Act out = h.backend().newAct(c.T, c.nHead * c.headDim);
                h.backend().attention(out, qa, 0, c.pos0, p);

                std::vector<float> expected(q.size());
                std::vector<float> kRef = kHost, vRef = vHost;
                if (!f32Cache) {
                    for (std::vector<float> *xs : {&kRef, &vRef})
                        for (float &x : *xs)
                            x = halfToFloat(floatToHalf(x));
                }
                const ref::KvView kv {kRef.data(), kvDim, c.headDim};
                const ref::KvView vv {vRef.data(), kvDim, c.headDim};
                ref::attention(expected.data(), q.data(), c.T, kv, vv, c.pos0, p);
                CHECK_NMSE(expected,
                    h.read(out),
                    1e-9,
                    std::string(f32Cache ? "f32" : "f16") + " cache, attention case " + std::to_string(layer));
                ++layer;
            }
        }
    }

    void kvStoresRoundLikeFloatToHalf()
    {
        // Kernels::toHalf (the f16 KV cache's stores) of every level gives floatToHalf's bits: ties to even, halves
        // below 2^-14, overflow to infinity, signed zeros; NaN stays NaN. Lengths cover the vector body and the tail.
        std::vector<float> x {0.f, -0.f, 1.f, -1.f, 65504.f, 65520.f, -65536.f, 1e-8f, -3e-8f, 6e-5f, 6.1e-5f, 1e30f};
        x.push_back(1.f + 1.f / 2048.f); // a tie between two halves: to even (1.0)
        x.push_back(1.f + 3.f / 2048.f); // a tie: to even (1 + 2/1024)
        x.push_back(std::numeric_limits<float>::infinity());
        const std::vector<float> more = randomFloats(37, 5, 100.f);
        x.insert(x.end(), more.begin(), more.end());
        for (const CpuIsa isa : supportedIsas()) {
            const cpu::Kernels &k = cpu::kernelsFor(isa);
            QVERIFY(k.toHalf);
            std::vector<uint16_t> got(x.size() + 1, 0xABCD);
            k.toHalf(x.data(), got.data(), x.size());
            for (size_t i = 0; i < x.size(); ++i)
                QVERIFY2(got[i] == floatToHalf(x[i]),
                    qPrintable(QStringLiteral("%1: %2 -> %3, want %4")
                                   .arg(cpuIsaName(isa).data())
                                   .arg(static_cast<double>(x[i]))
                                   .arg(got[i], 4, 16)
                                   .arg(floatToHalf(x[i]), 4, 16)));
            QCOMPARE(got.back(), uint16_t {0xABCD}); // nothing written past n
            const float nan = std::numeric_limits<float>::quiet_NaN();
            uint16_t h = 0;
            k.toHalf(&nan, &h, 1);
            QVERIFY(std::isnan(halfToFloat(h)));
        }
    }

    void elementwiseOpsMatchReference_data()
    {
        addConfigRows();
    }

    void elementwiseOpsMatchReference()
    {
        QFETCH(CpuIsa, isa);
        QFETCH(int, threads);
        CpuHarness h(threads, isa);
        // Sizes below and above the threshold where the ops are split across threads.
        for (const uint32_t rows : {1u, 3u, 70u}) {
            const uint32_t cols = 1537;
            const size_t n = static_cast<size_t>(rows) * cols;
            const std::vector<float> a = randomFloats(n, rows, 4.f);
            const std::vector<float> b = randomFloats(n, rows + 1, 4.f);
            const std::vector<float> wide = randomFloats(n, rows + 2, 60.f); // softcap inputs past the cap
            const std::string what = " rows=" + std::to_string(rows);
            h.backend().beginStep();
            const Act aa = h.input(a, rows, cols);
            const Act ba = h.input(b, rows, cols);
            const Act b1 = h.input(std::span(b).first(cols), 1, cols);

            std::vector<float> expected(n);
            const Act sum = h.backend().newAct(rows, cols);
            h.backend().add(sum, aa, ba);
            ref::add(expected.data(), a.data(), b.data(), rows, cols, rows);
            CHECK_NMSE(expected, h.read(sum), 1e-7, "add" + what);

            const Act bsum = h.backend().newAct(rows, cols);
            h.backend().add(bsum, aa, b1);
            ref::add(expected.data(), a.data(), b.data(), rows, cols, 1);
            CHECK_NMSE(expected, h.read(bsum), 1e-7, "add broadcast" + what);

            for (const Activation act : {Activation::Silu, Activation::GeluTanh}) {
                const Act g = h.backend().newAct(rows, cols);
                h.backend().glu(g, aa, ba, act);
                ref::glu(expected.data(), a.data(), b.data(), n, act);
                CHECK_NMSE(expected, h.read(g), 1e-7, "glu" + what);
            }

            std::vector<float> x = a;
            const Act xa = h.input(x, rows, cols);
            h.backend().gelu(xa);
            ref::gelu(x.data(), n);
            CHECK_NMSE(x, h.read(xa), 1e-7, "gelu" + what);

            x = wide;
            const Act ca = h.input(x, rows, cols);
            h.backend().softcap(ca, 30.f);
            ref::softcap(x.data(), n, 30.f);
            CHECK_NMSE(x, h.read(ca), 1e-7, "softcap" + what);
            h.backend().scale(ca, 0.125f);
            ref::scale(x.data(), n, 0.125f);
            CHECK_NMSE(x, h.read(ca), 1e-7, "scale" + what);

            const Act cols3 = h.backend().newAct(rows, 100);
            h.backend().copyCols(cols3, aa, 1400);
            std::vector<float> expCols(static_cast<size_t>(rows) * 100);
            ref::copyCols(expCols.data(), a.data(), rows, 100, cols, 1400);
            QVERIFY(h.read(cols3) == expCols);

            const Act last = h.backend().newAct(1, cols);
            h.backend().copyRows(last, aa, rows - 1);
            QVERIFY(h.read(last) == std::vector<float>(a.end() - cols, a.end()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCpuOps)
#include "test_cpu_ops.moc"
