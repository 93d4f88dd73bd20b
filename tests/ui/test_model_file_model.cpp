// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "models/model_file_model.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr qint64 kGB = 1000LL * 1000 * 1000;

HubFileEntry lfs(const QString &path, qint64 size)
{
    HubFileEntry e;
    e.path = path;
    e.size = size;
    e.lfsSize = size;
    e.lfsSha256 = QString(64, u'a');
    return e;
}

HubModelInfo repository()
{
    HubModelInfo info;
    info.summary.id = u"org/Model-8B-GGUF"_s;
    info.summary.gguf.totalParameters = 8'000'000'000;
    info.siblings = {
        HubFileEntry {u"README.md"_s, false, 4000, {}, {}, -1},
        lfs(u"Model-8B-Q8_0.gguf"_s, 8'500'000'000),
        lfs(u"Model-8B-Q4_K_M.gguf"_s, 4'900'000'000),
        lfs(u"Model-8B-Q2_K.gguf"_s, 3'200'000'000),
        lfs(u"F16/Model-8B-F16-00001-of-00002.gguf"_s, 8'000'000'000),
        lfs(u"F16/Model-8B-F16-00002-of-00002.gguf"_s, 8'100'000'000),
        lfs(u"mmproj-Model-8B-f16.gguf"_s, 600'000'000),
        lfs(u"model.safetensors"_s, 16'000'000'000),
    };
    return info;
}

QString roleAt(const ModelFileModel &m, int row, int role)
{
    return m.index(row).data(role).toString();
}
} // namespace

class TestModelFileModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsGgufChoicesByBitsWithShardsGrouped()
    {
        ModelFileModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFiles(repository());
        // Q2_K, Q4_K_M, Q8_0, the F16 shard set, then the projector; README and safetensors are not choices.
        QCOMPARE(model.count(), 5);
        QCOMPARE(roleAt(model, 0, ModelFileModel::QuantizationRole), u"Q2_K"_s);
        QCOMPARE(roleAt(model, 1, ModelFileModel::QuantizationRole), u"Q4_K_M"_s);
        QCOMPARE(roleAt(model, 1, ModelFileModel::GroupRole), u"4-bit"_s);
        QCOMPARE(roleAt(model, 2, ModelFileModel::QuantizationRole), u"Q8_0"_s);
        QCOMPARE(roleAt(model, 3, ModelFileModel::LabelRole), u"Model-8B-F16.gguf"_s);
        QCOMPARE(model.index(3).data(ModelFileModel::ShardCountRole).toInt(), 2);
        QCOMPARE(model.index(3).data(ModelFileModel::SizeBytesRole).toLongLong(), 16'100'000'000LL);
        QCOMPARE(model.pathsAt(3).size(), 2);
        QCOMPARE(model.rowOfPath(u"F16/Model-8B-F16-00002-of-00002.gguf"_s), 3);
        QCOMPARE(model.index(4).data(ModelFileModel::RunnableRole).toBool(), false);
        QCOMPARE(roleAt(model, 4, ModelFileModel::GroupRole), u"Other files"_s);
        QVERIFY(!roleAt(model, 4, ModelFileModel::NoteRole).isEmpty());
    }

    void bitsComeFromTheQuantizationName_data()
    {
        QTest::addColumn<QString>("quant");
        QTest::addColumn<int>("bits");
        QTest::addRow("k-quant") << u"Q4_K_M"_s << 4;
        QTest::addRow("i-quant") << u"IQ2_XS"_s << 2;
        QTest::addRow("ternary") << u"TQ1_0"_s << 1;
        QTest::addRow("legacy") << u"Q8_0"_s << 8;
        QTest::addRow("bf16") << u"BF16"_s << 16;
        QTest::addRow("f32") << u"F32"_s << 32;
        QTest::addRow("unknown") << u""_s << 0;
    }
    void bitsComeFromTheQuantizationName()
    {
        QFETCH(QString, quant);
        QFETCH(int, bits);
        QCOMPARE(ModelFileModel::bitsOf(quant), bits);
    }

    void fitLabelsFollowTheBudgetAndRecommendQ4()
    {
        ModelFileModel model;
        model.setFiles(repository());
        model.setFitInputs(MemoryBudget {11 * kGB, false, 32 * kGB}, 8'000'000'000, 4096);
        QCOMPARE(roleAt(model, 1, ModelFileModel::FitRole), u"fits"_s);
        QCOMPARE(roleAt(model, 2, ModelFileModel::FitRole), u"tight"_s);
        QCOMPARE(model.recommendedRow(), 1);
        QVERIFY(model.index(1).data(ModelFileModel::RecommendedRole).toBool());

        // A smaller machine: only Q2_K fits comfortably.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setFitInputs(MemoryBudget {0, false, 8 * kGB}, 8'000'000'000, 4096);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(roleAt(model, 0, ModelFileModel::FitRole), u"fits"_s);
        QCOMPARE(roleAt(model, 3, ModelFileModel::FitRole), u"no"_s);
        QCOMPARE(model.recommendedRow(), 0);
    }

    void downloadProgressReachesItsRow()
    {
        ModelFileModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFiles(repository());
        DownloadProgress p;
        p.id = 7;
        p.repoId = u"org/Model-8B-GGUF"_s;
        p.path = u"Model-8B-Q4_K_M.gguf"_s;
        p.state = DownloadState::Running;
        p.bytesDone = 1'000'000'000;
        p.bytesTotal = 4'900'000'000;
        p.bytesPerSecond = 5e6;
        p.etaSeconds = 780;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applyProgress(p);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(roleAt(model, 1, ModelFileModel::StateRole), u"running"_s);
        QCOMPARE(model.index(1).data(ModelFileModel::EtaRole).toLongLong(), 780);
        QCOMPARE(model.downloadIdAt(1), 7u);

        model.applyFinished(p.path, u"/cache/snapshots/abc/Model-8B-Q4_K_M.gguf"_s);
        QCOMPARE(roleAt(model, 1, ModelFileModel::StateRole), u"completed"_s);
        QCOMPARE(roleAt(model, 1, ModelFileModel::LocalPathRole), u"/cache/snapshots/abc/Model-8B-Q4_K_M.gguf"_s);

        model.applyFailed(u"Model-8B-Q8_0.gguf"_s, u"sha256 mismatch"_s);
        QCOMPARE(roleAt(model, 2, ModelFileModel::StateRole), u"failed"_s);
        QCOMPARE(roleAt(model, 2, ModelFileModel::StatusNoteRole), u"sha256 mismatch"_s);
    }

    void filesAlreadyInTheLibraryAreMarked()
    {
        ModelFileModel model;
        model.setFiles(repository());
        CatalogFile f;
        f.path = u"Model-8B-Q8_0.gguf"_s;
        f.localPath = u"/models/Model-8B-Q8_0.gguf"_s;
        model.setLocalFiles({f});
        QCOMPARE(roleAt(model, 2, ModelFileModel::StateRole), u"completed"_s);
        QCOMPARE(roleAt(model, 2, ModelFileModel::LocalPathRole), f.localPath);
        QCOMPARE(roleAt(model, 1, ModelFileModel::StateRole), QString());
    }
};

QTEST_MAIN(TestModelFileModel)
#include "test_model_file_model.moc"
