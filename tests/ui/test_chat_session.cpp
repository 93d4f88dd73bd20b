// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// ChatSession with stories260K on the CPU: a streamed reply with statistics, regenerate and edit as browsable
// versions, an immediate stop, a full context, and the persistence signals the Chat screen saves from.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "controllers/chat_session.h"

using namespace Qt::StringLiterals;

namespace
{
const QString kModel = QStringLiteral(ATRIUM_SHARED_DIR "/models/stories260K.gguf");

SamplingSettings settings(int maxTokens, double temperature = 0)
{
    SamplingSettings s;
    s.temperature = temperature;
    s.maxTokens = maxTokens;
    s.seed = 11;
    return s;
}

MessageModel::Message row(ChatSession &session, int i)
{
    return session.messages()->at(i);
}
} // namespace

class TestChatSession : public QObject
{
    Q_OBJECT

private:
    static bool load(ChatSession &session, int context)
    {
        QSignalSpy loaded(&session, &ChatSession::modelLoaded);
        session.loadModel(kModel, context, -2);
        return loaded.wait(30000) && session.modelStatus() == u"ready"_s;
    }

    static bool waitReply(ChatSession &session, int replies)
    {
        return QTest::qWaitFor([&] { return !session.generating() && session.finishedReplies() >= replies; }, 30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        registerGenerationMetaTypes();
        if (!QFile::exists(kModel))
            QSKIP("the shared test models are not available");
    }

    void refusesToSendWithoutAModel()
    {
        ChatSession session;
        QVERIFY(!session.send(u"hello"_s, {}, settings(8)));
        QCOMPARE(session.errorString(), u"Choose a model first."_s);
        QCOMPARE(session.messages()->count(), 0);
    }

    void streamsAReplyWithStatistics()
    {
        ChatSession session;
        QAbstractItemModelTester tester(session.messages(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(load(session, 512));
        QCOMPARE(session.contextSize(), 512);
        QSignalSpy added(&session, &ChatSession::nodeAdded);
        QSignalSpy finished(&session, &ChatSession::replyFinished);
        QVERIFY(session.send(u"Once upon a time"_s, {}, settings(40)));
        QVERIFY(session.generating());
        QCOMPARE(session.messages()->count(), 2);
        QVERIFY(row(session, 1).streaming);
        QVERIFY(waitReply(session, 1));

        const MessageModel::Message reply = row(session, 1);
        QCOMPARE(reply.role, u"assistant"_s);
        QVERIFY(!reply.streaming);
        QVERIFY(!reply.content.trimmed().isEmpty());
        QVERIFY(reply.tokenCount > 0 && reply.tokenCount <= 40);
        QVERIFY(reply.ttftMs >= 0);
        QVERIFY(reply.finish == u"done"_s || reply.finish == u"length"_s);
        QVERIFY(session.contextUsed() > 0);
        QCOMPARE(session.tokenCount(), reply.tokenCount);
        // Persistence hears of the user message, the reply placeholder, then the finished reply.
        QCOMPARE(added.count(), 2);
        QCOMPARE(added.at(0).at(2).toString(), u"user"_s);
        QCOMPARE(added.at(1).at(1).toLongLong(), added.at(0).at(0).toLongLong()); // reply's parent = user message
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(1).toString(), reply.content);
        QVERIFY(finished.at(0).at(2).toJsonObject().contains(u"tokensPerSecond"_s));
    }

    void regenerateAndEditKeepEveryVersion()
    {
        ChatSession session;
        QVERIFY(load(session, 512));
        QVERIFY(session.send(u"Once upon a time"_s, {}, settings(16, 1.0)));
        QVERIFY(waitReply(session, 1));
        const QString first = row(session, 1).content;

        QVERIFY(session.regenerate(1, {}, settings(16, 1.0)));
        QVERIFY(waitReply(session, 2));
        QCOMPARE(session.messages()->count(), 2);
        QCOMPARE(row(session, 1).version, 2);
        QCOMPARE(row(session, 1).versionCount, 2);
        session.switchVersion(1, -1);
        QCOMPARE(row(session, 1).version, 1);
        QCOMPARE(row(session, 1).content, first);

        QVERIFY(session.edit(0, u"The little dog"_s, {}, settings(16)));
        QVERIFY(waitReply(session, 3));
        QCOMPARE(row(session, 0).content, u"The little dog"_s);
        QCOMPARE(row(session, 0).versionCount, 2);
        QCOMPARE(session.messages()->count(), 2);
        session.switchVersion(0, -1);
        QCOMPARE(row(session, 0).content, u"Once upon a time"_s);
        QCOMPARE(row(session, 1).versionCount, 2); // the original message keeps both of its replies
    }

    void stopsImmediatelyAndKeepsTheText()
    {
        ChatSession session;
        QVERIFY(load(session, 2048));
        QSignalSpy finished(&session, &ChatSession::replyFinished);
        QVERIFY(session.send(u"Once upon a time"_s, {}, settings(1900, 1.0)));
        session.stop();
        QVERIFY(!session.generating()); // at once, before the worker answers
        QCOMPARE(row(session, 1).finish, u"stopped"_s);
        QVERIFY(finished.wait(30000)); // the statistics still arrive and are saved
        QCOMPARE(finished.at(0).at(2).toJsonObject().value(u"finish"_s).toString(), u"stopped"_s);
        QVERIFY(session.send(u"Another story"_s, {}, settings(8)));
        QVERIFY(waitReply(session, 2));
    }

    void aFullContextIsExplained()
    {
        ChatSession session;
        QVERIFY(load(session, 32));
        QVERIFY(session.send(u"Once upon a time there was a little girl named Lily who loved to play outside in the "
                             u"park with her friends every single day of the week."_s,
            {},
            settings(16)));
        QVERIFY(waitReply(session, 1));
        QVERIFY(session.contextFull());
        QVERIFY(session.notice().contains(u"context"_s));
        QCOMPARE(row(session, 1).finish, u"context-full"_s);
    }
};

QTEST_MAIN(TestChatSession)
#include "test_chat_session.moc"
