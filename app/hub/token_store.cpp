// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "hub/token_store.h"

#ifdef ATRIUM_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

namespace
{

const QString kService = QStringLiteral("Atrium");
const QString kKey = QStringLiteral("huggingface-token");

QString hfHome()
{
    const QString home = qEnvironmentVariable("HF_HOME");
    if (!home.isEmpty())
        return home;
    const QString xdg = qEnvironmentVariable("XDG_CACHE_HOME");
    return QDir(xdg.isEmpty() ? QDir::home().filePath(QStringLiteral(".cache")) : xdg)
        .filePath(QStringLiteral("huggingface"));
}

} // namespace

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
{
}

QString TokenStore::environmentToken()
{
    QString token = qEnvironmentVariable("HF_TOKEN").trimmed();
    if (token.isEmpty())
        token = qEnvironmentVariable("HUGGING_FACE_HUB_TOKEN").trimmed();
    return token;
}

QString TokenStore::tokenFileToken()
{
    QString path = qEnvironmentVariable("HF_TOKEN_PATH");
    if (path.isEmpty())
        path = QDir(hfHome()).filePath(QStringLiteral("token"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine(4096)).trimmed();
}

bool TokenStore::keychainAvailable()
{
#ifdef ATRIUM_HAVE_KEYCHAIN
    return qEnvironmentVariable("ATRIUM_NO_KEYCHAIN").isEmpty();
#else
    return false;
#endif
}

void TokenStore::finishLoad(const QString &keychainToken)
{
    if (!keychainToken.isEmpty()) {
        m_token = keychainToken;
        m_source = Source::Keychain;
    } else {
        m_token = tokenFileToken();
        m_source = m_token.isEmpty() ? Source::None : Source::TokenFile;
    }
    Q_EMIT tokenLoaded(m_token);
}

void TokenStore::load()
{
    const QString env = environmentToken();
    if (!env.isEmpty()) {
        m_token = env;
        m_source = Source::Environment;
        QTimer::singleShot(0, this, [this]() { Q_EMIT tokenLoaded(m_token); });
        return;
    }
#ifdef ATRIUM_HAVE_KEYCHAIN
    if (keychainAvailable()) {
        auto *job = new QKeychain::ReadPasswordJob(kService, this);
        job->setAutoDelete(true);
        job->setKey(kKey);
        connect(job, &QKeychain::Job::finished, this, [this, job]() {
            // NOTE: "no entry" and "no keychain service" both fall back to the token file.
            finishLoad(job->error() == QKeychain::NoError ? job->textData().trimmed() : QString());
        });
        job->start();
        return;
    }
#endif
    QTimer::singleShot(0, this, [this]() { finishLoad({}); });
}

QString TokenStore::loadBlocking(int timeoutMs)
{
    QEventLoop loop;
    bool done = false;
    const auto connection = connect(this, &TokenStore::tokenLoaded, &loop, [&]() {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    load();
    if (!done)
        loop.exec();
    disconnect(connection);
    if (!done) {
        // The keychain did not answer in time: use the token file rather than hang a command-line run.
        m_token = tokenFileToken();
        m_source = m_token.isEmpty() ? Source::None : Source::TokenFile;
    }
    return m_token;
}

void TokenStore::store(const QString &token)
{
#ifdef ATRIUM_HAVE_KEYCHAIN
    if (keychainAvailable()) {
        auto *job = new QKeychain::WritePasswordJob(kService, this);
        job->setAutoDelete(true);
        job->setKey(kKey);
        job->setTextData(token.trimmed());
        connect(job, &QKeychain::Job::finished, this, [this, job, token]() {
            if (job->error() != QKeychain::NoError) {
                Q_EMIT errorOccurred(AppError {AppError::Kind::Io,
                    QStringLiteral("The access token could not be saved in the system "
                                   "keychain (%1). Set HF_TOKEN instead.")
                        .arg(job->errorString()),
                    job->errorString(),
                    static_cast<int>(job->error())});
                return;
            }
            if (m_source != Source::Environment) {
                m_token = token.trimmed();
                m_source = Source::Keychain;
            }
            Q_EMIT tokenStored();
        });
        job->start();
        return;
    }
#endif
    Q_UNUSED(token)
    QTimer::singleShot(0, this, [this]() {
        Q_EMIT errorOccurred(AppError {AppError::Kind::Io,
            QStringLiteral("No system keychain is available to save the access token. Set "
                           "HF_TOKEN instead."),
            QStringLiteral("keychain unavailable"),
            0});
    });
}

void TokenStore::clear()
{
#ifdef ATRIUM_HAVE_KEYCHAIN
    if (keychainAvailable()) {
        auto *job = new QKeychain::DeletePasswordJob(kService, this);
        job->setAutoDelete(true);
        job->setKey(kKey);
        connect(job, &QKeychain::Job::finished, this, [this, job]() {
            if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
                Q_EMIT errorOccurred(AppError {AppError::Kind::Io,
                    QStringLiteral("The access token could not be removed from the system "
                                   "keychain (%1).")
                        .arg(job->errorString()),
                    job->errorString(),
                    static_cast<int>(job->error())});
                return;
            }
            if (m_source == Source::Keychain) {
                m_token.clear();
                m_source = Source::None;
            }
            Q_EMIT tokenCleared();
        });
        job->start();
        return;
    }
#endif
    QTimer::singleShot(0, this, [this]() { Q_EMIT tokenCleared(); });
}
