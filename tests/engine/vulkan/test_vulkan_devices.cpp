// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Device enumeration and the selection policy (a pure function, checked on fabricated device sets), plus backend
// creation and its error paths on the real device list.
#include <QTest>

#include "atrium/devices.h"
#include "vulkan/vulkan_backend.h"

using namespace atrium;

namespace
{

DeviceInfo fake(uint32_t index, DeviceType type, uint64_t localBytes, bool usable = true)
{
    DeviceInfo d;
    d.index = index;
    d.name = "device " + std::to_string(index);
    d.type = type;
    d.heaps.push_back(MemoryHeapInfo {localBytes, 0, 0, true});
    d.heaps.push_back(MemoryHeapInfo {64ull << 30, 0, 0, false}); // host heap: never counted
    d.usable = usable;
    if (!usable)
        d.unusableReason = "needs Vulkan 1.2";
    return d;
}

} // namespace

class TestVulkanDevices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefersDiscreteOverIntegratedOverCpu()
    {
        const std::vector<DeviceInfo> devices {fake(0, DeviceType::Cpu, 1ull << 30),
            fake(1, DeviceType::Integrated, 2ull << 30),
            fake(2, DeviceType::Discrete, 8ull << 30)};
        const Expected<uint32_t> chosen = selectVulkanDevice(devices);
        QVERIFY(chosen.has_value());
        QCOMPARE(*chosen, 2u);
    }

    void prefersVirtualOverCpu()
    {
        const std::vector<DeviceInfo> devices {
            fake(0, DeviceType::Cpu, 16ull << 30), fake(1, DeviceType::Virtual, 1ull << 30)};
        QCOMPARE(*selectVulkanDevice(devices), 1u);
    }

    void skipsUnusableDevicesWithoutHidingThem()
    {
        const std::vector<DeviceInfo> devices {
            fake(0, DeviceType::Discrete, 24ull << 30, false), fake(1, DeviceType::Integrated, 2ull << 30)};
        QCOMPARE(*selectVulkanDevice(devices), 1u);
    }

    void breaksTypeTiesByDeviceMemoryThenIndex()
    {
        const std::vector<DeviceInfo> bigger {
            fake(0, DeviceType::Discrete, 8ull << 30), fake(1, DeviceType::Discrete, 24ull << 30)};
        QCOMPARE(*selectVulkanDevice(bigger), 1u);
        const std::vector<DeviceInfo> equal {
            fake(0, DeviceType::Discrete, 8ull << 30), fake(1, DeviceType::Discrete, 8ull << 30)};
        QCOMPARE(*selectVulkanDevice(equal), 0u);
    }

    void honoursTheCallersChoiceEvenIfWorse()
    {
        const std::vector<DeviceInfo> devices {
            fake(0, DeviceType::Discrete, 24ull << 30), fake(1, DeviceType::Cpu, 1ull << 30)};
        QCOMPARE(*selectVulkanDevice(devices, 1), 1u);
    }

    void rejectsAnUnusableChoiceWithItsReason()
    {
        const std::vector<DeviceInfo> devices {
            fake(0, DeviceType::Discrete, 24ull << 30, false), fake(1, DeviceType::Cpu, 1ull << 30)};
        const Expected<uint32_t> chosen = selectVulkanDevice(devices, 0);
        QVERIFY(!chosen.has_value());
        QCOMPARE(chosen.error().code, ErrorCode::NoVulkanDevice);
        QVERIFY(chosen.error().message.find("needs Vulkan 1.2") != std::string::npos);
    }

    void rejectsAnIndexThatDoesNotExist()
    {
        const std::vector<DeviceInfo> devices {fake(0, DeviceType::Discrete, 24ull << 30)};
        const Expected<uint32_t> chosen = selectVulkanDevice(devices, 3);
        QVERIFY(!chosen.has_value());
        QCOMPARE(chosen.error().code, ErrorCode::InvalidArgument);
    }

    void reportsNoDeviceWhenNothingIsUsable()
    {
        QCOMPARE(selectVulkanDevice({}).error().code, ErrorCode::NoVulkanDevice);
        const std::vector<DeviceInfo> devices {fake(0, DeviceType::Discrete, 8ull << 30, false)};
        const Expected<uint32_t> chosen = selectVulkanDevice(devices);
        QCOMPARE(chosen.error().code, ErrorCode::NoVulkanDevice);
        QVERIFY(chosen.error().message.find("device 0") != std::string::npos);
    }

    void deviceLocalBytesCountsOnlyDeviceLocalHeaps()
    {
        QCOMPARE(fake(0, DeviceType::Discrete, 8ull << 30).deviceLocalBytes(), 8ull << 30);
    }

    void listsEveryDeviceWithItsProperties()
    {
        const DeviceList list = listVulkanDevices();
        if (list.devices.empty()) {
            QVERIFY(!list.reason.empty());
            QSKIP(("no Vulkan device: " + list.reason).c_str());
        }
        for (size_t i = 0; i < list.devices.size(); ++i) {
            const DeviceInfo &d = list.devices[i];
            QCOMPARE(d.index, static_cast<uint32_t>(i));
            QVERIFY(!d.name.empty());
            QVERIFY(!d.vendor.empty());
            QVERIFY(!d.heaps.empty());
            QVERIFY(d.apiVersion != 0);
            QCOMPARE(d.usable, d.unusableReason.empty());
            if (d.usable) {
                QVERIFY(d.storage16Bit);
                QVERIFY(d.maxStorageBufferRange >= (128ull << 20) - 1);
                QVERIFY(d.subgroupSize > 0);
                QVERIFY(d.apiVersionString().rfind("1.", 0) == 0);
            }
        }
    }

    void createsABackendOnTheSelectedDevice()
    {
        const DeviceList list = listVulkanDevices();
        if (list.devices.empty())
            QSKIP(("no Vulkan device: " + list.reason).c_str());
        Expected<std::unique_ptr<Backend>> backend = createVulkanBackend({});
        QVERIFY2(backend.has_value(), backend.has_value() ? "" : backend.error().message.c_str());
        QCOMPARE((*backend)->name(), std::string("vulkan"));
        const uint32_t chosen = *selectVulkanDevice(list.devices);
        QCOMPARE((*backend)->deviceName(), list.devices[chosen].name);
    }

    void refusesADeviceIndexThatDoesNotExist()
    {
        const DeviceList list = listVulkanDevices();
        VulkanBackendOptions options;
        options.deviceIndex = static_cast<int>(list.devices.size()) + 5;
        const Expected<std::unique_ptr<Backend>> backend = createVulkanBackend(options);
        QVERIFY(!backend.has_value());
        QVERIFY(
            backend.error().code == ErrorCode::InvalidArgument || backend.error().code == ErrorCode::NoVulkanDevice);
    }
};

QTEST_APPLESS_MAIN(TestVulkanDevices)
#include "test_vulkan_devices.moc"
