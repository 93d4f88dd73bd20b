// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace atrium
{

/// What went wrong, for callers that react differently (fall back to the CPU, ask for another file, …).
enum class ErrorCode {
    Ok = 0,
    InvalidArgument,
    FileNotFound,
    IoError,
    InvalidGguf,
    UnsupportedArchitecture,
    UnsupportedQuantization,
    UnsupportedTokenizer,
    TemplateSyntax,
    TemplateRuntime,
    ContextFull,
    NoVulkanDevice,
    OutOfDeviceMemory,
    OutOfMemory,
    DeviceLost,
    VulkanError,
    Cancelled,
    Internal,
};

/// A failure as a value: a code plus a message that names the problem for a person.
struct Error {
    ErrorCode code = ErrorCode::Ok;
    std::string message;
};

/// A short stable name for an error code ("invalid_gguf"), for logs and JSON.
std::string_view errorCodeName(ErrorCode code);

} // namespace atrium

/// Contract violations (bugs, not conditions): log and abort.
#define ATRIUM_ASSERT(cond, msg)                                                                                       \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            std::fprintf(stderr, "atrium: assertion failed at %s:%d: %s (%s)\n", __FILE__, __LINE__, #cond, msg);      \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (0)
