// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <cmath>
#include <set>
#include <vector>

#include <QtTest>

#include "atrium/sampler.h"

using atrium::Sampler;
using atrium::SamplerParams;

namespace
{

/// Logits whose softmax is exactly `probs`.
std::vector<float> logitsFor(const std::vector<double> &probs)
{
    std::vector<float> l;
    for (double p : probs)
        l.push_back(static_cast<float>(std::log(p)));
    return l;
}

SamplerParams unfiltered(uint64_t seed)
{
    SamplerParams p;
    p.temperature = 1.f;
    p.topK = 0;
    p.topP = 1.f;
    p.minP = 0.f;
    p.seed = seed;
    return p;
}

std::set<int32_t> idsDrawn(Sampler &s, const std::vector<float> &logits, int draws)
{
    std::set<int32_t> ids;
    for (int i = 0; i < draws; ++i)
        ids.insert(s.sample(logits));
    return ids;
}

} // namespace

class TestSampler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void greedyTakesTheArgmaxAndTheLowestIdOnTies()
    {
        SamplerParams p;
        p.temperature = 0.f;
        Sampler s(p);
        QCOMPARE(s.sample(std::vector<float> {0.1f, 3.f, -2.f, 2.9f}), 1);
        QCOMPARE(s.sample(std::vector<float> {1.f, 5.f, 5.f, 5.f}), 1);
        QCOMPARE(Sampler::greedy(std::vector<float> {7.f, 7.f}), 0);
    }

    void sameSeedGivesTheSameTokens()
    {
        const std::vector<float> logits = logitsFor({0.2, 0.2, 0.2, 0.2, 0.2});
        Sampler a(unfiltered(42));
        Sampler b(unfiltered(42));
        Sampler c(unfiltered(43));
        std::vector<int32_t> sa, sb, sc;
        for (int i = 0; i < 64; ++i) {
            sa.push_back(a.sample(logits));
            sb.push_back(b.sample(logits));
            sc.push_back(c.sample(logits));
        }
        QCOMPARE(sa, sb);
        QVERIFY(sa != sc);
        a.reseed(42);
        QCOMPARE(a.sample(logits), sa.front());
    }

    void drawsFollowTheSoftmax()
    {
        Sampler s(unfiltered(7));
        const std::vector<float> logits {0.f, std::log(3.f)}; // p = 0.25, 0.75
        int ones = 0;
        const int n = 20000;
        for (int i = 0; i < n; ++i)
            ones += s.sample(logits);
        QVERIFY2(std::abs(ones / double(n) - 0.75) < 0.02, qPrintable(QString::number(ones / double(n))));
    }

    void temperatureSharpensTheDistribution()
    {
        SamplerParams p = unfiltered(9);
        p.temperature = 0.25f; // p ∝ (0.25, 0.75)^4 → 1/82 for id 0
        Sampler s(p);
        const std::vector<float> logits {0.f, std::log(3.f)};
        int zeros = 0;
        for (int i = 0; i < 20000; ++i)
            zeros += s.sample(logits) == 0 ? 1 : 0;
        QVERIFY2(std::abs(zeros / 20000.0 - 1.0 / 82.0) < 0.005, qPrintable(QString::number(zeros)));
    }

    void topKKeepsTheKBest()
    {
        SamplerParams p = unfiltered(1);
        p.topK = 2;
        Sampler s(p);
        const std::vector<float> logits {0.5f, 3.f, 1.f, 2.9f, 0.f};
        QCOMPARE(idsDrawn(s, logits, 2000), (std::set<int32_t> {1, 3}));
        p.topK = 1;
        p.temperature = 5.f;
        Sampler one(p);
        QCOMPARE(idsDrawn(one, logits, 200), (std::set<int32_t> {1}));
    }

    void topPKeepsTheSmallestPrefixReachingP()
    {
        const std::vector<float> logits = logitsFor({0.15, 0.5, 0.05, 0.3});
        SamplerParams p = unfiltered(2);
        p.topP = 0.7f; // 0.5 < 0.7 <= 0.8
        Sampler a(p);
        QCOMPARE(idsDrawn(a, logits, 3000), (std::set<int32_t> {1, 3}));
        p.topP = 0.9f; // 0.8 < 0.9 <= 0.95
        Sampler b(p);
        QCOMPARE(idsDrawn(b, logits, 3000), (std::set<int32_t> {0, 1, 3}));
        p.topP = 0.1f; // always at least one token
        Sampler c(p);
        QCOMPARE(idsDrawn(c, logits, 300), (std::set<int32_t> {1}));
    }

    void minPDropsTokensFarBelowTheBest()
    {
        const std::vector<float> logits = logitsFor({0.15, 0.5, 0.05, 0.3});
        SamplerParams p = unfiltered(3);
        p.minP = 0.5f; // keeps p >= 0.25
        Sampler a(p);
        QCOMPARE(idsDrawn(a, logits, 3000), (std::set<int32_t> {1, 3}));
        p.minP = 0.2f; // keeps p >= 0.1
        Sampler b(p);
        QCOMPARE(idsDrawn(b, logits, 3000), (std::set<int32_t> {0, 1, 3}));
    }

    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits()
    {
        SamplerParams p;
        p.temperature = 0.f;
        p.repeatPenalty = 1.5f;
        Sampler s(p);
        const std::vector<int32_t> history {0};
        // 2.0 / 1.5 = 1.33 < 1.9: the repeated token loses.
        QCOMPARE(s.sample(std::vector<float> {2.f, 1.9f, -1.f}, history), 1);
        // -1.0 * 1.5 = -1.5 < -1.2: negative logits are pushed down, not up.
        QCOMPARE(s.sample(std::vector<float> {-1.f, -1.2f}, history), 1);
        // Without history nothing changes.
        QCOMPARE(s.sample(std::vector<float> {2.f, 1.9f, -1.f}), 0);
    }

    void repetitionPenaltyOnlySeesTheLastNTokens()
    {
        SamplerParams p;
        p.temperature = 0.f;
        p.repeatPenalty = 1.5f;
        p.repeatLastN = 2;
        Sampler s(p);
        const std::vector<float> logits {2.f, 1.9f, -1.f, 0.f};
        QCOMPARE(s.sample(logits, std::vector<int32_t> {0, 3, 3}), 0); // 0 is outside the window
        QCOMPARE(s.sample(logits, std::vector<int32_t> {3, 0, 3}), 1);
        p.repeatLastN = 0; // off
        Sampler off(p);
        QCOMPARE(off.sample(logits, std::vector<int32_t> {0}), 0);
    }
};

QTEST_APPLESS_MAIN(TestSampler)
#include "test_sampler.moc"
