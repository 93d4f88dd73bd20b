// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <QLocale>
#include <QTest>

#include "controllers/formatter.h"

using namespace Qt::StringLiterals;

class TestFormatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void formatsSizesInDecimalUnits_data()
    {
        QTest::addColumn<double>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::addRow("bytes") << 512.0 << u"512 bytes"_s;
        QTest::addRow("megabytes") << 1.2e6 << u"1.2 MB"_s;
        QTest::addRow("gigabytes") << 4.92e9 << u"4.92 GB"_s;
        QTest::addRow("unknown") << -1.0 << u"—"_s;
    }
    void formatsSizesInDecimalUnits()
    {
        QFETCH(double, bytes);
        QFETCH(QString, expected);
        QCOMPARE(Formatter::bytes(bytes), expected);
    }

    void formatsCountsCompactly_data()
    {
        QTest::addColumn<double>("n");
        QTest::addColumn<QString>("expected");
        QTest::addRow("small") << 321.0 << u"321"_s;
        QTest::addRow("grouped") << 12345.0 << u"12,345"_s;
        QTest::addRow("thousands") << 123456.0 << u"123k"_s;
        QTest::addRow("millions") << 4.56e6 << u"4.6M"_s;
    }
    void formatsCountsCompactly()
    {
        QFETCH(double, n);
        QFETCH(QString, expected);
        QCOMPARE(Formatter::count(n), expected);
    }

    void formatsParameterCounts_data()
    {
        QTest::addColumn<double>("n");
        QTest::addColumn<QString>("expected");
        QTest::addRow("eight billion") << 8.03e9 << u"8B"_s;
        QTest::addRow("one and a half billion") << 1.54e9 << u"1.5B"_s;
        QTest::addRow("hundreds of millions") << 3.6e8 << u"360M"_s;
        QTest::addRow("thousands") << 2.6e5 << u"260K"_s;
        QTest::addRow("unknown") << 0.0 << u"—"_s;
    }
    void formatsParameterCounts()
    {
        QFETCH(double, n);
        QFETCH(QString, expected);
        QCOMPARE(Formatter::parameters(n), expected);
    }

    void formatsDurationsAndSpeeds()
    {
        QCOMPARE(Formatter::duration(45), u"45 s"_s);
        QCOMPARE(Formatter::duration(170), u"3 min"_s);
        QCOMPARE(Formatter::duration(7500), u"2 h 5 min"_s);
        QCOMPARE(Formatter::duration(-1), u"—"_s);
        QCOMPARE(Formatter::milliseconds(340.4), u"340 ms"_s);
        QCOMPARE(Formatter::milliseconds(0.44), u"0.4 ms"_s);
        QCOMPARE(Formatter::milliseconds(1234), u"1.23 s"_s);
        QCOMPARE(Formatter::tokensPerSecond(42.26), u"42.3 tok/s"_s);
        QCOMPARE(Formatter::tokensPerSecond(3.456), u"3.46 tok/s"_s);
        QCOMPARE(Formatter::tokensPerSecond(0), u"—"_s);
        QCOMPARE(Formatter::speed(5.2e6), u"5.2 MB/s"_s);
    }

    void formatsDatesRelativeToNow()
    {
        const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
        QCOMPARE(Formatter::relativeDate(now.addSecs(-3600), now), u"today"_s);
        QCOMPARE(Formatter::relativeDate(now.addDays(-1), now), u"yesterday"_s);
        QCOMPARE(Formatter::relativeDate(now.addDays(-3), now), u"3 days ago"_s);
        QCOMPARE(Formatter::relativeDate(now.addDays(-40), now), u"a month ago"_s);
        QCOMPARE(Formatter::relativeDate(now.addDays(-65), now), u"2 months ago"_s);
        QCOMPARE(Formatter::relativeDate(QDateTime(QDate(2024, 2, 3), QTime(0, 0), Qt::UTC), now), u"2/3/24"_s);
        QCOMPARE(Formatter::relativeDate(QDateTime(), now), u"—"_s);
    }
};

QTEST_MAIN(TestFormatter)
#include "test_formatter.moc"
