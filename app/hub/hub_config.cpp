// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "hub/hub_config.h"

#include <QDir>
#include <QHostAddress>
#include <QStringList>

#include "settings/app_paths.h"

namespace
{

bool envFlag(const char *name)
{
    const QString value = qEnvironmentVariable(name).trimmed().toLower();
    return value == QLatin1String("1") || value == QLatin1String("true") || value == QLatin1String("yes")
        || value == QLatin1String("on");
}

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
}

} // namespace

HubConfig HubConfig::fromEnvironment()
{
    HubConfig config;
    QString endpoint = qEnvironmentVariable("HF_ENDPOINT").trimmed();
    while (endpoint.endsWith(QLatin1Char('/')))
        endpoint.chop(1);
    if (!endpoint.isEmpty())
        config.endpoint = QUrl(endpoint, QUrl::StrictMode);
    config.offline = envFlag("HF_HUB_OFFLINE") || envFlag("TRANSFORMERS_OFFLINE");
    bool ok = false;
    const double timeoutS = qEnvironmentVariable("HF_HUB_ETAG_TIMEOUT").toDouble(&ok);
    if (ok && timeoutS > 0)
        config.requestTimeoutMs = static_cast<int>(timeoutS * 1000);
    config.apiCacheDir = QDir(AppPaths::atriumHome()).filePath(QStringLiteral("cache/hub-api"));
    config.userAgent = QStringLiteral("atrium/%1; qt/%2").arg(QStringLiteral("0.1"), QLatin1String(qVersion()));
    return config;
}

QUrl HubConfig::repoPageUrl(const QString &repoId) const
{
    QUrl url = endpoint;
    url.setPath(url.path() + QLatin1Char('/') + repoId);
    return url;
}

QUrl HubConfig::apiUrl(const QString &path) const
{
    QUrl url = endpoint;
    url.setPath(url.path() + QStringLiteral("/api/") + path);
    return url;
}

QUrl HubConfig::resolveUrl(const QString &repoId, const QString &revision, const QString &path) const
{
    QStringList encoded;
    const QStringList segments = path.split(QLatin1Char('/'));
    for (const QString &segment : segments)
        encoded.append(QString::fromLatin1(QUrl::toPercentEncoding(segment)));
    const QString text = endpoint.toString(QUrl::FullyEncoded) + QLatin1Char('/') + repoId + QStringLiteral("/resolve/")
        + QString::fromLatin1(QUrl::toPercentEncoding(revision)) + QLatin1Char('/') + encoded.join(QLatin1Char('/'));
    return QUrl::fromEncoded(text.toLatin1(), QUrl::StrictMode);
}

bool HubConfig::sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && effectivePort(a) == effectivePort(b);
}

bool HubConfig::mayCarryToken(const QUrl &url) const
{
    return !token.isEmpty() && sameOrigin(url, endpoint);
}

bool HubConfig::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool HubConfig::isAllowedUrl(const QUrl &url) const
{
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() != QLatin1String("http"))
        return false;
    // NOTE: plain http only to the endpoint the user chose, or between loopback hosts when that endpoint is a
    // loopback http server (a local test hub and its CDN port).
    return sameOrigin(url, endpoint)
        || (endpoint.scheme() == QLatin1String("http") && isLoopbackHost(endpoint.host())
            && isLoopbackHost(url.host()));
}

AppExpected<void> HubConfig::checkRedirect(const QUrl &target) const
{
    if (isAllowedUrl(target))
        return {};
    return appFail(AppError::Kind::InvalidInput,
        QStringLiteral("Refusing a redirect to '%1': only https is allowed.")
            .arg(target.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo).left(200)),
        QStringLiteral("redirect policy"));
}
