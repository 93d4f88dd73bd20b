// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <cstring>

namespace atrium
{

/// Packs eight 6-bit scales and mins into the 12 scale bytes of a Q4_K / Q5_K block (the inverse of the unpacking in
/// engine-notes §2).
inline void packScaleMinK4(const uint8_t *sc, const uint8_t *mn, uint8_t *packed)
{
    std::memset(packed, 0, 12);
    for (int s = 0; s < 8; ++s) {
        if (s < 4) {
            packed[s] |= static_cast<uint8_t>(sc[s] & 63);
            packed[s + 4] |= static_cast<uint8_t>(mn[s] & 63);
        } else {
            packed[s + 4] = static_cast<uint8_t>((sc[s] & 0x0F) | ((mn[s] & 0x0F) << 4));
            packed[s - 4] |= static_cast<uint8_t>(((sc[s] >> 4) & 3) << 6);
            packed[s] |= static_cast<uint8_t>(((mn[s] >> 4) & 3) << 6);
        }
    }
}

} // namespace atrium
