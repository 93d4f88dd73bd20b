// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "inference/machine_probe.h"

#include <thread>

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "atrium/devices.h"

#if defined(Q_OS_LINUX) || defined(Q_OS_MACOS)
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

qint64 systemRamBytes()
{
#if defined(Q_OS_LINUX)
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && pageSize > 0)
        return static_cast<qint64>(pages) * pageSize;
#endif
    return 0;
}

MachineSnapshot probeMachine()
{
    MachineSnapshot snapshot;
    snapshot.systemRamBytes = systemRamBytes();
    snapshot.cpuThreads = static_cast<int>(std::thread::hardware_concurrency());
    const atrium::DeviceList list = atrium::listVulkanDevices();
    snapshot.devicesError = QString::fromStdString(list.reason);
    for (const atrium::DeviceInfo &d : list.devices) {
        ComputeDevice device;
        device.index = static_cast<int>(d.index);
        device.name = QString::fromStdString(d.name);
        device.vendor = QString::fromStdString(d.vendor);
        device.type = QString::fromUtf8(atrium::deviceTypeName(d.type));
        device.driver = QString::fromStdString(d.driverName + " " + d.driverInfo).trimmed();
        device.memoryBytes = static_cast<qint64>(d.deviceLocalBytes());
        device.usable = d.usable;
        device.unusableReason = QString::fromStdString(d.unusableReason);
        snapshot.devices.append(device);
    }
    if (auto best = atrium::selectVulkanDevice(list.devices))
        snapshot.bestDeviceIndex = static_cast<int>(best.value());
    return snapshot;
}

QByteArray machineSnapshotToJson(const MachineSnapshot &snapshot)
{
    QJsonArray devices;
    for (const ComputeDevice &d : snapshot.devices) {
        devices.append(QJsonObject {{u"index"_s, d.index},
            {u"name"_s, d.name},
            {u"vendor"_s, d.vendor},
            {u"type"_s, d.type},
            {u"driver"_s, d.driver},
            {u"memory_bytes"_s, double(d.memoryBytes)},
            {u"usable"_s, d.usable},
            {u"unusable_reason"_s, d.unusableReason}});
    }
    const QJsonObject root {{u"devices"_s, devices},
        {u"devices_error"_s, snapshot.devicesError},
        {u"best_device_index"_s, snapshot.bestDeviceIndex},
        {u"system_ram_bytes"_s, double(snapshot.systemRamBytes)},
        {u"cpu_threads"_s, snapshot.cpuThreads}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

AppExpected<MachineSnapshot> machineSnapshotFromJson(const QByteArray &json)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return appFail(AppError::Kind::InvalidInput, u"The device listing could not be read."_s, error.errorString());
    const QJsonObject root = doc.object();
    MachineSnapshot snapshot;
    const QJsonArray devices = root.value("devices"_L1).toArray();
    for (const QJsonValue &value : devices) {
        const QJsonObject o = value.toObject();
        ComputeDevice d;
        d.index = o.value("index"_L1).toInt();
        d.name = o.value("name"_L1).toString();
        d.vendor = o.value("vendor"_L1).toString();
        d.type = o.value("type"_L1).toString();
        d.driver = o.value("driver"_L1).toString();
        d.memoryBytes = static_cast<qint64>(o.value("memory_bytes"_L1).toDouble());
        d.usable = o.value("usable"_L1).toBool();
        d.unusableReason = o.value("unusable_reason"_L1).toString();
        snapshot.devices.append(d);
    }
    snapshot.devicesError = root.value("devices_error"_L1).toString();
    snapshot.bestDeviceIndex = root.value("best_device_index"_L1).toInt(-1);
    snapshot.systemRamBytes = static_cast<qint64>(root.value("system_ram_bytes"_L1).toDouble());
    snapshot.cpuThreads = root.value("cpu_threads"_L1).toInt();
    return snapshot;
}

MachineProbe::MachineProbe(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<MachineSnapshot>();
}

void MachineProbe::setHelper(const QString &program, const QStringList &arguments)
{
    m_program = program;
    m_arguments = arguments;
}

void MachineProbe::start()
{
    if (!m_program.isEmpty()) {
        startHelper();
        return;
    }
    auto *watcher = new QFutureWatcher<MachineSnapshot>(this);
    connect(watcher, &QFutureWatcher<MachineSnapshot>::finished, this, [this, watcher] {
        Q_EMIT finished(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(probeMachine));
}

void MachineProbe::startHelper()
{
    constexpr int kTimeoutMs = 30000; // a driver that hangs while listing devices must not leave the app waiting
    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [process] { process->kill(); });
    auto fail = [this](const QString &why) {
        MachineSnapshot snapshot;
        snapshot.systemRamBytes = systemRamBytes();
        snapshot.cpuThreads = static_cast<int>(std::thread::hardware_concurrency());
        snapshot.devicesError = why;
        Q_EMIT finished(snapshot);
    };
    connect(process, &QProcess::errorOccurred, this, [process, fail](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // crashes and kills arrive through finished()
        fail(u"Atrium could not list the graphics devices (%1); models run on the processor."_s.arg(
            process->errorString()));
        process->deleteLater();
    });
    connect(
        process, &QProcess::finished, this, [this, process, timer, fail](int exitCode, QProcess::ExitStatus status) {
            process->deleteLater();
            if (!timer->isActive()) {
                fail(u"Listing the graphics devices took too long (the driver did not answer); "
                     u"models run on the processor."_s);
                return;
            }
            timer->stop();
            if (status != QProcess::NormalExit || exitCode != 0) {
                fail(u"The graphics driver failed while Atrium listed the devices (%1); models run on the "
                     u"processor. Updating the graphics driver usually fixes this."_s.arg(
                         status == QProcess::CrashExit ? u"it crashed"_s : u"exit code %1"_s.arg(exitCode)));
                return;
            }
            auto snapshot = machineSnapshotFromJson(process->readAllStandardOutput());
            if (!snapshot) {
                fail(snapshot.error().message);
                return;
            }
            Q_EMIT finished(*snapshot);
        });
    timer->start(kTimeoutMs);
    process->start(m_program, m_arguments);
}
