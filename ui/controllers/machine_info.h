// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "device_list_model.h"
#include "inference/fit_estimate.h"
#include "inference/machine_probe.h"

class Preferences;
class QQmlEngine;
class QJSEngine;

/// This computer as the app sees it: memory, GPUs (and why one is unusable), the device models will run on and the
/// memory budget that fit labels compare against. Filled once at startup by a MachineProbe off the GUI thread.
class MachineInfo : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Machine)
    QML_SINGLETON
    Q_PROPERTY(bool ready READ ready NOTIFY changed FINAL)
    Q_PROPERTY(double systemRamBytes READ systemRamBytes NOTIFY changed FINAL)
    Q_PROPERTY(int cpuThreads READ cpuThreads NOTIFY changed FINAL)
    Q_PROPERTY(DeviceListModel *devices READ devices CONSTANT FINAL)
    Q_PROPERTY(QString devicesError READ devicesError NOTIFY changed FINAL)
    /// The device models run on, as the user would name it ("CPU" when no GPU is used).
    Q_PROPERTY(QString activeDeviceName READ activeDeviceName NOTIFY changed FINAL)
    /// Bytes a model may use on the active device (GPU memory, or usable RAM on the CPU).
    Q_PROPERTY(double memoryBudgetBytes READ memoryBudgetBytes NOTIFY changed FINAL)

public:
    MachineInfo(Preferences *preferences, QObject *parent);
    static MachineInfo *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    /// Starts probing in the background (a no-op when already started): in a helper process when one is given
    /// (MachineProbe::setHelper), else on the thread pool.
    void probe(const QString &helperProgram = {}, const QStringList &helperArguments = {});
    /// Uses a known snapshot (tests, or a second window).
    void setSnapshot(const MachineSnapshot &snapshot);

    bool ready() const;
    double systemRamBytes() const;
    int cpuThreads() const;
    DeviceListModel *devices();
    QString devicesError() const;
    QString activeDeviceName() const;
    double memoryBudgetBytes() const;
    /// The budget fit estimates use, for the active device.
    MemoryBudget budget() const;

Q_SIGNALS:
    void changed();

private:
    const ComputeDevice *activeDevice() const;

    Preferences *m_preferences = nullptr;
    MachineProbe *m_probe = nullptr;
    DeviceListModel m_devices;
    MachineSnapshot m_snapshot;
    bool m_ready = false;
};
