// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "controllers/machine_info.h"
#include "controllers/navigator.h"
#include "controllers/preferences.h"

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

    void automaticResolvesToARealGpuOrTheProcessor_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("usable");
        QTest::addColumn<QString>("probeError");
        QTest::addColumn<int>("expected");
        QTest::newRow("discrete GPU") << u"discrete"_s << true << QString() << 3;
        QTest::newRow("software renderer") << u"cpu"_s << true << QString() << -2;
        QTest::newRow("unusable GPU") << u"integrated"_s << false << QString() << -2;
        QTest::newRow("probe crashed") << QString() << false << u"the driver crashed"_s << -2;
    }
    void automaticResolvesToARealGpuOrTheProcessor()
    {
        QFETCH(QString, type);
        QFETCH(bool, usable);
        QFETCH(QString, probeError);
        QFETCH(int, expected);
        QTemporaryDir dir;
        Preferences p(dir.filePath(u"settings.ini"_s), dir.path(), dir.path());
        QCOMPARE(p.engineDeviceIndex(), -1); // not known yet: the engine decides
        MachineInfo machine(&p, nullptr);
        MachineSnapshot snapshot;
        snapshot.devicesError = probeError;
        if (!type.isEmpty()) {
            ComputeDevice d;
            d.index = 3;
            d.type = type;
            d.usable = usable;
            snapshot.devices.append(d);
            snapshot.bestDeviceIndex = 3;
        }
        machine.setSnapshot(snapshot);
        QCOMPARE(p.engineDeviceIndex(), expected);
        p.setDeviceIndex(0); // an explicit choice always wins
        QCOMPARE(p.engineDeviceIndex(), 0);
        p.setDeviceIndex(-1);
        QCOMPARE(p.engineDeviceIndex(), expected);
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
