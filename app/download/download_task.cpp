// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "download/download_task.h"

#include <algorithm>
#include <cerrno>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QStorageInfo>

#include "download/stream_hasher.h"
#include "hub/hub_errors.h"
#include "hub/hub_json.h"
#include "hub/hub_paths.h"

namespace
{

constexpr int kMaxRedirects = 5;

QString megabytes(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(static_cast<double>(bytes) / 1e6, 0, 'f', 1);
}

} // namespace

DownloadTask::DownloadTask(quint64 id,
    DownloadRequest request,
    const HubConfig &hub,
    const DownloadOptions &options,
    QNetworkAccessManager *network,
    QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_request(std::move(request))
    , m_hub(hub)
    , m_options(options)
    , m_network(network)
    , m_layout(options.cacheRoot)
{
    m_stallTimer.setInterval(std::clamp(m_options.stallTimeoutMs / 4, 20, 1000));
    connect(&m_stallTimer, &QTimer::timeout, this, &DownloadTask::onStallCheck);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &DownloadTask::beginAttempt);
}

DownloadTask::~DownloadTask()
{
    dropReply();
}

AppError DownloadTask::error(AppError::Kind kind, const QString &message, const QString &detail) const
{
    return AppError {
        kind, message, detail.isEmpty() ? m_request.repoId + QLatin1Char('/') + m_request.path : detail, 0};
}

DownloadProgress DownloadTask::progress() const
{
    DownloadProgress p;
    p.id = m_id;
    p.repoId = m_request.repoId;
    p.path = m_request.path;
    p.state = m_state;
    p.bytesDone = m_offset;
    p.bytesTotal = std::max<qint64>(0, m_request.expectedSize);
    p.bytesPerSecond = m_bytesPerSecond;
    p.etaSeconds = m_bytesPerSecond > 1 ? static_cast<qint64>((p.bytesTotal - p.bytesDone) / m_bytesPerSecond) : -1;
    p.attempt = m_retries;
    p.retryInMs = m_retryAt >= 0 ? std::max<qint64>(0, m_retryAt - QDateTime::currentMSecsSinceEpoch()) : -1;
    p.note = m_note;
    return p;
}

// --- Lifecycle -----------------------------------------------------------------------------------------------

void DownloadTask::start()
{
    if (m_state == DownloadState::Running || m_state == DownloadState::Verifying || m_state == DownloadState::Completed)
        return;
    m_failures = 0;
    m_note.clear();
    auto ready = prepare();
    if (!ready) {
        // NOTE: reported on the next turn of the event loop, so the caller has the id before any signal arrives.
        m_state = DownloadState::Running;
        QTimer::singleShot(0, this, [this, failure = ready.error()]() { fail(failure); });
        return;
    }
    if (*ready) {
        m_alreadyPresent = true;
        m_state = DownloadState::Verifying;
        QTimer::singleShot(0, this, [this]() { finishVerified(m_request.expectedSha256); });
        return;
    }
    beginAttempt();
}

