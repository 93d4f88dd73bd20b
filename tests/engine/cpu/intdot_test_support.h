// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Helpers of the integer-dot kernel tests: quantized activation rows, the exact dot product they approximate, and
// the SIMD tables to check against the portable one.

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "cpu/cpu_act_quant.h"
#include "cpu/cpu_kernels.h"
#include "cpu_test_support.h"

namespace atrium::test
{

struct Quantized {
    std::vector<uint8_t> buf;
    cpu::QuantRow row;
};

inline Quantized quantize(cpu::ActQuant format, const std::vector<float> &x)
{
    Quantized q;
    q.buf.resize(cpu::quantRowBytes(x.size()));
    q.row = cpu::quantizeRow(format, x.data(), x.size(), q.buf.data());
    return q;
}

/// sum_k w[k] x[k] in double over the dequantized weight row and the dequantized activation row, and
/// sum_k |w[k] x[k]| (the scale of the rounding error an f32 evaluation may make).
struct ExactDot {
    double dot = 0.0;
    double magnitude = 0.0;
};

inline ExactDot exactDot(const HostWeight &w, uint64_t row, const cpu::QuantRow &x, cpu::ActQuant format)
{
    std::vector<float> dense(w.cols);
    ref::dequantizeRows(w.view(), row, 1, dense.data());
    const uint64_t block = format == cpu::ActQuant::Q8_K ? 256 : 32;
    ExactDot e;
    for (uint64_t k = 0; k < w.cols; ++k) {
        const double xv = static_cast<double>(x.d[k / block]) * x.qs[k];
        e.dot += static_cast<double>(dense[k]) * xv;
        e.magnitude += std::abs(static_cast<double>(dense[k]) * xv);
    }
    return e;
}

/// The integer-dot tables to check against the portable one: every level this CPU runs, and AVX-512 without VNNI.
inline std::vector<std::pair<std::string, cpu::Kernels>> simdTables()
{
    std::vector<std::pair<std::string, cpu::Kernels>> out;
#if defined(__x86_64__)
    if (cpuSupports(CpuIsa::Avx))
        out.emplace_back("avx", cpu::kernelsFor(CpuIsa::Avx));
    if (cpuSupports(CpuIsa::Avx2))
        out.emplace_back("avx2", cpu::kernelsFor(CpuIsa::Avx2));
    if (cpuSupports(CpuIsa::Avx512)) {
        out.emplace_back("avx512", cpu::kernelsFor(CpuIsa::Avx512));
        cpu::Kernels noVnni;
        cpu::fillIntDotAvx512NoVnni(noVnni);
        out.emplace_back("avx512-novnni", noVnni);
    }
#endif
    return out;
}

} // namespace atrium::test
