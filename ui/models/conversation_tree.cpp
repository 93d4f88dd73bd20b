// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "conversation_tree.h"

#include <algorithm>

qint64 ConversationTree::add(Node node)
{
    if (node.id <= 0 || m_nodes.contains(node.id))
        node.id = m_nextId;
    m_nextId = std::max(m_nextId, node.id + 1);
    if (node.parentId != 0 && !m_nodes.contains(node.parentId))
        node.parentId = 0; // an orphan (its parent was deleted) starts a branch of its own
    if (!node.createdAt.isValid())
        node.createdAt = QDateTime::currentDateTimeUtc();
    const qint64 id = node.id;
    m_children[node.parentId].append(id);
    m_selected[node.parentId] = id;
    m_nodes.insert(id, std::move(node));
    return id;
}

const ConversationTree::Node *ConversationTree::node(qint64 id) const
{
    const auto it = m_nodes.constFind(id);
    return it == m_nodes.cend() ? nullptr : &it.value();
}

ConversationTree::Node *ConversationTree::node(qint64 id)
{
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : &it.value();
}

bool ConversationTree::contains(qint64 id) const
{
    return m_nodes.contains(id);
}

void ConversationTree::clear()
{
    m_nodes.clear();
    m_children.clear();
    m_selected.clear();
    m_nextId = 1;
}

bool ConversationTree::isEmpty() const
{
    return m_nodes.isEmpty();
}

QList<qint64> ConversationTree::children(qint64 parentId) const
{
    return m_children.value(parentId);
}

QList<qint64> ConversationTree::siblings(qint64 id) const
{
    const Node *n = node(id);
    return n ? m_children.value(n->parentId) : QList<qint64> {};
}

void ConversationTree::select(qint64 id)
{
    if (const Node *n = node(id))
        m_selected[n->parentId] = id;
}

QList<qint64> ConversationTree::activePath() const
{
    QList<qint64> path;
    qint64 parent = 0;
    while (true) {
        const auto it = m_selected.constFind(parent);
        if (it == m_selected.cend() || !m_nodes.contains(it.value()))
            break;
        path.append(it.value());
        parent = it.value();
    }
    return path;
}

qint64 ConversationTree::leaf() const
{
    const QList<qint64> path = activePath();
    return path.isEmpty() ? 0 : path.constLast();
}

QList<qint64> ConversationTree::pathTo(qint64 id) const
{
    QList<qint64> path;
    for (const Node *n = node(id); n; n = n->parentId ? node(n->parentId) : nullptr)
        path.prepend(n->id);
    return path;
}
