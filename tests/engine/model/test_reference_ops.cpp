// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The scalar reference ops (the oracle every backend is compared with) against hand-computed values and the
// properties that define them. Whole models are checked against llama.cpp in test_model_golden.
#include <cmath>
#include <vector>

#include <QtTest>

#include "cpu/reference_ops.h"

using namespace atrium;

namespace
{

bool near(double a, double b, double tol = 1e-6)
{
    return std::abs(a - b) <= tol;
}

RopeParams ropeParams(RopeMode mode, uint32_t nRot)
{
    RopeParams p;
    p.mode = mode;
    p.nRot = nRot;
    return p;
}

} // namespace

class TestReferenceOps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ropeNormalRotatesAdjacentPairs()
    {
        // Position 1, base 1e4, 4 dims: pair 0 turns by 1 rad, pair 1 by 1e4^(-1/2) = 0.01 rad.
        std::vector<float> x {1, 0, 1, 0};
        ref::rope(x.data(), 1, 1, 4, 1, ropeParams(RopeMode::Normal, 4), nullptr);
        QVERIFY(near(x[0], std::cos(1.0)) && near(x[1], std::sin(1.0)));
        QVERIFY(near(x[2], std::cos(0.01)) && near(x[3], std::sin(0.01)));
    }

    void ropeNeoxRotatesHalfSplitPairs()
    {
        std::vector<float> x {1, 1, 0, 0}; // pairs (0, 2) and (1, 3)
        ref::rope(x.data(), 1, 1, 4, 1, ropeParams(RopeMode::Neox, 4), nullptr);
        QVERIFY(near(x[0], std::cos(1.0)) && near(x[2], std::sin(1.0)));
        QVERIFY(near(x[1], std::cos(0.01)) && near(x[3], std::sin(0.01)));
    }

    void ropeLeavesDimensionsPastNRot()
    {
        // Two tokens (positions 5 and 6), two heads of 4 dims, only 2 rotated: theta = pos.
        std::vector<float> x {1, 0, 7, 8, 0, 1, 9, 10, 1, 0, 7, 8, 0, 1, 9, 10};
        ref::rope(x.data(), 2, 2, 4, 5, ropeParams(RopeMode::Neox, 2), nullptr);
        for (int t = 0; t < 2; ++t) {
            const double th = 5 + t;
            const float *row = x.data() + t * 8;
            QVERIFY(near(row[0], std::cos(th)) && near(row[1], std::sin(th)));
            QVERIFY(near(row[4], -std::sin(th)) && near(row[5], std::cos(th)));
            QCOMPARE(row[2], 7.f);
            QCOMPARE(row[3], 8.f);
            QCOMPARE(row[6], 9.f);
            QCOMPARE(row[7], 10.f);
        }
    }

    void ropeAppliesFrequencyFactorsScaleAndAttentionFactor()
    {
        RopeParams p = ropeParams(RopeMode::Normal, 4);
        p.freqScale = 0.5f;
        p.attnFactor = 1.25f;
        const float factors[2] = {2.f, 4.f};
        std::vector<float> x {1, 0, 1, 0};
        ref::rope(x.data(), 1, 1, 4, 3, p, factors);
        const double th0 = 3.0 / 2.0 * 0.5;
        const double th1 = 3.0 * 0.01 / 4.0 * 0.5;
        QVERIFY(near(x[0], 1.25 * std::cos(th0)) && near(x[1], 1.25 * std::sin(th0)));
        QVERIFY(near(x[2], 1.25 * std::cos(th1)) && near(x[3], 1.25 * std::sin(th1)));
    }

    void yarnInterpolatesOnlyTheSlowDimensions()
    {
        RopeParams p = ropeParams(RopeMode::Neox, 128);
        p.freqBase = 10000.f;
        p.freqScale = 0.25f;
        p.extFactor = 1.f;
        p.nCtxOrig = 4096;
        const double mscale = 1.0 + 0.1 * std::log(4.0);
        float c = 0, s = 0;
        // Fast pair (k = 0, below the low correction dim): extrapolated, i.e. not scaled.
        ref::ropeCosSin(100, 0, p, 1.f, c, s);
        QVERIFY(near(c, mscale * std::cos(100.0), 1e-5) && near(s, mscale * std::sin(100.0), 1e-5));
        // Slow pair (k = 63, above the high correction dim): fully interpolated by freqScale.
        const double th = 100.0 * std::pow(10000.0, -2.0 * 63 / 128) * 0.25;
        ref::ropeCosSin(100, 63, p, 1.f, c, s);
        QVERIFY(near(c, mscale * std::cos(th), 1e-5) && near(s, mscale * std::sin(th), 1e-5));
    }

    void rmsNormAndLayerNormNormalize()
    {
        const std::vector<float> x {3, 4, 0, -4};
        const std::vector<float> w {1, 2, 3, 0.5f};
        std::vector<float> y(4);
        ref::rmsNorm(y.data(), x.data(), w.data(), 1, 4, 0.f); // rms = sqrt(41/4)
        const double inv = 1.0 / std::sqrt(41.0 / 4.0);
        QVERIFY(near(y[0], 3 * inv) && near(y[1], 8 * inv) && near(y[2], 0) && near(y[3], -2 * inv));

        const std::vector<float> b {0, 1, 0, 0};
        ref::layerNorm(y.data(), x.data(), nullptr, b.data(), 1, 4, 0.f); // mean 0.75, var 9.6875
        const double sd = std::sqrt(9.6875);
        QVERIFY(near(y[0], 2.25 / sd) && near(y[1], 3.25 / sd + 1) && near(y[3], -4.75 / sd));
    }

    void matmulOnQuantizedRowsEqualsDequantizedF32()
    {
        const uint32_t K = 64;
        const uint32_t M = 3;
        std::vector<float> w(M * K);
        for (size_t i = 0; i < w.size(); ++i)
            w[i] = std::sin(0.37 * i);
        std::vector<uint8_t> q(M * rowBytes(TensorType::Q8_0, K));
        for (uint32_t r = 0; r < M; ++r)
            QVERIFY(quantizeRow(TensorType::Q8_0, w.data() + r * K, q.data() + r * rowBytes(TensorType::Q8_0, K), K));
        const ref::WeightView qv {TensorType::Q8_0, q.data(), M, K};
        std::vector<float> deq(M * K);
        ref::dequantizeRows(qv, 0, M, deq.data());
        const ref::WeightView fv {TensorType::F32, deq.data(), M, K};

        std::vector<float> x(2 * K);
        for (size_t i = 0; i < x.size(); ++i)
            x[i] = std::cos(0.11 * i);
        const float bias[3] = {1, 2, 3};
        std::vector<float> a(2 * M), b(2 * M);
        ref::matmul(a.data(), qv, x.data(), 2, bias);
        ref::matmul(b.data(), fv, x.data(), 2, bias);
        QCOMPARE(a, b);
        double dot = 0;
        for (uint32_t k = 0; k < K; ++k)
            dot += double(deq[K + k]) * x[K + k];
        QVERIFY(near(b[M + 1], dot + 2, 1e-5));

        std::vector<float> rows(2 * K);
        const int32_t ids[2] = {2, 0};
        ref::getRows(rows.data(), qv, ids);
        QCOMPARE(
            std::vector<float>(rows.begin(), rows.begin() + K), std::vector<float>(deq.begin() + 2 * K, deq.end()));
    }

    void attentionIsCausalWindowedAndGrouped()
    {
        // 2 query heads share 1 KV head of dim 2; 4 cached positions; queries for positions 2 and 3.
        const AttentionParams p {2, 1, 2, 1.f, 0.f, 0};
        std::vector<float> k {1, 0, 0, 1, 1, 1, -1, 0}; // (4, 2)
        std::vector<float> v {1, 0, 0, 1, 2, 2, 5, 5};
        const std::vector<float> q {1, 0, 0, 1, 1, 0, 0, 1}; // (2 tokens, 2 heads × 2)
        std::vector<float> out(8);
        ref::attention(out.data(), q.data(), 2, {k.data(), 2, 2}, {v.data(), 2, 2}, 2, p);
        // Token at position 2, head 0 (q = [1, 0]): scores 1, 0, 1 over positions 0..2.
        const double e = std::exp(1.0);
        QVERIFY(near(out[0], (e * 1 + 1 * 0 + e * 2) / (2 * e + 1)));
        QVERIFY(near(out[1], (0 + 1 + e * 2) / (2 * e + 1)));

        // Causality: changing the key and value at position 3 does not change position 2's output.
        std::vector<float> k2 = k, v2 = v, out2(8);
        k2[6] = 9;
        v2[7] = -9;
        ref::attention(out2.data(), q.data(), 2, {k2.data(), 2, 2}, {v2.data(), 2, 2}, 2, p);
        QCOMPARE(std::vector<float>(out.begin(), out.begin() + 4), std::vector<float>(out2.begin(), out2.begin() + 4));

        // A window of 1 sees only the query's own position.
        AttentionParams w = p;
        w.window = 1;
        ref::attention(out.data(), q.data(), 2, {k.data(), 2, 2}, {v.data(), 2, 2}, 2, w);
        QCOMPARE(out, (std::vector<float> {2, 2, 2, 2, 5, 5, 5, 5}));
    }

    void softcapBoundsScores()
    {
        std::vector<float> x {0.f, 1.f, 100.f, -100.f};
        ref::softcap(x.data(), x.size(), 5.f);
        QVERIFY(near(x[0], 0) && near(x[1], 5 * std::tanh(0.2)) && near(x[2], 5, 1e-5) && near(x[3], -5, 1e-5));
    }

    void activations()
    {
        QVERIFY(near(ref::siluScalar(1.f), 1.0 / (1.0 + std::exp(-1.0))));
        QVERIFY(near(ref::geluTanhScalar(1.f), 0.5 * (1 + std::tanh(std::sqrt(2 / M_PI) * 1.044715))));
        QCOMPARE(ref::geluTanhScalar(0.f), 0.f);
        const std::vector<float> g {1.f, -2.f}, u {3.f, 4.f};
        std::vector<float> out(2);
        ref::glu(out.data(), g.data(), u.data(), 2, Activation::Silu);
        QVERIFY(near(out[0], 3 * ref::siluScalar(1.f)) && near(out[1], 4 * ref::siluScalar(-2.f)));
    }

    void copiesAndBroadcastAdd()
    {
        const std::vector<float> src {1, 2, 3, 4, 5, 6}; // (2, 3)
        std::vector<float> cols(4);
        ref::copyCols(cols.data(), src.data(), 2, 2, 3, 1);
        QCOMPARE(cols, (std::vector<float> {2, 3, 5, 6}));
        std::vector<float> row(3);
        ref::copyRows(row.data(), src.data(), 1, 3, 1);
        QCOMPARE(row, (std::vector<float> {4, 5, 6}));
        std::vector<float> sum(6);
        ref::add(sum.data(), src.data(), row.data(), 2, 3, 1);
        QCOMPARE(sum, (std::vector<float> {5, 7, 9, 8, 10, 12}));
        QCOMPARE(ref::maxAbsDiff(src, sum), 6.0);
    }
};

QTEST_APPLESS_MAIN(TestReferenceOps)
#include "test_reference_ops.moc"
