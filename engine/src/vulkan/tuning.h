// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>

#include "atrium/devices.h"
#include "vulkan/command_recorder.h"

namespace atrium::vkrt
{

/// Per-device kernel geometry (workgroup sizes, rows per workgroup, split-K targets) and submission limits,
/// passed to the kernels as specialization constants. Start values follow llama.cpp's tables (engine-notes §5.6,
/// §5.8); the table is the one place to tune per vendor.
struct KernelTuning {
    uint32_t gemvBlock = 32; ///< invocations per GEMV workgroup (power of two)
    uint32_t gemvRowsQuant = 2; ///< W rows per GEMV workgroup, quantized types
    uint32_t gemvRowsFloat = 2; ///< W rows per GEMV workgroup, F32/F16/BF16
    uint32_t gemvUnroll = 2; ///< items per GEMV invocation and iteration (more loads in flight per thread)
    uint32_t normBlock = 256; ///< invocations per norm workgroup (power of two)
    uint32_t attnBlock = 64; ///< keys per flash-attention block (= invocations)
    uint32_t attnRows = 8; ///< query heads per flash-attention workgroup (GQA packing)
    uint32_t attnTargetWorkgroups = 256; ///< split the keys when fewer workgroups than this would run
    SubmitLimits submit;
};

KernelTuning tuningFor(const DeviceInfo &device);

} // namespace atrium::vkrt