AppExpected<bool> DownloadTask::prepare()
{
    const DownloadRequest &r = m_request;
    ATRIUM_TRY_VOID(HubPaths::validateRepoId(r.repoId));
    ATRIUM_TRY_VOID(HubPaths::validateFilePath(r.path));
    if (!HubPaths::isCommitHash(r.commit))
        return appFail(AppError::Kind::InvalidInput, QStringLiteral("'%1' is not a commit id.").arg(r.commit.left(80)));
    if (!r.refName.isEmpty())
        ATRIUM_TRY_VOID(HubPaths::validateRevision(r.refName));
    const bool lfs = !r.expectedSha256.isEmpty();
    if ((lfs && !HubPaths::isSha256(r.expectedSha256)) || (!lfs && !HubPaths::isCommitHash(r.gitOid)))
        return appFail(AppError::Kind::InvalidInput,
            QStringLiteral("The Hub gave no valid hash for %1; refusing to download it unverified.").arg(r.path));
    if (r.expectedSize < 0)
        return appFail(AppError::Kind::InvalidInput, QStringLiteral("The Hub gave no size for %1.").arg(r.path));

    const QString blobsDir = m_layout.blobsDir(r.repoId);
    if (!QDir().mkpath(blobsDir))
        return appFail(AppError::Kind::Io, QStringLiteral("Could not create %1.").arg(blobsDir));
    const QFileInfo blob(m_layout.blobPath(r.repoId, r.blobName()));
    if (blob.exists() && blob.size() == r.expectedSize)
        return true;

    if (!m_lock) {
        const QString lockPath = m_layout.lockPath(r.repoId, r.blobName());
        QDir().mkpath(QFileInfo(lockPath).path());
        m_lock = std::make_unique<QLockFile>(lockPath);
        if (!m_lock->tryLock(0)) {
            m_lock.reset();
            return appFail(AppError::Kind::Io,
                QStringLiteral("%1 is being downloaded by another Atrium process; wait for it to finish.").arg(r.path));
        }
    }
    m_partialPath = m_layout.incompletePath(r.repoId, r.blobName());
    m_file.setFileName(m_partialPath);
    if (!m_file.isOpen() && !m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return appFail(
            AppError::Kind::Io, QStringLiteral("Could not write %1 (%2).").arg(m_partialPath, m_file.errorString()));
    m_offset = m_file.size();
    if (m_offset > r.expectedSize)
        resetPartial();
    if (!m_hasher || m_hasher->bytesQueued() != m_offset) {
        m_hasher = std::make_unique<StreamHasher>(lfs ? -1 : r.expectedSize);
        m_hasher->addFilePrefix(m_partialPath, m_offset);
        m_resumedFrom = m_offset;
    }
    m_rateBytes = m_offset;

    const QStorageInfo storage(blobsDir);
    const qint64 needed = r.expectedSize - m_offset + m_options.diskMarginBytes;
    if (storage.isValid() && storage.bytesAvailable() >= 0 && storage.bytesAvailable() < needed)
        return appFail(AppError::Kind::DiskFull,
            QStringLiteral("Not enough disk space for %1: it needs %2 more, %3 is free in %4.")
                .arg(r.path, megabytes(needed), megabytes(storage.bytesAvailable()), storage.rootPath()),
            blobsDir);
    return false;
}

void DownloadTask::pause()
{
    if (m_state != DownloadState::Queued && m_state != DownloadState::Running && m_state != DownloadState::Verifying)
        return;
    dropReply();
    m_retryTimer.stop();
    m_retryAt = -1;
    m_hasher.reset();
    m_file.close();
    m_lock.reset();
    setState(DownloadState::Paused);
    Q_EMIT stopped(m_state);
}

void DownloadTask::cancel()
{
    if (m_state == DownloadState::Completed || m_state == DownloadState::Cancelled)
        return;
    dropReply();
    m_retryTimer.stop();
    m_retryAt = -1;
    m_hasher.reset();
    m_file.close();
    if (!m_partialPath.isEmpty())
        QFile::remove(m_partialPath);
    m_offset = 0;
    m_lock.reset();
    setState(DownloadState::Cancelled);
    Q_EMIT stopped(m_state);
}

// --- Transfer ------------------------------------------------------------------------------------------------

void DownloadTask::beginAttempt()
{
    m_retryAt = -1;
    m_hops = 0;
    m_attemptStart = m_offset;
    if (m_offset > 0 && m_request.expectedSize > 0 && m_note.isEmpty())
        m_note = QStringLiteral("resuming at %1%").arg(m_offset * 100 / m_request.expectedSize);
    setState(DownloadState::Running, m_note);
    sendRequest(m_hub.resolveUrl(m_request.repoId, m_request.commit, m_request.path));
}

void DownloadTask::sendRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("User-Agent", m_hub.userAgent.toUtf8());
    request.setRawHeader("Accept-Encoding", "identity");
    if (m_offset > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_offset) + '-');
    if (m_hub.mayCarryToken(url))
        request.setRawHeader("Authorization", "Bearer " + m_hub.token.toUtf8());
    m_reply = m_network->get(request);
    m_reply->setReadBufferSize(m_options.readBufferBytes);
    m_reply->setProperty("atriumUrl", url);
    m_bodyAccepted = false;
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &DownloadTask::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &DownloadTask::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &DownloadTask::onReplyFinished);
    m_sinceData.start();
    m_stallTimer.start();
}

