// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_interleave.h"

#include <cstring>

#include "atrium/error.h"

namespace atrium::cpu
{

namespace
{

constexpr size_t kQ4_KGroupBlock = 32 + 16 * kGroupRows + 128 * kGroupRows;
constexpr size_t kQ4_KScales = 32; ///< offset of sc[s][r] in a Q4_K group block (mn follows 64 bytes later)
constexpr size_t kQ4_KQuants = kQ4_KScales + 16 * kGroupRows;

/// Q4_0 / Q5_0: the eight scales, (Q5_0) the eight 4-byte fifth-bit words, then the 16 nibble bytes in 4-byte
/// chunks. `head` is the bytes before the nibbles in a GGUF block (2 or 6).
void interleaveLegacy(const uint8_t *rows, size_t rowStride, uint64_t K, uint32_t head, uint8_t *group)
{
    const uint32_t blockBytes = head + 16;
    uint8_t *out = group;
    for (uint64_t b = 0; b < K / 32; ++b) {
        for (unsigned r = 0; r < kGroupRows; ++r, out += 2)
            std::memcpy(out, rows + r * rowStride + b * blockBytes, 2);
        if (head == 6) {
            for (unsigned r = 0; r < kGroupRows; ++r, out += 4)
                std::memcpy(out, rows + r * rowStride + b * blockBytes + 2, 4);
        }
        for (uint32_t c = 0; c < 4; ++c)
            for (unsigned r = 0; r < kGroupRows; ++r, out += 4)
                std::memcpy(out, rows + r * rowStride + b * blockBytes + head + 4 * c, 4);
    }
}

void extractLegacy(const uint8_t *group, uint64_t K, uint32_t head, unsigned r, uint8_t *row)
{
    const uint32_t blockBytes = head + 16;
    for (uint64_t b = 0; b < K / 32; ++b) {
        const uint8_t *in = group + b * blockBytes * kGroupRows;
        uint8_t *out = row + b * blockBytes;
        std::memcpy(out, in + 2 * r, 2);
        if (head == 6)
            std::memcpy(out + 2, in + 2 * kGroupRows + 4 * r, 4);
        for (uint32_t c = 0; c < 4; ++c)
            std::memcpy(out + head + 4 * c, in + head * kGroupRows + c * 4 * kGroupRows + 4 * r, 4);
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
    return type == TensorType::Q4_0 || type == TensorType::Q5_0 || type == TensorType::Q4_K;
}

size_t groupBytes(TensorType type, uint64_t K)
{
    ATRIUM_ASSERT(hasInterleavedLayout(type), "no interleaved layout for this type");
    return type == TensorType::Q4_K ? K / 256 * kQ4_KGroupBlock : rowBytes(type, K) * kGroupRows;
}

void interleaveGroup(TensorType type, const uint8_t *rows, size_t rowStride, uint64_t K, uint8_t *group)
{
    ATRIUM_ASSERT(hasInterleavedLayout(type), "no interleaved layout for this type");
    if (type == TensorType::Q4_K)
        interleaveQ4_K(rows, rowStride, K, group);
    else
        interleaveLegacy(rows, rowStride, K, type == TensorType::Q5_0 ? 6 : 2, group);
}

void extractGroupRow(TensorType type, const uint8_t *group, uint64_t K, unsigned r, uint8_t *row)
{
    ATRIUM_ASSERT(hasInterleavedLayout(type), "no interleaved layout for this type");
    if (type == TensorType::Q4_K)
        extractQ4_K(group, K, r, row);
    else
        extractLegacy(group, K, type == TensorType::Q5_0 ? 6 : 2, r, row);
}

} // namespace atrium::cpu
