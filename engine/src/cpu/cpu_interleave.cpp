// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_interleave.h"

#include <cstring>

#include "atrium/error.h"

namespace atrium::cpu
{

namespace
{

/// Bytes of a block's quants after its 2-byte scale.
uint32_t quantBytes(TensorType type)
{
    ATRIUM_ASSERT(hasInterleavedLayout(type), "no interleaved layout for this type");
    return tensorTypeInfo(type).blockBytes - 2;
}

} // namespace

bool hasInterleavedLayout(TensorType type)
{
    // Q8_0 fits the layout too, but its row-major decode already streams at memory speed.
    return type == TensorType::Q4_0;
}

void interleaveGroup(TensorType type, const uint8_t *rows, size_t rowStride, uint64_t K, uint8_t *group)
{
    const uint32_t qs = quantBytes(type);
    const uint32_t blockBytes = qs + 2;
    uint8_t *out = group;
    for (uint64_t b = 0; b < K / 32; ++b) {
        for (unsigned r = 0; r < kGroupRows; ++r, out += 2)
            std::memcpy(out, rows + r * rowStride + b * blockBytes, 2);
        for (uint32_t c = 0; c < qs / 4; ++c)
            for (unsigned r = 0; r < kGroupRows; ++r, out += 4)
                std::memcpy(out, rows + r * rowStride + b * blockBytes + 2 + 4 * c, 4);
    }
}

void extractGroupRow(TensorType type, const uint8_t *group, uint64_t K, unsigned r, uint8_t *row)
{
    const uint32_t qs = quantBytes(type);
    const uint32_t blockBytes = qs + 2;
    const size_t groupBlockBytes = static_cast<size_t>(blockBytes) * kGroupRows;
    for (uint64_t b = 0; b < K / 32; ++b) {
        const uint8_t *in = group + b * groupBlockBytes;
        uint8_t *out = row + b * blockBytes;
        std::memcpy(out, in + 2 * r, 2);
        for (uint32_t c = 0; c < qs / 4; ++c)
            std::memcpy(out + 2 + 4 * c, in + 2 * kGroupRows + c * 4 * kGroupRows + 4 * r, 4);
    }
}

} // namespace atrium::cpu
