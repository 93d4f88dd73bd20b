// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Elementwise math of the portable kernels (exp, tanh, SiLU, GELU, GLU, softcap): branch-free f32 approximations
// written so loops over them vectorize. Part of cpu_kernels_impl.h (same rules: include only from the
// cpu_kernels_*.cpp files; everything has internal linkage).

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "backend/backend.h"

#if defined(__GNUC__) || defined(__clang__)
#define ATRIUM_INLINE __attribute__((always_inline)) inline // the kernels' building blocks: always inlined
#else
#define ATRIUM_INLINE inline
#endif

namespace atrium::cpu::impl
{
namespace
{

// --- Elementwise math ---------------------------------------------------------------------------------------------

/// e^x for x in about [-87, 88] (clamped outside), relative error ~1e-7: Cody-Waite reduction and Cephes' expf
/// polynomial, branch-free so loops over it vectorize.
ATRIUM_INLINE float expApprox(float x)
{
    x = std::min(std::max(x, -87.0f), 88.3f);
    const float n = (x * 1.44269504088896341f + 12582912.f) - 12582912.f; // round to nearest
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const float y = p * r * r + r + 1.f;
    const auto bits = static_cast<uint32_t>(static_cast<int32_t>(n) + 127) << 23;
    return y * std::bit_cast<float>(bits);
}

ATRIUM_INLINE float tanhApprox(float x)
{
    const float e = expApprox(-2.f * std::fabs(x));
    const float t = (1.f - e) / (1.f + e);
    return std::copysign(t, x);
}

ATRIUM_INLINE float siluApprox(float x)
{
    return x / (1.f + expApprox(-x));
}

ATRIUM_INLINE float geluApprox(float x)
{
    constexpr float kC = 0.797884560802865355f; // sqrt(2/pi)
    return 0.5f * x * (1.f + tanhApprox(kC * (x + 0.044715f * x * x * x)));
}

ATRIUM_INLINE void gluT(float *out, const float *gate, const float *up, size_t n, Activation act)
{
    if (act == Activation::Silu) {
        for (size_t i = 0; i < n; ++i)
            out[i] = siluApprox(gate[i]) * up[i];
    } else {
        for (size_t i = 0; i < n; ++i)
            out[i] = geluApprox(gate[i]) * up[i];
    }
}

ATRIUM_INLINE void geluT(float *x, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        x[i] = geluApprox(x[i]);
}

ATRIUM_INLINE void softcapT(float *x, size_t n, float cap)
{
    const float inv = 1.f / cap;
    for (size_t i = 0; i < n; ++i)
        x[i] = cap * tanhApprox(x[i] * inv);
}

} // namespace
} // namespace atrium::cpu::impl
