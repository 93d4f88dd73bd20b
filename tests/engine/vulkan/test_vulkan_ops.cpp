// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Row-wise and elementwise kernels against the CPU reference (engine/src/cpu/reference_ops.h) with the NMSE bounds
// of engine-notes §7 (1e-7 for norms, RoPE, elementwise ops and copies): rms_norm, layer_norm, rope (NORM / NEOX,
// partial rotary, frequency factors, linear scaling, YaRN, attention factor), add (with broadcast), scale, softcap,
// glu (SiLU / GELU-tanh), gelu, copyCols, copyRows. Each op also runs on a backend whose bindings are capped at
// 4 KiB, so activations are split into row chunks.
#include <cstdio>
#include <functional>

#include "vulkan/vulkan_backend_impl.h"
#include "vulkan_test_util.h"

using namespace atrium;
using namespace atrium::test;

namespace
{

constexpr double kElementwiseNmse = 1e-7;

struct Shape {
    uint32_t rows;
    uint32_t cols;
};
const std::vector<Shape> kShapes {{1, 1}, {1, 7}, {3, 64}, {5, 100}, {33, 96}, {2, 1000}};

std::string describe(const Shape &s)
{
    return std::to_string(s.rows) + "x" + std::to_string(s.cols);
}

} // namespace

