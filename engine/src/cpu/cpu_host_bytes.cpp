// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cpu/cpu_host_bytes.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace atrium::cpu
{

HostBytes::HostBytes(size_t n)
    : m_data(n > 0 ? static_cast<uint8_t *>(::operator new(n, kAlign)) : nullptr)
    , m_size(n)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // A hint: refused (e.g. huge pages off) it changes nothing.
    if (n >= (size_t {2} << 20))
        ::madvise(m_data.get(), n / (size_t {2} << 20) * (size_t {2} << 20), MADV_HUGEPAGE);
#endif
}

} // namespace atrium::cpu
