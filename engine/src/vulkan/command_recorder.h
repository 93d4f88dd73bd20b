// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <span>
#include <vector>

#include "vulkan/vk_common.h"

namespace atrium::vkrt
{

class KernelRegistry;
class VulkanDevice;

/// One storage-buffer binding of a dispatch: a buffer range and whether the kernel writes it.
struct Binding {
    vk::Buffer buffer;
    vk::DeviceSize offset = 0;
    vk::DeviceSize range = 0;
    bool write = false;
};

/// How much work one queue submission may carry: the GPU starts early, and no submission comes near driver
/// watchdogs (~2 s on Windows TDR and recent amdgpu; engine-notes §6.6).
struct SubmitLimits {
    uint32_t maxDispatches = 128;
    double maxFlops = 2e11;
};

/// Records dispatches into command buffers and submits them in batches.
/// - Barriers: the recorder remembers the buffer ranges written and read since the last barrier and inserts one
///   global compute/transfer memory barrier only when a new command touches a range written since (RAW, WAW) or
///   writes a range read since (WAR) (engine-notes §6.6 barrier tracker). The state carries across submissions,
///   and a pipeline barrier also orders earlier submissions on the queue.
/// - Descriptors: pushed with VK_KHR_push_descriptor, or allocated from per-command-buffer pools otherwise.
/// - Submission: a command buffer is submitted (without waiting) when it reaches the dispatch or FLOP limit;
///   finish() submits the rest and waits.
class CommandRecorder
{
public:
    CommandRecorder(const VulkanDevice &device, const KernelRegistry &kernels, SubmitLimits limits);
    ~CommandRecorder();
    CommandRecorder(const CommandRecorder &) = delete;
    CommandRecorder &operator=(const CommandRecorder &) = delete;

    /// Records one compute dispatch. `flops` is the estimated work, used for batching.
    void dispatch(vk::Pipeline pipeline,
        std::span<const Binding> bindings,
        const void *push,
        uint32_t pushBytes,
        uint32_t groupsX,
        uint32_t groupsY,
        uint32_t groupsZ,
        double flops);
    /// Records a small inline buffer update (<= 65536 bytes, multiple of 4) before later dispatches read it.
    void updateBuffer(vk::Buffer buffer, vk::DeviceSize offset, const void *data, vk::DeviceSize bytes);
    /// Records a buffer-to-buffer copy.
    void copyBuffer(
        vk::Buffer src, vk::DeviceSize srcOffset, vk::Buffer dst, vk::DeviceSize dstOffset, vk::DeviceSize bytes);
    /// Submits what is recorded (if anything) without waiting.
    void submit();
    /// Makes all writes visible to the host, submits, and waits until the GPU has finished everything.
    void finish();
    /// Dispatches recorded since construction (statistics for benchmarks and tests).
    uint64_t dispatchCount() const
    {
        return m_totalDispatches;
    }
    uint64_t submitCount() const
    {
        return m_totalSubmits;
    }

private:
    struct Range {
        VkBuffer buffer;
        vk::DeviceSize begin;
        vk::DeviceSize end;
    };
    struct Submission {
        vk::raii::CommandBuffer cmd = nullptr;
        vk::raii::Fence fence = nullptr;
        std::vector<vk::raii::DescriptorPool> pools;
        bool inFlight = false;
    };

    vk::CommandBuffer current();
    /// Inserts a barrier if any of `ranges` conflicts with the accesses since the last barrier, then records them.
    void trackAccess(std::span<const Range> ranges, std::span<const bool> writes);
    vk::DescriptorSet allocateSet(Submission &sub);
    void waitAll();

    const VulkanDevice *m_device;
    const KernelRegistry *m_kernels;
    SubmitLimits m_limits;
    vk::raii::CommandPool m_pool = nullptr;
    std::vector<Submission> m_subs;
    int m_current = -1;
    uint32_t m_dispatchesInBatch = 0;
    double m_flopsInBatch = 0.0;
    std::vector<Range> m_written;
    std::vector<Range> m_read;
    uint64_t m_totalDispatches = 0;
    uint64_t m_totalSubmits = 0;
};

} // namespace atrium::vkrt
