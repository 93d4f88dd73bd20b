// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// The portable kernel level: plain C++ the compiler vectorizes for the baseline ISA (SSE2 on x86-64, NEON on
// ARM64). Always available; the reference point for the AVX2 / AVX-512 levels.
#include "cpu/cpu_kernels.h"

// Standard headers before the target switch, so only our own code is compiled for the ISA.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "cpu/cpu_kernels_impl.h"

namespace atrium::cpu
{

namespace
{

#define ATRIUM_KERNEL_TARGET
#if defined(__aarch64__)
#define ATRIUM_TILE_ROWS 4 // 32 NEON registers
#define ATRIUM_TILE_TOKENS 4
#else
#define ATRIUM_TILE_ROWS 3 // 16 SSE registers: 9 accumulators + 3 weight vectors + 1 activation
#define ATRIUM_TILE_TOKENS 3
#endif

#if defined(__GNUC__) || defined(__clang__)
/// Four f32 lanes as a GCC/Clang vector: SSE2 on x86-64, NEON on ARM64.
struct S {
    typedef float V __attribute__((vector_size(16)));
    static constexpr size_t kWidth = 4;
    static ATRIUM_INLINE V zero()
    {
        return V {0.f, 0.f, 0.f, 0.f};
    }
    static ATRIUM_INLINE V load(const float *p)
    {
        V v;
        std::memcpy(&v, p, sizeof(V));
        return v;
    }
    static ATRIUM_INLINE void store(float *p, V v)
    {
        std::memcpy(p, &v, sizeof(V));
    }
    static ATRIUM_INLINE V set1(float f)
    {
        return V {f, f, f, f};
    }
    static ATRIUM_INLINE V fma(V a, V b, V c)
    {
        return a * b + c;
    }
    static ATRIUM_INLINE V add(V a, V b)
    {
        return a + b;
    }
    static ATRIUM_INLINE V mul(V a, V b)
    {
        return a * b;
    }
    static ATRIUM_INLINE float hsum(V v)
    {
        return (v[0] + v[2]) + (v[1] + v[3]);
    }
    static ATRIUM_INLINE void hsum4(V a, V b, V c, V d, float *out)
    {
        out[0] = hsum(a);
        out[1] = hsum(b);
        out[2] = hsum(c);
        out[3] = hsum(d);
    }
};
#else
/// Four f32 lanes as a plain array (compilers without vector extensions).
struct S {
    struct V {
        float f[4];
    };
    static constexpr size_t kWidth = 4;
    static V zero()
    {
        return V {};
    }
    static V load(const float *p)
    {
        V v;
        std::memcpy(v.f, p, sizeof(v.f));
        return v;
    }
    static void store(float *p, V v)
    {
        std::memcpy(p, v.f, sizeof(v.f));
    }
    static V set1(float x)
    {
        return V {{x, x, x, x}};
    }
    static V fma(V a, V b, V c)
    {
        for (int i = 0; i < 4; ++i)
            c.f[i] += a.f[i] * b.f[i];
        return c;
    }
    static V add(V a, V b)
    {
        for (int i = 0; i < 4; ++i)
            a.f[i] += b.f[i];
        return a;
    }
    static V mul(V a, V b)
    {
        for (int i = 0; i < 4; ++i)
            a.f[i] *= b.f[i];
        return a;
    }
    static float hsum(V v)
    {
        return (v.f[0] + v.f[2]) + (v.f[1] + v.f[3]);
    }
    static void hsum4(V a, V b, V c, V d, float *out)
    {
        out[0] = hsum(a);
        out[1] = hsum(b);
        out[2] = hsum(c);
        out[3] = hsum(d);
    }
};
#endif

#include "cpu/cpu_kernels_portable.h"

Kernels makeGeneric()
{
    Kernels k;
    fillPortableKernels(k, CpuIsa::Generic);
    fillIntDotGeneric(k);
    return k;
}

} // namespace

const Kernels &genericKernels()
{
    static const Kernels k = makeGeneric();
    return k;
}

const Kernels &kernelsFor(CpuIsa isa)
{
#if defined(__x86_64__)
    switch (resolveCpuIsa(isa)) {
    case CpuIsa::Avx512:
        return avx512Kernels();
    case CpuIsa::Avx2:
        return avx2Kernels();
    case CpuIsa::Avx:
        return avxKernels();
    case CpuIsa::Auto:
    case CpuIsa::Generic:
        break;
    }
#else
    (void)isa;
#endif
    return genericKernels();
}

} // namespace atrium::cpu