class TestVulkanOps : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Backend> m_backend;
    std::unique_ptr<Backend> m_tiny;
    std::string m_skip;

    /// Runs `op` on both backends for every shape; `ref` computes the expected output from the same inputs.
    /// op(backend, inputs) returns the activation to read; inputs are `nInputs` random (rows x cols) matrices.
    void checkRowOp(const char *name,
        int nInputs,
        const std::function<Act(Backend &, const std::vector<Act> &, const Shape &)> &op,
        const std::function<std::vector<float>(const std::vector<std::vector<float>> &, const Shape &)> &ref,
        float lo = -2.f,
        float hi = 2.f)
    {
        if (!m_backend)
            QSKIP(m_skip.c_str());
        std::mt19937 rng(42);
        double worst = 0.0;
        for (Backend *backend : {m_backend.get(), m_tiny.get()}) {
            for (const Shape &s : kShapes) {
                std::vector<std::vector<float>> inputs;
                backend->beginStep();
                std::vector<Act> acts;
                for (int i = 0; i < nInputs; ++i) {
                    inputs.push_back(randomFloats(static_cast<size_t>(s.rows) * s.cols, rng, lo, hi));
                    acts.push_back(putAct(*backend, inputs.back(), s.rows, s.cols));
                }
                const Act out = op(*backend, acts, s);
                const std::vector<float> got = readBack(*backend, out);
                const std::vector<float> want = ref(inputs, s);
                const double e = ref::nmse(want, got);
                worst = std::max(worst, e);
                QVERIFY2(e <= kElementwiseNmse,
                    (std::string(name) + " " + describe(s) + " nmse=" + std::to_string(e)).c_str());
            }
        }
        std::printf("%s: worst NMSE %.3g\n", name, worst);
    }

    Weight uploadVector(Backend &backend, const std::vector<float> &v)
    {
        std::vector<uint8_t> bytes(v.size() * sizeof(float));
        std::memcpy(bytes.data(), v.data(), bytes.size());
        HostTensor t = makeTensor("vec", TensorType::F32, v.size(), 1, std::move(bytes));
        return *backend.uploadWeight(t.info);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_backend = makeVulkanBackend({}, m_skip);
        VulkanBackendOptions tiny;
        tiny.maxBindingBytes = 4096;
        if (m_backend)
            m_tiny = makeVulkanBackend(tiny, m_skip);
    }

    void rmsNormMatchesReference()
    {
        for (bool withWeight : {true, false}) {
            std::vector<float> w;
            checkRowOp(
                withWeight ? "rms_norm (weight)" : "rms_norm",
                1,
                [&](Backend &b, const std::vector<Act> &in, const Shape &s) {
                    std::mt19937 rng(s.cols);
                    w = randomFloats(s.cols, rng, 0.5f, 1.5f);
                    const Act out = b.newAct(s.rows, s.cols);
                    b.rmsNorm(out, in[0], withWeight ? uploadVector(b, w) : Weight {}, 1e-5f);
                    return out;
                },
                [&](const std::vector<std::vector<float>> &in, const Shape &s) {
                    std::vector<float> out(in[0].size());
                    ref::rmsNorm(out.data(), in[0].data(), withWeight ? w.data() : nullptr, s.rows, s.cols, 1e-5f);
                    return out;
                });
        }
    }

    void rmsNormWorksInPlace()
    {
        checkRowOp(
            "rms_norm in place",
            1,
            [&](Backend &b, const std::vector<Act> &in, const Shape &) {
                b.rmsNorm(in[0], in[0], Weight {}, 1e-6f);
                return in[0];
            },
            [&](const std::vector<std::vector<float>> &in, const Shape &s) {
                std::vector<float> out(in[0].size());
                ref::rmsNorm(out.data(), in[0].data(), nullptr, s.rows, s.cols, 1e-6f);
                return out;
            });
    }

    void addThenRmsNormFuses()
    {
        // x = a + b; h = rmsNorm(x) * w runs as one add_rms_norm dispatch; both outputs must match.
        std::vector<float> w;
        for (bool inPlace : {false, true}) {
            checkRowOp(
                inPlace ? "add + rms_norm in place" : "add + rms_norm",
                2,
                [&](Backend &b, const std::vector<Act> &in, const Shape &s) {
                    std::mt19937 rng(s.cols + 3);
                    w = randomFloats(s.cols, rng, 0.5f, 1.5f);
                    const Weight wt = uploadVector(b, w);
                    const Act sum = b.newAct(s.rows, s.cols);
                    b.add(sum, in[0], in[1]);
                    const Act h = inPlace ? sum : b.newAct(s.rows, s.cols);
                    b.rmsNorm(h, sum, wt, 1e-5f);
                    return h;
                },
                [&](const std::vector<std::vector<float>> &in, const Shape &s) {
                    std::vector<float> sum(in[0].size());
                    ref::add(sum.data(), in[0].data(), in[1].data(), s.rows, s.cols, s.rows);
                    std::vector<float> out(sum.size());
                    ref::rmsNorm(out.data(), sum.data(), w.data(), s.rows, s.cols, 1e-5f);
                    return out;
                });
        }
        // The sum itself is written too.
        checkRowOp(
            "add + rms_norm (sum)",
            2,
            [](Backend &b, const std::vector<Act> &in, const Shape &s) {
                const Act sum = b.newAct(s.rows, s.cols);
                b.add(sum, in[0], in[1]);
                const Act h = b.newAct(s.rows, s.cols);
                b.rmsNorm(h, sum, Weight {}, 1e-5f);
                return sum;
            },
            [](const std::vector<std::vector<float>> &in, const Shape &s) {
                std::vector<float> sum(in[0].size());
                ref::add(sum.data(), in[0].data(), in[1].data(), s.rows, s.cols, s.rows);
                return sum;
            });
    }

    void addThenRmsNormIsOneDispatch()
    {
        if (!m_backend)
            QSKIP(m_skip.c_str());
        auto *vk = dynamic_cast<VulkanBackend *>(m_backend.get());
        QVERIFY(vk);
        std::mt19937 rng(5);
        vk->beginStep();
        const Act a = putAct(*vk, randomFloats(3 * 64, rng), 3, 64);
        const Act b = putAct(*vk, randomFloats(3 * 64, rng), 3, 64);
        const uint64_t before = vk->dispatchCount();
        const Act sum = vk->newAct(3, 64);
        vk->add(sum, a, b);
        const Act h = vk->newAct(3, 64);
        vk->rmsNorm(h, sum, Weight {}, 1e-5f);
        (void)readBack(*vk, h);
        QCOMPARE(vk->dispatchCount() - before, uint64_t {1});
        // An add followed by anything else is recorded on its own.
        const uint64_t before2 = vk->dispatchCount();
        vk->add(sum, a, b);
        vk->scale(h, 2.f);
        (void)readBack(*vk, sum);
        QCOMPARE(vk->dispatchCount() - before2, uint64_t {2});
    }

    void layerNormMatchesReference()
    {
        for (int variant = 0; variant < 3; ++variant) {
            std::vector<float> w;
            std::vector<float> bias;
            const bool hasW = variant != 2;
            const bool hasB = variant == 0;
            checkRowOp(
                "layer_norm",
                1,
                [&](Backend &b, const std::vector<Act> &in, const Shape &s) {
                    std::mt19937 rng(s.cols + 7);
                    w = randomFloats(s.cols, rng, 0.5f, 1.5f);
                    bias = randomFloats(s.cols, rng);
                    const Act out = b.newAct(s.rows, s.cols);
                    b.layerNorm(out,
                        in[0],
                        hasW ? uploadVector(b, w) : Weight {},
                        hasB ? uploadVector(b, bias) : Weight {},
                        1e-5f);
                    return out;
                },
                [&](const std::vector<std::vector<float>> &in, const Shape &s) {
                    std::vector<float> out(in[0].size());
                    ref::layerNorm(out.data(),
                        in[0].data(),
                        hasW ? w.data() : nullptr,
                        hasB ? bias.data() : nullptr,
                        s.rows,
                        s.cols,
                        1e-5f);
                    return out;
                },
                -1.f,
                3.f);
        }
    }

    void addMatchesReference()
    {
        checkRowOp(
            "add",
            2,
            [](Backend &b, const std::vector<Act> &in, const Shape &s) {
                const Act out = b.newAct(s.rows, s.cols);
                b.add(out, in[0], in[1]);
                return out;
            },
            [](const std::vector<std::vector<float>> &in, const Shape &s) {
                std::vector<float> out(in[0].size());
                ref::add(out.data(), in[0].data(), in[1].data(), s.rows, s.cols, s.rows);
                return out;
            });
    }

    void addBroadcastsOneRow()
    {
        checkRowOp(
            "add broadcast",
            2,
            [](Backend &b, const std::vector<Act> &in, const Shape &s) {
                const Act row = b.newAct(1, s.cols);
                b.copyRows(row, in[1], 0);
                const Act out = b.newAct(s.rows, s.cols);
                b.add(out, in[0], row);
                return out;
            },
            [](const std::vector<std::vector<float>> &in, const Shape &s) {
                std::vector<float> out(in[0].size());
                ref::add(out.data(), in[0].data(), in[1].data(), s.rows, s.cols, 1);
                return out;
            });
    }

    void scaleSoftcapAndGeluMatchReference()
    {
        checkRowOp(
            "scale",
            1,
            [](Backend &b, const std::vector<Act> &in, const Shape &) {
                b.scale(in[0], 0.37f);
                return in[0];
            },
            [](const std::vector<std::vector<float>> &in, const Shape &) {
                std::vector<float> out = in[0];
                ref::scale(out.data(), out.size(), 0.37f);
                return out;
            });
        checkRowOp(
            "softcap",
            1,
            [](Backend &b, const std::vector<Act> &in, const Shape &) {
                b.softcap(in[0], 5.f);
                return in[0];
            },
            [](const std::vector<std::vector<float>> &in, const Shape &) {
                std::vector<float> out = in[0];
                ref::softcap(out.data(), out.size(), 5.f);
                return out;
            },
            -30.f,
            30.f);
        checkRowOp(
            "gelu",
            1,
            [](Backend &b, const std::vector<Act> &in, const Shape &) {
                b.gelu(in[0]);
                return in[0];
            },
            [](const std::vector<std::vector<float>> &in, const Shape &) {
                std::vector<float> out = in[0];
                ref::gelu(out.data(), out.size());
                return out;
            },
            -8.f,
            8.f);
    }

    void gluMatchesReference()
    {
        for (Activation act : {Activation::Silu, Activation::GeluTanh}) {
            checkRowOp(
                act == Activation::Silu ? "glu silu" : "glu gelu",
                2,
                [act](Backend &b, const std::vector<Act> &in, const Shape &s) {
                    const Act out = b.newAct(s.rows, s.cols);
                    b.glu(out, in[0], in[1], act);
                    return out;
                },
                [act](const std::vector<std::vector<float>> &in, const Shape &) {
                    std::vector<float> out(in[0].size());
                    ref::glu(out.data(), in[0].data(), in[1].data(), out.size(), act);
                    return out;
                },
                -12.f,
                12.f);
        }
    }

    void copyColsAndRowsMatchReference()
    {
        checkRowOp(
            "copyCols",
            1,
            [](Backend &b, const std::vector<Act> &in, const Shape &s) {
                const uint32_t off = s.cols / 3;
                const Act out = b.newAct(s.rows, s.cols - off);
                b.copyCols(out, in[0], off);
                return out;
            },
            [](const std::vector<std::vector<float>> &in, const Shape &s) {
                const uint32_t off = s.cols / 3;
                std::vector<float> out(static_cast<size_t>(s.rows) * (s.cols - off));
                ref::copyCols(out.data(), in[0].data(), s.rows, s.cols - off, s.cols, off);
                return out;
            });
        checkRowOp(
            "copyRows",
            1,
            [](Backend &b, const std::vector<Act> &in, const Shape &s) {
                const uint32_t off = s.rows / 2;
                const Act out = b.newAct(s.rows - off, s.cols);
                b.copyRows(out, in[0], off);
                return out;
            },
            [](const std::vector<std::vector<float>> &in, const Shape &s) {
                const uint32_t off = s.rows / 2;
                std::vector<float> out(static_cast<size_t>(s.rows - off) * s.cols);
                ref::copyRows(out.data(), in[0].data(), s.rows - off, s.cols, off);
                return out;
            });
    }

    void ropeMatchesReference_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("nHeads");
        QTest::addColumn<int>("headDim");
        QTest::addColumn<int>("nRot");
        QTest::addColumn<int>("pos0");
        QTest::addColumn<float>("freqScale");
        QTest::addColumn<float>("attnFactor");
        QTest::addColumn<float>("extFactor");
        QTest::addColumn<bool>("factors");
        const int normal = static_cast<int>(RopeMode::Normal);
        const int neox = static_cast<int>(RopeMode::Neox);
        QTest::newRow("normal") << normal << 4 << 16 << 16 << 0 << 1.f << 1.f << 0.f << false;
        QTest::newRow("normal pos 37") << normal << 3 << 16 << 16 << 37 << 1.f << 1.f << 0.f << false;
        QTest::newRow("neox") << neox << 4 << 16 << 16 << 5 << 1.f << 1.f << 0.f << false;
        QTest::newRow("neox partial rotary") << neox << 4 << 16 << 4 << 9 << 1.f << 1.f << 0.f << false;
        QTest::newRow("normal partial rotary") << normal << 2 << 24 << 8 << 3 << 1.f << 1.f << 0.f << false;
        QTest::newRow("frequency factors") << normal << 6 << 16 << 16 << 20 << 1.f << 1.f << 0.f << true;
        QTest::newRow("neox factors + attn factor") << neox << 4 << 16 << 16 << 11 << 1.f << 1.3093f << 0.f << true;
        QTest::newRow("linear scaling") << neox << 2 << 32 << 32 << 50 << 0.25f << 1.f << 0.f << false;
        QTest::newRow("yarn") << neox << 2 << 32 << 32 << 90 << 0.25f << 1.f << 1.f << false;
        QTest::newRow("long positions") << neox << 2 << 128 << 128 << 1000 << 1.f << 1.f << 0.f << false;
    }
    void ropeMatchesReference()
    {
        if (!m_backend)
            QSKIP(m_skip.c_str());
        QFETCH(int, mode);
        QFETCH(int, nHeads);
        QFETCH(int, headDim);
        QFETCH(int, nRot);
        QFETCH(int, pos0);
        QFETCH(float, freqScale);
        QFETCH(float, attnFactor);
        QFETCH(float, extFactor);
        QFETCH(bool, factors);
        std::mt19937 rng(static_cast<uint32_t>(pos0 + nRot));
        const std::vector<float> ff = randomFloats(static_cast<size_t>(nRot / 2), rng, 1.f, 32.f);
        const uint32_t cols = static_cast<uint32_t>(nHeads * headDim);
        for (Backend *backend : {m_backend.get(), m_tiny.get()}) {
            for (uint32_t T : {1u, 7u}) {
                const std::vector<float> x = randomFloats(static_cast<size_t>(T) * cols, rng);
                backend->beginStep();
                RopeParams p;
                p.mode = static_cast<RopeMode>(mode);
                p.nRot = static_cast<uint32_t>(nRot);
                p.freqBase = 10000.f;
                p.freqScale = freqScale;
                p.attnFactor = attnFactor;
                p.extFactor = extFactor;
                p.nCtxOrig = 64;
                if (factors)
                    p.freqFactors = uploadVector(*backend, ff);
                const Act a = putAct(*backend, x, T, cols);
                backend->rope(
                    a, static_cast<uint32_t>(nHeads), static_cast<uint32_t>(headDim), static_cast<uint32_t>(pos0), p);
                const std::vector<float> got = readBack(*backend, a);
                std::vector<float> want = x;
                ref::rope(want.data(),
                    T,
                    static_cast<uint32_t>(nHeads),
                    static_cast<uint32_t>(headDim),
                    static_cast<uint32_t>(pos0),
                    p,
                    factors ? ff.data() : nullptr);
                const double e = ref::nmse(want, got);
                std::printf("rope %s T=%u: NMSE %.3g\n", QTest::currentDataTag(), T, e);
                QVERIFY2(e <= kElementwiseNmse, ("T=" + std::to_string(T) + " nmse=" + std::to_string(e)).c_str());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestVulkanOps)
#include "test_vulkan_ops.moc"
