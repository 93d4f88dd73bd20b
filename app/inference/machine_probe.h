// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

/// One GPU as the app shows it: what it is, how much memory it has, and why it cannot be used when it cannot.
struct ComputeDevice {
    int index = 0; ///< the Vulkan enumeration index (Preferences::deviceIndex)
    QString name;
    QString vendor;
    QString type; ///< "discrete", "integrated", "virtual", "cpu", "other"
    QString driver; ///< driver name and version
    qint64 memoryBytes = 0; ///< device-local memory (the budget when the driver reports one)
    bool usable = false;
    QString unusableReason;
};

/// What this computer offers for running models.
struct MachineSnapshot {
    QList<ComputeDevice> devices;
    QString devicesError; ///< why no device is listed (no Vulkan loader or driver), "" otherwise
    int bestDeviceIndex = -1; ///< what automatic selection picks; -1 = none (CPU only)
    qint64 systemRamBytes = 0;
    int cpuThreads = 0;
};

Q_DECLARE_METATYPE(ComputeDevice)
Q_DECLARE_METATYPE(MachineSnapshot)

/// Physical memory of this computer in bytes (0 when unknown).
qint64 systemRamBytes();
/// Lists devices and memory. Creates a Vulkan instance, so it takes a moment: call it off the GUI thread.
MachineSnapshot probeMachine();

/// Runs probeMachine() on the thread pool and reports back on the owner's thread.
class MachineProbe : public QObject
{
    Q_OBJECT

public:
    explicit MachineProbe(QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(const MachineSnapshot &snapshot);
};
