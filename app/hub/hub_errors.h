// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QUrl>

#include "common/app_error.h"

/// What a failed request was about, so its message can name the repository, file and fix.
struct HubErrorContext {
    QString repoId;
    QString path; ///< file inside the repository, if any
    QString revision;
    bool hasToken = false;
    QUrl repoPage; ///< where a gated licence is accepted
    QString host; ///< the host that was asked
};

/// The one place where HTTP status, the Hub's X-Error-Code / X-Error-Message headers and QNetworkReply errors become
/// plain AppErrors, plus the retry timing rules of hub-api.md §6 (Retry-After, RateLimit, backoff with jitter).
namespace HubErrors
{

/// Maps a finished request. `httpStatus` is 0 when no HTTP answer came (then `networkError` says why).
AppError fromReply(int httpStatus,
    const QByteArray &errorCode,
    const QByteArray &errorMessage,
    QNetworkReply::NetworkError networkError,
    const QString &networkErrorString,
    const HubErrorContext &context);
/// The error for any request made in offline mode.
AppError offline(const QString &what);
/// Milliseconds to wait before retrying, from `Retry-After` (seconds or an HTTP date) or the `RateLimit` header
/// (`r=0;t=N` waits N + 1 s); -1 when neither says.
qint64 retryAfterMs(const QByteArray &retryAfter, const QByteArray &rateLimit);
/// 429, 5xx and network failures are worth retrying; 4xx answers and refusals are not.
bool isRetryable(const AppError &error);
/// Exponential backoff with "equal jitter": a random delay in [d/2, d], d = base·2^(attempt-1) capped at max.
qint64 backoffMs(int attempt, int baseMs, int maxMs);

} // namespace HubErrors
