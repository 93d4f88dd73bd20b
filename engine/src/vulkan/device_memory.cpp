// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "vulkan/device_memory.h"

#include <algorithm>

#include "vulkan/vulkan_device.h"

namespace atrium::vkrt
{

namespace
{

using MF = vk::MemoryPropertyFlagBits;

/// Memory type for a use: the first type allowed by `typeBits` with all `required` flags, preferring `preferred`.
int findMemoryType(const VulkanDevice &dev, uint32_t typeBits, MemoryUse use)
{
    const vk::PhysicalDeviceMemoryProperties &mem = dev.memoryProperties();
    const auto pick = [&](vk::MemoryPropertyFlags required, bool mainHeapOnly) -> int {
        for (uint32_t i = 0; i < mem.memoryTypeCount; ++i) {
            if (!(typeBits & (1u << i)))
                continue;
            if ((mem.memoryTypes[i].propertyFlags & required) != required)
                continue;
            if (mainHeapOnly && mem.memoryTypes[i].heapIndex != dev.mainHeap())
                continue;
            return static_cast<int>(i);
        }
        return -1;
    };
    int t = -1;
    switch (use) {
    case MemoryUse::Device:
        // Host-visible device memory on the main heap (UMA, full ReBAR) lets uploads be a memcpy; a small BAR
        // window lives on another heap and is not used for bulk data.
        t = pick(MF::eDeviceLocal | MF::eHostVisible | MF::eHostCoherent, true);
        if (t < 0)
            t = pick(MF::eDeviceLocal, true);
        if (t < 0)
            t = pick(MF::eDeviceLocal, false);
        break;
    case MemoryUse::Upload:
        t = pick(MF::eHostVisible | MF::eHostCoherent, false);
        break;
    case MemoryUse::Readback:
        t = pick(MF::eHostVisible | MF::eHostCoherent | MF::eHostCached, false);
        if (t < 0)
            t = pick(MF::eHostVisible | MF::eHostCoherent, false);
        break;
    }
    return t;
}

} // namespace

DeviceArena::DeviceArena(
    const VulkanDevice &device, MemoryUse use, vk::DeviceSize blockBytes, std::string name, MemoryLedger *ledger)
    : m_device(&device)
    , m_use(use)
    , m_blockBytes(blockBytes)
    , m_name(std::move(name))
    , m_ledger(ledger)
    , m_alignment(std::max<vk::DeviceSize>(256, device.info().minStorageBufferOffsetAlignment))
{
}

DeviceArena::~DeviceArena()
{
    if (m_use == MemoryUse::Device && m_ledger)
        m_ledger->usedBytes -= std::min<uint64_t>(m_ledger->usedBytes, reservedBytes());
}

uint64_t DeviceArena::reservedBytes() const
{
    uint64_t total = 0;
    for (const Block &b : m_blocks)
        total += b.size;
    return total;
}

void DeviceArena::reset()
{
    for (Block &b : m_blocks)
        b.used = 0;
    m_current = 0;
}

Expected<void> DeviceArena::addBlock(vk::DeviceSize bytes)
{
    const DeviceInfo &info = m_device->info();
    uint64_t maxAlloc = info.maxMemoryAllocationSize ? info.maxMemoryAllocationSize : (1ull << 30);
    if (bytes > maxAlloc)
        return fail(ErrorCode::OutOfDeviceMemory,
            m_name + ": one allocation of " + formatBytes(bytes) + " exceeds the device limit of "
                + formatBytes(maxAlloc));
    const vk::DeviceSize size = std::min<vk::DeviceSize>(std::max(bytes, m_blockBytes), maxAlloc);
    const bool deviceLocal = m_use == MemoryUse::Device;
    if (deviceLocal && m_ledger && m_ledger->usedBytes + size > m_ledger->limitBytes) {
        return fail(ErrorCode::OutOfDeviceMemory,
            m_name + ": needs " + formatBytes(m_ledger->usedBytes + size) + " of GPU memory but only "
                + formatBytes(m_ledger->limitBytes) + " is available on " + info.name);
    }
    Block block;
    using BU = vk::BufferUsageFlagBits;
    vk::BufferCreateInfo bufferInfo({}, size, BU::eStorageBuffer | BU::eTransferSrc | BU::eTransferDst);
    block.buffer = vk::raii::Buffer(m_device->device(), bufferInfo);
    const vk::MemoryRequirements req = block.buffer.getMemoryRequirements();
    const int type = findMemoryType(*m_device, req.memoryTypeBits, m_use);
    if (type < 0)
        return fail(ErrorCode::VulkanError, m_name + ": no suitable memory type on " + info.name);
    try {
        block.memory = vk::raii::DeviceMemory(m_device->device(), vk::MemoryAllocateInfo(req.size, type));
    } catch (const vk::OutOfDeviceMemoryError &) {
        const uint64_t used = m_ledger ? m_ledger->usedBytes : 0;
        return fail(ErrorCode::OutOfDeviceMemory,
            m_name + ": the driver refused " + formatBytes(req.size) + " more GPU memory (" + formatBytes(used)
                + " already in use, " + formatBytes(m_device->usableDeviceMemory()) + " reported free)");
    }
    block.buffer.bindMemory(*block.memory, 0);
    const vk::MemoryPropertyFlags flags = m_device->memoryProperties().memoryTypes[type].propertyFlags;
    m_hostVisible = static_cast<bool>(flags & vk::MemoryPropertyFlagBits::eHostVisible);
    m_hostCached = m_hostVisible && static_cast<bool>(flags & vk::MemoryPropertyFlagBits::eHostCached);
    if (m_hostVisible)
        block.mapped = static_cast<uint8_t *>(block.memory.mapMemory(0, VK_WHOLE_SIZE));
    block.size = size;
    if (deviceLocal && m_ledger)
        m_ledger->usedBytes += size;
    m_blocks.push_back(std::move(block));
    return {};
}

Expected<Slice> DeviceArena::allocate(vk::DeviceSize bytes)
{
    bytes = std::max<vk::DeviceSize>(alignUp(bytes, 16), 16);
    for (; m_current < m_blocks.size(); ++m_current) {
        Block &b = m_blocks[m_current];
        const vk::DeviceSize offset = alignUp(b.used, m_alignment);
        if (offset + bytes <= b.size) {
            b.used = offset + bytes;
            return Slice {*b.buffer, offset, bytes, b.mapped ? b.mapped + offset : nullptr};
        }
    }
    ATRIUM_TRY_VOID(addBlock(bytes));
    m_current = m_blocks.size() - 1;
    Block &b = m_blocks.back();
    b.used = bytes;
    return Slice {*b.buffer, 0, bytes, b.mapped};
}

} // namespace atrium::vkrt
