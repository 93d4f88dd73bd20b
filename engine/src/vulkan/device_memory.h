// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <string>
#include <vector>

#include "vulkan/vk_common.h"

namespace atrium::vkrt
{

class VulkanDevice;

/// A range of a VkBuffer handed out by an arena. `mapped` points at the range when its memory is host-visible.
struct Slice {
    vk::Buffer buffer;
    vk::DeviceSize offset = 0;
    vk::DeviceSize size = 0;
    uint8_t *mapped = nullptr;
    bool valid() const
    {
        return static_cast<bool>(buffer);
    }
};

enum class MemoryUse {
    Device, ///< weights, KV cache, activations: device-local (host-visible too where that costs nothing: UMA, ReBAR)
    Upload, ///< staging for uploads: host-visible, coherent
    Readback, ///< results read by the host: host-visible, cached when possible
};

/// Device-memory bookkeeping shared by the arenas of one backend: what they hold against what may be used.
struct MemoryLedger {
    uint64_t limitBytes = 0; ///< usable device-local bytes (VulkanDevice::usableDeviceMemory at start)
    uint64_t usedBytes = 0; ///< device-local bytes allocated by all arenas
};

/// A few large VkDeviceMemory blocks, each bound to one VkBuffer, sub-allocated by bumping an offset (engine-notes
/// §6.3; ncnn's blob allocator idea). reset() rewinds every block for reuse; blocks are freed with the arena.
class DeviceArena
{
public:
    DeviceArena(
        const VulkanDevice &device, MemoryUse use, vk::DeviceSize blockBytes, std::string name, MemoryLedger *ledger);
    ~DeviceArena();
    DeviceArena(const DeviceArena &) = delete;
    DeviceArena &operator=(const DeviceArena &) = delete;

    /// A slice of `bytes` bytes aligned for storage-buffer binding. Fails with OutOfDeviceMemory (needed vs
    /// available) when the device has no room left.
    Expected<Slice> allocate(vk::DeviceSize bytes);
    /// Makes every block reusable from its start (slices handed out before become invalid).
    void reset();
    /// Whether this arena's memory is host-visible (slices carry `mapped`).
    bool hostVisible() const
    {
        return m_hostVisible;
    }
    /// Whether the host reads this memory through its caches (UMA, lavapipe). Reading uncached device memory over
    /// PCIe (ReBAR) is slow: results are copied to a Readback arena instead.
    bool hostCached() const
    {
        return m_hostCached;
    }
    uint64_t reservedBytes() const;

private:
    struct Block {
        // NOTE: declaration order = reverse destruction order: the buffer goes before its memory.
        vk::raii::DeviceMemory memory = nullptr;
        vk::raii::Buffer buffer = nullptr;
        vk::DeviceSize size = 0;
        vk::DeviceSize used = 0;
        uint8_t *mapped = nullptr;
    };
    Expected<void> addBlock(vk::DeviceSize bytes);

    const VulkanDevice *m_device;
    MemoryUse m_use;
    vk::DeviceSize m_blockBytes;
    std::string m_name;
    MemoryLedger *m_ledger;
    vk::DeviceSize m_alignment;
    bool m_hostVisible = false;
    bool m_hostCached = false;
    std::vector<Block> m_blocks;
    size_t m_current = 0;
};

} // namespace atrium::vkrt
