// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/reference_ops.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace atrium::ref
{

// --- Weights ------------------------------------------------------------------------------------------------------

void dequantizeRows(const WeightView &w, uint64_t row0, uint64_t nRows, float *out)
{
    const size_t stride = rowBytes(w.type, w.cols);
    const auto *base = static_cast<const uint8_t *>(w.data);
    for (uint64_t r = 0; r < nRows; ++r)
        dequantizeRow(w.type, base + (row0 + r) * stride, out + r * w.cols, w.cols);
}

void getRows(float *out, const WeightView &table, std::span<const int32_t> ids)
{
    for (size_t r = 0; r < ids.size(); ++r) {
        ATRIUM_ASSERT(ids[r] >= 0 && static_cast<uint64_t>(ids[r]) < table.rows, "token id out of range");
        dequantizeRows(table, static_cast<uint64_t>(ids[r]), 1, out + r * table.cols);
    }
}

void matmul(float *out, const WeightView &w, const float *x, uint32_t T, const float *bias)
{
    const uint64_t M = w.rows;
    const uint64_t K = w.cols;
    std::vector<float> row(K);
    for (uint64_t m = 0; m < M; ++m) {
        dequantizeRows(w, m, 1, row.data()); // (K)
        for (uint32_t t = 0; t < T; ++t) {
            const float *xt = x + static_cast<size_t>(t) * K;
            double acc = 0.0;
            for (uint64_t k = 0; k < K; ++k)
                acc += static_cast<double>(row[k]) * static_cast<double>(xt[k]);
            if (bias)
                acc += bias[m];
            out[static_cast<size_t>(t) * M + m] = static_cast<float>(acc);
        }
    }
}

// --- Norms --------------------------------------------------------------------------------------------------------

void rmsNorm(float *out, const float *x, const float *w, uint32_t rows, uint32_t n, float eps)
{
    for (uint32_t r = 0; r < rows; ++r) {
        const float *xr = x + static_cast<size_t>(r) * n;
        float *yr = out + static_cast<size_t>(r) * n;
        double sumSq = 0.0;
        for (uint32_t i = 0; i < n; ++i)
            sumSq += static_cast<double>(xr[i]) * xr[i];
        const double inv = 1.0 / std::sqrt(sumSq / n + static_cast<double>(eps));
        for (uint32_t i = 0; i < n; ++i) {
            const double y = xr[i] * inv;
            yr[i] = static_cast<float>(w ? y * w[i] : y);
        }
    }
}

void layerNorm(float *out, const float *x, const float *w, const float *b, uint32_t rows, uint32_t n, float eps)
{
    for (uint32_t r = 0; r < rows; ++r) {
        const float *xr = x + static_cast<size_t>(r) * n;
        float *yr = out + static_cast<size_t>(r) * n;
        double mean = 0.0;
        for (uint32_t i = 0; i < n; ++i)
            mean += xr[i];
        mean /= n;
        double var = 0.0;
        for (uint32_t i = 0; i < n; ++i)
            var += (xr[i] - mean) * (xr[i] - mean);
        var /= n;
        const double inv = 1.0 / std::sqrt(var + static_cast<double>(eps));
        for (uint32_t i = 0; i < n; ++i) {
            double y = (xr[i] - mean) * inv;
            if (w)
                y *= w[i];
            if (b)
                y += b[i];
            yr[i] = static_cast<float>(y);
        }
    }
}

// --- RoPE ---------------------------------------------------------------------------------------------------------

namespace
{

/// YaRN correction dimension for a rotation count beta (ggml_rope_yarn_corr_dim).
double yarnCorrDim(uint32_t nRot, uint32_t nCtxOrig, double beta, double base)
{
    return nRot * std::log(nCtxOrig / (beta * 2.0 * std::numbers::pi)) / (2.0 * std::log(base));
}

} // namespace

void ropeCosSin(uint32_t pos, uint32_t k, const RopeParams &p, float freqFactor, float &cosOut, float &sinOut)
{
    // theta_extrap = p * base^(-2k/nRot) / ff_k;  theta_interp = freqScale * theta_extrap
    const double thetaExtrap = pos * std::pow(static_cast<double>(p.freqBase), -2.0 * k / p.nRot) / freqFactor;
    const double thetaInterp = p.freqScale * thetaExtrap;
    double theta = thetaInterp;
    double mscale = p.attnFactor;
    if (p.extFactor != 0.f) {
        const double low = std::max(0.0, std::floor(yarnCorrDim(p.nRot, p.nCtxOrig, p.betaFast, p.freqBase)));
        const double high = std::min(
            static_cast<double>(p.nRot - 1), std::ceil(yarnCorrDim(p.nRot, p.nCtxOrig, p.betaSlow, p.freqBase)));
        const double y = (k - low) / std::max(0.001, high - low);
        const double rampMix = (1.0 - std::clamp(y, 0.0, 1.0)) * p.extFactor;
        theta = thetaInterp * (1.0 - rampMix) + thetaExtrap * rampMix;
        mscale *= 1.0 + 0.1 * std::log(1.0 / p.freqScale);
    }
    cosOut = static_cast<float>(std::cos(theta) * mscale);
    sinOut = static_cast<float>(std::sin(theta) * mscale);
}

void rope(float *x,
    uint32_t T,
    uint32_t nHeads,
    uint32_t headDim,
    uint32_t pos0,
    const RopeParams &p,
    const float *freqFactors)
{
    ATRIUM_ASSERT(p.nRot % 2 == 0 && p.nRot <= headDim, "rope: nRot must be even and <= headDim");
    const uint32_t half = p.nRot / 2;
    for (uint32_t t = 0; t < T; ++t) {
        for (uint32_t k = 0; k < half; ++k) {
            float c = 0.f;
            float s = 0.f;
            ropeCosSin(pos0 + t, k, p, freqFactors ? freqFactors[k] : 1.f, c, s);
            for (uint32_t h = 0; h < nHeads; ++h) {
                float *head = x + (static_cast<size_t>(t) * nHeads + h) * headDim;
                // Normal: adjacent pair (2k, 2k+1); NeoX: half-split pair (k, k + nRot/2).
                const uint32_t i0 = p.mode == RopeMode::Normal ? 2 * k : k;
                const uint32_t i1 = p.mode == RopeMode::Normal ? 2 * k + 1 : k + half;
                const float a = head[i0];
                const float b = head[i1];
                head[i0] = a * c - b * s;
                head[i1] = a * s + b * c;
            }
        }
    }
}

// --- Attention ----------------------------------------------------------------------------------------------------

void storeKv(float *cache, const float *src, uint32_t T, uint32_t kvDim, uint32_t pos0)
{
    std::copy(src, src + static_cast<size_t>(T) * kvDim, cache + static_cast<size_t>(pos0) * kvDim);
}

void attention(
    float *out, const float *q, uint32_t T, const KvView &k, const KvView &v, uint32_t pos0, const AttentionParams &p)
{
    ATRIUM_ASSERT(p.nHeadKv > 0 && p.nHead % p.nHeadKv == 0, "attention: nHead must be a multiple of nHeadKv");
    const uint32_t gqa = p.nHead / p.nHeadKv;
    const uint32_t d = p.headDim;
    std::vector<double> scores(pos0 + T);
    for (uint32_t t = 0; t < T; ++t) {
        const uint32_t pos = pos0 + t;
        // Visible keys: j in [first, pos]; the window keeps `window` keys including the query's own position.
        const uint32_t first = (p.window > 0 && pos + 1 > p.window) ? pos + 1 - p.window : 0;
        for (uint32_t h = 0; h < p.nHead; ++h) {
            const uint32_t g = h / gqa;
            const float *qh = q + (static_cast<size_t>(t) * p.nHead + h) * d; // (headDim)
            double maxScore = -std::numeric_limits<double>::infinity();
            for (uint32_t j = first; j <= pos; ++j) {
                const float *kj = k.data + j * k.posStride + g * k.headStride; // (headDim)
                double dot = 0.0;
                for (uint32_t i = 0; i < d; ++i)
                    dot += static_cast<double>(qh[i]) * kj[i];
                double s = dot * p.scale;
                if (p.softcap > 0.f)
                    s = p.softcap * std::tanh(s / p.softcap);
                scores[j] = s;
                maxScore = std::max(maxScore, s);
            }
            double sum = 0.0;
            for (uint32_t j = first; j <= pos; ++j) {
                scores[j] = std::exp(scores[j] - maxScore);
                sum += scores[j];
            }
            float *oh = out + (static_cast<size_t>(t) * p.nHead + h) * d; // (headDim)
            for (uint32_t i = 0; i < d; ++i) {
                double acc = 0.0;
                for (uint32_t j = first; j <= pos; ++j)
                    acc += scores[j] * v.data[j * v.posStride + g * v.headStride + i];
                oh[i] = static_cast<float>(acc / sum);
            }
        }
    }
}

// --- Elementwise --------------------------------------------------------------------------------------------------

void add(float *out, const float *a, const float *b, uint32_t rows, uint32_t cols, uint32_t bRows)
{
    ATRIUM_ASSERT(bRows == rows || bRows == 1, "add: b must have the rows of a, or one row");
    for (uint32_t r = 0; r < rows; ++r) {
        const float *br = b + (bRows == 1 ? 0 : static_cast<size_t>(r) * cols);
        for (uint32_t c = 0; c < cols; ++c)
            out[static_cast<size_t>(r) * cols + c] = a[static_cast<size_t>(r) * cols + c] + br[c];
    }
}

void scale(float *x, size_t n, float s)
{
    for (size_t i = 0; i < n; ++i)
        x[i] *= s;
}

void softcap(float *x, size_t n, float cap)
{
    for (size_t i = 0; i < n; ++i)
        x[i] = static_cast<float>(cap * std::tanh(static_cast<double>(x[i]) / cap));
}

float siluScalar(float x)
{
    return static_cast<float>(x / (1.0 + std::exp(-static_cast<double>(x))));
}

float geluTanhScalar(float x)
{
    const double xd = x;
    const double c = std::sqrt(2.0 / std::numbers::pi);
    return static_cast<float>(0.5 * xd * (1.0 + std::tanh(c * (xd + 0.044715 * xd * xd * xd))));
}

void glu(float *out, const float *gate, const float *up, size_t n, Activation act)
{
    for (size_t i = 0; i < n; ++i) {
        const float g = act == Activation::Silu ? siluScalar(gate[i]) : geluTanhScalar(gate[i]);
        out[i] = g * up[i];
    }
}

void gelu(float *x, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        x[i] = geluTanhScalar(x[i]);
}

void copyCols(float *out, const float *src, uint32_t rows, uint32_t outCols, uint32_t srcCols, uint32_t colOffset)
{
    ATRIUM_ASSERT(colOffset + outCols <= srcCols, "copyCols: columns out of range");
    for (uint32_t r = 0; r < rows; ++r) {
        const float *s = src + static_cast<size_t>(r) * srcCols + colOffset;
        std::copy(s, s + outCols, out + static_cast<size_t>(r) * outCols);
    }
}

void copyRows(float *out, const float *src, uint32_t rows, uint32_t cols, uint32_t rowOffset)
{
    const float *s = src + static_cast<size_t>(rowOffset) * cols;
    std::copy(s, s + static_cast<size_t>(rows) * cols, out);
}

// --- Comparison ---------------------------------------------------------------------------------------------------

double nmse(std::span<const float> expected, std::span<const float> actual)
{
    ATRIUM_ASSERT(expected.size() == actual.size(), "nmse: sizes differ");
    double num = 0.0;
    double den = 0.0;
    for (size_t i = 0; i < expected.size(); ++i) {
        const double d = static_cast<double>(expected[i]) - actual[i];
        num += d * d;
        den += static_cast<double>(expected[i]) * expected[i];
    }
    return den > 0.0 ? num / den : num;
}

double maxAbsDiff(std::span<const float> expected, std::span<const float> actual)
{
    ATRIUM_ASSERT(expected.size() == actual.size(), "maxAbsDiff: sizes differ");
    double m = 0.0;
    for (size_t i = 0; i < expected.size(); ++i)
        m = std::max(m, std::abs(static_cast<double>(expected[i]) - actual[i]));
    return m;
}

} // namespace atrium::ref
