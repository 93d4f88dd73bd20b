// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "account_controller.h"

#include <QPointer>

#include "common/qml_instance.h"
#include "download/download_manager.h"
#include "hub/hub_client.h"
#include "hub/token_store.h"

using namespace Qt::StringLiterals;

AccountController::AccountController(TokenStore *tokens, HubClient *hub, DownloadManager *downloads, QObject *parent)
    : QObject(parent)
    , m_tokens(tokens)
    , m_hub(hub)
    , m_downloads(downloads)
{
    if (!m_tokens)
        return;
    connect(m_tokens, &TokenStore::tokenLoaded, this, [this](const QString &token) {
        apply(token);
        m_busy = false;
        Q_EMIT changed();
        if (m_hub && !token.isEmpty() && token != m_checkedToken) {
            check(token, [this](bool rejected, const QString &error) {
                m_tokenRejected = rejected;
                if (rejected)
                    m_message = error; // says the Hub did not accept it, and where to make a new one
                Q_EMIT changed();
            });
        }
    });
    connect(m_tokens, &TokenStore::tokenStored, this, [this] {
        apply(m_pending);
        m_pending.clear();
        if (m_message.isEmpty())
            m_message = m_accountName.isEmpty()
                ? tr("Token saved in the system keychain.")
                : tr("Signed in as %1. The token is saved in the system keychain.").arg(m_accountName);
        load(); // the store reports where the token in use now comes from
    });
    connect(m_tokens, &TokenStore::tokenCleared, this, [this] {
        m_busy = false;
        m_message = tr("Token removed.");
        load();
    });
    connect(m_tokens, &TokenStore::errorOccurred, this, [this](const AppError &error) {
        m_busy = false;
        m_pending.clear();
        m_message = error.message;
        Q_EMIT changed();
    });
}

AccountController *AccountController::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<AccountController>::take(jsEngine);
}

bool AccountController::hasToken() const
{
    return m_tokens && !m_tokens->token().isEmpty();
}

QString AccountController::tokenSource() const
{
    if (!m_tokens)
        return {};
    switch (m_tokens->source()) {
    case TokenStore::Source::Environment:
        return u"environment"_s;
    case TokenStore::Source::Keychain:
        return u"keychain"_s;
    case TokenStore::Source::TokenFile:
        return u"file"_s;
    case TokenStore::Source::None:
        break;
    }
    return {};
}

bool AccountController::keychainAvailable() const
{
    return TokenStore::keychainAvailable();
}

bool AccountController::busy() const
{
    return m_busy;
}

QString AccountController::message() const
{
    return m_message;
}

QString AccountController::accountName() const
{
    return m_accountName;
}

bool AccountController::tokenRejected() const
{
    return m_tokenRejected;
}

void AccountController::load()
{
    if (!m_tokens)
        return;
    m_busy = true;
    Q_EMIT changed();
    m_tokens->load();
}

void AccountController::saveToken(const QString &token)
{
    const QString t = token.trimmed();
    if (!t.startsWith("hf_"_L1) || t.size() < 37 || t.size() > 256) {
        m_message = tr("That does not look like a Hugging Face token: they start with \"hf_\".");
        Q_EMIT changed();
        return;
    }
    if (!m_tokens || !keychainAvailable()) {
        m_message = tr("No system keychain is available; set HF_TOKEN before starting Atrium instead.");
        Q_EMIT changed();
        return;
    }
    m_busy = true;
    m_message.clear();
    Q_EMIT changed();
    if (!m_hub) {
        store(t);
        return;
    }
    check(t, [this, t](bool rejected, const QString &error) {
        if (rejected) {
            m_busy = false;
            m_message = error; // not saved: the Hub said this token is no good
            Q_EMIT changed();
            return;
        }
        if (!error.isEmpty()) {
            m_message =
                tr("Token saved in the system keychain; Atrium could not check it with the Hub now (%1).").arg(error);
            m_accountName.clear(); // the name shown belonged to the token this one replaces
            m_checkedToken.clear();
        }
        store(t);
    });
}

void AccountController::store(const QString &token)
{
    m_pending = token;
    m_tokens->store(token);
}

void AccountController::check(const QString &token, std::function<void(bool, const QString &)> then)
{
    m_hub->whoami(
        token, [this, self = QPointer(this), token, then = std::move(then)](const AppExpected<HubAccount> &account) {
            if (!self)
                return;
            if (account) {
                m_checkedToken = token;
                m_accountName = account->name;
                m_tokenRejected = false;
                then(false, {});
                return;
            }
            const bool rejected = account.error().kind == AppError::Kind::Unauthorized;
            if (rejected && m_checkedToken == token)
                m_accountName.clear();
            then(rejected, account.error().message);
        });
}

void AccountController::removeToken()
{
    if (!m_tokens)
        return;
    m_busy = true;
    m_accountName.clear();
    m_checkedToken.clear();
    m_tokenRejected = false;
    Q_EMIT changed();
    m_tokens->clear();
}

void AccountController::apply(const QString &token)
{
    if (m_hub)
        m_hub->setToken(token);
    if (m_downloads)
        m_downloads->setToken(token);
}
