// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The smaller list models: each checked with QAbstractItemModelTester while its rows change, plus what it shows.

#include <QAbstractItemModelTester>
#include <QTest>

#include "models/conversation_list_model.h"
#include "models/device_list_model.h"
#include "models/download_list_model.h"
#include "models/leaderboard_model.h"
#include "models/library_model.h"
#include "models/local_file_model.h"
#include "models/recommendation_model.h"

using namespace Qt::StringLiterals;

namespace
{
template <typename M>
std::unique_ptr<QAbstractItemModelTester> watch(M &model)
{
    return std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

CatalogModel catalogModel(const QString &repoId, const QStringList &paths)
{
    CatalogModel m;
    m.repoId = repoId;
    m.source = ModelSource::Hub;
    m.rootPath = u"/cache"_s;
    for (const QString &p : paths) {
        CatalogFile f;
        f.path = p;
        f.format = p.endsWith(".gguf"_L1) ? u"gguf"_s : u"json"_s;
        f.localPath = u"/cache/"_s + repoId + u'/' + p;
        f.blobPath = f.localPath;
        f.sizeBytes = 1000;
        f.quantization = p.contains("Q8_0"_L1) ? u"Q8_0"_s : QString();
        f.downloadedByAtrium = true;
        m.files.append(f);
    }
    return m;
}
} // namespace

class TestListModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void downloadListTracksRowsByRepoAndPath()
    {
        DownloadListModel model;
        auto tester = watch(model);
        DownloadProgress p;
        p.repoId = u"org/a"_s;
        p.path = u"a.gguf"_s;
        p.state = DownloadState::Running;
        p.bytesDone = 50;
        p.bytesTotal = 200;
        model.apply(p);
        p.bytesDone = 100;
        model.apply(p);
        QCOMPARE(model.count(), 1);
        QCOMPARE(model.activeCount(), 1);
        QCOMPARE(model.index(0).data(DownloadListModel::FractionRole).toDouble(), 0.5);
        p.path = u"b.gguf"_s;
        model.apply(p);
        model.setState(u"org/a"_s, u"a.gguf"_s, DownloadState::Completed);
        QCOMPARE(model.index(0).data(DownloadListModel::BytesDoneRole).toLongLong(), 200);
        QCOMPARE(model.activeCount(), 1);
        model.clearFinished();
        QCOMPARE(model.count(), 1);
        QCOMPARE(model.index(0).data(DownloadListModel::FileNameRole).toString(), u"b.gguf"_s);
        model.remove(u"org/a"_s, u"b.gguf"_s);
        QCOMPARE(model.count(), 0);
    }

    void libraryAndPickerListShowRunnableFiles()
    {
        LibraryModel library;
        LocalFileModel files;
        auto t1 = watch(library);
        auto t2 = watch(files);
        const QList<CatalogModel> models {
            catalogModel(u"org/one"_s, {u"one-Q8_0.gguf"_s}),
            catalogModel(u"org/split"_s,
                {u"big-00001-of-00002.gguf"_s, u"big-00002-of-00002.gguf"_s, u"mmproj-f16.gguf"_s, u"config.json"_s}),
        };
        library.setModels(models);
        files.setModels(models);
        QCOMPARE(library.count(), 2);
        QCOMPARE(library.index(1).data(LibraryModel::FileCountRole).toInt(), 4);
        QCOMPARE(library.index(0).data(LibraryModel::SourceRole).toString(), u"hub"_s);
        QCOMPARE(library.index(0).data(LibraryModel::DiskBytesRole).toLongLong(), 1000);
        const QVariantList split = library.index(1).data(LibraryModel::FilesRole).toList();
        QCOMPARE(split.size(), 4);
        QCOMPARE(split.at(2).toMap().value(u"runnable"_s).toBool(), false); // the projector
        // The picker offers one entry per runnable file: no second shard, no projector, no JSON.
        QCOMPARE(files.count(), 2);
        QCOMPARE(files.index(0).data(LocalFileModel::LabelRole).toString(), u"org/one · Q8_0"_s);
        QCOMPARE(files.index(1).data(LocalFileModel::PathRole).toString(), u"big-00001-of-00002.gguf"_s);
        QCOMPARE(files.indexOfPath(u"/cache/org/one/one-Q8_0.gguf"_s), 0);
        QCOMPARE(files.labelOf(u"/elsewhere/x.gguf"_s), u"x.gguf"_s);
        library.setModels({});
        QCOMPARE(library.count(), 0);
    }

