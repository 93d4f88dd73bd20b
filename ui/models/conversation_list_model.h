// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "catalog/catalog_types.h"

/// The chat sidebar: saved conversations, most recently used first.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Chat")
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)

public:
    enum Role {
        ConversationIdRole = Qt::UserRole + 1,
        TitleRole,
        ModelRefRole,
        UpdatedAtRole,
    };
    Q_ENUM(Role)

    explicit ConversationListModel(QObject *parent = nullptr);

    void setConversations(const QList<Conversation> &conversations);
    /// Inserts or moves a conversation to the top.
    void upsert(const Conversation &conversation);
    void remove(qint64 id);
    int rowOfId(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const;

Q_SIGNALS:
    void countChanged();

private:
    QList<Conversation> m_rows;
};
