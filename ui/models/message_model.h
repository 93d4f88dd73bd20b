// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

/// The messages a chat shows (the active branch), one row each, with the statistics under every reply and, for a
/// message that has edited or regenerated versions, which version is shown ("2 of 3"). A streaming reply grows
/// through appendText(), which signals a change of that one row and role only.
class MessageModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Chat and Compare")
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)

public:
    enum Role {
        MessageIdRole = Qt::UserRole + 1,
        RoleNameRole, ///< "user", "assistant", "system"
        ContentRole,
        StreamingRole,
        TtftMsRole, ///< -1 unknown
        TokensPerSecondRole,
        TokenCountRole,
        FinishRole, ///< "", "done", "length", "stopped", "context-full", "failed"
        ErrorRole,
        VersionRole, ///< 1-based index among its versions
        VersionCountRole,
    };
    Q_ENUM(Role)

    struct Message {
        qint64 id = 0;
        QString role;
        QString content;
        bool streaming = false;
        double ttftMs = -1;
        double tokensPerSecond = 0;
        int tokenCount = 0;
        QString finish;
        QString error;
        int version = 1;
        int versionCount = 1;
    };

    explicit MessageModel(QObject *parent = nullptr);

    void setMessages(const QList<Message> &messages);
    void append(const Message &message);
    /// Adds streamed text to a row (one dataChanged for ContentRole).
    void appendText(int row, const QString &text);
    void update(int row, const Message &message);
    void clear();
    Message at(int row) const;
    int rowOfId(qint64 id) const;
    const QList<Message> &messages() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const;

Q_SIGNALS:
    void countChanged();

private:
    QList<Message> m_messages;
};