void DownloadTask::dropReply()
{
    m_stallTimer.stop();
    m_bodyAccepted = false;
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

AppExpected<void> DownloadTask::checkAnnounced(QNetworkReply *reply) const
{
    const QByteArray commit = reply->rawHeader("X-Repo-Commit");
    if (!commit.isEmpty() && QString::fromLatin1(commit) != m_request.commit)
        return atrium::Unexpected<AppError>(error(AppError::Kind::Integrity,
            QStringLiteral("The Hub served commit %1 for %2, expected %3; refusing it.")
                .arg(QString::fromLatin1(commit.left(40)), m_request.path, m_request.commit)));
    bool ok = false;
    const qint64 linkedSize = reply->rawHeader("X-Linked-Size").toLongLong(&ok);
    if (ok && linkedSize != m_request.expectedSize)
        return atrium::Unexpected<AppError>(error(AppError::Kind::Integrity,
            QStringLiteral("The Hub announces %1 bytes for %2 but lists %3; refusing it.")
                .arg(linkedSize)
                .arg(m_request.path)
                .arg(m_request.expectedSize)));
    const QString linkedEtag = HubJson::normalizeEtag(reply->rawHeader("X-Linked-Etag"));
    if (!linkedEtag.isEmpty() && !m_request.expectedSha256.isEmpty() && linkedEtag != m_request.expectedSha256)
        return atrium::Unexpected<AppError>(error(AppError::Kind::Integrity,
            QStringLiteral("The Hub announces sha256 %1 for %2 but lists %3; refusing it.")
                .arg(linkedEtag.left(64), m_request.path, m_request.expectedSha256)));
    return {};
}

void DownloadTask::onMetaData()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QUrl url = reply->property("atriumUrl").toUrl();
    if (status >= 300 && status < 400) {
        if (auto announced = checkAnnounced(reply); !announced)
            return fail(announced.error());
        const QByteArray location = reply->rawHeader("Location");
        const QUrl target = url.resolved(QUrl::fromEncoded(location));
        if (location.isEmpty())
            return retry(error(AppError::Kind::Server, QStringLiteral("The Hub sent a redirect without a target.")));
        if (auto allowed = m_hub.checkRedirect(target); !allowed)
            return fail(allowed.error());
        if (++m_hops > kMaxRedirects)
            return fail(
                error(AppError::Kind::Server, QStringLiteral("Too many redirects for %1.").arg(m_request.path)));
        dropReply();
        sendRequest(target);
        return;
    }
    if (status >= 400)
        return; // handled when the (small) error answer has finished: aborting now would report the error twice
    if (HubConfig::sameOrigin(url, m_hub.endpoint)) {
        if (auto announced = checkAnnounced(reply); !announced)
            return fail(announced.error());
    }
    if (status != 200 && status != 206)
        return retry(error(AppError::Kind::Server, QStringLiteral("Unexpected HTTP status %1.").arg(status)));
    if (checkRangeAnswer(status, reply))
        m_bodyAccepted = true;
}

