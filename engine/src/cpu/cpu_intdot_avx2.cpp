// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Integer-dot kernels for the AVX2 level (x86-64 only): 32 bytes per __m256i.
#include "cpu/cpu_kernels.h"

// Standard headers before the target switch, so only our own code is compiled for the ISA.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "cpu/cpu_act_quant.h"
#include "cpu/cpu_interleave.h"

#define ATRIUM_INTDOT_INLINE __attribute__((always_inline)) inline
// Prompt micro-tile shapes (rows × tokens) for 16 ymm registers.
// The nibble legacy types take the four-block tile (LegacyQuadTile); Q8_0 the per-block one.
#define ATRIUM_INTDOT_TILE_QUADS
#define ATRIUM_INTDOT_TILE_LEGACY_ROWS 2
#define ATRIUM_INTDOT_TILE_LEGACY_TOKENS 4
#define ATRIUM_INTDOT_TILE_Q8_ROWS 3
#define ATRIUM_INTDOT_TILE_Q8_TOKENS 4
#define ATRIUM_INTDOT_TILE_K_ROWS 2
#define ATRIUM_INTDOT_TILE_K_TOKENS 4

#if defined(__x86_64__)
#include <immintrin.h>

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#endif

namespace atrium::cpu
{

namespace
{

#include "cpu/cpu_intdot_i256.h"
#include "cpu/cpu_intdot_simd.h"

} // namespace

void fillIntDotAvx2(Kernels &k)
{
    fillIntDotSimd(k);
}

} // namespace atrium::cpu

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#endif
