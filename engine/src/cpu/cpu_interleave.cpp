// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_interleave.h"

#include <cstring>

#include "atrium/error.h"

namespace atrium::cpu
{

namespace
{

constexpr size_t kQ4_0GroupBlock = 18 * kGroupRows;
constexpr size_t kQ4_KGroupBlock = 32 + 16 * kGroupRows + 128 * kGroupRows;
constexpr size_t kQ4_KScales = 32; ///< offset of sc[s][r] in a Q4_K group block (mn follows 64 bytes later)
constexpr size_t kQ4_KQuants = kQ4_KScales + 16 * kGroupRows;

void interleaveQ4_0(const uint8_t *rows, size_t rowStride, uint64_t K, uint8_t *group)
{
    uint8_t *out = group;
    for (uint64_t b = 0; b < K / 32; ++b) {
        for (unsigned r = 0; r < kGroupRows; ++r, out += 2)
            std::memcpy(out, rows + r * rowStride + b * 18, 2);
        for (uint32_t c = 0; c < 4; ++c)
            for (unsigned r = 0; r < kGroupRows; ++r, out += 4)
                std::memcpy(out, rows + r * rowStride + b * 18 + 2 + 4 * c, 4);
    }
}

void extractQ4_0(const uint8_t *group, uint64_t K, unsigned r, uint8_t *row)
{
    for (uint64_t b = 0; b < K / 32; ++b) {
        const uint8_t *in = group + b * kQ4_0GroupBlock;
        uint8_t *out = row + b * 18;
        std::memcpy(out, in + 2 * r, 2);
        for (uint32_t c = 0; c < 4; ++c)
            std::memcpy(out + 2 + 4 * c, in + 2 * kGroupRows + c * 4 * kGroupRows + 4 * r, 4);
    }
}

void interleaveQ4_K(const uint8_t *rows, size_t rowStride, uint64_t K, uint8_t *group)
{
    for (uint64_t b = 0; b < K / 256; ++b) {
        uint8_t *out = group + b * kQ4_KGroupBlock;
        for (unsigned r = 0; r < kGroupRows; ++r) {
            const uint8_t *blk = rows + r * rowStride + b * 144;
            std::memcpy(out + 2 * r, blk, 2);
            std::memcpy(out + 16 + 2 * r, blk + 2, 2);
            const uint8_t *q = blk + 4; // the 12 packed scale bytes (engine-notes §2)
            for (int s = 0; s < 4; ++s) {
                out[kQ4_KScales + s * kGroupRows + r] = q[s] & 63;
                out[kQ4_KScales + 64 + s * kGroupRows + r] = q[s + 4] & 63;
                out[kQ4_KScales + (s + 4) * kGroupRows + r] =
                    static_cast<uint8_t>((q[s + 8] & 0x0F) | ((q[s] >> 6) << 4));
                out[kQ4_KScales + 64 + (s + 4) * kGroupRows + r] =
                    static_cast<uint8_t>((q[s + 8] >> 4) | ((q[s + 4] >> 6) << 4));
            }
            for (uint32_t chunk = 0; chunk < 32; ++chunk)
                std::memcpy(out + kQ4_KQuants + chunk * 4 * kGroupRows + 4 * r, blk + 16 + 4 * chunk, 4);
        }
    }
}

void extractQ4_K(const uint8_t *group, uint64_t K, unsigned r, uint8_t *row)
{
    for (uint64_t b = 0; b < K / 256; ++b) {
        const uint8_t *in = group + b * kQ4_KGroupBlock;
        uint8_t *blk = row + b * 144;
        std::memcpy(blk, in + 2 * r, 2);
        std::memcpy(blk + 2, in + 16 + 2 * r, 2);
        uint8_t *q = blk + 4;
        for (int s = 0; s < 4; ++s) {
            const uint8_t sc = in[kQ4_KScales + s * kGroupRows + r];
            const uint8_t mn = in[kQ4_KScales + 64 + s * kGroupRows + r];
            const uint8_t sc4 = in[kQ4_KScales + (s + 4) * kGroupRows + r];
            const uint8_t mn4 = in[kQ4_KScales + 64 + (s + 4) * kGroupRows + r];
            q[s] = static_cast<uint8_t>(sc | ((sc4 >> 4) << 6));
            q[s + 4] = static_cast<uint8_t>(mn | ((mn4 >> 4) << 6));
            q[s + 8] = static_cast<uint8_t>((sc4 & 0x0F) | ((mn4 & 0x0F) << 4));
        }
        for (uint32_t chunk = 0; chunk < 32; ++chunk)
            std::memcpy(blk + 16 + 4 * chunk, in + kQ4_KQuants + chunk * 4 * kGroupRows + 4 * r, 4);
    }
}

} // namespace

bool hasInterleavedLayout(TensorType type)
{
    // Q8_0 would fit the Q4_0 layout, but its row-major decode already streams at memory speed.
    return type == TensorType::Q4_0 || type == TensorType::Q4_K;
}

size_t groupBytes(TensorType type, uint64_t K)
{
    ATRIUM_ASSERT(hasInterleavedLayout(type), "no interleaved layout for this type");
    return type == TensorType::Q4_0 ? K / 32 * kQ4_0GroupBlock : K / 256 * kQ4_KGroupBlock;
}

void interleaveGroup(TensorType type, const uint8_t *rows, size_t rowStride, uint64_t K, uint8_t *group)
{
    ATRIUM_ASSERT(hasInterleavedLayout(type), "no interleaved layout for this type");
    if (type == TensorType::Q4_0)
        interleaveQ4_0(rows, rowStride, K, group);
    else
        interleaveQ4_K(rows, rowStride, K, group);
}

void extractGroupRow(TensorType type, const uint8_t *group, uint64_t K, unsigned r, uint8_t *row)
{
    ATRIUM_ASSERT(hasInterleavedLayout(type), "no interleaved layout for this type");
    if (type == TensorType::Q4_0)
        extractQ4_0(group, K, r, row);
    else
        extractQ4_K(group, K, r, row);
}

} // namespace atrium::cpu
