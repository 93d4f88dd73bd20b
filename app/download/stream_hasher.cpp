// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "download/stream_hasher.h"

#ifdef ATRIUM_HAVE_OPENSSL
#include <openssl/evp.h>
#endif

#include <QCryptographicHash>
#include <QFile>
#include <QMetaObject>

namespace
{

/// SHA-256 through OpenSSL's EVP interface when available (SHA-NI / AVX2 code paths), else Qt's portable code.
class Sha256
{
public:
    Sha256()
    {
#ifdef ATRIUM_HAVE_OPENSSL
        m_ctx = EVP_MD_CTX_new();
        if (m_ctx && EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr) != 1) {
            EVP_MD_CTX_free(m_ctx);
            m_ctx = nullptr;
        }
#endif
    }
    ~Sha256()
    {
#ifdef ATRIUM_HAVE_OPENSSL
        if (m_ctx)
            EVP_MD_CTX_free(m_ctx);
#endif
    }
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(const char *data, qsizetype size)
    {
#ifdef ATRIUM_HAVE_OPENSSL
        if (m_ctx) {
            EVP_DigestUpdate(m_ctx, data, static_cast<size_t>(size));
            return;
        }
#endif
        m_fallback.addData(QByteArrayView(data, size));
    }
    QByteArray result()
    {
#ifdef ATRIUM_HAVE_OPENSSL
        if (m_ctx) {
            unsigned char out[EVP_MAX_MD_SIZE];
            unsigned int length = 0;
            EVP_DigestFinal_ex(m_ctx, out, &length);
            return QByteArray(reinterpret_cast<const char *>(out), static_cast<qsizetype>(length));
        }
#endif
        return m_fallback.result();
    }

private:
#ifdef ATRIUM_HAVE_OPENSSL
    EVP_MD_CTX *m_ctx = nullptr;
#endif
    QCryptographicHash m_fallback {QCryptographicHash::Sha256};
};

constexpr qint64 kReadChunk = 4 * 1024 * 1024;

} // namespace

class StreamHasher::State
{
public:
    explicit State(qint64 gitBlobSize)
        : m_git(gitBlobSize >= 0)
    {
        if (m_git)
            m_sha1.addData(QByteArray("blob ") + QByteArray::number(gitBlobSize) + QByteArray(1, '\0'));
    }
    void add(const char *data, qsizetype size)
    {
        m_sha256.add(data, size);
        if (m_git)
            m_sha1.addData(QByteArrayView(data, size));
        m_bytes += size;
    }
    bool addFile(const QString &path, qint64 length, QString *error, const std::atomic<bool> *cancel = nullptr)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.errorString();
            return false;
        }
        QByteArray buffer;
        qint64 left = length;
        while (left > 0) {
            if (cancel && cancel->load())
                return false;
            buffer = file.read(std::min(left, kReadChunk));
            if (buffer.isEmpty()) {
                *error = QStringLiteral("%1 is shorter than expected").arg(path);
                return false;
            }
            add(buffer.constData(), buffer.size());
            left -= buffer.size();
        }
        return true;
    }
    Digest digest(const QString &error)
    {
        Digest d;
        d.sha256 = QString::fromLatin1(m_sha256.result().toHex());
        if (m_git)
            d.gitSha1 = QString::fromLatin1(m_sha1.result().toHex());
        d.bytes = m_bytes;
        d.error = error;
        return d;
    }

private:
    Sha256 m_sha256;
    bool m_git = false;
    QCryptographicHash m_sha1 {QCryptographicHash::Sha1};
    qint64 m_bytes = 0;
};

StreamHasher::StreamHasher(qint64 gitBlobSize)
    : m_state(std::make_unique<State>(gitBlobSize))
    , m_thread([this]() { run(); })
{
}

StreamHasher::~StreamHasher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cancel = true;
    m_wake.notify_all();
    m_thread.join();
}

void StreamHasher::enqueue(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void StreamHasher::addFilePrefix(const QString &path, qint64 length)
{
    if (length <= 0)
        return;
    m_bytesQueued += length;
    Job job;
    job.path = path;
    job.length = length;
    enqueue(std::move(job));
}

void StreamHasher::addData(const QByteArray &chunk)
{
    if (chunk.isEmpty())
        return;
    m_bytesQueued += chunk.size();
    Job job;
    job.data = chunk;
    enqueue(std::move(job));
}

void StreamHasher::finish(QObject *context, std::function<void(const Digest &)> done)
{
    Job job;
    job.finish = true;
    job.context = context;
    job.done = std::move(done);
    enqueue(std::move(job));
}

void StreamHasher::run()
{
    QString error;
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this]() { return m_stop || !m_jobs.empty(); });
            if (m_stop)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        if (job.finish) {
            Digest digest = m_state->digest(error);
            if (job.context) {
                QMetaObject::invokeMethod(
                    job.context.data(), [done = std::move(job.done), digest]() { done(digest); }, Qt::QueuedConnection);
            }
            return; // NOTE: a finished hasher takes no more work; a new download makes a new one
        }
        if (!job.path.isEmpty()) {
            if (error.isEmpty())
                m_state->addFile(job.path, job.length, &error, &m_cancel);
        } else {
            m_state->add(job.data.constData(), job.data.size());
        }
    }
}

StreamHasher::Digest StreamHasher::hashFile(const QString &path, qint64 gitBlobSize)
{
    State state(gitBlobSize);
    QString error;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return state.digest(file.errorString());
    state.addFile(path, file.size(), &error);
    return state.digest(error);
}
