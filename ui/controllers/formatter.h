// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QDateTime>
#include <QObject>
#include <QtQml/qqmlregistration.h>

/// Formatting for people: sizes, counts, durations, speeds and dates, in the user's locale. QML calls it as the
/// `Format` singleton so no screen formats numbers itself.
class Formatter : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Format)
    QML_SINGLETON

public:
    explicit Formatter(QObject *parent = nullptr);

    /// "1.4 GB" (decimal units, as download sites and the Hub show them).
    Q_INVOKABLE static QString bytes(double bytes);
    /// "12,345" below 100k, then "123k", "4.5M".
    Q_INVOKABLE static QString count(double n);
    /// "8B", "1.5B", "360M" parameters.
    Q_INVOKABLE static QString parameters(double n);
    /// "45 s", "3 min", "2 h 5 min"; "—" for a negative value (unknown).
    Q_INVOKABLE static QString duration(double seconds);
    /// "12.3 tok/s".
    Q_INVOKABLE static QString tokensPerSecond(double tps);
    /// "340 ms" or "1.2 s".
    Q_INVOKABLE static QString milliseconds(double ms);
    /// "3 days ago", "2 months ago", or a date for anything older than a year. `now` is for tests.
    Q_INVOKABLE static QString relativeDate(const QDateTime &when, const QDateTime &now = {});
    /// "5.2 MB/s".
    Q_INVOKABLE static QString speed(double bytesPerSecond);
};
