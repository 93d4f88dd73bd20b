// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "machine_info.h"

#include "common/qml_instance.h"
#include "preferences.h"

using namespace Qt::StringLiterals;

MachineInfo::MachineInfo(Preferences *preferences, QObject *parent)
    : QObject(parent)
    , m_preferences(preferences)
{
    m_snapshot.systemRamBytes = ::systemRamBytes();
    if (m_preferences)
        connect(m_preferences, &Preferences::deviceIndexChanged, this, &MachineInfo::changed);
}

MachineInfo *MachineInfo::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<MachineInfo>::take(jsEngine);
}

void MachineInfo::probe(const QString &helperProgram, const QStringList &helperArguments)
{
    if (m_probe)
        return;
    m_probe = new MachineProbe(this);
    if (!helperProgram.isEmpty())
        m_probe->setHelper(helperProgram, helperArguments);
    connect(m_probe, &MachineProbe::finished, this, &MachineInfo::setSnapshot);
    m_probe->start();
}

void MachineInfo::setSnapshot(const MachineSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_devices.setDevices(snapshot.devices, snapshot.bestDeviceIndex);
    if (m_preferences) {
        // Automatic: the best GPU when it is a real one, else the processor (a software "GPU" such as lavapipe is
        // slower than the CPU backend, and a failed probe must not be repeated inside the app).
        int automatic = -2;
        for (const ComputeDevice &d : m_snapshot.devices) {
            if (d.index == m_snapshot.bestDeviceIndex && d.usable && d.type != "cpu"_L1)
                automatic = d.index;
        }
        m_preferences->setAutomaticDevice(automatic);
    }
    m_ready = true;
    Q_EMIT changed();
}

bool MachineInfo::ready() const
{
    return m_ready;
}

double MachineInfo::systemRamBytes() const
{
    return static_cast<double>(m_snapshot.systemRamBytes);
}

int MachineInfo::cpuThreads() const
{
    return m_snapshot.cpuThreads;
}

DeviceListModel *MachineInfo::devices()
{
    return &m_devices;
}

QString MachineInfo::devicesError() const
{
    return m_snapshot.devicesError;
}

const ComputeDevice *MachineInfo::activeDevice() const
{
    const int wanted = m_preferences ? m_preferences->deviceIndex() : -1;
    if (wanted == -2)
        return nullptr;
    const int index = wanted >= 0 ? wanted : m_snapshot.bestDeviceIndex;
    for (const ComputeDevice &d : m_snapshot.devices) {
        // A CPU "GPU" (lavapipe) is no faster than our CPU backend and has no memory of its own.
        if (d.index == index && d.usable && d.type != "cpu"_L1)
            return &d;
    }
    return nullptr;
}

QString MachineInfo::activeDeviceName() const
{
    const ComputeDevice *d = activeDevice();
    return d ? d->name : tr("CPU");
}

MemoryBudget MachineInfo::budget() const
{
    MemoryBudget b;
    b.systemRamBytes = m_snapshot.systemRamBytes;
    if (const ComputeDevice *d = activeDevice()) {
        b.deviceBytes = d->memoryBytes;
        b.unifiedMemory = d->type == "integrated"_L1;
    }
    return b;
}

double MachineInfo::memoryBudgetBytes() const
{
    const MemoryBudget b = budget();
    if (b.deviceBytes > 0)
        return static_cast<double>(b.deviceBytes);
    return static_cast<double>(b.systemRamBytes) * 0.75;
}
