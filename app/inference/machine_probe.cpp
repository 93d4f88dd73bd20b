// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "inference/machine_probe.h"

#include "atrium/devices.h"

#include <thread>

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

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

MachineProbe::MachineProbe(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<MachineSnapshot>();
}

void MachineProbe::start()
{
    auto *watcher = new QFutureWatcher<MachineSnapshot>(this);
    connect(watcher, &QFutureWatcher<MachineSnapshot>::finished, this, [this, watcher] {
        Q_EMIT finished(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(probeMachine));
}
