// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "message_model.h"

MessageModel::MessageModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void MessageModel::setMessages(const QList<Message> &messages)
{
    beginResetModel();
    m_messages = messages;
    endResetModel();
    Q_EMIT countChanged();
}

void MessageModel::append(const Message &message)
{
    const int row = static_cast<int>(m_messages.size());
    beginInsertRows({}, row, row);
    m_messages.append(message);
    endInsertRows();
    Q_EMIT countChanged();
}

void MessageModel::appendText(int row, const QString &text)
{
    if (row < 0 || row >= m_messages.size() || text.isEmpty())
        return;
    m_messages[row].content += text;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i, {ContentRole});
}

void MessageModel::update(int row, const Message &message)
{
    if (row < 0 || row >= m_messages.size())
        return;
    m_messages[row] = message;
    Q_EMIT dataChanged(index(row), index(row));
}

void MessageModel::clear()
{
    if (m_messages.isEmpty())
        return;
    beginResetModel();
    m_messages.clear();
    endResetModel();
    Q_EMIT countChanged();
}

MessageModel::Message MessageModel::at(int row) const
{
    return m_messages.value(row);
}

int MessageModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_messages.size(); ++i) {
        if (m_messages.at(i).id == id)
            return i;
    }
    return -1;
}

const QList<MessageModel::Message> &MessageModel::messages() const
{
    return m_messages;
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_messages.size());
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Message &m = m_messages.at(index.row());
    switch (role) {
    case MessageIdRole:
        return m.id;
    case RoleNameRole:
        return m.role;
    case Qt::DisplayRole:
    case ContentRole:
        return m.content;
    case StreamingRole:
        return m.streaming;
    case TtftMsRole:
        return m.ttftMs;
    case TokensPerSecondRole:
        return m.tokensPerSecond;
    case TokenCountRole:
        return m.tokenCount;
    case FinishRole:
        return m.finish;
    case ErrorRole:
        return m.error;
    case VersionRole:
        return m.version;
    case VersionCountRole:
        return m.versionCount;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    return {
        {MessageIdRole, "messageId"},
        {RoleNameRole, "role"},
        {ContentRole, "content"},
        {StreamingRole, "streaming"},
        {TtftMsRole, "ttftMs"},
        {TokensPerSecondRole, "tokensPerSecond"},
        {TokenCountRole, "tokenCount"},
        {FinishRole, "finish"},
        {ErrorRole, "errorText"},
        {VersionRole, "version"},
        {VersionCountRole, "versionCount"},
    };
}

int MessageModel::count() const
{
    return static_cast<int>(m_messages.size());
}
