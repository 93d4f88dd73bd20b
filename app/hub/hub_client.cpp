// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "hub/hub_client.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "hub/hub_json.h"
#include "hub/hub_paths.h"

namespace
{

constexpr int kMaxRedirects = 5;
constexpr int kMaxTreePages = 1000;

/// Appends key=value to a query string, percent-encoding both ('+' included, which QUrlQuery would leave alone).
void addQueryItem(QString &query, const char *key, const QString &value)
{
    if (!query.isEmpty())
        query += QLatin1Char('&');
    query += QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(key), "[]")) + QLatin1Char('=')
        + QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString sortParameter(HubSort sort)
{
    switch (sort) {
    case HubSort::Downloads:
        return QStringLiteral("downloads");
    case HubSort::Likes:
        return QStringLiteral("likes");
    case HubSort::Trending:
        return QStringLiteral("trendingScore");
    case HubSort::LastModified:
        return QStringLiteral("lastModified");
    case HubSort::CreatedAt:
        return QStringLiteral("createdAt");
    case HubSort::Default:
        break;
    }
    return {};
}

QString encodedRepoPath(const QString &repoId)
{
    return repoId; // validated: only [A-Za-z0-9_.-] and one '/'
}

template <typename T, typename Signal>
void finishRequest(HubClient *client,
    quint64 id,
    const AppExpected<T> &result,
    const std::function<void(const AppExpected<T> &)> &callback,
    Signal signal)
{
    if (callback)
        callback(result);
    if (result)
        Q_EMIT(client->*signal)(id, *result);
    else
        Q_EMIT client->errorOccurred(id, result.error());
}

} // namespace

