// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include "vulkan/vk_common.h"

namespace atrium::vkrt
{

class VulkanDevice;

/// Maps a kernel (an embedded SPIR-V module by name, e.g. "mul_mat_vec_q4_k_sg") plus its specialization constants
/// to a compute pipeline, created lazily on first use. Every pipeline shares one layout: kMaxBindings storage
/// buffers (a push-descriptor set where VK_KHR_push_descriptor exists) and 128 bytes of push constants.
/// A VkPipelineCache is loaded from and saved to `cacheDir` (empty = no disk cache), in a file keyed by vendor,
/// device, driver version, pipelineCacheUUID and the shader-source hash; its header is validated before use.
class KernelRegistry
{
public:
    static constexpr uint32_t kMaxBindings = 8;
    static constexpr uint32_t kPushConstantBytes = 128;

    KernelRegistry(const VulkanDevice &device, std::string cacheDir);
    ~KernelRegistry();
    KernelRegistry(const KernelRegistry &) = delete;
    KernelRegistry &operator=(const KernelRegistry &) = delete;

    /// Whether an embedded module of that name exists.
    static bool hasShader(std::string_view name);

    /// The pipeline for `name` with specialization constants 0..n-1 = `spec` (all uint32).
    Expected<vk::Pipeline> pipeline(std::string_view name, std::initializer_list<uint32_t> spec);

    const vk::raii::PipelineLayout &layout() const
    {
        return m_layout;
    }
    const vk::raii::DescriptorSetLayout &setLayout() const
    {
        return m_setLayout;
    }
    /// Writes the pipeline cache to disk (also done by the destructor); errors are not fatal.
    void saveCache();
    size_t pipelineCount() const
    {
        return m_pipelines.size();
    }

private:
    std::string cacheFilePath() const;
    void loadCache();

    const VulkanDevice *m_device;
    std::string m_cacheDir;
    vk::raii::DescriptorSetLayout m_setLayout = nullptr;
    vk::raii::PipelineLayout m_layout = nullptr;
    vk::raii::PipelineCache m_cache = nullptr;
    std::map<std::string, vk::raii::ShaderModule, std::less<>> m_modules;
    std::map<std::string, vk::raii::Pipeline, std::less<>> m_pipelines;
    bool m_dirty = false;
};

} // namespace atrium::vkrt
