// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Integer-dot kernels for the AVX-512 level (x86-64 only): the 256-bit kernels of cpu_intdot_simd.h compiled for
// AVX-512 (F/BW/DQ/VL), and a second copy whose u8 × s8 dot products are AVX-512 VNNI vpdpbusd, picked at run time
// when the CPU has VNNI.
#include "cpu/cpu_kernels.h"

// Standard headers before the target switch, so only our own code is compiled for the ISA.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "cpu/cpu_act_quant.h"
#include "cpu/cpu_interleave.h"

#define ATRIUM_INTDOT_INLINE __attribute__((always_inline)) inline
// Prompt micro-tile shapes (rows × tokens) for 32 ymm registers with AVX-512VL.
#define ATRIUM_INTDOT_TILE_LEGACY_ROWS 4
#define ATRIUM_INTDOT_TILE_LEGACY_TOKENS 4
#define ATRIUM_INTDOT_TILE_Q8_ROWS 4
#define ATRIUM_INTDOT_TILE_Q8_TOKENS 4
#define ATRIUM_INTDOT_TILE_K_ROWS 4
#define ATRIUM_INTDOT_TILE_K_TOKENS 4

#if defined(__x86_64__)
// GCC 12's AVX-512 intrinsics trip a false -Wuninitialized once inlined (GCC PR 105593); see cpu_kernels_avx512.cpp.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#pragma GCC diagnostic pop

#if defined(__clang__)
#pragma clang attribute push(                                                                                          \
    __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,f16c")
#endif

namespace atrium::cpu
{
namespace plain512
{
namespace
{
#include "cpu/cpu_intdot_i256.h"
#include "cpu/cpu_intdot_simd.h"
} // namespace
} // namespace plain512
} // namespace atrium::cpu

#if defined(__clang__)
#pragma clang attribute pop
#pragma clang attribute push(                                                                                          \
    __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx512vnni,avx2,fma,f16c"))), apply_to = function)
#else
#pragma GCC pop_options
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl,avx512vnni,avx2,fma,f16c")
#endif

namespace atrium::cpu
{
namespace vnni512
{
namespace
{
#define ATRIUM_INTDOT_VNNI
#include "cpu/cpu_intdot_i256.h"
#include "cpu/cpu_intdot_simd.h"
#undef ATRIUM_INTDOT_VNNI
} // namespace
} // namespace vnni512
} // namespace atrium::cpu

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

namespace atrium::cpu
{

void fillIntDotAvx512(Kernels &k)
{
    if (__builtin_cpu_supports("avx512vnni"))
        vnni512::fillIntDotSimd(k);
    else
        plain512::fillIntDotSimd(k);
}

void fillIntDotAvx512NoVnni(Kernels &k)
{
    plain512::fillIntDotSimd(k);
}

} // namespace atrium::cpu

#endif
