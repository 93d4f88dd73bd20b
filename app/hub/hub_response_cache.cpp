// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "hub/hub_response_cache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace
{
constexpr int kMaxMemoryEntries = 512;
constexpr qint64 kMaxCachedBodyBytes = 16 * 1024 * 1024;
} // namespace

HubResponseCache::HubResponseCache(QString directory, int ttlSeconds)
    : m_directory(std::move(directory))
    , m_ttlSeconds(ttlSeconds)
{
}

QString HubResponseCache::filePath(const QString &key) const
{
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QDir(m_directory).filePath(QString::fromLatin1(hash) + QStringLiteral(".json"));
}

bool HubResponseCache::isFresh(const HubCachedResponse &response) const
{
    const qint64 age = response.storedAt.secsTo(QDateTime::currentDateTimeUtc());
    return age >= 0 && age < m_ttlSeconds;
}

std::optional<HubCachedResponse> HubResponseCache::find(const QString &key, bool allowStale)
{
    if (m_ttlSeconds <= 0 && !allowStale)
        return std::nullopt;
    auto it = m_memory.constFind(key);
    if (it != m_memory.constEnd() && (allowStale || isFresh(*it)))
        return *it;
    if (m_directory.isEmpty())
        return std::nullopt;
    QFile file(filePath(key));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    if (object.value(QLatin1String("key")).toString() != key)
        return std::nullopt; // a hash collision or a foreign file
    HubCachedResponse response;
    response.storedAt = QDateTime::fromMSecsSinceEpoch(
        static_cast<qint64>(object.value(QLatin1String("stored_at_ms")).toDouble()), Qt::UTC);
    response.body = QByteArray::fromBase64(object.value(QLatin1String("body")).toString().toLatin1());
    response.linkHeader = object.value(QLatin1String("link")).toString().toLatin1();
    if (!allowStale && !isFresh(response))
        return std::nullopt;
    if (m_memory.size() < kMaxMemoryEntries)
        m_memory.insert(key, response);
    return response;
}

void HubResponseCache::store(const QString &key, const HubCachedResponse &response)
{
    if (m_ttlSeconds <= 0 || response.body.size() > kMaxCachedBodyBytes)
        return;
    if (m_memory.size() >= kMaxMemoryEntries)
        m_memory.clear();
    m_memory.insert(key, response);
    if (m_directory.isEmpty() || !QDir().mkpath(m_directory))
        return;
    QJsonObject object;
    object.insert(QStringLiteral("key"), key);
    object.insert(QStringLiteral("stored_at_ms"), static_cast<double>(response.storedAt.toMSecsSinceEpoch()));
    object.insert(QStringLiteral("link"), QString::fromLatin1(response.linkHeader));
    object.insert(QStringLiteral("body"), QString::fromLatin1(response.body.toBase64()));
    // NOTE: written to a temporary name and renamed, so a reader never sees half a file; not fsync'ed (unlike
    // QSaveFile): the cache is disposable and a lost entry only costs a request. A failed write is not reported.
    const QString path = filePath(key);
    QFile file(path + QStringLiteral(".tmp"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return;
    const QByteArray data = QJsonDocument(object).toJson(QJsonDocument::Compact);
    const bool written = file.write(data) == data.size();
    file.close();
    QFile::remove(path); // QFile::rename() never replaces a file
    if (!written || !QFile::rename(file.fileName(), path))
        QFile::remove(file.fileName());
}

void HubResponseCache::clear()
{
    m_memory.clear();
    if (!m_directory.isEmpty())
        QDir(m_directory).removeRecursively();
}
