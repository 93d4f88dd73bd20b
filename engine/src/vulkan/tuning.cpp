// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "vulkan/tuning.h"

#include <algorithm>

namespace atrium::vkrt
{

KernelTuning tuningFor(const DeviceInfo &device)
{
    KernelTuning t;
    const uint32_t sg = std::max<uint32_t>(device.subgroupSize, 1);
    switch (device.type) {
    case DeviceType::Discrete:
        // Two subgroups of 32 (one wave64 on AMD GCN/RDNA in wave64 mode): enough lanes to stream a 4096-wide row
        // in a few iterations, small enough that M/2 workgroups fill every compute unit.
        t.gemvBlock = std::max<uint32_t>(64, sg);
        t.gemvRowsQuant = 2;
        t.gemvRowsFloat = 2;
        t.attnTargetWorkgroups = 512;
        t.submit = SubmitLimits {128, 2e11};
        break;
    case DeviceType::Integrated:
    case DeviceType::Virtual:
        t.gemvBlock = std::max<uint32_t>(32, sg);
        t.attnTargetWorkgroups = 64;
        t.submit = SubmitLimits {64, 2e10};
        break;
    case DeviceType::Cpu:
    case DeviceType::Other:
        // lavapipe & co.: correctness, not speed; splitting keys only adds work on one CPU thread.
        t.gemvBlock = std::max<uint32_t>(32, sg);
        t.gemvRowsQuant = 1;
        t.gemvRowsFloat = 1;
        t.gemvUnroll = 1; // llvmpipe compile time grows with the unrolled body
        t.attnTargetWorkgroups = 1;
        t.submit = SubmitLimits {256, 1e12};
        break;
    }
    // Power-of-two workgroups for the shared-memory reductions.
    uint32_t p = 1;
    while (p < t.gemvBlock)
        p <<= 1;
    t.gemvBlock = std::min<uint32_t>(p, 256);
    return t;
}

} // namespace atrium::vkrt
