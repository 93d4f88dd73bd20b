// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QObject>
#include <QString>

#include "common/app_error.h"

/// Where the Hub access token comes from, in this order: HF_TOKEN (then the legacy HUGGING_FACE_HUB_TOKEN) overrides
/// everything; else the OS keychain (QtKeychain: Secret Service, KWallet, macOS Keychain, Windows Credential Store);
/// else the huggingface_hub token file (HF_TOKEN_PATH, default $HF_HOME/token) for interoperability. Tokens are
/// stored only in the keychain, never in Atrium's settings. ATRIUM_NO_KEYCHAIN=1 skips the keychain (tests, CI).
class TokenStore : public QObject
{
    Q_OBJECT

public:
    enum class Source {
        None,
        Environment,
        Keychain,
        TokenFile,
    };

    explicit TokenStore(QObject *parent = nullptr);

    /// HF_TOKEN, else HUGGING_FACE_HUB_TOKEN (trimmed); empty when unset.
    static QString environmentToken();
    /// The first line of HF_TOKEN_PATH / $HF_HOME/token; empty when missing.
    static QString tokenFileToken();
    /// False when built without QtKeychain or when ATRIUM_NO_KEYCHAIN is set.
    static bool keychainAvailable();

    /// Looks the token up (asynchronously: the keychain may ask the user); finishes with tokenLoaded().
    void load();
    /// The same, waiting up to `timeoutMs` for the keychain (atrium-cli has no UI to wait on).
    QString loadBlocking(int timeoutMs = 3000);
    /// Saves a token in the keychain; finishes with tokenStored() or errorOccurred().
    void store(const QString &token);
    /// Deletes the keychain entry; finishes with tokenCleared() or errorOccurred().
    void clear();

    QString token() const
    {
        return m_token;
    }
    Source source() const
    {
        return m_source;
    }

Q_SIGNALS:
    void tokenLoaded(const QString &token);
    void tokenStored();
    void tokenCleared();
    void errorOccurred(const AppError &error);

private:
    void finishLoad(const QString &keychainToken);

    QString m_token;
    Source m_source = Source::None;
};