HubClient::HubClient(HubConfig config, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_network(network ? network : new QNetworkAccessManager(this))
    , m_cache(m_config.apiCacheDir, m_config.apiCacheTtlSeconds)
{
    qRegisterMetaType<HubSearchResult>();
    qRegisterMetaType<HubModelInfo>();
    qRegisterMetaType<HubModelCard>();
    qRegisterMetaType<HubFileMetadata>();
    qRegisterMetaType<HubAccount>();
    qRegisterMetaType<AppError>();
}

HubClient::~HubClient() = default;

void HubClient::setToken(const QString &token)
{
    m_config.token = token;
}

void HubClient::setOffline(bool offline)
{
    m_config.offline = offline;
}

void HubClient::clearCache()
{
    m_cache.clear();
}

void HubClient::later(std::function<void()> work)
{
    QTimer::singleShot(0, this, std::move(work));
}

HubErrorContext HubClient::context(const QString &repoId, const QString &revision, const QString &path) const
{
    return HubErrorContext {
        repoId, path, revision, !m_config.token.isEmpty(), m_config.repoPageUrl(repoId), m_config.endpoint.host()};
}

AppExpected<void> HubClient::checkRepoArgs(const QString &repoId, const QString &revision, const QString &path) const
{
    ATRIUM_TRY_VOID(HubPaths::validateRepoId(repoId));
    ATRIUM_TRY_VOID(HubPaths::validateRevision(revision));
    if (!path.isEmpty())
        ATRIUM_TRY_VOID(HubPaths::validateFilePath(path));
    return {};
}

QString HubClient::cacheKey(const Request &request) const
{
    QString key = QString::fromLatin1(request.method) + QLatin1Char(' ') + request.url.toString(QUrl::FullyEncoded);
    if (m_config.mayCarryToken(request.url)) {
        const QByteArray tokenId = QCryptographicHash::hash(m_config.token.toUtf8(), QCryptographicHash::Sha256);
        key += QStringLiteral(" token:") + QString::fromLatin1(tokenId.toHex().left(16));
    }
    return key;
}

// --- Transport -----------------------------------------------------------------------------------------------

void HubClient::send(const std::shared_ptr<Request> &request)
{
    if (request->cacheable) {
        if (auto cached = m_cache.find(cacheKey(*request), m_config.offline)) {
            Response response;
            response.status = 200;
            response.body = cached->body;
            response.headers.insert("link", cached->linkHeader);
            response.url = request->url;
            response.fromCache = true;
            later([request, response]() { request->handler(response); });
            return;
        }
    }
    if (m_config.offline) {
        const AppError error = HubErrors::offline(request->context.repoId.isEmpty()
                ? QStringLiteral("this search")
                : QStringLiteral("information on %1").arg(request->context.repoId));
        later([request, error]() { request->handler(atrium::Unexpected<AppError>(error)); });
        return;
    }
    if (!m_config.isAllowedUrl(request->url)) {
        const AppError error {AppError::Kind::InvalidInput,
            QStringLiteral("Refusing to contact '%1': only https is allowed.")
                .arg(request->url.toString(QUrl::RemoveQuery)),
            QStringLiteral("url policy"),
            0};
        later([request, error]() { request->handler(atrium::Unexpected<AppError>(error)); });
        return;
    }
    QNetworkRequest networkRequest(request->url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setRawHeader("User-Agent", m_config.userAgent.toUtf8());
    networkRequest.setTransferTimeout(m_config.requestTimeoutMs);
    if (request->method == "HEAD")
        networkRequest.setRawHeader("Accept-Encoding", "identity");
    else
        networkRequest.setRawHeader("Accept", "application/json, text/plain, */*");
    const QString token = request->token.isEmpty() ? m_config.token : request->token;
    if (!token.isEmpty() && HubConfig::sameOrigin(request->url, m_config.endpoint))
        networkRequest.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = request->method == "HEAD" ? m_network->head(networkRequest) : m_network->get(networkRequest);
    connect(
        reply, &QNetworkReply::downloadProgress, reply, [reply, maxBytes = request->maxBytes](qint64 received, qint64) {
            if (received > maxBytes)
                reply->abort(); // NOTE: an API answer this large is hostile or broken; never buffer it all
        });
    connect(reply, &QNetworkReply::finished, this, [this, reply, request]() { onReplyFinished(reply, request); });
}

void HubClient::onReplyFinished(QNetworkReply *reply, const std::shared_ptr<Request> &request)
{
    reply->deleteLater();
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.url = request->url;
    const auto headerPairs = reply->rawHeaderPairs();
    for (const auto &pair : headerPairs)
        response.headers.insert(pair.first.toLower(), pair.second);
    const bool isRedirect = response.status >= 300 && response.status < 400 && response.headers.contains("location");
    if (isRedirect && request->followRedirects) {
        const QUrl target = request->url.resolved(QUrl::fromEncoded(response.headers.value("location")));
        auto allowed = m_config.checkRedirect(target);
        if (!allowed) {
            request->handler(atrium::Unexpected<AppError>(allowed.error()));
            return;
        }
        if (++request->hops > kMaxRedirects) {
            request->handler(appFail(
                AppError::Kind::Server, QStringLiteral("The Hub redirected too many times."), request->url.toString()));
            return;
        }
        request->url = target;
        send(request);
        return;
    }
    if (response.status == 0 || response.status >= 400) {
        const AppError error = HubErrors::fromReply(response.status,
            response.headers.value("x-error-code"),
            response.headers.value("x-error-message"),
            reply->error(),
            reply->errorString(),
            request->context);
        retryOrFail(request,
            error,
            HubErrors::retryAfterMs(response.headers.value("retry-after"), response.headers.value("ratelimit")));
        return;
    }
    if (reply->error() != QNetworkReply::NoError && !isRedirect) {
        const AppError error = HubErrors::fromReply(0, {}, {}, reply->error(), reply->errorString(), request->context);
        retryOrFail(request, error, -1);
        return;
    }
    response.body = reply->readAll();
    if (request->cacheable && request->method == "GET" && response.status == 200)
        m_cache.store(cacheKey(*request),
            HubCachedResponse {response.body, response.headers.value("link"), QDateTime::currentDateTimeUtc()});
    request->handler(response);
}

void HubClient::retryOrFail(const std::shared_ptr<Request> &request, const AppError &error, qint64 retryAfterMs)
{
    if (!request->retry || !HubErrors::isRetryable(error) || request->attempt >= m_config.maxRetries) {
        request->handler(atrium::Unexpected<AppError>(error));
        return;
    }
    if (retryAfterMs > m_config.maxRetryWaitMs) {
        AppError waitError = error;
        waitError.message += QStringLiteral(" The Hub asks to wait %1 s.").arg((retryAfterMs + 999) / 1000);
        request->handler(atrium::Unexpected<AppError>(waitError));
        return;
    }
    ++request->attempt;
    const qint64 delay = retryAfterMs >= 0
        ? retryAfterMs
        : HubErrors::backoffMs(request->attempt, m_config.backoffBaseMs, m_config.backoffMaxMs);
    Q_EMIT retryScheduled(request->id, request->attempt, delay, error);
    QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, request]() { send(request); });
}

