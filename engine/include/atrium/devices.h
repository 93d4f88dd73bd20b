// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "atrium/expected.h"

namespace atrium
{

/// Kind of Vulkan physical device, in the order the default selection prefers them.
enum class DeviceType {
    Discrete,
    Integrated,
    Virtual,
    Cpu,
    Other,
};

/// One memory heap of a device. Budget and usage come from VK_EXT_memory_budget; 0 when the driver lacks it.
struct MemoryHeapInfo {
    uint64_t sizeBytes = 0;
    uint64_t budgetBytes = 0;
    uint64_t usageBytes = 0;
    bool deviceLocal = false;
};

/// What Atrium knows about one Vulkan device: identity, driver, memory and the features its kernels use.
/// Every enumerated device is listed, usable or not; `unusableReason` says why one cannot run the engine.
struct DeviceInfo {
    uint32_t index = 0; ///< position in the enumeration (what `--device N` and VulkanBackendOptions refer to)
    std::string name;
    std::string vendor; ///< "NVIDIA", "AMD", "Intel", "Mesa", … (from the PCI vendor id)
    uint32_t vendorId = 0;
    uint32_t deviceId = 0;
    DeviceType type = DeviceType::Other;
    std::string driverName; ///< e.g. "NVIDIA", "llvmpipe" (VkPhysicalDeviceDriverProperties)
    std::string driverInfo; ///< e.g. "550.54.15", "Mesa 22.3.6 (LLVM 15.0.6)"
    uint32_t driverVersion = 0; ///< raw, vendor-encoded
    uint32_t apiVersion = 0; ///< raw VK_MAKE_API_VERSION value
    std::vector<MemoryHeapInfo> heaps;
    bool hasMemoryBudget = false; ///< VK_EXT_memory_budget present

    // Features the kernels use or could use.
    bool storage16Bit = false; ///< storageBuffer16BitAccess (required)
    bool fp16 = false; ///< shaderFloat16
    bool int8 = false; ///< shaderInt8
    bool integerDotProduct = false; ///< VK_KHR_shader_integer_dot_product
    uint32_t subgroupSize = 0; ///< default subgroup size
    uint32_t subgroupSizeMin = 0; ///< with subgroup size control, else = subgroupSize
    uint32_t subgroupSizeMax = 0;
    bool subgroupArithmetic = false; ///< subgroupAdd & co. in compute shaders
    bool subgroupShuffle = false;
    bool subgroupClustered = false;
    bool subgroupSizeControl = false;
    bool cooperativeMatrix = false; ///< VK_KHR_cooperative_matrix or VK_NV_cooperative_matrix
    bool pushDescriptor = false; ///< VK_KHR_push_descriptor
    uint64_t maxStorageBufferRange = 0; ///< largest single storage-buffer binding
    uint64_t maxMemoryAllocationSize = 0;
    uint32_t maxComputeSharedMemoryBytes = 0;
    uint32_t minStorageBufferOffsetAlignment = 0;

    bool usable = false;
    std::string unusableReason; ///< empty when usable

    /// Sum of the DEVICE_LOCAL heaps.
    uint64_t deviceLocalBytes() const;
    /// "1.3.230"
    std::string apiVersionString() const;
};

/// The devices of this machine. An empty list with a reason when there is no Vulkan loader, no driver, or
/// enumeration failed; it never throws.
struct DeviceList {
    std::vector<DeviceInfo> devices;
    std::string reason; ///< why the list is empty (or incomplete); empty when enumeration succeeded
};

/// Enumerates every Vulkan physical device with its properties (creates and destroys a Vulkan instance).
DeviceList listVulkanDevices();

/// "discrete", "integrated", "virtual", "cpu", "other" (stable names used in JSON output).
std::string_view deviceTypeName(DeviceType type);

/// The device selection policy, a pure function: the caller's choice (requestedIndex >= 0) when it exists and is
/// usable (otherwise an error naming the problem, never a silent substitute); else the best usable device by type
/// (discrete > integrated > virtual > cpu > other), then by device-local memory, then by index. NoVulkanDevice when
/// nothing is usable.
Expected<uint32_t> selectVulkanDevice(std::span<const DeviceInfo> devices, int requestedIndex = -1);

} // namespace atrium
