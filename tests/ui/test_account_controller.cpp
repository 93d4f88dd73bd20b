// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// AccountController against the loopback test hub: the token in use is checked once with whoami-v2, the account
// name becomes visible, and a token the Hub rejects is reported in plain words.

#include <QSignalSpy>
#include <QTest>

#include "controllers/account_controller.h"
#include "hub/hub_client.h"
#include "hub/test_hub_server.h"
#include "hub/token_store.h"

class TestAccountController : public QObject
{
    Q_OBJECT

private:
    TestHubServer m_hub;

    HubConfig config() const
    {
        HubConfig c;
        c.endpoint = m_hub.endpoint();
        c.userAgent = QStringLiteral("atrium-test");
        c.apiCacheTtlSeconds = 0;
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestHubServer::pythonAvailable())
            QSKIP("python3 is not available to run the test hub");
        QVERIFY2(m_hub.start(), qPrintable(m_hub.errorString()));
        qputenv("ATRIUM_NO_KEYCHAIN", "1");
        qunsetenv("HUGGING_FACE_HUB_TOKEN");
        qputenv("HF_TOKEN_PATH", "/nonexistent/atrium-test-token");
    }

    void init()
    {
        QVERIFY(m_hub.reset());
    }

    void showsWhoTheTokenBelongsTo()
    {
        qputenv("HF_TOKEN", TestHubServer::token().toUtf8());
        TokenStore tokens;
        HubClient hub(config());
        AccountController account(&tokens, &hub, nullptr, nullptr);
        account.load();
        QTRY_COMPARE_WITH_TIMEOUT(account.accountName(), QStringLiteral("atrium-tester"), 10000);
        QVERIFY(account.hasToken());
        QCOMPARE(account.tokenSource(), QStringLiteral("environment"));
        QVERIFY(account.message().isEmpty());
        QVERIFY(!account.tokenRejected());
        // Loading again (e.g. after saving) does not ask the Hub a second time for the same token.
        account.load();
        QTRY_VERIFY(!account.busy());
        QTest::qWait(200);
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/api/whoami-v2")).size(), 1);
    }

    void saysSoWhenTheHubRejectsTheToken()
    {
        qputenv("HF_TOKEN", "hf_thisTokenWasRevokedLongAgoxxxxxxxxxxx");
        TokenStore tokens;
        HubClient hub(config());
        AccountController account(&tokens, &hub, nullptr, nullptr);
        account.load();
        QTRY_VERIFY_WITH_TIMEOUT(!account.message().isEmpty(), 10000);
        QVERIFY2(account.message().contains(QLatin1String("did not accept this token")), qPrintable(account.message()));
        QVERIFY(account.tokenRejected());
        QVERIFY(account.accountName().isEmpty());
    }

    void refusesSomethingThatIsNotAToken()
    {
        qunsetenv("HF_TOKEN");
        TokenStore tokens;
        HubClient hub(config());
        AccountController account(&tokens, &hub, nullptr, nullptr);
        account.saveToken(QStringLiteral("password123"));
        QVERIFY(account.message().contains(QLatin1String("hf_")));
        QTest::qWait(100);
        QCOMPARE(m_hub.requestsFor(QStringLiteral("api"), QStringLiteral("/api/whoami-v2")).size(), 0);
    }

    void cleanupTestCase()
    {
        m_hub.stop();
    }
};

QTEST_GUILESS_MAIN(TestAccountController)
#include "test_account_controller.moc"
