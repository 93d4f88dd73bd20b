// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>

#include <QMetaObject>
#include <QPointer>

#include "catalog/catalog_store.h"

/// Runs catalog work on the catalog's own thread (where CatalogStore's connection lives, house-style §8) and hands
/// the result back on the receiver's thread. Work items run one after another in the order they were queued, so a
/// write queued after another sees its effects. A null store makes every call a no-op (the app runs without a
/// catalog when the database cannot be opened).
class CatalogAccess
{
public:
    explicit CatalogAccess(CatalogStore *store = nullptr)
        : m_store(store)
    {
    }

    CatalogStore *store() const
    {
        return m_store;
    }
    bool isAvailable() const
    {
        return m_store != nullptr && m_store->isOpen();
    }

    /// Runs `work` on the catalog thread, then `done` with its result on `receiver`'s thread (skipped when the
    /// receiver is gone by then).
    template <typename Work, typename Done>
    void run(QObject *receiver, Work work, Done done) const
    {
        if (!m_store)
            return;
        QPointer<QObject> target(receiver);
        CatalogStore *store = m_store;
        QMetaObject::invokeMethod(
            store,
            [store, target, work = std::move(work), done = std::move(done)]() mutable {
                auto result = work(*store);
                if (!target)
                    return;
                QMetaObject::invokeMethod(
                    target.data(),
                    [result = std::move(result), done = std::move(done)]() mutable { done(std::move(result)); },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    /// Runs `work` on the catalog thread when nobody needs the answer.
    template <typename Work>
    void post(Work work) const
    {
        if (!m_store)
            return;
        CatalogStore *store = m_store;
        QMetaObject::invokeMethod(
            store, [store, work = std::move(work)]() mutable { work(*store); }, Qt::QueuedConnection);
    }

private:
    CatalogStore *m_store = nullptr;
};