    void conversationsMoveToTheTopWhenUsed()
    {
        ConversationListModel model;
        auto tester = watch(model);
        Conversation a {1, u"first"_s, {}, {}, {}, {}, {}};
        Conversation b {2, u"second"_s, {}, {}, {}, {}, {}};
        model.setConversations({b, a});
        model.upsert(a);
        QCOMPARE(model.index(0).data(ConversationListModel::ConversationIdRole).toLongLong(), 1);
        Conversation c {3, u"third"_s, {}, {}, {}, {}, {}};
        model.upsert(c);
        QCOMPARE(model.count(), 3);
        QCOMPARE(model.index(0).data(ConversationListModel::TitleRole).toString(), u"third"_s);
        a.title = u"renamed"_s;
        model.upsert(a);
        QCOMPARE(model.index(0).data(ConversationListModel::TitleRole).toString(), u"renamed"_s);
        model.remove(2);
        QCOMPARE(model.count(), 2);
        QCOMPARE(model.rowOfId(2), -1);
    }

    void leaderboardIsSortedAndLabelled()
    {
        LeaderboardModel model;
        auto tester = watch(model);
        EloRating low {u"/m/low.gguf"_s, 984, 0, 1, 0};
        EloRating high {u"/m/high.gguf"_s, 1016, 1, 0, 0};
        model.setRatings({low, high});
        QCOMPARE(model.index(0).data(LeaderboardModel::LabelRole).toString(), u"high.gguf"_s);
        QCOMPARE(model.index(0).data(LeaderboardModel::RatingRole).toInt(), 1016);
        QCOMPARE(model.index(1).data(LeaderboardModel::RankRole).toInt(), 2);
        QCOMPARE(model.index(1).data(LeaderboardModel::GamesRole).toInt(), 1);
        model.setLabeler([](const QString &path) { return path.toUpper(); });
        QCOMPARE(model.index(0).data(LeaderboardModel::LabelRole).toString(), u"/M/HIGH.GGUF"_s);
    }

    void devicesSayWhyTheyCannotBeUsed()
    {
        DeviceListModel model;
        auto tester = watch(model);
        ComputeDevice gpu {0, u"Radeon"_s, u"AMD"_s, u"discrete"_s, u"radv"_s, 8'000'000'000, true, {}};
        ComputeDevice old {1, u"Old GPU"_s, u"Intel"_s, u"integrated"_s, {}, 0, false, u"no 16-bit storage"_s};
        model.setDevices({gpu, old}, 0);
        QCOMPARE(model.count(), 2);
        QVERIFY(model.index(0).data(DeviceListModel::RecommendedRole).toBool());
        QCOMPARE(model.index(1).data(DeviceListModel::UnusableReasonRole).toString(), u"no 16-bit storage"_s);
    }

    void recommendationsPutWhatFitsFirst()
    {
        RecommendationModel model;
        auto tester = watch(model);
        model.setEntries(RecommendationModel::defaults());
        QVERIFY(model.count() >= 4);
        // 2 GB of RAM and no GPU: only the smallest fits.
        model.setBudget(MemoryBudget {0, false, 2'000'000'000}, 2048);
        QCOMPARE(model.index(0).data(RecommendationModel::FitRole).toString(), u"fits"_s);
        QCOMPARE(model.index(0).data(RecommendationModel::RepoIdRole).toString(), u"Qwen/Qwen2.5-0.5B-Instruct-GGUF"_s);
        QVERIFY(model.index(model.count() - 1).data(RecommendationModel::FitRole).toString() != u"fits"_s);
        model.setProgress(u"Qwen/Qwen2.5-0.5B-Instruct-GGUF"_s, u"running"_s, 0.25);
        QCOMPARE(model.index(0).data(RecommendationModel::FractionRole).toDouble(), 0.25);
    }
};

QTEST_MAIN(TestListModels)
#include "test_list_models.moc"
