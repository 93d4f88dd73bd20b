// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "controllers/navigator.h"
#include "controllers/preferences.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choicesSurviveARestart()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"settings.ini"_s);
        {
            Preferences p(file, dir.path(), dir.path());
            p.setTheme(u"dark"_s);
            p.setContextSize(8192);
            p.setDeviceIndex(-2);
            p.setLanguage(u"de"_s);
            p.setFirstRunDone(true);
            p.setOffline(true);
        }
        Preferences p(file, dir.path(), dir.path());
        QCOMPARE(p.theme(), u"dark"_s);
        QCOMPARE(p.contextSize(), 8192);
        QCOMPARE(p.deviceIndex(), -2);
        QCOMPARE(p.language(), u"de"_s);
        QVERIFY(p.firstRunDone());
        QVERIFY(p.offline());
    }

    void darkFollowsTheSystemOnlyWhenAsked()
    {
        QTemporaryDir dir;
        Preferences p(dir.filePath(u"settings.ini"_s), dir.path(), dir.path());
        QCOMPARE(p.theme(), u"system"_s);
        QSignalSpy dark(&p, &Preferences::darkChanged);
        p.setSystemDark(true);
        QVERIFY(p.dark());
        p.setTheme(u"light"_s);
        QVERIFY(!p.dark());
        p.setTheme(u"sepia"_s); // unknown: back to following the system
        QCOMPARE(p.theme(), u"system"_s);
        QVERIFY(p.dark());
        QCOMPARE(dark.count(), 3);
    }

    void contextSizeIsKeptSensible()
    {
        QTemporaryDir dir;
        Preferences p(dir.filePath(u"settings.ini"_s), dir.path(), dir.path());
        p.setContextSize(10);
        QCOMPARE(p.contextSize(), 256);
        p.setDeviceIndex(-7);
        QCOMPARE(p.deviceIndex(), -2);
    }

    void modelPageRemembersWhereTheUserCameFrom()
    {
        Navigator nav(nullptr);
        QCOMPARE(nav.page(), Navigator::Page::Discover);
        nav.setPage(Navigator::Page::Library);
        QSignalSpy opened(&nav, &Navigator::modelIdChanged);
        nav.openModel(u"org/model"_s);
        QCOMPARE(nav.page(), Navigator::Page::Model);
        QCOMPARE(nav.section(), Navigator::Page::Library);
        QCOMPARE(nav.modelId(), u"org/model"_s);
        QVERIFY(nav.canGoBack());
        nav.back();
        QCOMPARE(nav.page(), Navigator::Page::Library);
        nav.openModel(u"org/model"_s); // same model: no reload signal
        QCOMPARE(opened.count(), 1);
        nav.setPage(Navigator::Page::Chat);
        QVERIFY(!nav.canGoBack());
    }
};

QTEST_MAIN(TestPreferences)
#include "test_preferences.moc"
