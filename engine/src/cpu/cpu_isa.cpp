// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_isa.h"

#include <atomic>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#endif

namespace atrium
{

namespace
{

std::atomic<CpuIsa> s_override {CpuIsa::Auto};

CpuIsa detectOnce()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    // F16C has no __builtin_cpu_supports name in every compiler: CPUID leaf 1, ECX bit 29.
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    const bool f16c = __get_cpuid(1, &eax, &ebx, &ecx, &edx) != 0 && (ecx & (1u << 29)) != 0;
    // "avx" also checks that the OS saves the YMM state (XGETBV).
    const bool avx = __builtin_cpu_supports("avx") && __builtin_cpu_supports("fma") && f16c;
    const bool avx2 = avx && __builtin_cpu_supports("avx2");
    const bool avx512 = avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
    if (avx512)
        return CpuIsa::Avx512;
    if (avx2)
        return CpuIsa::Avx2;
    if (avx)
        return CpuIsa::Avx;
#endif
    return CpuIsa::Generic;
}

int rank(CpuIsa isa)
{
    switch (isa) {
    case CpuIsa::Avx512:
        return 3;
    case CpuIsa::Avx2:
        return 2;
    case CpuIsa::Avx:
        return 1;
    case CpuIsa::Auto:
    case CpuIsa::Generic:
        break;
    }
    return 0;
}

} // namespace

CpuIsa detectCpuIsa()
{
    static const CpuIsa detected = detectOnce();
    return detected;
}

bool cpuSupports(CpuIsa isa)
{
    return rank(isa) <= rank(detectCpuIsa());
}

CpuIsa resolveCpuIsa(CpuIsa requested)
{
    if (requested == CpuIsa::Auto)
        requested = s_override.load(std::memory_order_relaxed);
    if (requested == CpuIsa::Auto || !cpuSupports(requested))
        return detectCpuIsa(); // unsupported levels fall back to the best this CPU has, which is lower
    return requested;
}

void forceCpuIsa(CpuIsa isa)
{
    s_override.store(isa, std::memory_order_relaxed);
}

std::string_view cpuIsaName(CpuIsa isa)
{
    switch (isa) {
    case CpuIsa::Auto:
        return "auto";
    case CpuIsa::Generic:
        return "generic";
    case CpuIsa::Avx:
        return "avx";
    case CpuIsa::Avx2:
        return "avx2";
    case CpuIsa::Avx512:
        return "avx512";
    }
    return "auto";
}

std::optional<CpuIsa> cpuIsaFromName(std::string_view name)
{
    for (const CpuIsa isa : {CpuIsa::Auto, CpuIsa::Generic, CpuIsa::Avx, CpuIsa::Avx2, CpuIsa::Avx512}) {
        if (cpuIsaName(isa) == name)
            return isa;
    }
    return std::nullopt;
}

} // namespace atrium