// --- API calls -----------------------------------------------------------------------------------------------

quint64 HubClient::search(const HubSearchQuery &query, SearchCallback callback)
{
    const quint64 id = m_nextId++;
    QString text;
    if (!query.search.isEmpty())
        addQueryItem(text, "search", query.search);
    if (!query.author.isEmpty())
        addQueryItem(text, "author", query.author);
    for (const QString &tag : query.filters)
        addQueryItem(text, "filter", tag);
    if (!query.library.isEmpty())
        addQueryItem(text, "filter", query.library);
    if (!query.pipelineTag.isEmpty())
        addQueryItem(text, "pipeline_tag", query.pipelineTag);
    if (query.sort != HubSort::Default)
        addQueryItem(text, "sort", sortParameter(query.sort));
    addQueryItem(text, "limit", QString::number(std::clamp(query.limit, 1, 1000)));
    if (!query.cursor.isEmpty())
        addQueryItem(text, "cursor", query.cursor);
    static const char *const kExpand[] = {"author",
        "createdAt",
        "downloads",
        "gated",
        "gguf",
        "lastModified",
        "library_name",
        "likes",
        "pipeline_tag",
        "private",
        "tags",
        "trendingScore"};
    for (const char *field : kExpand)
        addQueryItem(text, "expand[]", QString::fromLatin1(field));
    auto request = std::make_shared<Request>();
    request->id = id;
    request->url = m_config.apiUrl(QStringLiteral("models"));
    request->url.setQuery(text, QUrl::StrictMode);
    request->context = context({}, {});
    request->handler = [this, id, callback](AppExpected<Response> response) {
        const auto result = [&response]() -> AppExpected<HubSearchResult> {
            if (!response)
                return atrium::Unexpected<AppError>(response.error());
            ATRIUM_TRY(auto models, HubJson::parseSearchResults(response->body));
            HubSearchResult page;
            page.models = std::move(models);
            page.nextCursor = HubJson::cursorOf(HubJson::nextLink(response->headers.value("link")));
            page.fromCache = response->fromCache;
            return page;
        }();
        finishRequest(this, id, result, callback, &HubClient::searchFinished);
    };
    send(request);
    return id;
}

quint64 HubClient::modelInfo(const QString &repoId, const QString &revision, ModelInfoCallback callback)
{
    const quint64 id = m_nextId++;
    auto done = [this, id, callback](const AppExpected<HubModelInfo> &result) {
        finishRequest(this, id, result, callback, &HubClient::modelInfoFinished);
    };
    if (auto ok = checkRepoArgs(repoId, revision); !ok) {
        later([done, error = ok.error()]() { done(atrium::Unexpected<AppError>(error)); });
        return id;
    }
    QString text;
    static const char *const kExpand[] = {"author",
        "cardData",
        "createdAt",
        "disabled",
        "downloads",
        "gated",
        "gguf",
        "lastModified",
        "library_name",
        "likes",
        "pipeline_tag",
        "private",
        "sha",
        "siblings",
        "tags",
        "trendingScore"};
    for (const char *field : kExpand)
        addQueryItem(text, "expand[]", QString::fromLatin1(field));
    auto request = std::make_shared<Request>();
    request->id = id;
    request->url =
        m_config.apiUrl(QStringLiteral("models/%1/revision/%2")
                            .arg(encodedRepoPath(repoId), QString::fromLatin1(QUrl::toPercentEncoding(revision))));
    request->url.setQuery(text, QUrl::StrictMode);
    request->context = context(repoId, revision);
    request->handler = [this, id, done, repoId, revision](AppExpected<Response> response) {
        if (!response)
            return done(atrium::Unexpected<AppError>(response.error()));
        auto parsed = HubJson::parseModelInfo(response->body);
        if (!parsed)
            return done(parsed);
        HubModelInfo info = std::move(*parsed);
        // NOTE: list the files of the resolved commit, not of the branch, so sizes and hashes match info.sha.
        const QString commit = HubPaths::isCommitHash(info.sha) ? info.sha : revision;
        auto entries = std::make_shared<QList<HubFileEntry>>();
        QUrl treeUrl =
            m_config.apiUrl(QStringLiteral("models/%1/tree/%2")
                                .arg(encodedRepoPath(repoId), QString::fromLatin1(QUrl::toPercentEncoding(commit))));
        treeUrl.setQuery(QStringLiteral("recursive=true"));
        fetchTreePage(id,
            treeUrl,
            context(repoId, commit),
            entries,
            0,
            [done, info](const AppExpected<QList<HubFileEntry>> &files) mutable {
                if (!files)
                    return done(atrium::Unexpected<AppError>(files.error()));
                QList<HubFileEntry> siblings;
                for (const HubFileEntry &entry : *files) {
                    if (!entry.isDirectory)
                        siblings.append(entry);
                }
                info.siblings = siblings;
                done(info);
            });
    };
    send(request);
    return id;
}

