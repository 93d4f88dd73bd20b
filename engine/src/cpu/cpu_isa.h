// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <optional>
#include <string_view>

namespace atrium
{

/// The instruction-set level the fast CPU kernels are compiled for. Every level runs on the CPUs that support it;
/// Generic is portable C++ (SSE2 on x86-64, NEON through auto-vectorization on ARM64) and always available.
enum class CpuIsa {
    Auto, ///< the best level this CPU supports (or the process-wide override, see forceCpuIsa)
    Generic, ///< portable kernels only
    Avx, ///< x86-64 AVX + FMA + F16C without AVX2 (256-bit float math, 128-bit integer decode)
    Avx2, ///< x86-64 AVX2 + FMA + F16C
    Avx512, ///< x86-64 AVX-512 F/BW/DQ/VL (+ the AVX2 set)
};

/// The best level this CPU supports (detected once with __builtin_cpu_supports).
CpuIsa detectCpuIsa();

/// Whether this CPU can run kernels of `isa` (Auto and Generic: always).
bool cpuSupports(CpuIsa isa);

/// Resolves Auto to the process-wide override when one is set, else to detectCpuIsa(). Other levels are returned
/// unchanged when the CPU supports them, else lowered to the best supported one.
CpuIsa resolveCpuIsa(CpuIsa requested);

/// Process-wide override for CpuIsa::Auto, for benchmarks that compare kernel levels (atrium-cli bench reads
/// ATRIUM_CPU_KERNELS and calls this). Auto clears the override. Call before loading a model.
void forceCpuIsa(CpuIsa isa);

/// "auto", "generic", "avx", "avx2", "avx512".
std::string_view cpuIsaName(CpuIsa isa);
/// Parses the names above; nullopt when unknown.
std::optional<CpuIsa> cpuIsaFromName(std::string_view name);

} // namespace atrium
