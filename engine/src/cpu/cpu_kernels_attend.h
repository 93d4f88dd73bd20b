// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// The attention kernel body shared by every ISA level (see cpu_kernels_impl.h, which includes this at its end: the
// same target switch and internal linkage apply).

#include <algorithm>
#include <cstdint>
#include <limits>

#include "cpu/cpu_kernels.h"
#include "cpu/cpu_kernels_math.h"

namespace atrium::cpu::impl
{
namespace
{

// --- Attention ----------------------------------------------------------------------------------------------------

/// s[j] = q · k_j for the keys j < kAttendKeys of a block (key j at k + j * kvStride), four keys at a time: four
/// independent FMA chains, then one four-way horizontal sum.
template <class S>
ATRIUM_INLINE void blockScores(const float *q, const float *k, size_t kvStride, uint32_t d, float *s)
{
    constexpr uint32_t W = S::kWidth;
    const uint32_t dv = d / W * W;
    for (uint32_t j = 0; j < kAttendKeys; j += 4) {
        const float *k0 = k + j * kvStride;
        const float *k1 = k0 + kvStride;
        const float *k2 = k1 + kvStride;
        const float *k3 = k2 + kvStride;
        typename S::V a0 = S::zero(), a1 = S::zero(), a2 = S::zero(), a3 = S::zero();
        for (uint32_t c = 0; c < dv; c += W) {
            const typename S::V qv = S::load(q + c);
            a0 = S::fma(qv, S::load(k0 + c), a0);
            a1 = S::fma(qv, S::load(k1 + c), a1);
            a2 = S::fma(qv, S::load(k2 + c), a2);
            a3 = S::fma(qv, S::load(k3 + c), a3);
        }
        S::hsum4(a0, a1, a2, a3, s + j);
        for (uint32_t c = dv; c < d; ++c) { // head sizes that are not a multiple of the vector width
            s[j] += q[c] * k0[c];
            s[j + 1] += q[c] * k1[c];
            s[j + 2] += q[c] * k2[c];
            s[j + 3] += q[c] * k3[c];
        }
    }
}

/// o += sum_j p[j] * v_j over n values (v_j at v + j * vStride), each W-wide slice of o held in two registers
/// across the keys (not stored back per key).
template <class S>
ATRIUM_INLINE void accumulateValues(float *o, const float *p, const float *v, size_t vStride, uint32_t n, uint32_t d)
{
    constexpr uint32_t W = S::kWidth;
    const uint32_t dv = d / W * W;
    for (uint32_t c = 0; c < dv; c += W) {
        typename S::V a0 = S::load(o + c), a1 = S::zero();
        uint32_t j = 0;
        for (; j + 2 <= n; j += 2) {
            a0 = S::fma(S::set1(p[j]), S::load(v + j * vStride + c), a0);
            a1 = S::fma(S::set1(p[j + 1]), S::load(v + (j + 1) * vStride + c), a1);
        }
        if (j < n)
            a0 = S::fma(S::set1(p[j]), S::load(v + j * vStride + c), a0);
        S::store(o + c, S::add(a0, a1));
    }
    for (uint32_t c = dv; c < d; ++c) { // head sizes that are not a multiple of the vector width
        float acc = o[c];
        for (uint32_t j = 0; j < n; ++j)
            acc += p[j] * v[j * vStride + c];
        o[c] = acc;
    }
}

/// Rows [0, rows) of queries, each with `heads` heads that share one KV head, over their visible keys, a block of
/// kAttendKeys keys at a time: every (row, head) scores the block (in L1 after the first), then updates its running
/// max, sum and output (online softmax), rescaled whenever its max grows.
template <class S>
ATRIUM_INLINE void attendT(const AttendArgs &a)
{
    const uint32_t d = a.headDim;
    const uint32_t n = a.rows * a.heads;
    float *kBlock = a.scratch; // (kAttendKeys, d): the block's keys in f32, a last partial block padded with zeros
    float *vBlock = kBlock + static_cast<size_t>(d) * kAttendKeys; // (kAttendKeys, d): its values in f32
    float *runMax = vBlock + static_cast<size_t>(d) * kAttendKeys; // (n)
    float *runSum = runMax + n; // (n)
    float *acc = runSum + n; // (n, d): unnormalized outputs
    std::fill(runMax, runMax + n, -std::numeric_limits<float>::infinity());
    std::fill(runSum, runSum + n, 0.f);
    std::fill(acc, acc + static_cast<size_t>(n) * d, 0.f);
    const auto firstKey = [&](uint32_t pos) { return a.window > 0 && pos + 1 > a.window ? pos + 1 - a.window : 0; };
    const uint32_t last = a.pos + a.rows - 1;
    for (uint32_t j0 = firstKey(a.pos); j0 <= last; j0 += kAttendKeys) {
        const uint32_t nk = std::min<uint32_t>(kAttendKeys, last - j0 + 1);
        // Widened once per block for every row and head of the task; never read past the last key written.
        for (uint32_t j = 0; j < nk; ++j) {
            const size_t at = static_cast<size_t>(j0 + j) * a.kvStride * a.kvElemBytes;
            a.widen(a.k + at, kBlock + static_cast<size_t>(j) * d, d);
            a.widen(a.v + at, vBlock + static_cast<size_t>(j) * d, d);
        }
        std::fill(kBlock + static_cast<size_t>(nk) * d, kBlock + static_cast<size_t>(kAttendKeys) * d, 0.f);
        for (uint32_t r = 0; r < a.rows; ++r) {
            const uint32_t pos = a.pos + r;
            // This row sees keys [lo, hi] of the block.
            const uint32_t lo = std::max(j0, firstKey(pos));
            const uint32_t hi = std::min(j0 + nk - 1, pos);
            if (lo > hi)
                continue;
            for (uint32_t h = 0; h < a.heads; ++h) {
                const uint32_t item = r * a.heads + h;
                float s[kAttendKeys];
                blockScores<S>(a.q + r * a.qStride + static_cast<size_t>(h) * d, kBlock, d, d, s);
                for (uint32_t j = 0; j < kAttendKeys; ++j)
                    s[j] *= a.scale;
                if (a.softcap > 0.f)
                    softcapT(s, kAttendKeys, a.softcap);
                float blockMax = s[lo - j0];
                for (uint32_t j = lo - j0 + 1; j <= hi - j0; ++j)
                    blockMax = std::max(blockMax, s[j]);
                float *o = acc + static_cast<size_t>(item) * d;
                if (blockMax > runMax[item]) {
                    const float factor = expApprox(runMax[item] - blockMax); // 0 on the first block (clamped)
                    runSum[item] *= factor;
                    for (uint32_t c = 0; c < d; ++c)
                        o[c] *= factor;
                    runMax[item] = blockMax;
                }
                float p[kAttendKeys];
                for (uint32_t j = 0; j < kAttendKeys; ++j)
                    p[j] = expApprox(s[j] - runMax[item]);
                for (uint32_t j = lo - j0; j <= hi - j0; ++j)
                    runSum[item] += p[j];
                accumulateValues<S>(o, p + (lo - j0), vBlock + static_cast<size_t>(lo - j0) * d, d, hi - lo + 1, d);
            }
        }
    }
    for (uint32_t r = 0; r < a.rows; ++r) {
        for (uint32_t h = 0; h < a.heads; ++h) {
            const uint32_t item = r * a.heads + h;
            const float inv = 1.f / runSum[item];
            const float *o = acc + static_cast<size_t>(item) * d;
            float *out = a.out + r * a.qStride + static_cast<size_t>(h) * d;
            for (uint32_t c = 0; c < d; ++c)
                out[c] = o[c] * inv;
        }
    }
}

} // namespace
} // namespace atrium::cpu::impl
