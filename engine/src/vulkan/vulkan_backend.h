// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "atrium/expected.h"
#include "backend/backend.h"

namespace atrium
{

/// Options for the Vulkan backend; filled by the caller (app/ reads ATRIUM_* variables and settings, never the
/// engine).
struct VulkanBackendOptions {
    int deviceIndex = -1; ///< index as listed by the device enumeration; -1 = selection policy
    std::string pipelineCacheDir; ///< where to persist the VkPipelineCache; empty = no disk cache
    bool safeMode = false; ///< no fp16 arithmetic, no subgroup ops, no cooperative matrix
    /// Caps one storage-buffer binding below the device's maxStorageBufferRange (0 = the device limit). Tests use
    /// it to exercise the paths that split large tensors and activations across bindings.
    uint64_t maxBindingBytes = 0;
    /// Number of key splits in attention (flash-decoding); 0 = chosen from the shape and the device.
    uint32_t attentionSplits = 0;
    /// GEMV items per invocation and loop iteration (1 or 2); 0 = the device's tuning. Tests use it to run the
    /// unrolled GEMV on devices whose tuning does not pick it.
    uint32_t gemvUnroll = 0;
};

/// Creates a Vulkan backend on the chosen device. Fails with NoVulkanDevice when no usable device exists (the
/// caller then falls back to the CPU backend).
Expected<std::unique_ptr<Backend>> createVulkanBackend(const VulkanBackendOptions &options);

} // namespace atrium
