// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "atrium/devices.h"

namespace atrium
{

namespace
{

int typeRank(DeviceType type)
{
    switch (type) {
    case DeviceType::Discrete:
        return 0;
    case DeviceType::Integrated:
        return 1;
    case DeviceType::Virtual:
        return 2;
    case DeviceType::Cpu:
        return 3;
    case DeviceType::Other:
        break;
    }
    return 4;
}

} // namespace

Expected<uint32_t> selectVulkanDevice(std::span<const DeviceInfo> devices, int requestedIndex)
{
    if (requestedIndex >= 0) {
        for (const DeviceInfo &d : devices) {
            if (d.index != static_cast<uint32_t>(requestedIndex))
                continue;
            if (!d.usable)
                return fail(ErrorCode::NoVulkanDevice,
                    "Vulkan device " + std::to_string(requestedIndex) + " (" + d.name
                        + ") cannot run Atrium: " + d.unusableReason);
            return d.index;
        }
        return fail(ErrorCode::InvalidArgument,
            "there is no Vulkan device " + std::to_string(requestedIndex) + " (" + std::to_string(devices.size())
                + " found; see `atrium-cli devices`)");
    }
    const DeviceInfo *best = nullptr;
    for (const DeviceInfo &d : devices) {
        if (!d.usable)
            continue;
        if (!best) {
            best = &d;
            continue;
        }
        const int rank = typeRank(d.type);
        const int bestRank = typeRank(best->type);
        if (rank < bestRank || (rank == bestRank && d.deviceLocalBytes() > best->deviceLocalBytes()))
            best = &d;
    }
    if (!best) {
        std::string why = devices.empty() ? "no Vulkan device found" : "no usable Vulkan device:";
        for (const DeviceInfo &d : devices)
            why += " [" + std::to_string(d.index) + "] " + d.name + ": " + d.unusableReason + ";";
        return fail(ErrorCode::NoVulkanDevice, why);
    }
    return best->index;
}

} // namespace atrium
