// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <QTest>

#include "inference/fit_estimate.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr qint64 kGB = 1000LL * 1000 * 1000;
}

class TestFitEstimate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void computesKvCacheFromTheShape()
    {
        // Llama-3-8B: 32 layers, 8 KV heads of 128 → 128 KiB per token in f16 (product.md).
        QCOMPARE(kvCacheBytes(32, 8, 128, 1), 128LL * 1024);
        QCOMPARE(kvCacheBytes(32, 8, 128, 4096), 512LL * 1024 * 1024);
    }

    void judgesAgainstTheGpuFirst_data()
    {
        QTest::addColumn<qint64>("weights");
        QTest::addColumn<qint64>("gpu");
        QTest::addColumn<qint64>("ram");
        QTest::addColumn<QString>("fit");
        QTest::addColumn<bool>("onGpu");
        // needed = weights + 1 GB KV + 256 MiB scratch
        QTest::addRow("comfortable on the GPU") << 4 * kGB << 12 * kGB << 32 * kGB << u"fits"_s << true;
        QTest::addRow("tight on the GPU") << 6 * kGB << 8 * kGB << 32 * kGB << u"tight"_s << true;
        QTest::addRow("too big for the GPU, fits RAM") << 10 * kGB << 8 * kGB << 32 * kGB << u"tight"_s << false;
        QTest::addRow("no GPU, fits RAM") << 4 * kGB << 0LL << 16 * kGB << u"fits"_s << false;
        QTest::addRow("no GPU, tight in RAM") << 9 * kGB << 0LL << 16 * kGB << u"tight"_s << false;
        QTest::addRow("too big for anything") << 40 * kGB << 8 * kGB << 16 * kGB << u"no"_s << false;
    }
    void judgesAgainstTheGpuFirst()
    {
        QFETCH(qint64, weights);
        QFETCH(qint64, gpu);
        QFETCH(qint64, ram);
        QFETCH(QString, fit);
        QFETCH(bool, onGpu);
        const FitEstimate e = estimateFit(weights, kGB, MemoryBudget {gpu, false, ram});
        QCOMPARE(e.name(), fit);
        QCOMPARE(e.onGpu, onGpu);
        QVERIFY(!e.explanation.isEmpty());
        QCOMPARE(e.neededBytes, weights + kGB + 256LL * 1024 * 1024);
    }

    void integratedGpusShareSystemMemory()
    {
        // A 16 GB "GPU" on a 8 GB laptop is limited by the RAM it shares.
        const FitEstimate e = estimateFit(5 * kGB, kGB, MemoryBudget {16 * kGB, true, 8 * kGB});
        QCOMPARE(e.name(), u"no"_s);
    }

    void unknownSizeIsUnknown()
    {
        QCOMPARE(estimateFit(0, 0, MemoryBudget {8 * kGB, false, 16 * kGB}).name(), QString());
        QCOMPARE(estimateFit(kGB, 0, MemoryBudget {}).name(), QString());
    }

    void approximationsGrowWithTheModel()
    {
        QVERIFY(approximateKvBytes(8'000'000'000, 4096) > approximateKvBytes(1'000'000'000, 4096));
        QVERIFY(approximateKvBytes(1'000'000'000, 8192) > approximateKvBytes(1'000'000'000, 4096));
        QCOMPARE(approximateQ4Bytes(1'000'000'000), 600'000'000LL);
    }
};

QTEST_APPLESS_MAIN(TestFitEstimate)
#include "test_fit_estimate.moc"
