// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "atrium/error.h"

namespace atrium
{

std::string_view errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Ok:
        return "ok";
    case ErrorCode::InvalidArgument:
        return "invalid_argument";
    case ErrorCode::FileNotFound:
        return "file_not_found";
    case ErrorCode::IoError:
        return "io_error";
    case ErrorCode::InvalidGguf:
        return "invalid_gguf";
    case ErrorCode::UnsupportedArchitecture:
        return "unsupported_architecture";
    case ErrorCode::UnsupportedQuantization:
        return "unsupported_quantization";
    case ErrorCode::UnsupportedTokenizer:
        return "unsupported_tokenizer";
    case ErrorCode::TemplateSyntax:
        return "template_syntax";
    case ErrorCode::TemplateRuntime:
        return "template_runtime";
    case ErrorCode::ContextFull:
        return "context_full";
    case ErrorCode::NoVulkanDevice:
        return "no_vulkan_device";
    case ErrorCode::OutOfDeviceMemory:
        return "out_of_device_memory";
    case ErrorCode::OutOfMemory:
        return "out_of_memory";
    case ErrorCode::DeviceLost:
        return "device_lost";
    case ErrorCode::VulkanError:
        return "vulkan_error";
    case ErrorCode::Cancelled:
        return "cancelled";
    case ErrorCode::Internal:
        return "internal";
    }
    return "unknown";
}

} // namespace atrium
