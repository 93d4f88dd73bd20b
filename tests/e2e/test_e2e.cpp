// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Starts the real `atrium` app (offscreen) against the loopback test hub with the script flow.e2e: it searches,
// opens a model page, downloads two stories260K files, chats (the reply must stream in pieces, with statistics),
// compares both files blind, votes and checks the leaderboard, taking a screenshot of each screen; then starts the
// app again and finds the saved conversation and votes (restart.e2e). The app's
// test hook (ATRIUM_E2E_SCRIPT, app/gui/e2e_driver.h) checks the app's state after every step.

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "hub/test_hub_server.h"

using namespace Qt::StringLiterals;

class TestE2e : public QObject
{
    Q_OBJECT

private:
    TestHubServer m_hub;

    /// Runs the app with `script` until it quits; fails with the app's log when a step fails.
    static void runApp(const QProcessEnvironment &base, const QString &script)
    {
        QProcessEnvironment env = base;
        env.insert(u"ATRIUM_E2E_SCRIPT"_s, script);
        QProcess app;
        app.setProcessEnvironment(env);
        app.setProcessChannelMode(QProcess::MergedChannels);
        app.start(QStringLiteral(ATRIUM_APP), {});
        QVERIFY2(app.waitForStarted(10000), qPrintable(app.errorString()));
        const bool finished = app.waitForFinished(200000);
        const QString log = QString::fromUtf8(app.readAll());
        if (!finished)
            app.kill();
        QVERIFY2(finished, qPrintable(u"the app did not finish:\n"_s + log));
        QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0, qPrintable(log));
        QVERIFY2(log.contains(u"e2e: ok   quit"_s), qPrintable(log));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestHubServer::pythonAvailable())
            QSKIP("python3 is needed for the test hub");
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
    }

    void searchDownloadChatCompareVote()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QDir screens(QStringLiteral(ATRIUM_E2E_SCREENS));
        screens.removeRecursively();
        QVERIFY(QDir().mkpath(screens.path()));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"HF_TOKEN",
                 "HUGGING_FACE_HUB_TOKEN",
                 "HF_HUB_CACHE",
                 "HUGGINGFACE_HUB_CACHE",
                 "HF_HUB_OFFLINE",
                 "OLLAMA_MODELS",
                 "QT_QUICK_CONTROLS_STYLE"})
            env.remove(QString::fromLatin1(name));
        env.insert(u"HOME"_s, home.path()); // no other app's models leak in
        env.insert(u"XDG_RUNTIME_DIR"_s, home.path());
        env.insert(u"ATRIUM_HOME"_s, home.filePath(u"atrium"_s));
        env.insert(u"HF_HOME"_s, home.filePath(u"hf"_s));
        env.insert(u"HF_ENDPOINT"_s, m_hub.endpoint().toString());
        env.insert(u"ATRIUM_NO_KEYCHAIN"_s, u"1"_s);
        env.insert(u"ATRIUM_E2E_SCREENSHOTS"_s, screens.path());
        if (!env.contains(u"QT_QPA_PLATFORM"_s))
            env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);

        runApp(env, QStringLiteral(ATRIUM_E2E_FLOW));
        if (QTest::currentTestFailed())
            return;

        for (const QString &name : {u"welcome"_s,
                 u"discover"_s,
                 u"model"_s,
                 u"model-downloaded"_s,
                 u"library"_s,
                 u"chat"_s,
                 u"compare"_s,
                 u"compare-voted"_s,
                 u"settings"_s,
                 u"chat-dark"_s}) {
            const QImage shot(screens.filePath(name + u".png"_s));
            QVERIFY2(!shot.isNull(), qPrintable(name));
            QVERIFY(shot.width() >= 640 && shot.height() >= 400);
        }
        // The downloads landed in the HF cache layout of this run's HF_HOME.
        QVERIFY(QDir(home.filePath(u"hf/hub/models--atrium-test--stories260K-GGUF/snapshots"_s)).exists());

        // A second start on the same folders finds the conversation (with its statistics), the model and the votes.
        runApp(env, QStringLiteral(ATRIUM_E2E_RESTART));
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!QImage(screens.filePath(u"library-after-restart.png"_s)).isNull());
    }
};

QTEST_GUILESS_MAIN(TestE2e)
#include "test_e2e.moc"
