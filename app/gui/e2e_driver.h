// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>

class QQuickWindow;
class QTimer;

/// The test-only hook of the composition root: when ATRIUM_E2E_SCRIPT names a file, this driver runs its steps
/// against the app's own controllers (never against QML items), checks their state, saves screenshots of the window,
/// and quits with exit code 0 when every step passed or 1 at the first failure (the message goes to stderr).
///
/// Script: one step per line, `#` starts a comment. Steps are registered by the composition root with addStep();
/// every step returns "" when done, "wait" to be called again in 50 ms (until `timeout <ms>` runs out), or an error.
/// Built-in steps: timeout, sleep, screenshot, echo, quit, and for benchmarks report-startup (prints the wall-clock
/// time of the first frame, first_frame_epoch_ms=N) and report-memory (prints rss_kb=N).
class E2eDriver : public QObject
{
    Q_OBJECT

public:
    /// What a step answers: done (empty), not yet, or a failure message.
    using Step = std::function<QString(const QStringList &args)>;
    static inline const QString kWait = QStringLiteral("\x01wait");

    E2eDriver(QStringList lines, QObject *parent = nullptr);

    /// Reads `path`; returns nullptr (and prints why) when it cannot.
    static E2eDriver *fromFile(const QString &path, QObject *parent = nullptr);

    void addStep(const QString &name, Step step);
    void setWindow(QQuickWindow *window);
    /// Starts after the event loop is running.
    void start();

private:
    void runNext();
    void fail(const QString &message);
    QString screenshot(const QString &path);

    QStringList m_lines;
    QHash<QString, Step> m_steps;
    QQuickWindow *m_window = nullptr;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_stepClock;
    qint64 m_firstFrameEpochMs = 0; ///< wall clock of the first frame the window showed
    int m_line = 0;
    int m_timeoutMs = 15000;
};
