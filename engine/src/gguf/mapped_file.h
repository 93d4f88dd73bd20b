// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "atrium/expected.h"

namespace atrium
{

/// A read-only memory mapping of a whole file (mmap on POSIX, a file mapping on Windows). Move-only; unmaps on
/// destruction. An empty file gives an empty mapping with a null data pointer.
class MappedFile
{
public:
    MappedFile() = default;
    static Expected<MappedFile> open(const std::string &path);

    MappedFile(MappedFile &&other) noexcept;
    MappedFile &operator=(MappedFile &&other) noexcept;
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    ~MappedFile();

    const uint8_t *data() const
    {
        return m_data;
    }
    uint64_t size() const
    {
        return m_size;
    }

private:
    void release();

    const uint8_t *m_data = nullptr;
    uint64_t m_size = 0;
#ifdef _WIN32
    void *m_mapping = nullptr; // HANDLE of the file-mapping object
#endif
};

/// Tells the system that the pages of [p, p + n), inside a read-only mapping, are not needed for now: they leave this
/// process's resident memory, and a later read maps them in again from the file. Only whole pages inside the range
/// are released. A hint: on a platform without such a call it does nothing.
void releaseMappedPages(const void *p, size_t n);

} // namespace atrium
