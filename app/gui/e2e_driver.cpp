// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "e2e_driver.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

E2eDriver::E2eDriver(QStringList lines, QObject *parent)
    : QObject(parent)
    , m_lines(std::move(lines))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &E2eDriver::runNext);

    addStep(u"timeout"_s, [this](const QStringList &args) {
        m_timeoutMs = args.value(0).toInt();
        return m_timeoutMs > 0 ? QString() : u"timeout needs milliseconds"_s;
    });
    addStep(u"sleep"_s,
        [this](const QStringList &args) { return m_stepClock.elapsed() >= args.value(0).toInt() ? QString() : kWait; });
    addStep(u"screenshot"_s, [this](const QStringList &args) { return screenshot(args.value(0)); });
    // window-size W H: resize the window (screenshots of long pages, layouts at other sizes).
    addStep(u"window-size"_s, [this](const QStringList &args) {
        const int w = args.value(0).toInt();
        const int h = args.value(1).toInt();
        if (!m_window || w <= 0 || h <= 0)
            return u"window-size needs a window, a width and a height"_s;
        m_window->resize(w, h);
        return QString();
    });
    addStep(u"echo"_s, [](const QStringList &args) {
        std::fprintf(stderr, "e2e: %s\n", qPrintable(args.join(u' ')));
        return QString();
    });
    addStep(u"report-startup"_s, [this](const QStringList &) {
        if (m_firstFrameEpochMs == 0)
            return kWait;
        std::printf("first_frame_epoch_ms=%lld\n", static_cast<long long>(m_firstFrameEpochMs));
        std::fflush(stdout);
        return QString();
    });
    addStep(u"report-memory"_s, [](const QStringList &) {
        QFile status(u"/proc/self/status"_s);
        if (!status.open(QIODevice::ReadOnly))
            return u"cannot read /proc/self/status"_s;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:"))
                std::printf("%s\n", line.simplified().constData());
        }
        // Proportional and private memory: RSS also counts shared libraries (the GL driver) in full.
        QFile rollup(u"/proc/self/smaps_rollup"_s);
        if (rollup.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : rollup.readAll().split('\n')) {
                if (line.startsWith("Pss:") || line.startsWith("Private_Dirty:"))
                    std::printf("%s\n", line.simplified().constData());
            }
        }
        std::fflush(stdout);
        return QString();
    });
    addStep(u"quit"_s, [](const QStringList &) {
        QCoreApplication::exit(0);
        return QString();
    });
}

E2eDriver *E2eDriver::fromFile(const QString &path, QObject *parent)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        std::fprintf(stderr, "e2e: cannot read %s\n", qPrintable(path));
        return nullptr;
    }
    QStringList lines;
    QTextStream in(&file);
    while (!in.atEnd())
        lines.append(in.readLine());
    return new E2eDriver(std::move(lines), parent);
}

void E2eDriver::addStep(const QString &name, Step step)
{
    m_steps.insert(name, std::move(step));
}

void E2eDriver::setWindow(QQuickWindow *window)
{
    m_window = window;
    if (!m_window)
        return;
    connect(m_window, &QQuickWindow::frameSwapped, this, [this] {
        if (m_firstFrameEpochMs == 0)
            m_firstFrameEpochMs = QDateTime::currentMSecsSinceEpoch();
    });
}

void E2eDriver::start()
{
    m_stepClock.start();
    m_timer->start(0);
}

void E2eDriver::runNext()
{
    while (m_line < m_lines.size()) {
        const QString line = m_lines.at(m_line).trimmed();
        if (line.isEmpty() || line.startsWith(u'#')) {
            ++m_line;
            continue;
        }
        QStringList words = line.split(u' ', Qt::SkipEmptyParts);
        const QString name = words.takeFirst();
        const auto step = m_steps.constFind(name);
        if (step == m_steps.cend())
            return fail(u"unknown step '%1'"_s.arg(name));
        const QString result = (*step)(words);
        if (result == kWait) {
            if (m_stepClock.elapsed() > m_timeoutMs)
                return fail(u"timed out after %1 ms"_s.arg(m_timeoutMs));
            m_timer->start(50);
            return;
        }
        if (!result.isEmpty())
            return fail(result);
        std::fprintf(
            stderr, "e2e: ok   %s (%lld ms)\n", qPrintable(line), static_cast<long long>(m_stepClock.elapsed()));
        ++m_line;
        m_stepClock.restart();
        if (name == "quit"_L1)
            return;
        // Let the UI process what the step changed before the next one runs.
        m_timer->start(0);
        return;
    }
    std::fprintf(stderr, "e2e: script ended without quit\n");
    QCoreApplication::exit(0);
}

void E2eDriver::fail(const QString &message)
{
    std::fprintf(
        stderr, "e2e: FAIL line %d: %s\n  %s\n", m_line + 1, qPrintable(m_lines.value(m_line)), qPrintable(message));
    if (m_window) {
        const QString dir = qEnvironmentVariable("ATRIUM_E2E_SCREENSHOTS", QDir::tempPath());
        screenshot(QDir(dir).filePath(u"failure.png"_s));
    }
    QCoreApplication::exit(1);
}

QString E2eDriver::screenshot(const QString &path)
{
    if (!m_window)
        return u"no window to grab"_s;
    if (path.isEmpty())
        return u"screenshot needs a file name"_s;
    QString target = path;
    if (QFileInfo(path).isRelative())
        target = QDir(qEnvironmentVariable("ATRIUM_E2E_SCREENSHOTS", QDir::currentPath())).filePath(path);
    QDir().mkpath(QFileInfo(target).absolutePath());
    const QImage image = m_window->grabWindow();
    if (image.isNull())
        return u"grabWindow returned nothing"_s;
    if (!image.save(target))
        return u"cannot write %1"_s.arg(target);
    std::fprintf(stderr, "e2e: saved %s\n", qPrintable(target));
    return {};
}
