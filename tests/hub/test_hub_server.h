// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

/// Starts tests/hub/test_hub.py (a loopback Hub with a second port acting as the CDN) as a child process for one test
/// and talks to its control endpoint: fault rules in, request log out. Needs python3 (ATRIUM_PYTHON3).
class TestHubServer
{
public:
    /// A token the server accepts for gated repositories.
    static QString token();
    static bool pythonAvailable();

    TestHubServer() = default;
    ~TestHubServer();
    TestHubServer(const TestHubServer &) = delete;
    TestHubServer &operator=(const TestHubServer &) = delete;

    /// Starts the server (extra arguments such as --add-file REPO:PATH=FILE); false with errorString() on failure.
    bool start(const QStringList &extraArguments = {});
    void stop();
    QString errorString() const
    {
        return m_error;
    }

    /// http://127.0.0.1:<api port>, what HF_ENDPOINT points at.
    QUrl endpoint() const;
    int apiPort() const
    {
        return m_apiPort;
    }
    int cdnPort() const
    {
        return m_cdnPort;
    }

    /// Replaces the fault rules (see test_hub.py).
    bool setFaults(const QJsonArray &rules);
    /// Clears faults and the request log.
    bool reset();
    bool setTreePageSize(int entries);
    /// Every request served since the last reset: {port, method, path, range, authorization, status, bytes}.
    QJsonArray requests();
    /// The requests whose port is `port` ("api" or "cdn") and whose path contains `pathPart`.
    QList<QJsonObject> requestsFor(const QString &port, const QString &pathPart);

private:
    QByteArray call(const QByteArray &method, const QString &path, const QByteArray &body = {});

    QProcess m_process;
    int m_apiPort = 0;
    int m_cdnPort = 0;
    QString m_error;
};