void HubClient::fetchTreePage(quint64 id,
    const QUrl &url,
    const HubErrorContext &context,
    std::shared_ptr<QList<HubFileEntry>> entries,
    int pages,
    FilesCallback done)
{
    auto request = std::make_shared<Request>();
    request->id = id;
    request->url = url;
    request->context = context;
    request->handler = [this, id, context, entries, pages, done](AppExpected<Response> response) {
        if (!response)
            return done(atrium::Unexpected<AppError>(response.error()));
        auto page = HubJson::parseTree(response->body);
        if (!page)
            return done(atrium::Unexpected<AppError>(page.error()));
        entries->append(*page);
        const QUrl next = HubJson::nextLink(response->headers.value("link"));
        if (next.isEmpty())
            return done(*entries);
        // NOTE: a Link URL is followed only on the endpoint's own origin (it would otherwise receive the token).
        if (!HubConfig::sameOrigin(next, m_config.endpoint) || pages + 1 >= kMaxTreePages)
            return done(appFail(AppError::Kind::Server,
                QStringLiteral("The Hub's file listing for %1 points to another site; refusing it.")
                    .arg(context.repoId),
                next.toString()));
        fetchTreePage(id, next, context, entries, pages + 1, done);
    };
    send(request);
}

quint64 HubClient::listFiles(
    const QString &repoId, const QString &revision, const QString &path, bool recursive, FilesCallback callback)
{
    const quint64 id = m_nextId++;
    FilesCallback done = [this, id, callback](const AppExpected<QList<HubFileEntry>> &result) {
        finishRequest(this, id, result, callback, &HubClient::filesListed);
    };
    if (auto ok = checkRepoArgs(repoId, revision, path); !ok) {
        later([done, error = ok.error()]() { done(atrium::Unexpected<AppError>(error)); });
        return id;
    }
    QString route = QStringLiteral("models/%1/tree/%2")
                        .arg(encodedRepoPath(repoId), QString::fromLatin1(QUrl::toPercentEncoding(revision)));
    if (!path.isEmpty())
        route += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(path, "/"));
    QUrl url = m_config.apiUrl(route);
    url.setQuery(recursive ? QStringLiteral("recursive=true") : QStringLiteral("recursive=false"));
    fetchTreePage(id, url, context(repoId, revision, path), std::make_shared<QList<HubFileEntry>>(), 0, done);
    return id;
}

