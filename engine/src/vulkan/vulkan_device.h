// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>
#include <optional>

#include "atrium/devices.h"
#include "vulkan/vk_common.h"

namespace atrium::vkrt
{

/// An opened Vulkan device: instance, the chosen physical device, the logical device and its compute queue, plus
/// the probed DeviceInfo. Members are declared in dependency order so destruction runs device -> instance ->
/// context.
class VulkanDevice
{
public:
    /// Opens device `index` as listed by listVulkanDevices() (-1 = selection policy).
    /// safeMode disables the subgroup-operation kernels (shared-memory reductions everywhere).
    static Expected<std::unique_ptr<VulkanDevice>> open(int index, bool safeMode);

    const DeviceInfo &info() const
    {
        return m_info;
    }
    const vk::raii::Device &device() const
    {
        return m_device;
    }
    const vk::raii::PhysicalDevice &physicalDevice() const
    {
        return m_physical;
    }
    const vk::raii::Queue &queue() const
    {
        return m_queue;
    }
    uint32_t queueFamily() const
    {
        return m_queueFamily;
    }
    /// Kernels may use subgroup arithmetic (device support and not safe mode).
    bool useSubgroups() const
    {
        return m_useSubgroups;
    }
    bool pushDescriptors() const
    {
        return m_pushDescriptors;
    }
    const vk::PhysicalDeviceMemoryProperties &memoryProperties() const
    {
        return m_memory;
    }
    /// Bytes of device-local memory Atrium may plan to use: the budget of the largest device-local heap (or its
    /// size when VK_EXT_memory_budget is missing) minus headroom for the driver and other applications.
    uint64_t usableDeviceMemory() const;
    /// The heap weights and activations live in.
    uint32_t mainHeap() const
    {
        return m_mainHeap;
    }

private:
    VulkanDevice(
        vk::raii::Context context, vk::raii::Instance instance, vk::raii::PhysicalDevice physical, DeviceInfo info);
    void createDevice();

    vk::raii::Context m_context;
    vk::raii::Instance m_instance;
    vk::raii::PhysicalDevice m_physical;
    DeviceInfo m_info;
    vk::PhysicalDeviceMemoryProperties m_memory;
    uint32_t m_mainHeap = 0;
    uint32_t m_queueFamily = 0;
    bool m_useSubgroups = false;
    bool m_pushDescriptors = false;
    bool m_memoryBudget = false;
    vk::raii::Device m_device = nullptr;
    vk::raii::Queue m_queue = nullptr;
};

} // namespace atrium::vkrt
