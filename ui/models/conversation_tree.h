// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

/// A conversation as a tree: editing a message or regenerating a reply adds a sibling, so every earlier version
/// stays browsable. The visible conversation is the active path from the root, which follows each parent's selected
/// child (the newest one unless the user picked another). Plain data, no Qt model: MessageModel shows the path.
class ConversationTree
{
public:
    struct Node {
        qint64 id = 0; ///< local id, unique in this tree
        qint64 parentId = 0; ///< 0 for a first message
        QString role;
        QString content;
        QJsonObject stats;
        QDateTime createdAt;
    };

    /// Adds a message under `parentId` (0 = at the top) and selects it; returns its id (>= 1; ids given in
    /// `node.id` are kept when free, as when loading from the catalog).
    qint64 add(Node node);
    const Node *node(qint64 id) const;
    Node *node(qint64 id);
    bool contains(qint64 id) const;
    void clear();
    bool isEmpty() const;

    /// Children of `parentId` in the order they were added.
    QList<qint64> children(qint64 parentId) const;
    /// The node and its siblings, in order.
    QList<qint64> siblings(qint64 id) const;
    /// Makes `id` the selected child of its parent, so the active path runs through it.
    void select(qint64 id);
    /// Root to leaf along the selected children.
    QList<qint64> activePath() const;
    /// The last node of the active path, 0 when empty.
    qint64 leaf() const;
    /// The nodes of the active path up to and including `id`.
    QList<qint64> pathTo(qint64 id) const;

private:
    QHash<qint64, Node> m_nodes;
    QHash<qint64, QList<qint64>> m_children; ///< parent → children in insertion order
    QHash<qint64, qint64> m_selected; ///< parent → selected child
    qint64 m_nextId = 1;
};