quint64 HubClient::modelCard(const QString &repoId, const QString &revision, CardCallback callback)
{
    const quint64 id = m_nextId++;
    auto done = [this, id, callback](const AppExpected<HubModelCard> &result) {
        finishRequest(this, id, result, callback, &HubClient::modelCardFinished);
    };
    if (auto ok = checkRepoArgs(repoId, revision); !ok) {
        later([done, error = ok.error()]() { done(atrium::Unexpected<AppError>(error)); });
        return id;
    }
    auto request = std::make_shared<Request>();
    request->id = id;
    request->url = m_config.resolveUrl(repoId, revision, QStringLiteral("README.md"));
    request->context = context(repoId, revision, QStringLiteral("README.md"));
    request->maxBytes = 4 * 1024 * 1024;
    request->handler = [done](AppExpected<Response> response) {
        if (!response)
            return done(atrium::Unexpected<AppError>(response.error()));
        done(HubJson::splitModelCard(QString::fromUtf8(response->body)));
    };
    send(request);
    return id;
}

quint64 HubClient::fileMetadata(
    const QString &repoId, const QString &revision, const QString &path, MetadataCallback callback)
{
    const quint64 id = m_nextId++;
    auto done = [this, id, callback](const AppExpected<HubFileMetadata> &result) {
        finishRequest(this, id, result, callback, &HubClient::fileMetadataFinished);
    };
    if (auto ok = checkRepoArgs(repoId, revision, path); !ok) {
        later([done, error = ok.error()]() { done(atrium::Unexpected<AppError>(error)); });
        return id;
    }
    auto request = std::make_shared<Request>();
    request->id = id;
    request->method = "HEAD";
    request->cacheable = false;
    request->followRedirects = false;
    request->url = m_config.resolveUrl(repoId, revision, path);
    request->context = context(repoId, revision, path);
    request->handler = [this, done, url = request->url](AppExpected<Response> response) {
        if (!response)
            return done(atrium::Unexpected<AppError>(response.error()));
        HubFileMetadata metadata;
        const auto &headers = response->headers;
        metadata.commit = QString::fromLatin1(headers.value("x-repo-commit"));
        metadata.isLfs = headers.contains("x-linked-etag");
        metadata.etag = HubJson::normalizeEtag(metadata.isLfs ? headers.value("x-linked-etag") : headers.value("etag"));
        bool ok = false;
        const QByteArray size =
            headers.contains("x-linked-size") ? headers.value("x-linked-size") : headers.value("content-length");
        metadata.size = size.toLongLong(&ok);
        if (!ok)
            metadata.size = -1;
        if (headers.contains("location")) {
            metadata.location = url.resolved(QUrl::fromEncoded(headers.value("location")));
            if (auto allowed = m_config.checkRedirect(metadata.location); !allowed)
                return done(atrium::Unexpected<AppError>(allowed.error()));
        }
        if (metadata.commit.isEmpty())
            return done(appFail(AppError::Kind::Server,
                QStringLiteral("%1 does not look like the Hub (no X-Repo-Commit header); a proxy or "
                               "captive portal may be in the way.")
                    .arg(m_config.endpoint.host())));
        done(metadata);
    };
    send(request);
    return id;
}

quint64 HubClient::whoami(const QString &token, AccountCallback callback)
{
    const quint64 id = m_nextId++;
    auto done = [this, id, callback](const AppExpected<HubAccount> &result) {
        finishRequest(this, id, result, callback, &HubClient::whoamiFinished);
    };
    if (token.isEmpty()) {
        later([done]() {
            done(appFail(AppError::Kind::InvalidInput, QStringLiteral("There is no token to check."), QString()));
        });
        return id;
    }
    auto request = std::make_shared<Request>();
    request->id = id;
    request->url = m_config.apiUrl(QStringLiteral("whoami-v2"));
    request->context.hasToken = true;
    request->context.host = request->url.host();
    request->cacheable = false;
    request->retry = false;
    request->token = token;
    request->maxBytes = 1024 * 1024;
    request->handler = [done](AppExpected<Response> response) {
        if (!response) {
            AppError error = response.error();
            if (error.code == 401 || error.code == 403) {
                error.kind = AppError::Kind::Unauthorized;
                error.message = QStringLiteral(
                    "The Hub did not accept this token: it may be mistyped, expired or revoked. Create a new one "
                    "at huggingface.co/settings/tokens.");
            }
            return done(atrium::Unexpected<AppError>(error));
        }
        done(HubJson::parseWhoami(response->body));
    };
    send(request);
    return id;
}
