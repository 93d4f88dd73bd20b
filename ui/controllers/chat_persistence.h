// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>
#include <memory>

#include <QHash>

#include "catalog/catalog_types.h"
#include "common/catalog_access.h"

/// Saves conversations into the catalog without making the GUI wait. The GUI names new conversations and messages by
/// local ids (from nextLocalId(), far above any row id); work items run on the catalog thread in the order they
/// were queued, and map local ids to row ids there as rows are inserted, so a message can name a parent whose row
/// is not written yet. Ids below kLocalBase are row ids already (things loaded from the catalog).
class ChatPersistence
{
public:
    static constexpr qint64 kLocalBase = qint64(1) << 40;

    explicit ChatPersistence(CatalogAccess catalog);

    qint64 nextLocalId();
    bool isAvailable() const;

    /// Inserts a conversation; `created` gets its row id on `receiver`'s thread.
    void createConversation(
        qint64 localId, const Conversation &conversation, QObject *receiver, std::function<void(qint64)> created);
    void updateConversation(qint64 id, const Conversation &conversation);
    void deleteConversation(qint64 id);
    void addMessage(qint64 conversationId, qint64 localId, qint64 parentId, const ChatMessage &message);
    void updateMessage(qint64 id, const QString &content, const QJsonObject &stats);

private:
    /// Touched only on the catalog thread.
    struct IdMap {
        QHash<qint64, qint64> rows;
        qint64 resolve(qint64 id) const
        {
            return id >= kLocalBase ? rows.value(id, 0) : id;
        }
    };

    CatalogAccess m_catalog;
    std::shared_ptr<IdMap> m_ids = std::make_shared<IdMap>();
    qint64 m_nextLocal = kLocalBase;
};
