// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "models/conversation_tree.h"
#include "models/message_model.h"

using namespace Qt::StringLiterals;

namespace
{
qint64 add(ConversationTree &tree, qint64 parent, const QString &role, const QString &content)
{
    ConversationTree::Node n;
    n.parentId = parent;
    n.role = role;
    n.content = content;
    return tree.add(n);
}
} // namespace

class TestConversationTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theActivePathFollowsTheNewestBranch()
    {
        ConversationTree tree;
        const qint64 q1 = add(tree, 0, u"user"_s, u"hello"_s);
        const qint64 a1 = add(tree, q1, u"assistant"_s, u"hi"_s);
        const qint64 a2 = add(tree, q1, u"assistant"_s, u"hello there"_s); // regenerated
        QCOMPARE(tree.activePath(), (QList<qint64> {q1, a2}));
        QCOMPARE(tree.siblings(a1), (QList<qint64> {a1, a2}));
        QCOMPARE(tree.leaf(), a2);

        tree.select(a1);
        QCOMPARE(tree.activePath(), (QList<qint64> {q1, a1}));
        const qint64 q2 = add(tree, a1, u"user"_s, u"and then?"_s);
        QCOMPARE(tree.activePath(), (QList<qint64> {q1, a1, q2}));
        QCOMPARE(tree.pathTo(q2), (QList<qint64> {q1, a1, q2}));
    }

    void editingTheFirstMessageStartsANewTopLevelBranch()
    {
        ConversationTree tree;
        const qint64 q1 = add(tree, 0, u"user"_s, u"hello"_s);
        add(tree, q1, u"assistant"_s, u"hi"_s);
        const qint64 edited = add(tree, 0, u"user"_s, u"good morning"_s);
        QCOMPARE(tree.activePath(), (QList<qint64> {edited}));
        QCOMPARE(tree.children(0), (QList<qint64> {q1, edited}));
        tree.select(q1);
        QCOMPARE(tree.activePath().size(), 2);
    }

    void keepsIdsGivenWhenLoading()
    {
        ConversationTree tree;
        ConversationTree::Node n;
        n.id = 41;
        n.role = u"user"_s;
        QCOMPARE(tree.add(n), 41);
        n.id = 41; // taken: a fresh id is chosen
        QVERIFY(tree.add(n) != 41);
        ConversationTree::Node orphan;
        orphan.id = 90;
        orphan.parentId = 12345; // parent unknown: becomes a top-level branch
        QCOMPARE(tree.add(orphan), 90);
        QCOMPARE(tree.node(90)->parentId, 0);
    }

    void messageModelStreamsIntoOneRow()
    {
        MessageModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MessageModel::Message user;
        user.id = 1;
        user.role = u"user"_s;
        user.content = u"Tell me a story"_s;
        MessageModel::Message reply;
        reply.id = 2;
        reply.role = u"assistant"_s;
        reply.streaming = true;
        model.setMessages({user, reply});
        QCOMPARE(model.count(), 2);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.appendText(1, u"Once"_s);
        model.appendText(1, u" upon a time"_s);
        model.appendText(1, QString()); // nothing to add: no signal
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(changed.at(0).at(2).value<QList<int>>(), QList<int> {MessageModel::ContentRole});
        QCOMPARE(model.index(1).data(MessageModel::ContentRole).toString(), u"Once upon a time"_s);
        QCOMPARE(model.rowOfId(2), 1);
        QCOMPARE(model.rowOfId(3), -1);

        model.append(user);
        QCOMPARE(model.count(), 3);
        model.clear();
        QCOMPARE(model.count(), 0);
    }
};

QTEST_MAIN(TestConversationTree)
#include "test_conversation_tree.moc"