bool DownloadTask::checkRangeAnswer(int status, QNetworkReply *reply)
{
    const QVariant lengthHeader = reply->header(QNetworkRequest::ContentLengthHeader);
    const qint64 contentLength = lengthHeader.isValid() ? lengthHeader.toLongLong() : -1;
    if (status == 200) {
        if (m_offset > 0) {
            m_note = QStringLiteral("the server ignored the resume range; restarting");
            resetPartial(); // NOTE: 200 to a Range request means the whole file follows (hub-api.md §5)
        }
        if (contentLength >= 0 && contentLength != m_request.expectedSize) {
            fail(error(AppError::Kind::Integrity,
                QStringLiteral("The server sends %1 bytes for %2, the Hub lists %3; refusing it.")
                    .arg(contentLength)
                    .arg(m_request.path)
                    .arg(m_request.expectedSize)));
            return false;
        }
        return true;
    }
    static const QRegularExpression kContentRange(QStringLiteral(R"(^bytes\s+(\d+)-(\d+)/(\d+|\*)$)"));
    const QRegularExpressionMatch match =
        kContentRange.match(QString::fromLatin1(reply->rawHeader("Content-Range")).trimmed());
    const bool totalOk = match.hasMatch()
        && (match.captured(3) == QLatin1String("*") || match.captured(3).toLongLong() == m_request.expectedSize);
    if (!match.hasMatch() || match.captured(1).toLongLong() != m_offset || !totalOk
        || match.captured(2).toLongLong() >= m_request.expectedSize
        || (contentLength >= 0 && contentLength != m_request.expectedSize - m_offset)) {
        dropReply();
        resetPartial();
        retry(error(AppError::Kind::Server,
            QStringLiteral("The server answered the resume with a different range (%1); restarting.")
                .arg(QString::fromLatin1(reply->rawHeader("Content-Range").left(80)))));
        return false;
    }
    return true;
}

void DownloadTask::onReadyRead()
{
    if (!m_reply)
        return;
    if (!m_bodyAccepted) {
        m_reply->skip(m_reply->bytesAvailable()); // an error page or redirect body: not the file
        return;
    }
    while (m_reply && m_reply->bytesAvailable() > 0) {
        // NOTE: readAll() hands over the reply's buffered chunk without copying it (its size is bounded by
        // readBufferBytes); read(n) would copy every byte once more.
        const QByteArray chunk = m_reply->readAll();
        if (chunk.isEmpty())
            break;
        if (m_offset + chunk.size() > m_request.expectedSize)
            return fail(error(AppError::Kind::Integrity,
                QStringLiteral("The server sent more than the %1 bytes listed for %2; refusing it.")
                    .arg(m_request.expectedSize)
                    .arg(m_request.path)));
        const qint64 written = m_file.write(chunk);
        if (written != chunk.size()) {
            const int savedErrno = errno;
            const bool full = m_file.error() == QFileDevice::ResourceError || savedErrno == ENOSPC
#ifdef EDQUOT
                || savedErrno == EDQUOT
#endif
                ;
            const QString reason = m_file.errorString();
            m_file.resize(m_offset); // NOTE: drop a torn write so the partial file stays an exact, hashed prefix
            if (full)
                return fail(error(AppError::Kind::DiskFull,
                    QStringLiteral("The disk is full while downloading %1 (%2 of %3 done). Free some space "
                                   "and pull again: it resumes where it stopped.")
                        .arg(m_request.path, megabytes(m_offset), megabytes(m_request.expectedSize)),
                    reason));
            return fail(
                error(AppError::Kind::Io, QStringLiteral("Could not write %1 (%2).").arg(m_partialPath, reason)));
        }
        m_hasher->addData(chunk);
        m_offset += written;
    }
    m_sinceData.restart();
    emitProgress(false);
}

void DownloadTask::onErrorStatus(QNetworkReply *reply, int status)
{
    const QUrl url = reply->property("atriumUrl").toUrl();
    const HubErrorContext context {m_request.repoId,
        m_request.path,
        m_request.commit,
        m_hub.mayCarryToken(url),
        m_hub.repoPageUrl(m_request.repoId),
        url.host()};
    const AppError failure = HubErrors::fromReply(status,
        reply->rawHeader("X-Error-Code"),
        reply->rawHeader("X-Error-Message"),
        QNetworkReply::NoError,
        {},
        context);
    const qint64 retryAfter = HubErrors::retryAfterMs(reply->rawHeader("Retry-After"), reply->rawHeader("RateLimit"));
    dropReply();
    if (status == 416) {
        if (m_offset == m_request.expectedSize)
            return verify();
        resetPartial();
        return retry(error(AppError::Kind::Server, QStringLiteral("The server refused the resume range; restarting.")));
    }
    retry(failure, retryAfter);
}

