// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include "atrium/devices.h"
#include "vulkan/vk_common.h"

namespace atrium::vkrt
{

/// The Vulkan API version Atrium asks for (1.2; kernels are SPIR-V 1.5 / Vulkan 1.2).
inline constexpr uint32_t kRequiredApiVersion = VK_API_VERSION_1_2;

/// An instance for enumeration and compute (no layers, no surface extensions). Throws vk::SystemError.
vk::raii::Instance createInstance(const vk::raii::Context &context);

/// Everything DeviceInfo holds, queried from one physical device.
DeviceInfo probeDevice(const vk::raii::PhysicalDevice &device, uint32_t index);

/// Index of a queue family with compute support, or -1.
int computeQueueFamily(const vk::raii::PhysicalDevice &device);

} // namespace atrium::vkrt
