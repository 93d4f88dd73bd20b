// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>
#include <memory>

#include <QHash>
#include <QObject>

#include "common/app_error.h"
#include "hub/hub_config.h"
#include "hub/hub_errors.h"
#include "hub/hub_response_cache.h"
#include "hub/hub_types.h"

class QNetworkAccessManager;
class QNetworkReply;

/// The Hugging Face Hub API client (hub-api.md §2–§6): search with cursor paging, model info, file trees, model
/// cards and resolve probes. Asynchronous on QNetworkAccessManager: every call returns a request id at once and
/// finishes later, exactly once, with its callback (if given) and then its *Finished signal, or errorOccurred().
///
/// Policies applied to every request: HF_HUB_OFFLINE short-circuits (serving cached answers only); the token goes
/// only to the endpoint's own origin; redirects are followed by hand and only to allowed URLs (HubConfig); 429, 5xx
/// and network failures are retried with backoff and jitter, honouring Retry-After and RateLimit; successful API
/// answers are cached in memory and on disk for the TTL. TLS verification is never relaxed.
class HubClient : public QObject
{
    Q_OBJECT

public:
    using SearchCallback = std::function<void(const AppExpected<HubSearchResult> &)>;
    using ModelInfoCallback = std::function<void(const AppExpected<HubModelInfo> &)>;
    using FilesCallback = std::function<void(const AppExpected<QList<HubFileEntry>> &)>;
    using CardCallback = std::function<void(const AppExpected<HubModelCard> &)>;
    using MetadataCallback = std::function<void(const AppExpected<HubFileMetadata> &)>;
    using AccountCallback = std::function<void(const AppExpected<HubAccount> &)>;

    /// `network` may be shared with a DownloadManager; when null the client makes its own.
    explicit HubClient(HubConfig config, QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);
    ~HubClient() override;

    const HubConfig &config() const
    {
        return m_config;
    }
    void setToken(const QString &token);
    void setOffline(bool offline);
    QNetworkAccessManager *network() const
    {
        return m_network;
    }

    /// One page of /api/models. Pass the previous result's nextCursor in query.cursor for the next page.
    quint64 search(const HubSearchQuery &query, SearchCallback callback = {});
    /// Metadata of a repository at a revision, with every file's size and LFS sha256 (from the recursive tree
    /// listing of the resolved commit, so the file list never mixes two commits).
    quint64 modelInfo(
        const QString &repoId, const QString &revision = QStringLiteral("main"), ModelInfoCallback callback = {});
    /// The file tree under `path` ("" = the root), following Link pages.
    quint64 listFiles(const QString &repoId,
        const QString &revision,
        const QString &path = {},
        bool recursive = true,
        FilesCallback callback = {});
    /// README.md at a revision, split into front matter and markdown.
    quint64 modelCard(
        const QString &repoId, const QString &revision = QStringLiteral("main"), CardCallback callback = {});
    /// HEAD on resolve without following the redirect: commit, ETag / sha256, size and the content's location.
    quint64 fileMetadata(
        const QString &repoId, const QString &revision, const QString &path, MetadataCallback callback = {});
    /// Who `token` belongs to (GET /api/whoami-v2, never cached or retried: the Hub rate-limits it strictly, so
    /// callers ask once per token). A rejected token fails with Kind::Unauthorized and a message saying so.
    quint64 whoami(const QString &token, AccountCallback callback = {});
    /// Drops every cached API answer (memory and disk).
    void clearCache();

Q_SIGNALS:
    void searchFinished(quint64 requestId, const HubSearchResult &result);
    void modelInfoFinished(quint64 requestId, const HubModelInfo &info);
    void filesListed(quint64 requestId, const QList<HubFileEntry> &files);
    void modelCardFinished(quint64 requestId, const HubModelCard &card);
    void fileMetadataFinished(quint64 requestId, const HubFileMetadata &metadata);
    void whoamiFinished(quint64 requestId, const HubAccount &account);
    void errorOccurred(quint64 requestId, const AppError &error);
    /// A request waits `delayMs` before attempt `attempt` (after a 429, 5xx or network failure).
    void retryScheduled(quint64 requestId, int attempt, qint64 delayMs, const AppError &reason);

private:
    struct Response {
        int status = 0;
        QByteArray body;
        QHash<QByteArray, QByteArray> headers; ///< lower-case names
        QUrl url;
        bool fromCache = false;
    };
    using ResponseHandler = std::function<void(AppExpected<Response>)>;
    struct Request {
        quint64 id = 0;
        QUrl url;
        QByteArray method = "GET";
        HubErrorContext context;
        bool cacheable = true;
        bool followRedirects = true;
        bool retry = true; ///< false: the first failure is final
        QString token; ///< sent instead of the configured token (same-origin rule unchanged)
        qint64 maxBytes = 32 * 1024 * 1024;
        int attempt = 0;
        int hops = 0;
        ResponseHandler handler;
    };

    void send(const std::shared_ptr<Request> &request);
    void onReplyFinished(QNetworkReply *reply, const std::shared_ptr<Request> &request);
    void retryOrFail(const std::shared_ptr<Request> &request, const AppError &error, qint64 retryAfterMs);
    /// Calls back on the next event-loop turn: no request finishes inside the call that started it.
    void later(std::function<void()> work);
    QString cacheKey(const Request &request) const;
    HubErrorContext context(const QString &repoId, const QString &revision, const QString &path = {}) const;
    void fetchTreePage(quint64 id,
        const QUrl &url,
        const HubErrorContext &context,
        std::shared_ptr<QList<HubFileEntry>> entries,
        int pages,
        FilesCallback done);
    AppExpected<void> checkRepoArgs(const QString &repoId, const QString &revision, const QString &path = {}) const;

    HubConfig m_config;
    QNetworkAccessManager *m_network = nullptr;
    HubResponseCache m_cache;
    quint64 m_nextId = 1;
};
