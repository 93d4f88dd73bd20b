// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

/// A cached API answer: the body and the one header paging needs.
struct HubCachedResponse {
    QByteArray body;
    QByteArray linkHeader;
    QDateTime storedAt;
};

/// Keeps successful Hub API answers in memory and on disk for a TTL, so browsing (search pages, model info, file
/// lists) stays far below the anonymous rate limit and works offline for what was seen. Keys are opaque strings
/// (the URL plus whether a token was sent); files are named by the key's SHA-1 and written atomically.
class HubResponseCache
{
public:
    /// `directory` empty: memory only.
    HubResponseCache(QString directory, int ttlSeconds);

    /// A fresh answer, or with `allowStale` any stored answer (offline mode).
    std::optional<HubCachedResponse> find(const QString &key, bool allowStale = false);
    void store(const QString &key, const HubCachedResponse &response);
    void clear();
    int ttlSeconds() const
    {
        return m_ttlSeconds;
    }

private:
    QString filePath(const QString &key) const;
    bool isFresh(const HubCachedResponse &response) const;

    QString m_directory;
    int m_ttlSeconds = 0;
    QHash<QString, HubCachedResponse> m_memory;
};
