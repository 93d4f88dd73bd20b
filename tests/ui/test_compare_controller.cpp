// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// CompareController with two stories260K files on the CPU: one prompt feeds both sides, blind mode hides and then
// reveals the names, a vote lands in the catalog and the Elo leaderboard, and the fair mode runs one side at a time.

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "catalog/catalog_store.h"
#include "controllers/compare_controller.h"
#include "controllers/preferences.h"

using namespace Qt::StringLiterals;

namespace
{
const QString kModelA = QStringLiteral(ATRIUM_SHARED_DIR "/models/stories260K-F16.gguf");
const QString kModelB = QStringLiteral(ATRIUM_SHARED_DIR "/models/stories260K-Q8_0mix.gguf");
} // namespace

class TestCompareController : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QThread m_catalogThread;
    CatalogStore *m_store = nullptr;
    std::unique_ptr<Preferences> m_preferences;

    std::unique_ptr<CompareController> makeCompare(bool swap)
    {
        auto compare = std::make_unique<CompareController>(m_preferences.get(), CatalogAccess(m_store), nullptr);
        compare->setShuffle([swap] { return swap; });
        compare->setLabeler([](const QString &path) { return QFileInfo(path).fileName(); });
        compare->setMaxTokens(24);
        compare->setModelA(kModelA);
        compare->setModelB(kModelB);
        return compare;
    }

private Q_SLOTS:
    void initTestCase()
    {
        registerGenerationMetaTypes();
        if (!QFile::exists(kModelA) || !QFile::exists(kModelB))
            QSKIP("the shared test models are not available");
        QVERIFY(m_dir.isValid());
        m_preferences = std::make_unique<Preferences>(m_dir.filePath(u"settings.ini"_s), m_dir.path(), m_dir.path());
        m_preferences->setDeviceIndex(-2);
        m_preferences->setContextSize(512);
        registerCatalogMetaTypes();
        m_store = new CatalogStore(m_dir.filePath(u"catalog.sqlite"_s));
        m_store->moveToThread(&m_catalogThread);
        connect(&m_catalogThread, &QThread::finished, m_store, &QObject::deleteLater);
        m_catalogThread.start();
        bool opened = false;
        QMetaObject::invokeMethod(
            m_store, [&] { opened = m_store->open().has_value(); }, Qt::BlockingQueuedConnection);
        QVERIFY(opened);
    }

    void cleanupTestCase()
    {
        m_catalogThread.quit();
        m_catalogThread.wait();
    }

    void blindRoundHidesNamesUntilTheVote()
    {
        auto compare = makeCompare(true);
        QVERIFY(compare->ready());
        QVERIFY(compare->blind());
        compare->start();
        // Swapped: B is on the left, but nobody can tell.
        QCOMPARE(compare->left()->modelPath(), kModelB);
        QCOMPARE(compare->right()->modelPath(), kModelA);
        QCOMPARE(compare->leftTitle(), u"Model A"_s);
        QCOMPARE(compare->rightTitle(), u"Model B"_s);
        QVERIFY(!compare->canVote());

        QVERIFY(compare->send(u"Once upon a time"_s));
        QVERIFY(compare->running());
        QVERIFY(!compare->send(u"again"_s)); // one prompt at a time
        QTRY_VERIFY_WITH_TIMEOUT(compare->canVote(), 60000);
        for (ChatSession *side : {compare->left(), compare->right()}) {
            QCOMPARE(side->messages()->count(), 2);
            QVERIFY(side->tokenCount() > 0);
            QVERIFY(side->ttftMs() >= 0);
            QVERIFY(side->memoryBytes() > 0);
        }

        QSignalSpy voted(compare.get(), &CompareController::voted);
        QVERIFY(compare->vote(u"a"_s)); // the left side as shown: model B
        QCOMPARE(voted.count(), 1);
        QVERIFY(compare->revealed());
        QVERIFY(!compare->canVote());
        QVERIFY(!compare->vote(u"b"_s)); // one vote per prompt
        QCOMPARE(compare->leftTitle(), QFileInfo(kModelB).fileName());
        QTRY_COMPARE_WITH_TIMEOUT(compare->leaderboard()->count(), 2, 5000);
        const QModelIndex best = compare->leaderboard()->index(0);
        QCOMPARE(best.data(LeaderboardModel::ModelRefRole).toString(), kModelB);
        QVERIFY(best.data(LeaderboardModel::RatingRole).toInt() > 1000);
        QCOMPARE(best.data(LeaderboardModel::WinsRole).toInt(), 1);

        // Multi-turn: the next prompt continues both conversations and can be voted on again.
        QVERIFY(compare->send(u"The end"_s));
        QTRY_VERIFY_WITH_TIMEOUT(compare->canVote(), 60000);
        QCOMPARE(compare->left()->messages()->count(), 4);
        QVERIFY(compare->vote(u"tie"_s));
        QCOMPARE(compare->votes(), 2);
    }

    void fairModeRunsOneSideAtATime()
    {
        auto compare = makeCompare(false);
        compare->setBlind(false);
        compare->setSequential(true);
        compare->start();
        QCOMPARE(compare->leftTitle(), QFileInfo(kModelA).fileName());
        bool overlapped = false;
        auto check = [&] {
            overlapped = overlapped || (compare->left()->generating() && compare->right()->generating());
        };
        connect(compare->left(), &ChatSession::generatingChanged, this, check);
        connect(compare->right(), &ChatSession::generatingChanged, this, check);
        QVERIFY(compare->send(u"Once upon a time"_s));
        QTRY_VERIFY_WITH_TIMEOUT(compare->canVote(), 60000);
        QVERIFY(!overlapped);
        QCOMPARE(compare->right()->messages()->count(), 2);
    }

    void needsTwoModels()
    {
        CompareController compare(m_preferences.get(), CatalogAccess(m_store), nullptr);
        compare.setModelA(kModelA);
        QVERIFY(!compare.ready());
        compare.start();
        QVERIFY(!compare.errorString().isEmpty());
        QVERIFY(!compare.send(u"hello"_s));
    }
};

QTEST_MAIN(TestCompareController)
#include "test_compare_controller.moc"
