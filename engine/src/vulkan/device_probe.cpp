// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "vulkan/device_probe.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace atrium
{

namespace
{

std::string vendorName(uint32_t id)
{
    switch (id) {
    case 0x10DE:
        return "NVIDIA";
    case 0x1002:
    case 0x1022:
        return "AMD";
    case 0x8086:
        return "Intel";
    case 0x13B5:
        return "ARM";
    case 0x5143:
        return "Qualcomm";
    case 0x1010:
        return "Imagination";
    case 0x106B:
        return "Apple";
    case 0x14E4:
        return "Broadcom";
    case 0x1AE0:
        return "Google";
    case VK_VENDOR_ID_MESA:
        return "Mesa";
    default: {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%04x", id);
        return buf;
    }
    }
}

DeviceType deviceType(vk::PhysicalDeviceType t)
{
    switch (t) {
    case vk::PhysicalDeviceType::eDiscreteGpu:
        return DeviceType::Discrete;
    case vk::PhysicalDeviceType::eIntegratedGpu:
        return DeviceType::Integrated;
    case vk::PhysicalDeviceType::eVirtualGpu:
        return DeviceType::Virtual;
    case vk::PhysicalDeviceType::eCpu:
        return DeviceType::Cpu;
    default:
        return DeviceType::Other;
    }
}

} // namespace

uint64_t DeviceInfo::deviceLocalBytes() const
{
    uint64_t total = 0;
    for (const MemoryHeapInfo &h : heaps)
        total += h.deviceLocal ? h.sizeBytes : 0;
    return total;
}

std::string DeviceInfo::apiVersionString() const
{
    return std::to_string(VK_API_VERSION_MAJOR(apiVersion)) + "." + std::to_string(VK_API_VERSION_MINOR(apiVersion))
        + "." + std::to_string(VK_API_VERSION_PATCH(apiVersion));
}

std::string_view deviceTypeName(DeviceType type)
{
    switch (type) {
    case DeviceType::Discrete:
        return "discrete";
    case DeviceType::Integrated:
        return "integrated";
    case DeviceType::Virtual:
        return "virtual";
    case DeviceType::Cpu:
        return "cpu";
    case DeviceType::Other:
        break;
    }
    return "other";
}

DeviceList listVulkanDevices()
{
    DeviceList list;
    try {
        vk::raii::Context context;
        vk::raii::Instance instance = vkrt::createInstance(context);
        vk::raii::PhysicalDevices devices(instance);
        for (uint32_t i = 0; i < devices.size(); ++i)
            list.devices.push_back(vkrt::probeDevice(devices[i], i));
        if (list.devices.empty())
            list.reason = "the Vulkan loader found no device (no GPU driver installed?)";
    } catch (const vk::SystemError &e) {
        list.devices.clear();
        const auto code = static_cast<vk::Result>(e.code().value());
        if (code == vk::Result::eErrorIncompatibleDriver)
            list.reason = std::string("no Vulkan driver is installed for this machine's GPU (") + e.what() + ")";
        else if (code == vk::Result::eErrorInitializationFailed)
            list.reason = std::string("the Vulkan driver failed to initialise (") + e.what() + ")";
        else
            list.reason = std::string("Vulkan is not available: ") + e.what();
    } catch (const std::exception &e) {
        // vk::raii::Context throws std::runtime_error when libvulkan cannot be loaded.
        list.devices.clear();
        list.reason = std::string("no Vulkan loader: ") + e.what();
    }
    return list;
}

namespace vkrt
{

vk::raii::Instance createInstance(const vk::raii::Context &context)
{
    const uint32_t loaderVersion = context.enumerateInstanceVersion();
    if (loaderVersion < VK_API_VERSION_1_1)
        throw std::runtime_error("the Vulkan loader only supports Vulkan 1.0; Atrium needs 1.2");
    vk::ApplicationInfo app("Atrium", 1, "atrium", 1, std::min(loaderVersion, VK_API_VERSION_1_3));
    vk::InstanceCreateInfo info({}, &app);
    return vk::raii::Instance(context, info);
}

int computeQueueFamily(const vk::raii::PhysicalDevice &device)
{
    const std::vector<vk::QueueFamilyProperties> families = device.getQueueFamilyProperties();
    // Prefer a compute-capable family; any family with compute works for us.
    for (size_t i = 0; i < families.size(); ++i) {
        if (families[i].queueFlags & vk::QueueFlagBits::eCompute)
            return static_cast<int>(i);
    }
    return -1;
}

DeviceInfo probeDevice(const vk::raii::PhysicalDevice &device, uint32_t index)
{
    DeviceInfo info;
    info.index = index;
    const vk::PhysicalDeviceProperties props = device.getProperties();
    info.name = props.deviceName.data();
    info.vendorId = props.vendorID;
    info.deviceId = props.deviceID;
    info.vendor = vendorName(props.vendorID);
    info.type = deviceType(props.deviceType);
    info.driverVersion = props.driverVersion;
    info.apiVersion = props.apiVersion;
    info.maxStorageBufferRange = props.limits.maxStorageBufferRange;
    info.maxComputeSharedMemoryBytes = props.limits.maxComputeSharedMemorySize;
    info.minStorageBufferOffsetAlignment = static_cast<uint32_t>(props.limits.minStorageBufferOffsetAlignment);

    std::set<std::string> extensions;
    for (const vk::ExtensionProperties &e : device.enumerateDeviceExtensionProperties())
        extensions.insert(e.extensionName.data());
    const auto has = [&](const char *name) { return extensions.count(name) > 0; };
    const bool api11 = props.apiVersion >= VK_API_VERSION_1_1;
    const bool api12 = props.apiVersion >= VK_API_VERSION_1_2;
    const bool api13 = props.apiVersion >= VK_API_VERSION_1_3;

    if (api12 || has(VK_KHR_DRIVER_PROPERTIES_EXTENSION_NAME)) {
        const auto chain = device.getProperties2<vk::PhysicalDeviceProperties2, vk::PhysicalDeviceDriverProperties>();
        const auto &driver = chain.get<vk::PhysicalDeviceDriverProperties>();
        info.driverName = driver.driverName.data();
        info.driverInfo = driver.driverInfo.data();
    }
    if (api11) {
        const auto chain = device.getProperties2<vk::PhysicalDeviceProperties2,
            vk::PhysicalDeviceSubgroupProperties,
            vk::PhysicalDeviceMaintenance3Properties>();
        const auto &sg = chain.get<vk::PhysicalDeviceSubgroupProperties>();
        info.subgroupSize = sg.subgroupSize;
        info.subgroupSizeMin = info.subgroupSizeMax = sg.subgroupSize;
        const bool compute = static_cast<bool>(sg.supportedStages & vk::ShaderStageFlagBits::eCompute);
        info.subgroupArithmetic = compute && (sg.supportedOperations & vk::SubgroupFeatureFlagBits::eArithmetic);
        info.subgroupShuffle = compute && (sg.supportedOperations & vk::SubgroupFeatureFlagBits::eShuffle);
        info.subgroupClustered = compute && (sg.supportedOperations & vk::SubgroupFeatureFlagBits::eClustered);
        info.maxMemoryAllocationSize = chain.get<vk::PhysicalDeviceMaintenance3Properties>().maxMemoryAllocationSize;
    }
    if (api13 || has(VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME)) {
        const auto chain =
            device.getProperties2<vk::PhysicalDeviceProperties2, vk::PhysicalDeviceSubgroupSizeControlProperties>();
        const auto &sc = chain.get<vk::PhysicalDeviceSubgroupSizeControlProperties>();
        const auto features =
            device.getFeatures2<vk::PhysicalDeviceFeatures2, vk::PhysicalDeviceSubgroupSizeControlFeatures>();
        info.subgroupSizeControl = features.get<vk::PhysicalDeviceSubgroupSizeControlFeatures>().subgroupSizeControl;
        if (info.subgroupSizeControl) {
            info.subgroupSizeMin = sc.minSubgroupSize;
            info.subgroupSizeMax = sc.maxSubgroupSize;
        }
    }
    if (api12) {
        const auto features = device.getFeatures2<vk::PhysicalDeviceFeatures2,
            vk::PhysicalDeviceVulkan11Features,
            vk::PhysicalDeviceVulkan12Features>();
        info.storage16Bit = features.get<vk::PhysicalDeviceVulkan11Features>().storageBuffer16BitAccess;
        info.fp16 = features.get<vk::PhysicalDeviceVulkan12Features>().shaderFloat16;
        info.int8 = features.get<vk::PhysicalDeviceVulkan12Features>().shaderInt8;
    } else if (api11) {
        const auto features =
            device.getFeatures2<vk::PhysicalDeviceFeatures2, vk::PhysicalDevice16BitStorageFeatures>();
        info.storage16Bit = features.get<vk::PhysicalDevice16BitStorageFeatures>().storageBuffer16BitAccess;
    }
    info.integerDotProduct = api13 || has(VK_KHR_SHADER_INTEGER_DOT_PRODUCT_EXTENSION_NAME);
    info.cooperativeMatrix = has("VK_KHR_cooperative_matrix") || has(VK_NV_COOPERATIVE_MATRIX_EXTENSION_NAME);
    info.pushDescriptor = has(VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME);

    info.hasMemoryBudget = api11 && has(VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
    vk::PhysicalDeviceMemoryProperties memory;
    vk::PhysicalDeviceMemoryBudgetPropertiesEXT budget;
    if (info.hasMemoryBudget) {
        const auto chain = device.getMemoryProperties2<vk::PhysicalDeviceMemoryProperties2,
            vk::PhysicalDeviceMemoryBudgetPropertiesEXT>();
        memory = chain.get<vk::PhysicalDeviceMemoryProperties2>().memoryProperties;
        budget = chain.get<vk::PhysicalDeviceMemoryBudgetPropertiesEXT>();
    } else {
        memory = device.getMemoryProperties();
    }
    for (uint32_t h = 0; h < memory.memoryHeapCount; ++h) {
        MemoryHeapInfo heap;
        heap.sizeBytes = memory.memoryHeaps[h].size;
        heap.deviceLocal = static_cast<bool>(memory.memoryHeaps[h].flags & vk::MemoryHeapFlagBits::eDeviceLocal);
        if (info.hasMemoryBudget) {
            heap.budgetBytes = budget.heapBudget[h];
            heap.usageBytes = budget.heapUsage[h];
        }
        info.heaps.push_back(heap);
    }

    if (!api12)
        info.unusableReason = "needs Vulkan 1.2 (device reports " + info.apiVersionString() + ")";
    else if (!info.storage16Bit)
        info.unusableReason = "no 16-bit storage buffer access (storageBuffer16BitAccess)";
    else if (computeQueueFamily(device) < 0)
        info.unusableReason = "no compute queue";
    info.usable = info.unusableReason.empty();
    return info;
}

} // namespace vkrt
} // namespace atrium
