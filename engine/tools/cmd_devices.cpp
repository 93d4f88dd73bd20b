// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// `devices [--json]`: every Vulkan device with its driver, memory and the features the kernels use
// (cli-contract.md). No device is not an error: the list is empty and the reason is printed.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"

#ifdef ATRIUM_HAVE_VULKAN
#include "atrium/devices.h"
#endif

namespace atrium::cli
{

namespace
{

#ifdef ATRIUM_HAVE_VULKAN
std::string gib(uint64_t bytes)
{
    char buf[32];
    const double b = static_cast<double>(bytes);
    if (b >= 1024.0 * 1024.0 * 1024.0)
        std::snprintf(buf, sizeof buf, "%.2f GiB", b / (1024.0 * 1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.0f MiB", b / (1024.0 * 1024.0));
    return buf;
}

std::string hex(uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%04x", v);
    return buf;
}

nlohmann::json toJson(const DeviceInfo &d, bool isDefault)
{
    nlohmann::json heaps = nlohmann::json::array();
    for (const MemoryHeapInfo &h : d.heaps) {
        nlohmann::json heap {{"size_bytes", h.sizeBytes}, {"device_local", h.deviceLocal}};
        heap["budget_bytes"] = d.hasMemoryBudget ? nlohmann::json(h.budgetBytes) : nlohmann::json(nullptr);
        heap["usage_bytes"] = d.hasMemoryBudget ? nlohmann::json(h.usageBytes) : nlohmann::json(nullptr);
        heaps.push_back(heap);
    }
    return {{"index", d.index},
        {"name", d.name},
        {"vendor", d.vendor},
        {"vendor_id", d.vendorId},
        {"device_id", d.deviceId},
        {"type", std::string(deviceTypeName(d.type))},
        {"driver", d.driverName},
        {"driver_info", d.driverInfo},
        {"driver_version", d.driverVersion},
        {"api_version", d.apiVersionString()},
        {"usable", d.usable},
        {"unusable_reason", d.unusableReason},
        {"default", isDefault},
        {"heaps", heaps},
        {"features",
            {{"fp16", d.fp16},
                {"int8", d.int8},
                {"storage_16bit", d.storage16Bit},
                {"subgroup_size", d.subgroupSize},
                {"subgroup_size_min", d.subgroupSizeMin},
                {"subgroup_size_max", d.subgroupSizeMax},
                {"subgroup_arithmetic", d.subgroupArithmetic},
                {"subgroup_size_control", d.subgroupSizeControl},
                {"cooperative_matrix", d.cooperativeMatrix},
                {"integer_dot_product", d.integerDotProduct},
                {"push_descriptor", d.pushDescriptor}}},
        {"limits",
            {{"max_storage_buffer_range", d.maxStorageBufferRange},
                {"max_memory_allocation_size", d.maxMemoryAllocationSize},
                {"max_compute_shared_memory", d.maxComputeSharedMemoryBytes},
                {"min_storage_buffer_offset_alignment", d.minStorageBufferOffsetAlignment}}}};
}

void printDevice(Io io, const DeviceInfo &d, bool isDefault)
{
    const auto yesNo = [](bool b) { return b ? "yes" : "no"; };
    io.out << '[' << d.index << "] " << d.name << (isDefault ? "  (default)" : "") << '\n';
    io.out << "    vendor    " << d.vendor << " (" << hex(d.vendorId) << "), device " << hex(d.deviceId) << ", "
           << deviceTypeName(d.type) << '\n';
    io.out << "    driver    " << (d.driverName.empty() ? "unknown" : d.driverName)
           << (d.driverInfo.empty() ? "" : " " + d.driverInfo) << ", Vulkan " << d.apiVersionString() << '\n';
    for (size_t i = 0; i < d.heaps.size(); ++i) {
        const MemoryHeapInfo &h = d.heaps[i];
        io.out << "    heap " << i << "    " << gib(h.sizeBytes) << (h.deviceLocal ? " device-local" : " host");
        if (d.hasMemoryBudget)
            io.out << ", budget " << gib(h.budgetBytes) << ", in use " << gib(h.usageBytes);
        io.out << '\n';
    }
    io.out << "    features  fp16 " << yesNo(d.fp16) << ", int8 " << yesNo(d.int8) << ", subgroup " << d.subgroupSize;
    if (d.subgroupSizeMin != d.subgroupSizeMax)
        io.out << " (" << d.subgroupSizeMin << ".." << d.subgroupSizeMax << ")";
    io.out << (d.subgroupArithmetic ? " with arithmetic" : " without arithmetic") << ", cooperative matrix "
           << yesNo(d.cooperativeMatrix) << ", integer dot " << yesNo(d.integerDotProduct) << '\n';
    io.out << "    limits    largest binding " << gib(d.maxStorageBufferRange) << ", shared memory "
           << d.maxComputeSharedMemoryBytes / 1024 << " KiB\n";
    if (!d.usable)
        io.out << "    unusable  " << d.unusableReason << '\n';
}
#endif

} // namespace

int cmdDevices(const std::vector<std::string> &argv, Io io)
{
    auto args = Args::parse(argv, {{"json", 0, false}});
    if (!args)
        return reportError(io, args.error().message);
    const bool json = args->has("json");
#ifdef ATRIUM_HAVE_VULKAN
    const DeviceList list = listVulkanDevices();
    const Expected<uint32_t> chosen = selectVulkanDevice(list.devices);
    const int defaultIndex = chosen ? static_cast<int>(*chosen) : -1;
    if (json) {
        nlohmann::json devices = nlohmann::json::array();
        for (const DeviceInfo &d : list.devices)
            devices.push_back(toJson(d, static_cast<int>(d.index) == defaultIndex));
        nlohmann::json j {{"devices", devices}};
        j["default_device"] = defaultIndex >= 0 ? nlohmann::json(defaultIndex) : nlohmann::json(nullptr);
        j["reason"] = !list.reason.empty() ? list.reason : (chosen ? std::string() : chosen.error().message);
        io.out << j.dump(2) << '\n';
        return 0;
    }
    if (list.devices.empty()) {
        io.out << "No Vulkan device found" << (list.reason.empty() ? "" : ": " + list.reason) << '\n';
        return 0;
    }
    for (const DeviceInfo &d : list.devices)
        printDevice(io, d, static_cast<int>(d.index) == defaultIndex);
    if (defaultIndex < 0)
        io.out << "No device can run Atrium: " << chosen.error().message << '\n';
    return 0;
#else
    if (json)
        io.out << nlohmann::json {{"devices", nlohmann::json::array()},
            {"default_device", nullptr},
            {"reason", "this build has no Vulkan support"}}
                      .dump(2)
               << '\n';
    else
        io.out << "No Vulkan device: this build has no Vulkan support\n";
    return 0;
#endif
}

} // namespace atrium::cli
