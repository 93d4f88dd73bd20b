// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "gguf/mapped_file.h"

#include <cerrno>
#include <cstring>
#include <utility>

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace atrium
{

MappedFile::MappedFile(MappedFile &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
#ifdef _WIN32
    , m_mapping(std::exchange(other.m_mapping, nullptr))
#endif
{
}

MappedFile &MappedFile::operator=(MappedFile &&other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
#ifdef _WIN32
        m_mapping = std::exchange(other.m_mapping, nullptr);
#endif
    }
    return *this;
}

MappedFile::~MappedFile()
{
    release();
}

#ifdef _WIN32

namespace
{

std::wstring widen(const std::string &utf8)
{
    const int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<size_t>(n), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
    return out;
}

} // namespace

Expected<MappedFile> MappedFile::open(const std::string &path)
{
    HANDLE file = CreateFileW(
        widen(path).c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE) {
        const DWORD err = GetLastError();
        if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND)
            return fail(ErrorCode::FileNotFound, "file not found: " + path);
        return fail(ErrorCode::IoError, "cannot open " + path + " (Windows error " + std::to_string(err) + ")");
    }
    LARGE_INTEGER size {};
    if (!GetFileSizeEx(file, &size)) {
        CloseHandle(file);
        return fail(ErrorCode::IoError, "cannot read the size of " + path);
    }
    MappedFile mapped;
    mapped.m_size = static_cast<uint64_t>(size.QuadPart);
    if (mapped.m_size == 0) {
        CloseHandle(file);
        return mapped;
    }
    HANDLE mapping = CreateFileMappingW(file, nullptr, PAGE_READONLY, 0, 0, nullptr);
    CloseHandle(file);
    if (mapping == nullptr)
        return fail(
            ErrorCode::IoError, "cannot map " + path + " (Windows error " + std::to_string(GetLastError()) + ")");
    void *view = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
    if (view == nullptr) {
        CloseHandle(mapping);
        return fail(
            ErrorCode::IoError, "cannot map " + path + " (Windows error " + std::to_string(GetLastError()) + ")");
    }
    mapped.m_mapping = mapping;
    mapped.m_data = static_cast<const uint8_t *>(view);
    return mapped;
}

void MappedFile::release()
{
    if (m_data != nullptr)
        UnmapViewOfFile(m_data);
    if (m_mapping != nullptr)
        CloseHandle(m_mapping);
    m_data = nullptr;
    m_mapping = nullptr;
    m_size = 0;
}

void releaseMappedPages(const void *p, size_t n)
{
    // Unlocking pages that are not locked takes them out of the working set (they stay mapped).
    if (n > 0)
        VirtualUnlock(const_cast<void *>(p), n);
}

#else

Expected<MappedFile> MappedFile::open(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT)
            return fail(ErrorCode::FileNotFound, "file not found: " + path);
        return fail(ErrorCode::IoError, "cannot open " + path + ": " + std::strerror(err));
    }
    struct stat st {
    };
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return fail(ErrorCode::IoError, "cannot stat " + path + ": " + std::strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(ErrorCode::IoError, path + " is not a regular file");
    }
    MappedFile mapped;
    mapped.m_size = static_cast<uint64_t>(st.st_size);
    if (mapped.m_size == 0) {
        ::close(fd);
        return mapped;
    }
    void *addr = ::mmap(nullptr, mapped.m_size, PROT_READ, MAP_SHARED, fd, 0);
    const int err = errno;
    ::close(fd); // the mapping keeps the file alive
    if (addr == MAP_FAILED) {
        mapped.m_size = 0;
        return fail(ErrorCode::IoError, "cannot map " + path + ": " + std::strerror(err));
    }
    mapped.m_data = static_cast<const uint8_t *>(addr);
    return mapped;
}

void MappedFile::release()
{
    if (m_data != nullptr)
        ::munmap(const_cast<uint8_t *>(m_data), m_size);
    m_data = nullptr;
    m_size = 0;
}

void releaseMappedPages(const void *p, size_t n)
{
    // A shared read-only file mapping: dropping the pages loses nothing, the page cache or the file has them.
    const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<uintptr_t>(p) + page - 1) / page * page;
    const auto end = (reinterpret_cast<uintptr_t>(p) + n) / page * page;
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED);
}

#endif

} // namespace atrium
