// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "formatter.h"

#include <cmath>

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

Formatter::Formatter(QObject *parent)
    : QObject(parent)
{
}

QString Formatter::bytes(double bytes)
{
    if (bytes < 0 || !std::isfinite(bytes))
        return u"—"_s;
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), bytes >= 1e9 ? 2 : 1, QLocale::DataSizeSIFormat);
}

QString Formatter::count(double n)
{
    const QLocale locale;
    if (n < 100000)
        return locale.toString(static_cast<qint64>(std::llround(n)));
    if (n < 1e6)
        return locale.toString(std::floor(n / 1e3)) + u"k"_s;
    return locale.toString(n / 1e6, 'f', 1) + u"M"_s;
}

QString Formatter::parameters(double n)
{
    const QLocale locale;
    if (n <= 0)
        return u"—"_s;
    if (n >= 1e9)
        return locale.toString(n / 1e9, 'g', n >= 1e10 ? 3 : 2) + u"B"_s;
    if (n >= 1e6)
        return locale.toString(std::round(n / 1e6)) + u"M"_s;
    return locale.toString(std::round(n / 1e3)) + u"K"_s;
}

QString Formatter::duration(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds))
        return u"—"_s;
    const auto s = static_cast<qint64>(std::llround(seconds));
    if (s < 60)
        return QCoreApplication::translate("Format", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("Format", "%1 min").arg((s + 30) / 60);
    return QCoreApplication::translate("Format", "%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString Formatter::tokensPerSecond(double tps)
{
    if (tps <= 0 || !std::isfinite(tps))
        return u"—"_s;
    return QCoreApplication::translate("Format", "%1 tok/s").arg(QLocale().toString(tps, 'f', tps < 10 ? 2 : 1));
}

QString Formatter::milliseconds(double ms)
{
    if (ms < 0 || !std::isfinite(ms))
        return u"—"_s;
    if (ms < 10)
        return QCoreApplication::translate("Format", "%1 ms").arg(QLocale().toString(ms, 'f', 1));
    if (ms < 1000)
        return QCoreApplication::translate("Format", "%1 ms").arg(std::llround(ms));
    return QCoreApplication::translate("Format", "%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 2));
}

QString Formatter::relativeDate(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return u"—"_s;
    const QDateTime reference = now.isValid() ? now : QDateTime::currentDateTimeUtc();
    const qint64 days = when.daysTo(reference);
    if (days < 1)
        return QCoreApplication::translate("Format", "today");
    if (days < 2)
        return QCoreApplication::translate("Format", "yesterday");
    if (days < 31)
        return QCoreApplication::translate("Format", "%n days ago", nullptr, static_cast<int>(days));
    if (days < 60)
        return QCoreApplication::translate("Format", "a month ago");
    if (days < 365)
        return QCoreApplication::translate("Format", "%n months ago", nullptr, static_cast<int>(days / 30));
    return QLocale().toString(when.date(), QLocale::ShortFormat);
}

QString Formatter::speed(double bytesPerSecond)
{
    if (bytesPerSecond <= 0 || !std::isfinite(bytesPerSecond))
        return u"—"_s;
    return QCoreApplication::translate("Format", "%1/s").arg(bytes(bytesPerSecond));
}
