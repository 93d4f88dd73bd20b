// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include "common/app_error.h"

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

/// The snapshot as JSON (what a helper process prints) and back.
QByteArray machineSnapshotToJson(const MachineSnapshot &snapshot);
AppExpected<MachineSnapshot> machineSnapshotFromJson(const QByteArray &json);

/// Runs probeMachine() and reports back on the owner's thread: on the thread pool, or, with setHelper(), in a
/// helper process that prints machineSnapshotToJson(). The helper keeps the GPU drivers that listing devices loads
/// (tens of MB each) out of this process, and a driver that crashes while listing takes down only the helper: the
/// snapshot then says so and offers the processor.
class MachineProbe : public QObject
{
    Q_OBJECT

public:
    explicit MachineProbe(QObject *parent = nullptr);
    void setHelper(const QString &program, const QStringList &arguments);
    void start();

Q_SIGNALS:
    void finished(const MachineSnapshot &snapshot);

private:
    void startHelper();

    QString m_program;
    QStringList m_arguments;
};
