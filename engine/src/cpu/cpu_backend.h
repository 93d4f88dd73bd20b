// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>

#include "atrium/expected.h"
#include "backend/backend.h"
#include "cpu/cpu_isa.h"

namespace atrium
{

/// How to build the fast CPU backend.
struct CpuBackendOptions {
    int threads = 0; ///< total threads (the caller included); 0 = std::thread::hardware_concurrency()
    CpuIsa kernels = CpuIsa::Auto; ///< kernel level; Auto = the best the CPU has (or the forceCpuIsa override)
};

/// The multi-threaded CPU backend: weights read in place from the mapped file and decoded block by block inside the
/// matmul kernels (SIMD chosen at run time: AVX-512, AVX2 or portable), f32 activations and f32 KV cache, ops run at
/// once on a persistent thread pool. Numerically within f32 rounding of ReferenceBackend.
Expected<std::unique_ptr<Backend>> createCpuBackend(const CpuBackendOptions &options);

} // namespace atrium
