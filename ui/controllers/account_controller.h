// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>

#include <QObject>
#include <QtQml/qqmlregistration.h>

class DownloadManager;
class HubClient;
class TokenStore;
class QQmlEngine;
class QJSEngine;

/// The Hugging Face access token (for gated and private models): where it comes from, and saving it in the OS
/// keychain or removing it. The token itself never reaches QML.
class AccountController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Account)
    QML_SINGLETON
    Q_PROPERTY(bool hasToken READ hasToken NOTIFY changed FINAL)
    /// "environment" (HF_TOKEN), "keychain", "file" (huggingface_hub's token file) or "".
    Q_PROPERTY(QString tokenSource READ tokenSource NOTIFY changed FINAL)
    Q_PROPERTY(bool keychainAvailable READ keychainAvailable CONSTANT FINAL)
    Q_PROPERTY(bool busy READ busy NOTIFY changed FINAL)
    Q_PROPERTY(QString message READ message NOTIFY changed FINAL)
    /// The Hub account the token in use belongs to (checked once per token with whoami-v2); "" until known.
    Q_PROPERTY(QString accountName READ accountName NOTIFY changed FINAL)
    /// The Hub turned the token in use down (revoked, expired or mistyped); `message` says so.
    Q_PROPERTY(bool tokenRejected READ tokenRejected NOTIFY changed FINAL)

public:
    AccountController(TokenStore *tokens, HubClient *hub, DownloadManager *downloads, QObject *parent);
    static AccountController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    bool hasToken() const;
    QString tokenSource() const;
    bool keychainAvailable() const;
    bool busy() const;
    QString message() const;
    QString accountName() const;
    bool tokenRejected() const;

    /// Looks the token up (keychain, environment, token file) and hands it to the Hub client and downloads.
    void load();
    /// Checks a token ("hf_…") with the Hub, then saves it in the keychain and starts using it. A token the Hub
    /// rejects is not saved; one that cannot be checked now (offline, Hub unreachable) is saved with a note.
    Q_INVOKABLE void saveToken(const QString &token);
    Q_INVOKABLE void removeToken();

Q_SIGNALS:
    void changed();

private:
    void apply(const QString &token);
    /// Asks the Hub who `token` belongs to, once per token; `then` runs with the outcome.
    void check(const QString &token, std::function<void(bool rejected, const QString &error)> then);
    void store(const QString &token);

    TokenStore *m_tokens = nullptr;
    HubClient *m_hub = nullptr;
    DownloadManager *m_downloads = nullptr;
    bool m_busy = false;
    QString m_pending;
    QString m_message;
    QString m_accountName;
    QString m_checkedToken; ///< the token m_accountName belongs to
    bool m_tokenRejected = false;
};
