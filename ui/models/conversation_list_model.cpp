// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "conversation_list_model.h"

ConversationListModel::ConversationListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ConversationListModel::setConversations(const QList<Conversation> &conversations)
{
    beginResetModel();
    m_rows = conversations;
    endResetModel();
    Q_EMIT countChanged();
}

void ConversationListModel::upsert(const Conversation &conversation)
{
    const int existing = rowOfId(conversation.id);
    if (existing == 0) {
        m_rows[0] = conversation;
        Q_EMIT dataChanged(index(0), index(0));
        return;
    }
    if (existing > 0) {
        beginMoveRows({}, existing, existing, {}, 0);
        m_rows.move(existing, 0);
        endMoveRows();
        m_rows[0] = conversation;
        Q_EMIT dataChanged(index(0), index(0));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend(conversation);
    endInsertRows();
    Q_EMIT countChanged();
}

void ConversationListModel::remove(qint64 id)
{
    const int row = rowOfId(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    Q_EMIT countChanged();
}

int ConversationListModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &c = m_rows.at(index.row());
    switch (role) {
    case ConversationIdRole:
        return c.id;
    case Qt::DisplayRole:
    case TitleRole:
        return c.title;
    case ModelRefRole:
        return c.modelRef;
    case UpdatedAtRole:
        return c.updatedAt;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {
        {ConversationIdRole, "conversationId"},
        {TitleRole, "title"},
        {ModelRefRole, "modelRef"},
        {UpdatedAtRole, "updatedAt"},
    };
}

int ConversationListModel::count() const
{
    return static_cast<int>(m_rows.size());
}
