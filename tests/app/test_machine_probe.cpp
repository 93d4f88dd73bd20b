// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// MachineProbe: the snapshot survives its JSON form, and a helper process that answers, fails, crashes or cannot
// start always ends in exactly one snapshot, with a plain reason when no device could be listed.

#include <QSignalSpy>
#include <QTest>

#include "inference/machine_probe.h"

class TestMachineProbe : public QObject
{
    Q_OBJECT

private:
    static MachineSnapshot sample()
    {
        MachineSnapshot s;
        ComputeDevice gpu;
        gpu.index = 1;
        gpu.name = QStringLiteral("Radeon \"RX\" 7600 — ü");
        gpu.vendor = QStringLiteral("AMD");
        gpu.type = QStringLiteral("discrete");
        gpu.driver = QStringLiteral("radv Mesa 24.1");
        gpu.memoryBytes = qint64(8) << 30;
        gpu.usable = true;
        ComputeDevice old;
        old.index = 0;
        old.name = QStringLiteral("Old iGPU");
        old.type = QStringLiteral("integrated");
        old.unusableReason = QStringLiteral("no 16-bit storage");
        s.devices = {old, gpu};
        s.bestDeviceIndex = 1;
        s.systemRamBytes = qint64(32) << 30;
        s.cpuThreads = 12;
        return s;
    }

    /// Runs a probe with `program args` as the helper and returns its one snapshot.
    static MachineSnapshot runHelper(const QString &program, const QStringList &args)
    {
#if defined(Q_OS_WIN)
        QSKIP("the helper stand-ins are POSIX shell commands");
#endif
        MachineProbe probe;
        probe.setHelper(program, args);
        QSignalSpy spy(&probe, &MachineProbe::finished);
        probe.start();
        if (!spy.wait(20000))
            return {};
        QTest::qWait(50);
        if (spy.count() != 1)
            qWarning("finished() came %d times", int(spy.count()));
        return spy.count() == 1 ? spy.at(0).at(0).value<MachineSnapshot>() : MachineSnapshot {};
    }

private Q_SLOTS:
    void snapshotSurvivesJson()
    {
        const MachineSnapshot in = sample();
        auto out = machineSnapshotFromJson(machineSnapshotToJson(in));
        QVERIFY(out);
        QCOMPARE(out->devices.size(), 2);
        QCOMPARE(out->devices.at(1).name, in.devices.at(1).name);
        QCOMPARE(out->devices.at(1).memoryBytes, in.devices.at(1).memoryBytes);
        QVERIFY(out->devices.at(1).usable);
        QCOMPARE(out->devices.at(0).unusableReason, in.devices.at(0).unusableReason);
        QCOMPARE(out->bestDeviceIndex, 1);
        QCOMPARE(out->systemRamBytes, in.systemRamBytes);
        QCOMPARE(out->cpuThreads, 12);
        QVERIFY(!machineSnapshotFromJson("not json"));
    }

    void helperAnswer()
    {
        const QByteArray json = machineSnapshotToJson(sample());
        const MachineSnapshot s = runHelper(QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"), QStringLiteral("printf '%s' \"$0\""), QString::fromUtf8(json)});
        QCOMPARE(s.devices.size(), 2);
        QCOMPARE(s.bestDeviceIndex, 1);
        QVERIFY(s.devicesError.isEmpty());
    }

    void helperFailures_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        QTest::newRow("exit code") << QStringLiteral("/bin/sh")
                                   << QStringList {QStringLiteral("-c"), QStringLiteral("exit 3")}
                                   << QStringLiteral("exit code 3");
        QTest::newRow("crash") << QStringLiteral("/bin/sh")
                               << QStringList {QStringLiteral("-c"), QStringLiteral("kill -SEGV $$")}
                               << QStringLiteral("crashed");
        QTest::newRow("garbage") << QStringLiteral("/bin/sh")
                                 << QStringList {QStringLiteral("-c"), QStringLiteral("echo hello")}
                                 << QStringLiteral("could not be read");
        QTest::newRow("missing") << QStringLiteral("/nonexistent/atrium-probe") << QStringList {}
                                 << QStringLiteral("could not list");
    }
    void helperFailures()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        const MachineSnapshot s = runHelper(program, args);
        QVERIFY2(s.devicesError.contains(reason), qPrintable(s.devicesError));
        QVERIFY(s.devices.isEmpty());
        QCOMPARE(s.bestDeviceIndex, -1);
        QVERIFY(s.systemRamBytes > 0); // the processor is still offered, with this machine's memory
    }
};

QTEST_GUILESS_MAIN(TestMachineProbe)
#include "test_machine_probe.moc"
