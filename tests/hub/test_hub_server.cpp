// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "hub/test_hub_server.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

QString TestHubServer::token()
{
    return QStringLiteral("hf_atriumTestToken0123456789abcdefghijkl");
}

bool TestHubServer::pythonAvailable()
{
    return QFileInfo(QStringLiteral(ATRIUM_PYTHON3)).isExecutable();
}

TestHubServer::~TestHubServer()
{
    stop();
}

bool TestHubServer::start(const QStringList &extraArguments)
{
    QStringList arguments {QStringLiteral(ATRIUM_TEST_HUB_DIR "/test_hub.py"),
        QStringLiteral("--models"),
        QStringLiteral(ATRIUM_SHARED_DIR "/models"),
        QStringLiteral("--token"),
        token()};
    arguments += extraArguments;
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(QStringLiteral(ATRIUM_PYTHON3), arguments);
    if (!m_process.waitForStarted(5000)) {
        m_error = m_process.errorString();
        return false;
    }
    static const QRegularExpression kPorts(QStringLiteral(R"(api_port=(\d+) cdn_port=(\d+))"));
    QByteArray output;
    QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (!m_process.waitForReadyRead(static_cast<int>(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        output += m_process.readAllStandardOutput();
        const QRegularExpressionMatch match = kPorts.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_apiPort = match.captured(1).toInt();
            m_cdnPort = match.captured(2).toInt();
            return true;
        }
    }
    m_error = QStringLiteral("the test hub did not start: %1 %2")
                  .arg(QString::fromUtf8(output), QString::fromUtf8(m_process.readAllStandardError()));
    stop();
    return false;
}

void TestHubServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(3000)) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QUrl TestHubServer::endpoint() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_apiPort));
}

QByteArray TestHubServer::call(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(endpoint().toString() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = method == "POST" ? network.post(request, body) : network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray data = reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
    delete reply;
    return data;
}

bool TestHubServer::setFaults(const QJsonArray &rules)
{
    return !call("POST", QStringLiteral("/_control/faults"), QJsonDocument(rules).toJson()).isEmpty();
}

bool TestHubServer::reset()
{
    return !call("POST", QStringLiteral("/_control/reset")).isEmpty();
}

bool TestHubServer::setTreePageSize(int entries)
{
    const QJsonObject config {{QStringLiteral("tree_page_size"), entries}};
    return !call("POST", QStringLiteral("/_control/config"), QJsonDocument(config).toJson()).isEmpty();
}

QJsonArray TestHubServer::requests()
{
    return QJsonDocument::fromJson(call("GET", QStringLiteral("/_control/requests"))).array();
}

QList<QJsonObject> TestHubServer::requestsFor(const QString &port, const QString &pathPart)
{
    QList<QJsonObject> out;
    const QJsonArray all = requests();
    for (const QJsonValue &value : all) {
        const QJsonObject request = value.toObject();
        if (request.value(QLatin1String("port")).toString() == port
            && QUrl::fromPercentEncoding(request.value(QLatin1String("path")).toString().toUtf8()).contains(pathPart))
            out.append(request);
    }
    return out;
}
