// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "hub/hub_errors.h"

#include <algorithm>

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace HubErrors
{

namespace
{

QString subject(const HubErrorContext &context)
{
    if (!context.path.isEmpty())
        return QStringLiteral("%1 in %2").arg(context.path, context.repoId);
    return context.repoId.isEmpty() ? QStringLiteral("the request") : context.repoId;
}

QString gatedMessage(const HubErrorContext &context, int status)
{
    const QString page = context.repoPage.toString();
    if (status == 403 || context.hasToken) {
        return QStringLiteral("%1 is gated and your access token has no access to it. Open %2 signed in, accept the "
                              "licence (requests may need the author's approval), then retry with a token of that "
                              "account (Settings, or HF_TOKEN).")
            .arg(context.repoId, page);
    }
    return QStringLiteral("%1 is gated: open %2 signed in and accept its licence, then add an access token "
                          "(Settings, or HF_TOKEN) and retry.")
        .arg(context.repoId, page);
}

AppError make(AppError::Kind kind, QString message, QString detail, int code)
{
    return AppError {kind, std::move(message), std::move(detail), code};
}

} // namespace

AppError fromReply(int httpStatus,
    const QByteArray &errorCode,
    const QByteArray &errorMessage,
    QNetworkReply::NetworkError networkError,
    const QString &networkErrorString,
    const HubErrorContext &context)
{
    const QString hubCode = QString::fromUtf8(errorCode);
    QString detail = QStringLiteral("HTTP %1").arg(httpStatus);
    if (!hubCode.isEmpty())
        detail += QStringLiteral(" %1: %2").arg(hubCode, QString::fromUtf8(errorMessage).left(300));
    if (httpStatus == 0) {
        if (networkError == QNetworkReply::SslHandshakeFailedError)
            return make(AppError::Kind::Network,
                QStringLiteral("The TLS certificate of %1 could not be verified (%2); Atrium does not "
                               "connect without verification.")
                    .arg(context.host, networkErrorString),
                networkErrorString,
                0);
        return make(AppError::Kind::Network,
            QStringLiteral("Could not reach the Hub at %1 (%2). Check the network connection and retry.")
                .arg(context.host, networkErrorString),
            networkErrorString,
            0);
    }
    if (hubCode == QLatin1String("GatedRepo"))
        return make(AppError::Kind::Unauthorized, gatedMessage(context, httpStatus), detail, httpStatus);
    if (hubCode == QLatin1String("RepoNotFound") || (httpStatus == 401 && hubCode.isEmpty())) {
        if (httpStatus == 401 && !context.hasToken)
            return make(AppError::Kind::Unauthorized,
                QStringLiteral("%1 was not found, or it is private or gated: sign in with an access token "
                               "(Settings, or HF_TOKEN) to check.")
                    .arg(context.repoId),
                detail,
                httpStatus);
        if (httpStatus == 401)
            return make(AppError::Kind::Unauthorized,
                QStringLiteral("The Hub refused the access token for %1: it is invalid or expired. Add a new "
                               "token (Settings, or HF_TOKEN).")
                    .arg(context.repoId),
                detail,
                httpStatus);
        return make(AppError::Kind::NotFound,
            QStringLiteral("Repository %1 was not found (or it is private to another account).").arg(context.repoId),
            detail,
            httpStatus);
    }
    if (hubCode == QLatin1String("RevisionNotFound"))
        return make(AppError::Kind::NotFound,
            QStringLiteral("Revision '%1' does not exist in %2.").arg(context.revision, context.repoId),
            detail,
            httpStatus);
    if (hubCode == QLatin1String("EntryNotFound") || httpStatus == 404)
        return make(AppError::Kind::NotFound,
            QStringLiteral("%1 was not found on the Hub.").arg(subject(context)),
            detail,
            httpStatus);
    if (httpStatus == 403)
        return make(AppError::Kind::Unauthorized,
            QStringLiteral("The Hub refused access to %1 (403). If it is gated or private, accept its licence "
                           "at %2 and use a token with read access.")
                .arg(subject(context), context.repoPage.toString()),
            detail,
            httpStatus);
    if (httpStatus == 429)
        return make(AppError::Kind::RateLimited,
            QStringLiteral("The Hub is rate-limiting requests (429). Wait a few minutes, or add an access "
                           "token to get a higher limit."),
            detail,
            httpStatus);
    if (httpStatus >= 500)
        return make(AppError::Kind::Server,
            QStringLiteral("The Hub had a server error (%1) for %2; try again later.")
                .arg(httpStatus)
                .arg(subject(context)),
            detail,
            httpStatus);
    return make(AppError::Kind::Network,
        QStringLiteral("The Hub answered %1 for %2.").arg(httpStatus).arg(subject(context)),
        detail,
        httpStatus);
}

AppError offline(const QString &what)
{
    return make(AppError::Kind::Offline,
        QStringLiteral("Offline mode is on (HF_HUB_OFFLINE): %1 needs the network and is not cached.").arg(what),
        QStringLiteral("offline"),
        0);
}

qint64 retryAfterMs(const QByteArray &retryAfter, const QByteArray &rateLimit)
{
    const QByteArray value = retryAfter.trimmed();
    if (!value.isEmpty()) {
        bool ok = false;
        const double seconds = value.toDouble(&ok);
        if (ok && seconds >= 0)
            return static_cast<qint64>(seconds * 1000);
        const QDateTime when =
            QLocale::c().toDateTime(QString::fromLatin1(value), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
        if (when.isValid()) {
            QDateTime utc = when;
            utc.setTimeSpec(Qt::UTC);
            return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(utc));
        }
    }
    // RateLimit: "api";r=0;t=55  → wait t + 1 seconds once the window is used up.
    static const QRegularExpression kRemaining(QStringLiteral(R"(;\s*r\s*=\s*(\d+))"));
    static const QRegularExpression kReset(QStringLiteral(R"(;\s*t\s*=\s*(\d+))"));
    const QString header = QString::fromLatin1(rateLimit);
    const QRegularExpressionMatch remaining = kRemaining.match(header);
    const QRegularExpressionMatch reset = kReset.match(header);
    if (remaining.hasMatch() && reset.hasMatch() && remaining.captured(1).toLongLong() == 0)
        return (reset.captured(1).toLongLong() + 1) * 1000;
    return -1;
}

bool isRetryable(const AppError &error)
{
    return error.kind == AppError::Kind::Network || error.kind == AppError::Kind::RateLimited
        || error.kind == AppError::Kind::Server;
}

qint64 backoffMs(int attempt, int baseMs, int maxMs)
{
    const int shift = std::clamp(attempt - 1, 0, 20);
    const qint64 delay = std::min<qint64>(static_cast<qint64>(baseMs) << shift, maxMs);
    if (delay <= 1)
        return delay;
    return delay / 2 + QRandomGenerator::global()->bounded(delay / 2 + 1);
}

} // namespace HubErrors
