// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// The one place vulkan_raii.hpp is included from (and precompiled, see CMakeLists.txt), plus the translation of
// Vulkan exceptions into engine errors: vk::raii throws inside engine/src/vulkan/, every public entry point catches
// and returns an Error (house-style §7).

#include <exception>
#include <string>

#include <vulkan/vulkan_raii.hpp>

#include "atrium/expected.h"

namespace atrium::vkrt
{

/// Maps a Vulkan failure to an engine error: device loss and memory exhaustion get their own codes.
Error vulkanError(const vk::SystemError &e, const std::string &what);

/// Runs `f` (returning Expected<T>) and turns any exception into an Error.
template <typename F>
auto guarded(const std::string &what, F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const vk::SystemError &e) {
        return fail(vulkanError(e, what));
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::OutOfMemory, what + ": out of host memory");
    } catch (const std::exception &e) {
        return fail(ErrorCode::VulkanError, what + ": " + e.what());
    }
}

/// Rounds v up to a multiple of a (a power of two).
constexpr uint64_t alignUp(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/// "1.50 GiB"
std::string formatBytes(uint64_t bytes);

} // namespace atrium::vkrt