void DownloadTask::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); status >= 400)
        return onErrorStatus(reply, status);
    onReadyRead();
    if (m_reply != reply)
        return; // onReadyRead() failed the attempt
    const QNetworkReply::NetworkError networkError = reply->error();
    const QString errorString = reply->errorString();
    const QUrl url = reply->property("atriumUrl").toUrl();
    const bool accepted = m_bodyAccepted;
    dropReply();
    if (networkError != QNetworkReply::NoError && m_offset != m_request.expectedSize) {
        const HubErrorContext context {
            m_request.repoId, m_request.path, m_request.commit, false, m_hub.repoPageUrl(m_request.repoId), url.host()};
        return retry(HubErrors::fromReply(0, {}, {}, networkError, errorString, context));
    }
    if (!accepted)
        return retry(
            error(AppError::Kind::Server, QStringLiteral("The server sent no content for %1.").arg(m_request.path)));
    if (m_offset == m_request.expectedSize)
        return verify();
    retry(error(AppError::Kind::Network,
        QStringLiteral("The connection closed after %1 of %2.")
            .arg(megabytes(m_offset), megabytes(m_request.expectedSize))));
}

void DownloadTask::onStallCheck()
{
    if (m_reply && m_sinceData.elapsed() > m_options.stallTimeoutMs) {
        onReadyRead(); // keep whatever arrived before the stall
        if (!m_reply)
            return;
        dropReply();
        retry(error(AppError::Kind::Network,
            QStringLiteral("No data for %1 s; the transfer stalled.")
                .arg(m_options.stallTimeoutMs / 1000.0, 0, 'f', 1)));
        return;
    }
    emitProgress(false);
}

void DownloadTask::retry(const AppError &failure, qint64 retryAfterMs)
{
    dropReply();
    if (!HubErrors::isRetryable(failure))
        return fail(failure);
    if (m_offset > m_attemptStart)
        m_failures = 0;
    ++m_failures;
    ++m_retries;
    if (m_failures >= m_options.maxAttempts) {
        AppError last = failure;
        last.message +=
            QStringLiteral(" Gave up after %1 attempts; the partial download is kept and resumes next time.")
                .arg(m_failures);
        return fail(last);
    }
    if (retryAfterMs > m_options.maxRetryWaitMs) {
        AppError last = failure;
        last.message += QStringLiteral(" The server asks to wait %1 s.").arg((retryAfterMs + 999) / 1000);
        return fail(last);
    }
    const qint64 delay = retryAfterMs >= 0
        ? retryAfterMs
        : HubErrors::backoffMs(m_failures, m_options.backoffBaseMs, m_options.backoffMaxMs);
    m_retryAt = QDateTime::currentMSecsSinceEpoch() + delay;
    setState(DownloadState::Running,
        QStringLiteral("retrying in %1 s: %2").arg(delay / 1000.0, 0, 'f', 1).arg(failure.message));
    m_retryTimer.start(static_cast<int>(delay));
}

void DownloadTask::fail(const AppError &failure)
{
    dropReply();
    m_retryTimer.stop();
    m_retryAt = -1;
    m_hasher.reset();
    m_file.close();
    m_lock.reset();
    if (m_state == DownloadState::Failed || m_state == DownloadState::Cancelled || m_state == DownloadState::Paused)
        return;
    setState(DownloadState::Failed, failure.message);
    Q_EMIT failed(failure);
}

void DownloadTask::resetPartial()
{
    if (m_file.isOpen())
        m_file.resize(0);
    else if (!m_partialPath.isEmpty())
        QFile::resize(m_partialPath, 0);
    m_offset = 0;
    m_resumedFrom = 0;
    m_attemptStart = 0;
    m_rateBytes = 0;
    m_hasher = std::make_unique<StreamHasher>(m_request.expectedSha256.isEmpty() ? m_request.expectedSize : -1);
}

// --- Verification and publishing -----------------------------------------------------------------------------

