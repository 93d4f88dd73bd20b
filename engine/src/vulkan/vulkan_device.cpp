// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "vulkan/vulkan_device.h"

#include <algorithm>
#include <vector>

#include "vulkan/device_probe.h"

namespace atrium::vkrt
{

Expected<std::unique_ptr<VulkanDevice>> VulkanDevice::open(int index, bool safeMode)
{
    std::unique_ptr<vk::raii::Context> context;
    try {
        context = std::make_unique<vk::raii::Context>();
    } catch (const std::exception &e) {
        return fail(ErrorCode::NoVulkanDevice, std::string("no Vulkan loader: ") + e.what());
    }
    return guarded("opening the Vulkan device", [&]() -> Expected<std::unique_ptr<VulkanDevice>> {
        vk::raii::Instance instance = createInstance(*context);
        vk::raii::PhysicalDevices physicals(instance);
        std::vector<DeviceInfo> infos;
        for (uint32_t i = 0; i < physicals.size(); ++i)
            infos.push_back(probeDevice(physicals[i], i));
        ATRIUM_TRY(const uint32_t chosen, selectVulkanDevice(infos, index));
        vk::raii::PhysicalDevice physical = std::move(physicals[chosen]);
        std::unique_ptr<VulkanDevice> dev(
            new VulkanDevice(std::move(*context), std::move(instance), std::move(physical), infos[chosen]));
        dev->m_useSubgroups = dev->m_info.subgroupArithmetic && !safeMode;
        dev->createDevice();
        return dev;
    });
}

VulkanDevice::VulkanDevice(
    vk::raii::Context context, vk::raii::Instance instance, vk::raii::PhysicalDevice physical, DeviceInfo info)
    : m_context(std::move(context))
    , m_instance(std::move(instance))
    , m_physical(std::move(physical))
    , m_info(std::move(info))
{
}

void VulkanDevice::createDevice()
{
    m_queueFamily = static_cast<uint32_t>(computeQueueFamily(m_physical));
    m_memory = m_physical.getMemoryProperties();
    // Main heap: the largest device-local heap (never heap 0 blindly, llama.cpp#22368).
    uint64_t best = 0;
    for (uint32_t h = 0; h < m_memory.memoryHeapCount; ++h) {
        const bool local = static_cast<bool>(m_memory.memoryHeaps[h].flags & vk::MemoryHeapFlagBits::eDeviceLocal);
        if (local && m_memory.memoryHeaps[h].size > best) {
            best = m_memory.memoryHeaps[h].size;
            m_mainHeap = h;
        }
    }

    std::vector<const char *> extensions;
    m_pushDescriptors = m_info.pushDescriptor;
    if (m_pushDescriptors)
        extensions.push_back(VK_KHR_PUSH_DESCRIPTOR_EXTENSION_NAME);
    m_memoryBudget = m_info.hasMemoryBudget;
    if (m_memoryBudget)
        extensions.push_back(VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);

    const float priority = 1.0f;
    vk::DeviceQueueCreateInfo queueInfo({}, m_queueFamily, 1, &priority);
    vk::PhysicalDeviceVulkan11Features features11;
    features11.storageBuffer16BitAccess = VK_TRUE;
    vk::PhysicalDeviceFeatures2 features2;
    features2.pNext = &features11;
    vk::DeviceCreateInfo info({}, queueInfo, {}, extensions);
    info.pNext = &features2;
    m_device = vk::raii::Device(m_physical, info);
    m_queue = m_device.getQueue(m_queueFamily, 0);
}

uint64_t VulkanDevice::usableDeviceMemory() const
{
    uint64_t available = m_memory.memoryHeaps[m_mainHeap].size;
    if (m_memoryBudget) {
        const auto chain = m_physical.getMemoryProperties2<vk::PhysicalDeviceMemoryProperties2,
            vk::PhysicalDeviceMemoryBudgetPropertiesEXT>();
        const auto &budget = chain.get<vk::PhysicalDeviceMemoryBudgetPropertiesEXT>();
        const uint64_t b = budget.heapBudget[m_mainHeap];
        const uint64_t used = budget.heapUsage[m_mainHeap];
        available = b > used ? b - used : 0;
    }
    // Headroom for the driver, compositor and descriptor pools: max(512 MiB, 5%), but never more than a quarter
    // (small virtual heaps such as lavapipe's).
    const uint64_t heapSize = m_memory.memoryHeaps[m_mainHeap].size;
    const uint64_t headroom = std::min(std::max<uint64_t>(512ull << 20, heapSize / 20), heapSize / 4);
    return available > headroom ? available - headroom : 0;
}

} // namespace atrium::vkrt
