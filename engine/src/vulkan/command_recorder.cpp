// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "vulkan/command_recorder.h"

#include <array>

#include "vulkan/kernel_registry.h"
#include "vulkan/vulkan_device.h"

namespace atrium::vkrt
{

namespace
{

constexpr vk::PipelineStageFlags kStages =
    vk::PipelineStageFlagBits::eComputeShader | vk::PipelineStageFlagBits::eTransfer;

} // namespace

CommandRecorder::CommandRecorder(const VulkanDevice &device, const KernelRegistry &kernels, SubmitLimits limits)
    : m_device(&device)
    , m_kernels(&kernels)
    , m_limits(limits)
{
    m_pool = vk::raii::CommandPool(device.device(),
        vk::CommandPoolCreateInfo(vk::CommandPoolCreateFlagBits::eResetCommandBuffer, device.queueFamily()));
}

CommandRecorder::~CommandRecorder()
{
    try {
        waitAll();
    } catch (const std::exception &) {
        // NOTE: a lost device cannot be waited for; the RAII members still release everything.
    }
}

vk::CommandBuffer CommandRecorder::current()
{
    if (m_current >= 0)
        return *m_subs[m_current].cmd;
    // Reuse a finished submission, or make a new one.
    int idx = -1;
    for (size_t i = 0; i < m_subs.size(); ++i) {
        if (!m_subs[i].inFlight) {
            idx = static_cast<int>(i);
            break;
        }
        if (m_subs[i].fence.getStatus() == vk::Result::eSuccess) {
            m_subs[i].inFlight = false;
            idx = static_cast<int>(i);
            break;
        }
    }
    if (idx < 0) {
        Submission sub;
        vk::raii::CommandBuffers cbs(
            m_device->device(), vk::CommandBufferAllocateInfo(*m_pool, vk::CommandBufferLevel::ePrimary, 1));
        sub.cmd = std::move(cbs[0]);
        sub.fence = vk::raii::Fence(m_device->device(), vk::FenceCreateInfo());
        m_subs.push_back(std::move(sub));
        idx = static_cast<int>(m_subs.size() - 1);
    }
    Submission &sub = m_subs[idx];
    m_device->device().resetFences(*sub.fence);
    for (vk::raii::DescriptorPool &pool : sub.pools)
        pool.reset();
    sub.cmd.reset();
    sub.cmd.begin(vk::CommandBufferBeginInfo(vk::CommandBufferUsageFlagBits::eOneTimeSubmit));
    m_current = idx;
    m_dispatchesInBatch = 0;
    m_flopsInBatch = 0.0;
    return *sub.cmd;
}

void CommandRecorder::trackAccess(std::span<const Range> ranges, std::span<const bool> writes)
{
    const auto hit = [](const std::vector<Range> &set, const Range &range) {
        for (const Range &r : set) {
            if (r.buffer == range.buffer && r.begin < range.end && range.begin < r.end)
                return true;
        }
        return false;
    };
    bool conflict = false;
    for (size_t i = 0; i < ranges.size() && !conflict; ++i)
        conflict = hit(m_written, ranges[i]) || (writes[i] && hit(m_read, ranges[i]));
    if (conflict) {
        const vk::MemoryBarrier barrier(vk::AccessFlagBits::eShaderWrite | vk::AccessFlagBits::eTransferWrite,
            vk::AccessFlagBits::eShaderRead | vk::AccessFlagBits::eShaderWrite | vk::AccessFlagBits::eTransferRead
                | vk::AccessFlagBits::eTransferWrite);
        current().pipelineBarrier(kStages, kStages, {}, barrier, {}, {});
        m_written.clear();
        m_read.clear();
    }
    for (size_t i = 0; i < ranges.size(); ++i)
        (writes[i] ? m_written : m_read).push_back(ranges[i]);
}

vk::DescriptorSet CommandRecorder::allocateSet(Submission &sub)
{
    const vk::DescriptorSetLayout layout = *m_kernels->setLayout();
    if (!sub.pools.empty()) {
        try {
            vk::DescriptorSetAllocateInfo info(*sub.pools.back(), layout);
            return m_device->device().allocateDescriptorSets(info).front().release();
        } catch (const vk::OutOfPoolMemoryError &) {
        } catch (const vk::FragmentedPoolError &) {
        }
    }
    const vk::DescriptorPoolSize size(vk::DescriptorType::eStorageBuffer, 512 * KernelRegistry::kMaxBindings);
    sub.pools.emplace_back(m_device->device(), vk::DescriptorPoolCreateInfo({}, 512, size));
    vk::DescriptorSetAllocateInfo info(*sub.pools.back(), layout);
    return m_device->device().allocateDescriptorSets(info).front().release();
}

void CommandRecorder::dispatch(vk::Pipeline pipeline,
    std::span<const Binding> bindings,
    const void *push,
    uint32_t pushBytes,
    uint32_t groupsX,
    uint32_t groupsY,
    uint32_t groupsZ,
    double flops)
{
    vk::CommandBuffer cmd = current();
    std::array<Range, KernelRegistry::kMaxBindings> ranges;
    std::array<bool, KernelRegistry::kMaxBindings> isWrite;
    for (size_t i = 0; i < bindings.size(); ++i) {
        ranges[i] = Range {bindings[i].buffer, bindings[i].offset, bindings[i].offset + bindings[i].range};
        isWrite[i] = bindings[i].write;
    }
    trackAccess(std::span(ranges.data(), bindings.size()), std::span(isWrite.data(), bindings.size()));
    std::array<vk::DescriptorBufferInfo, KernelRegistry::kMaxBindings> infos;
    std::array<vk::WriteDescriptorSet, KernelRegistry::kMaxBindings> writes;
    const uint32_t n = static_cast<uint32_t>(bindings.size());
    for (uint32_t i = 0; i < n; ++i) {
        infos[i] = vk::DescriptorBufferInfo(bindings[i].buffer, bindings[i].offset, bindings[i].range);
        writes[i] = vk::WriteDescriptorSet({}, i, 0, 1, vk::DescriptorType::eStorageBuffer, nullptr, &infos[i]);
    }
    cmd.bindPipeline(vk::PipelineBindPoint::eCompute, pipeline);
    const vk::PipelineLayout layout = *m_kernels->layout();
    if (m_device->pushDescriptors()) {
        m_subs[m_current].cmd.pushDescriptorSetKHR(
            vk::PipelineBindPoint::eCompute, layout, 0, vk::ArrayProxy<const vk::WriteDescriptorSet>(n, writes.data()));
    } else {
        const vk::DescriptorSet set = allocateSet(m_subs[m_current]);
        for (uint32_t i = 0; i < n; ++i)
            writes[i].dstSet = set;
        m_device->device().updateDescriptorSets(vk::ArrayProxy<const vk::WriteDescriptorSet>(n, writes.data()), {});
        cmd.bindDescriptorSets(vk::PipelineBindPoint::eCompute, layout, 0, set, {});
    }
    if (pushBytes > 0)
        cmd.pushConstants(layout, vk::ShaderStageFlagBits::eCompute, 0, pushBytes, push);
    cmd.dispatch(groupsX, groupsY, groupsZ);
    ++m_totalDispatches;
    ++m_dispatchesInBatch;
    m_flopsInBatch += flops;
    if (m_dispatchesInBatch >= m_limits.maxDispatches || m_flopsInBatch >= m_limits.maxFlops)
        submit();
}

void CommandRecorder::updateBuffer(vk::Buffer buffer, vk::DeviceSize offset, const void *data, vk::DeviceSize bytes)
{
    vk::CommandBuffer cmd = current();
    const Range range {buffer, offset, offset + bytes};
    const bool write = true;
    trackAccess(std::span(&range, 1), std::span(&write, 1));
    cmd.updateBuffer(buffer, offset, bytes, data);
}

void CommandRecorder::copyBuffer(
    vk::Buffer src, vk::DeviceSize srcOffset, vk::Buffer dst, vk::DeviceSize dstOffset, vk::DeviceSize bytes)
{
    vk::CommandBuffer cmd = current();
    const std::array<Range, 2> ranges {
        Range {src, srcOffset, srcOffset + bytes}, Range {dst, dstOffset, dstOffset + bytes}};
    const std::array<bool, 2> writes {false, true};
    trackAccess(ranges, writes);
    cmd.copyBuffer(src, dst, vk::BufferCopy(srcOffset, dstOffset, bytes));
}

void CommandRecorder::submit()
{
    if (m_current < 0)
        return;
    Submission &sub = m_subs[m_current];
    sub.cmd.end();
    const vk::CommandBuffer cmd = *sub.cmd;
    m_device->queue().submit(vk::SubmitInfo({}, {}, cmd), *sub.fence);
    sub.inFlight = true;
    m_current = -1;
    ++m_totalSubmits;
}

void CommandRecorder::finish()
{
    if (m_current >= 0) {
        const vk::MemoryBarrier barrier(
            vk::AccessFlagBits::eShaderWrite | vk::AccessFlagBits::eTransferWrite, vk::AccessFlagBits::eHostRead);
        current().pipelineBarrier(kStages, vk::PipelineStageFlagBits::eHost, {}, barrier, {}, {});
        submit();
    }
    waitAll();
    // Everything has completed: no hazard is outstanding.
    m_written.clear();
    m_read.clear();
}

void CommandRecorder::waitAll()
{
    for (Submission &sub : m_subs) {
        if (!sub.inFlight)
            continue;
        const vk::Result r = m_device->device().waitForFences(*sub.fence, VK_TRUE, UINT64_MAX);
        if (r != vk::Result::eSuccess)
            throw vk::SystemError(vk::make_error_code(r), "waiting for the GPU");
        sub.inFlight = false;
    }
}

} // namespace atrium::vkrt
