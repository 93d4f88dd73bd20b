// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "runtime/backend_factory.h"

#include "cpu/cpu_backend.h"
#include "cpu/reference_backend.h"

#ifdef ATRIUM_HAVE_VULKAN
#include "vulkan/vulkan_backend.h"
#endif

namespace atrium
{

Expected<std::unique_ptr<Backend>> createBackend(BackendKind kind, const LoadOptions &options)
{
    switch (kind) {
    case BackendKind::Reference:
        return std::unique_ptr<Backend>(std::make_unique<ReferenceBackend>());
    case BackendKind::Cpu: {
        CpuBackendOptions cpu;
        cpu.threads = options.threads;
        cpu.exactActivations = options.exactActivations;
        cpu.integerPrompts = options.integerPrompts;
        cpu.f32KvCache = options.f32KvCache;
        return createCpuBackend(cpu);
    }
    case BackendKind::Vulkan: {
#ifdef ATRIUM_HAVE_VULKAN
        VulkanBackendOptions vk;
        vk.deviceIndex = options.deviceIndex;
        vk.pipelineCacheDir = options.pipelineCacheDir;
        return createVulkanBackend(vk);
#else
        (void)options;
        return fail(ErrorCode::NoVulkanDevice, "this build has no Vulkan support");
#endif
    }
    case BackendKind::Auto:
        break;
    }
    return fail(ErrorCode::InvalidArgument, "Auto must be resolved before creating a backend");
}

} // namespace atrium
