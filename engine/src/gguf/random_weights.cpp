// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "gguf/random_weights.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <thread>
#include <vector>

#include "atrium/error.h"
#include "gguf/k_quant_scales.h"

namespace atrium
{

namespace
{

/// splitmix64: small, fast and good enough for test weights.
class Rng
{
public:
    explicit Rng(uint64_t seed)
        : m_state(seed)
    {
    }
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    void fill(uint8_t *dst, size_t n)
    {
        for (size_t i = 0; i < n; i += 8) {
            const uint64_t r = next();
            std::memcpy(dst + i, &r, std::min<size_t>(8, n - i));
        }
    }
    /// Approximately standard normal: Irwin–Hall sum of four 16-bit uniforms, rescaled to unit variance.
    float normal()
    {
        const uint64_t r = next();
        const float sum = static_cast<float>((r & 0xFFFF) + ((r >> 16) & 0xFFFF) + ((r >> 32) & 0xFFFF) + (r >> 48));
        return (sum / 65536.0f - 2.0f) * 1.7320508f;
    }

private:
    uint64_t m_state;
};

void putHalf(uint8_t *p, float v)
{
    const uint16_t h = floatToHalf(v);
    p[0] = static_cast<uint8_t>(h & 0xFF);
    p[1] = static_cast<uint8_t>(h >> 8);
}

// Standard deviations of uniformly random quants: 8-bit signed, 4-bit, 5-bit and 6-bit (sqrt((n² − 1) / 12)).
constexpr float kStd8 = 73.9f;
constexpr float kStd4 = 4.61f;
constexpr float kStd5 = 9.23f;
constexpr float kStd6 = 18.47f;
// RMS of the random 6-bit K-quant sub-block scales drawn from [32, 63] (Q4_K, Q5_K) and 8-bit ones from [32, 127]
// (Q6_K).
constexpr float kRmsScaleK4 = 48.4f;
constexpr float kRmsScaleK6 = 84.2f;

void fillBlock(TensorType type, float sigma, Rng &rng, uint8_t *b)
{
    switch (type) {
    case TensorType::Q8_0:
        putHalf(b, sigma / kStd8);
        rng.fill(b + 2, 32);
        return;
    case TensorType::Q4_0:
        putHalf(b, sigma / kStd4);
        rng.fill(b + 2, 16);
        return;
    case TensorType::Q4_1:
        putHalf(b, sigma / kStd4);
        putHalf(b + 2, -7.5f * sigma / kStd4);
        rng.fill(b + 4, 16);
        return;
    case TensorType::Q5_0:
        putHalf(b, sigma / kStd5);
        rng.fill(b + 2, 20);
        return;
    case TensorType::Q5_1:
        putHalf(b, sigma / kStd5);
        putHalf(b + 2, -15.5f * sigma / kStd5);
        rng.fill(b + 4, 20);
        return;
    case TensorType::Q4_K:
    case TensorType::Q5_K: {
        // x = d·sc·q − dmin·mn with mn = sc and dmin = centre·d: x ≈ d·sc·(q − centre), zero mean.
        const bool five = type == TensorType::Q5_K;
        const float d = sigma / ((five ? kStd5 : kStd4) * kRmsScaleK4);
        putHalf(b, d);
        putHalf(b + 2, (five ? 15.5f : 7.5f) * halfToFloat(floatToHalf(d)));
        std::array<uint8_t, 8> sc {};
        const uint64_t r = rng.next();
        for (int s = 0; s < 8; ++s)
            sc[s] = static_cast<uint8_t>(32 + ((r >> (5 * s)) & 31));
        packScaleMinK4(sc.data(), sc.data(), b + 4);
        rng.fill(b + 16, five ? 160 : 128);
        return;
    }
    case TensorType::Q6_K: {
        rng.fill(b, 192);
        for (int s = 0; s < 16; ++s)
            b[192 + s] = static_cast<uint8_t>(32 + rng.next() % 96);
        putHalf(b + 208, sigma / (kStd6 * kRmsScaleK6));
        return;
    }
    default:
        return;
    }
}

void fillRow(TensorType type, uint64_t n, float sigma, Rng &rng, uint8_t *dst)
{
    switch (type) {
    case TensorType::F32:
        for (uint64_t i = 0; i < n; ++i) {
            const float v = rng.normal() * sigma;
            std::memcpy(dst + 4 * i, &v, 4);
        }
        return;
    case TensorType::F16:
        for (uint64_t i = 0; i < n; ++i)
            putHalf(dst + 2 * i, rng.normal() * sigma);
        return;
    case TensorType::BF16:
        for (uint64_t i = 0; i < n; ++i) {
            const uint16_t v = floatToBf16(rng.normal() * sigma);
            dst[2 * i] = static_cast<uint8_t>(v & 0xFF);
            dst[2 * i + 1] = static_cast<uint8_t>(v >> 8);
        }
        return;
    default: {
        const TensorTypeInfo info = tensorTypeInfo(type);
        for (uint64_t i = 0; i < n / info.blockElements; ++i)
            fillBlock(type, sigma, rng, dst + i * info.blockBytes);
        return;
    }
    }
}

uint64_t rowSeed(uint64_t seed, uint64_t row)
{
    Rng mix(seed ^ (row * 0xD1B54A32D192ED03ull));
    return mix.next();
}

} // namespace

bool canFillRandom(TensorType type)
{
    switch (type) {
    case TensorType::F32:
    case TensorType::F16:
    case TensorType::BF16:
    case TensorType::Q8_0:
    case TensorType::Q4_0:
    case TensorType::Q4_1:
    case TensorType::Q5_0:
    case TensorType::Q5_1:
    case TensorType::Q4_K:
    case TensorType::Q5_K:
    case TensorType::Q6_K:
        return true;
    default:
        return false;
    }
}

void fillRandomRows(TensorType type,
    uint64_t rowElements,
    float stddev,
    uint64_t seed,
    uint64_t firstRow,
    uint64_t rowCount,
    uint8_t *dst)
{
    ATRIUM_ASSERT(canFillRandom(type), "fillRandomRows: type not supported");
    const uint64_t rowSize = rowBytes(type, rowElements);
    const auto work = [&](uint64_t begin, uint64_t end) {
        for (uint64_t r = begin; r < end; ++r) {
            Rng rng(rowSeed(seed, firstRow + r));
            fillRow(type, rowElements, stddev, rng, dst + r * rowSize);
        }
    };
    constexpr uint64_t kParallelBytes = uint64_t(1) << 20;
    const uint64_t threads = std::min<uint64_t>(std::max(1u, std::thread::hardware_concurrency()), rowCount);
    if (threads <= 1 || rowCount * rowSize < kParallelBytes) {
        work(0, rowCount);
        return;
    }
    std::vector<std::thread> pool;
    const uint64_t per = (rowCount + threads - 1) / threads;
    for (uint64_t t = 1; t < threads; ++t) {
        const uint64_t begin = std::min(rowCount, t * per);
        const uint64_t end = std::min(rowCount, begin + per);
        if (begin < end)
            pool.emplace_back(work, begin, end);
    }
    work(0, std::min(rowCount, per));
    for (std::thread &th : pool)
        th.join();
}

} // namespace atrium