void DownloadTask::verify()
{
    m_stallTimer.stop();
    m_file.close();
    setState(DownloadState::Verifying, QStringLiteral("verifying sha256"));
    m_hasher->finish(this, [this](const StreamHasher::Digest &digest) {
        if (m_state != DownloadState::Verifying)
            return; // paused or cancelled meanwhile
        m_hasher.reset();
        const DownloadRequest &r = m_request;
        if (!digest.error.isEmpty())
            return fail(error(
                AppError::Kind::Io, QStringLiteral("Could not read back %1 (%2).").arg(m_partialPath, digest.error)));
        const bool lfs = !r.expectedSha256.isEmpty();
        const QString actual = lfs ? digest.sha256 : digest.gitSha1;
        if (digest.bytes == r.expectedSize && actual == (lfs ? r.expectedSha256 : r.gitOid))
            return finishVerified(digest.sha256);
        // NOTE: bad bytes are discarded, never published; one fresh download, then a clear failure.
        QFile::remove(m_partialPath);
        m_offset = 0;
        const QString what = lfs ? QStringLiteral("sha256") : QStringLiteral("git blob id");
        if (m_integrityRetried)
            return fail(error(AppError::Kind::Integrity,
                QStringLiteral("%1 failed verification twice (%2 %3, expected %4); the download was "
                               "discarded. The file on the server may be corrupt; try again later.")
                    .arg(r.path, what, actual.left(16), (lfs ? r.expectedSha256 : r.gitOid).left(16))));
        m_integrityRetried = true;
        m_state = DownloadState::Queued;
        start();
        m_note = QStringLiteral("%1 mismatch; the bad bytes were discarded, downloading again").arg(what);
        emitProgress(true);
    });
}

void DownloadTask::finishVerified(const QString &sha256)
{
    const DownloadRequest &r = m_request;
    auto blob = m_alreadyPresent ? AppExpected<QString>(m_layout.blobPath(r.repoId, r.blobName()))
                                 : m_layout.publishBlob(r.repoId, r.blobName(), m_partialPath);
    if (!blob)
        return fail(blob.error());
    auto snapshot = m_layout.linkSnapshot(r.repoId, r.commit, r.path, r.blobName(), m_options.useSymlinks);
    if (!snapshot)
        return fail(snapshot.error());
    if (!r.refName.isEmpty() && r.refName != r.commit) {
        if (auto ref = m_layout.writeRef(r.repoId, r.refName, r.commit); !ref)
            return fail(ref.error());
    }
    m_lock.reset();
    m_offset = r.expectedSize;
    DownloadResult result;
    result.id = m_id;
    result.request = r;
    result.localPath = *snapshot;
    result.blobPath = *blob;
    result.size = r.expectedSize;
    result.sha256 = sha256;
    if (result.sha256.isEmpty()) // a blob found in the cache: small files are hashed here, LFS blobs are named by it
        result.sha256 = HubPaths::isSha256(r.expectedSha256) ? r.expectedSha256 : StreamHasher::hashFile(*blob).sha256;
    result.alreadyPresent = m_alreadyPresent;
    result.resumedFrom = m_resumedFrom;
    setState(DownloadState::Completed);
    Q_EMIT finished(result);
}

void DownloadTask::setState(DownloadState state, const QString &note)
{
    m_state = state;
    m_note = note;
    emitProgress(true);
}

void DownloadTask::emitProgress(bool force)
{
    if (!force && m_progressClock.isValid() && m_progressClock.elapsed() < m_options.progressIntervalMs)
        return;
    if (!m_rateClock.isValid()) {
        m_rateClock.start();
        m_rateBytes = m_offset;
    } else if (const qint64 ms = m_rateClock.elapsed(); ms >= 200) {
        const double instant = std::max<double>(0, static_cast<double>(m_offset - m_rateBytes) * 1000.0 / ms);
        m_bytesPerSecond = m_bytesPerSecond <= 0 ? instant : 0.6 * m_bytesPerSecond + 0.4 * instant;
        m_rateBytes = m_offset;
        m_rateClock.restart();
    }
    m_progressClock.restart();
    Q_EMIT progressChanged(progress());
}
