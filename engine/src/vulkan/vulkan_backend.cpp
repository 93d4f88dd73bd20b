// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "vulkan/vulkan_backend.h"

namespace atrium {

Expected<std::unique_ptr<Backend>> createVulkanBackend(const VulkanBackendOptions &)
{
    return fail(ErrorCode::NoVulkanDevice, "the Vulkan backend is not built yet");
}

} // namespace atrium
