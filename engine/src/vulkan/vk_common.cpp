// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "vulkan/vk_common.h"

#include <cstdio>

namespace atrium::vkrt
{

Error vulkanError(const vk::SystemError &e, const std::string &what)
{
    const auto result = static_cast<vk::Result>(e.code().value());
    switch (result) {
    case vk::Result::eErrorDeviceLost:
        return {ErrorCode::DeviceLost,
            what + ": the GPU device was lost (driver reset or watchdog); reload the model to continue"};
    case vk::Result::eErrorOutOfDeviceMemory:
        return {ErrorCode::OutOfDeviceMemory, what + ": out of GPU memory"};
    case vk::Result::eErrorOutOfHostMemory:
        return {ErrorCode::OutOfMemory, what + ": the Vulkan driver ran out of host memory"};
    default:
        return {ErrorCode::VulkanError, what + ": " + e.what()};
    }
}

std::string formatBytes(uint64_t bytes)
{
    char buf[64];
    const double b = static_cast<double>(bytes);
    if (b >= 1024.0 * 1024.0 * 1024.0)
        std::snprintf(buf, sizeof buf, "%.2f GiB", b / (1024.0 * 1024.0 * 1024.0));
    else if (b >= 1024.0 * 1024.0)
        std::snprintf(buf, sizeof buf, "%.1f MiB", b / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.1f KiB", b / 1024.0);
    return buf;
}

} // namespace atrium::vkrt
