// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QString>
#include <QUrl>

#include "common/app_error.h"

/// Where the Hub is and how Atrium talks to it: endpoint, token, offline switch, timeouts, retry policy and the
/// API answer cache. Also the security policy for URLs: which hosts see the token and which redirects are followed.
struct HubConfig {
    QUrl endpoint {QStringLiteral("https://huggingface.co")};
    QString token; ///< sent only to the endpoint's own origin
    bool offline = false; ///< every request fails fast with an Offline error (cached answers are still served)
    QString userAgent = QStringLiteral("atrium/0.1");
    QString apiCacheDir; ///< on-disk cache of API answers; empty keeps them in memory only
    int apiCacheTtlSeconds = 300;
    int requestTimeoutMs = 10000; ///< no bytes for this long fails a request (HF_HUB_ETAG_TIMEOUT)
    int maxRetries = 3; ///< retries of an API call after 429, 5xx or a network error
    int backoffBaseMs = 1000; ///< first retry delay; doubles each time, with jitter
    int backoffMaxMs = 30000;
    int maxRetryWaitMs = 60000; ///< a Retry-After longer than this fails at once (with the wait in the message)

    /// HF_ENDPOINT (trailing '/' stripped), HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE, HF_HUB_ETAG_TIMEOUT, and the
    /// API cache under AppPaths::atriumHome(). The token is not read here: TokenStore decides it.
    static HubConfig fromEnvironment();

    /// The Hub's web page of a repository (where a gated licence is accepted).
    QUrl repoPageUrl(const QString &repoId) const;
    /// {endpoint}/api/{path}.
    QUrl apiUrl(const QString &path) const;
    /// {endpoint}/{repo}/resolve/{revision}/{path}, each part percent-encoded (the revision as one segment).
    QUrl resolveUrl(const QString &repoId, const QString &revision, const QString &path) const;
    /// True only for the endpoint's own origin (scheme, host and port): a CDN host never sees the token.
    bool mayCarryToken(const QUrl &url) const;
    /// Redirects go to https only, or to http on the endpoint's own origin, or between loopback hosts when the
    /// endpoint itself is http on loopback.
    AppExpected<void> checkRedirect(const QUrl &target) const;
    /// Whether `url` may be requested at all under the same rule (used for the endpoint and Link URLs).
    bool isAllowedUrl(const QUrl &url) const;
    static bool isLoopbackHost(const QString &host);
    static bool sameOrigin(const QUrl &a, const QUrl &b);
};
