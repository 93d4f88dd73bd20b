// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "vulkan/kernel_registry.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "shaders/embedded_shaders.h"
#include "vulkan/vulkan_device.h"

namespace atrium::vkrt
{

namespace
{

const shaders::EmbeddedShader *findShader(std::string_view name)
{
    for (const shaders::EmbeddedShader &s : shaders::embeddedShaders()) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

} // namespace

KernelRegistry::KernelRegistry(const VulkanDevice &device, std::string cacheDir)
    : m_device(&device)
    , m_cacheDir(std::move(cacheDir))
{
    std::array<vk::DescriptorSetLayoutBinding, kMaxBindings> bindings;
    for (uint32_t i = 0; i < kMaxBindings; ++i)
        bindings[i] =
            vk::DescriptorSetLayoutBinding(i, vk::DescriptorType::eStorageBuffer, 1, vk::ShaderStageFlagBits::eCompute);
    vk::DescriptorSetLayoutCreateFlags flags;
    if (device.pushDescriptors())
        flags |= vk::DescriptorSetLayoutCreateFlagBits::ePushDescriptorKHR;
    m_setLayout = vk::raii::DescriptorSetLayout(device.device(), vk::DescriptorSetLayoutCreateInfo(flags, bindings));
    const vk::PushConstantRange range(vk::ShaderStageFlagBits::eCompute, 0, kPushConstantBytes);
    const vk::DescriptorSetLayout setLayout = *m_setLayout;
    m_layout = vk::raii::PipelineLayout(device.device(), vk::PipelineLayoutCreateInfo({}, setLayout, range));
    loadCache();
}

KernelRegistry::~KernelRegistry()
{
    saveCache();
}

bool KernelRegistry::hasShader(std::string_view name)
{
    return findShader(name) != nullptr;
}

std::string KernelRegistry::cacheFilePath() const
{
    const vk::PhysicalDeviceProperties props = m_device->physicalDevice().getProperties();
    std::string uuid;
    for (uint8_t b : props.pipelineCacheUUID) {
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02x", b);
        uuid += hex;
    }
    char name[160];
    std::snprintf(name,
        sizeof name,
        "atrium-pipelines-%04x-%04x-%08x-%s-%.12s.bin",
        props.vendorID,
        props.deviceID,
        props.driverVersion,
        uuid.c_str(),
        shaders::embeddedShadersSourceHash());
    return (std::filesystem::path(m_cacheDir) / name).string();
}

void KernelRegistry::loadCache()
{
    std::vector<char> data;
    if (!m_cacheDir.empty()) {
        std::ifstream in(cacheFilePath(), std::ios::binary);
        if (in)
            data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    // Validate VkPipelineCacheHeaderVersionOne before handing bytes to the driver (some drivers crash on garbage).
    const vk::PhysicalDeviceProperties props = m_device->physicalDevice().getProperties();
    bool valid = data.size() >= 32;
    if (valid) {
        uint32_t header[4];
        std::memcpy(header, data.data(), sizeof header);
        valid = header[0] >= 32 && header[1] == VK_PIPELINE_CACHE_HEADER_VERSION_ONE && header[2] == props.vendorID
            && header[3] == props.deviceID
            && std::memcmp(data.data() + 16, props.pipelineCacheUUID.data(), VK_UUID_SIZE) == 0;
    }
    if (!valid)
        data.clear();
    vk::PipelineCacheCreateInfo info({}, data.size(), data.empty() ? nullptr : data.data());
    m_cache = vk::raii::PipelineCache(m_device->device(), info);
}

void KernelRegistry::saveCache()
{
    if (m_cacheDir.empty() || !m_dirty || !*m_cache)
        return;
    try {
        const std::vector<uint8_t> data = m_cache.getData();
        std::error_code ec;
        std::filesystem::create_directories(m_cacheDir, ec);
        const std::string path = cacheFilePath();
        const std::string tmp = path + ".tmp";
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out.write(reinterpret_cast<const char *>(data.data()), static_cast<std::streamsize>(data.size()));
            if (!out)
                return;
        }
        std::filesystem::rename(tmp, path, ec);
        m_dirty = false;
    } catch (const std::exception &) {
        // NOTE: a cache that cannot be written only costs start-up time next run.
    }
}

Expected<vk::Pipeline> KernelRegistry::pipeline(std::string_view name, std::initializer_list<uint32_t> spec)
{
    std::string key(name);
    for (uint32_t v : spec)
        key += "|" + std::to_string(v);
    if (auto it = m_pipelines.find(key); it != m_pipelines.end())
        return *it->second;

    auto moduleIt = m_modules.find(name);
    if (moduleIt == m_modules.end()) {
        const shaders::EmbeddedShader *shader = findShader(name);
        if (!shader)
            return fail(ErrorCode::Internal, "no embedded shader named " + std::string(name));
        vk::ShaderModuleCreateInfo info({}, shader->wordCount * sizeof(uint32_t), shader->words);
        moduleIt = m_modules.emplace(std::string(name), vk::raii::ShaderModule(m_device->device(), info)).first;
    }
    std::vector<vk::SpecializationMapEntry> entries;
    std::vector<uint32_t> values(spec);
    for (uint32_t i = 0; i < values.size(); ++i)
        entries.emplace_back(i, i * 4, sizeof(uint32_t));
    vk::SpecializationInfo specInfo(
        static_cast<uint32_t>(entries.size()), entries.data(), values.size() * sizeof(uint32_t), values.data());
    vk::PipelineShaderStageCreateInfo stage(
        {}, vk::ShaderStageFlagBits::eCompute, *moduleIt->second, "main", entries.empty() ? nullptr : &specInfo);
    vk::ComputePipelineCreateInfo info({}, stage, *m_layout);
    auto it = m_pipelines.emplace(key, vk::raii::Pipeline(m_device->device(), m_cache, info)).first;
    m_dirty = true;
    return *it->second;
}

} // namespace atrium::vkrt
