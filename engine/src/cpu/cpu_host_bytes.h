// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

namespace atrium::cpu
{

/// A large uninitialized byte buffer for weights the backend keeps (no zero-filling pass before it is written),
/// 2 MiB-aligned and, on Linux, marked for transparent huge pages: fewer page faults while it is filled and fewer
/// TLB misses while decoding streams through it. Move-only.
class HostBytes
{
public:
    HostBytes() = default;
    explicit HostBytes(size_t n);

    uint8_t *data()
    {
        return m_data.get();
    }
    const uint8_t *data() const
    {
        return m_data.get();
    }
    size_t size() const
    {
        return m_size;
    }

private:
    static constexpr std::align_val_t kAlign {size_t {2} << 20};
    struct Free {
        void operator()(uint8_t *p) const
        {
            ::operator delete(p, kAlign);
        }
    };
    std::unique_ptr<uint8_t, Free> m_data;
    size_t m_size = 0;
};

} // namespace atrium::cpu
