// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>

/// Incremental SHA-256 (and optionally the git blob SHA-1 of small Hub files) computed on its own worker thread while
/// a download runs, so hashing never stalls the network thread and the digest is ready when the last byte lands.
///
/// Work is queued in order: first, when resuming, the prefix already on disk (read back from the partial file, since
/// nothing from an earlier process is trusted), then every chunk as it is written. finish() delivers the digest on
/// the thread of `context`. Uses OpenSSL's SHA-256 when built with it (several times faster than QCryptographicHash).
class StreamHasher
{
public:
    struct Digest {
        QString sha256; ///< lowercase hex
        QString gitSha1; ///< lowercase hex of sha1("blob <size>\0" + content); empty unless requested
        qint64 bytes = 0;
        QString error; ///< reading the prefix failed
    };

    /// `gitBlobSize` >= 0 also computes the git blob SHA-1 for a file of that size.
    explicit StreamHasher(qint64 gitBlobSize = -1);
    ~StreamHasher();
    StreamHasher(const StreamHasher &) = delete;
    StreamHasher &operator=(const StreamHasher &) = delete;

    /// Queues the first `length` bytes of the file at `path`.
    void addFilePrefix(const QString &path, qint64 length);
    /// Queues a chunk (implicitly shared, not copied).
    void addData(const QByteArray &chunk);
    /// Bytes queued so far (the length the digest will cover).
    qint64 bytesQueued() const
    {
        return m_bytesQueued;
    }
    /// Delivers the digest of everything queued, on `context`'s thread (dropped if `context` is gone).
    void finish(QObject *context, std::function<void(const Digest &)> done);
    /// Hashes a whole file synchronously (for tests and tools).
    static Digest hashFile(const QString &path, qint64 gitBlobSize = -1);

private:
    struct Job {
        QByteArray data;
        QString path; ///< non-empty: hash the file prefix
        qint64 length = 0;
        bool finish = false;
        QPointer<QObject> context;
        std::function<void(const Digest &)> done;
    };
    class State;

    void run();
    void enqueue(Job job);

    std::unique_ptr<State> m_state;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stop = false;
    std::atomic<bool> m_cancel {false}; ///< stops a long prefix read when the hasher is destroyed
    qint64 m_bytesQueued = 0;
    std::thread m_thread;
};
