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
    /// Matmuls with quantized weights: false (default) quantizes the activation rows to 8 bits as ggml does and
    /// uses integer dot products (llama.cpp's CPU numerics, and faster); true keeps f32 activations (results within
    /// f32 rounding of ReferenceBackend). F32 / F16 / BF16 weights always use f32 activations.
    bool exactActivations = false;
    /// Without exactActivations: prompts (batches of more than one token) too take the integer path (tiled
    /// kernels); false (default) sends them through the f32 kernels, which are faster there on the CPUs measured.
    bool integerPrompts = false;
    /// Weight matrices are copied at load out of the mapped file into 2 MiB pages (fewer TLB misses while decoding
    /// streams them), and without exactActivations those of the types with an interleaved layout (cpu/cpu_interleave.h:
    /// Q4_0, Q5_0, Q4_K, Q5_K) into groups of eight rows, for decoding kernels that read them at memory speed. The
    /// mapped pages are handed back, so memory use stays the weights' size. false reads every weight in place.
    bool copyWeights = true;
    /// The KV cache in f32 (as llama.cpp with -ctk f32 -ctv f32, which the golden data uses) instead of f16 (its
    /// default): twice the memory, no rounding of keys and values.
    bool f32KvCache = false;
};

/// The multi-threaded CPU backend: weights copied out of the mapped file (CpuBackendOptions::copyWeights), f32
/// activations between ops and an f16 (or f32) KV cache, ops run at once on a persistent thread pool, SIMD chosen at
/// run time (AVX-512, AVX2, AVX or portable). Matmuls either decode weight blocks to f32 (exactActivations, and always
/// for float weights: within f32 rounding of ReferenceBackend) or run integer dot products against 8-bit quantized
/// activations (the default for quantized weights: within activation-quantization error of the reference, matching
/// llama.cpp's CPU backend).
Expected<std::unique_ptr<Backend>> createCpuBackend(const CpuBackendOptions &options);

} // namespace atrium
