// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>

#include "atrium/model.h"
#include "backend/backend.h"

namespace atrium
{

/// Creates an empty backend of a concrete kind (Cpu, Vulkan or Reference; Auto is resolved by Model::load).
Expected<std::unique_ptr<Backend>> createBackend(BackendKind kind, const LoadOptions &options);

} // namespace atrium
