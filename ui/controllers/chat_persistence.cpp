// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "chat_persistence.h"

ChatPersistence::ChatPersistence(CatalogAccess catalog)
    : m_catalog(catalog)
{
}

qint64 ChatPersistence::nextLocalId()
{
    return m_nextLocal++;
}

bool ChatPersistence::isAvailable() const
{
    return m_catalog.store() != nullptr;
}

void ChatPersistence::createConversation(
    qint64 localId, const Conversation &conversation, QObject *receiver, std::function<void(qint64)> created)
{
    auto ids = m_ids;
    m_catalog.run(
        receiver,
        [ids, localId, conversation](CatalogStore &store) {
            Conversation c = conversation;
            c.id = 0;
            const auto id = store.createConversation(c);
            if (id)
                ids->rows.insert(localId, id.value());
            return id ? id.value() : qint64(0);
        },
        [created = std::move(created)](qint64 id) {
            if (id > 0 && created)
                created(id);
        });
}

void ChatPersistence::updateConversation(qint64 id, const Conversation &conversation)
{
    auto ids = m_ids;
    m_catalog.post([ids, id, conversation](CatalogStore &store) {
        Conversation c = conversation;
        c.id = ids->resolve(id);
        if (c.id > 0)
            (void)store.updateConversation(c);
    });
}

void ChatPersistence::deleteConversation(qint64 id)
{
    auto ids = m_ids;
    m_catalog.post([ids, id](CatalogStore &store) {
        if (const qint64 row = ids->resolve(id); row > 0)
            (void)store.deleteConversation(row);
    });
}

void ChatPersistence::addMessage(qint64 conversationId, qint64 localId, qint64 parentId, const ChatMessage &message)
{
    auto ids = m_ids;
    m_catalog.post([ids, conversationId, localId, parentId, message](CatalogStore &store) {
        ChatMessage m = message;
        m.id = 0;
        m.conversationId = ids->resolve(conversationId);
        m.parentId = parentId ? ids->resolve(parentId) : 0;
        if (m.conversationId <= 0)
            return;
        if (const auto row = store.addMessage(m))
            ids->rows.insert(localId, row.value());
    });
}

void ChatPersistence::updateMessage(qint64 id, const QString &content, const QJsonObject &stats)
{
    auto ids = m_ids;
    m_catalog.post([ids, id, content, stats](CatalogStore &store) {
        if (const qint64 row = ids->resolve(id); row > 0)
            (void)store.updateMessage(row, content, stats);
    });
}
