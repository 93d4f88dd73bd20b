// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "gguf/gguf_file.h"

#include <limits>

#include "gguf/gguf_parser.h"
#include "gguf/mapped_file.h"

namespace atrium
{

struct GgufFile::Impl {
    std::string path;
    MappedFile mapping; // the file, when opened from disk
    std::vector<uint8_t> ownedBytes; // a private copy, when built from memory
    uint64_t size = 0;
    GgufLayout layout;
    std::unordered_map<std::string_view, size_t> keyIndex; // views into layout.metadata keys
    std::unordered_map<std::string_view, size_t> tensorIndex; // views into layout.tensors names

    Expected<void> load(const uint8_t *data, uint64_t bytes)
    {
        size = bytes;
        ATRIUM_TRY(layout, parseGguf(data, bytes));
        keyIndex.reserve(layout.metadata.size());
        for (size_t i = 0; i < layout.metadata.size(); ++i)
            keyIndex.emplace(layout.metadata[i].first, i);
        tensorIndex.reserve(layout.tensors.size());
        for (size_t i = 0; i < layout.tensors.size(); ++i)
            tensorIndex.emplace(layout.tensors[i].name, i);
        return {};
    }
};

GgufFile::GgufFile()
    : m_impl(std::make_unique<Impl>())
{
}

GgufFile::GgufFile(GgufFile &&) noexcept = default;
GgufFile &GgufFile::operator=(GgufFile &&) noexcept = default;
GgufFile::~GgufFile() = default;

Expected<GgufFile> GgufFile::open(const std::string &path)
{
    ATRIUM_TRY(MappedFile mapping, MappedFile::open(path));
    GgufFile file;
    file.m_impl->path = path;
    file.m_impl->mapping = std::move(mapping);
    const MappedFile &m = file.m_impl->mapping;
    if (auto loaded = file.m_impl->load(m.data(), m.size()); !loaded)
        return fail(ErrorCode::InvalidGguf, path + ": " + loaded.error().message);
    for (GgufTensor &t : file.m_impl->layout.tensors)
        t.fileMapped = true;
    return file;
}

Expected<GgufFile> GgufFile::fromBytes(std::span<const uint8_t> bytes)
{
    GgufFile file;
    file.m_impl->ownedBytes.assign(bytes.begin(), bytes.end());
    const std::vector<uint8_t> &owned = file.m_impl->ownedBytes;
    ATRIUM_TRY_VOID(file.m_impl->load(owned.data(), owned.size()));
    return file;
}

uint32_t GgufFile::version() const
{
    return m_impl->layout.version;
}

uint32_t GgufFile::alignment() const
{
    return m_impl->layout.alignment;
}

uint64_t GgufFile::fileSize() const
{
    return m_impl->size;
}

const std::string &GgufFile::path() const
{
    return m_impl->path;
}

const std::vector<std::pair<std::string, GgufValue>> &GgufFile::metadata() const
{
    return m_impl->layout.metadata;
}

const GgufValue *GgufFile::find(std::string_view key) const
{
    const auto it = m_impl->keyIndex.find(key);
    return it == m_impl->keyIndex.end() ? nullptr : &m_impl->layout.metadata[it->second].second;
}

std::optional<std::string_view> GgufFile::getString(std::string_view key) const
{
    const GgufValue *v = find(key);
    if (v == nullptr || v->type != GgufValueType::String)
        return std::nullopt;
    return std::string_view(std::get<std::string>(v->data));
}

std::optional<uint64_t> GgufFile::getUint(std::string_view key) const
{
    const GgufValue *v = find(key);
    if (v == nullptr)
        return std::nullopt;
    if (const auto *u = std::get_if<uint64_t>(&v->data))
        return *u;
    if (const auto *i = std::get_if<int64_t>(&v->data); i != nullptr && *i >= 0)
        return static_cast<uint64_t>(*i);
    return std::nullopt;
}

std::optional<int64_t> GgufFile::getInt(std::string_view key) const
{
    const GgufValue *v = find(key);
    if (v == nullptr)
        return std::nullopt;
    if (const auto *i = std::get_if<int64_t>(&v->data))
        return *i;
    if (const auto *u = std::get_if<uint64_t>(&v->data);
        u != nullptr && *u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return static_cast<int64_t>(*u);
    return std::nullopt;
}

std::optional<double> GgufFile::getFloat(std::string_view key) const
{
    const GgufValue *v = find(key);
    if (v == nullptr)
        return std::nullopt;
    if (const auto *d = std::get_if<double>(&v->data))
        return *d;
    if (const auto *u = std::get_if<uint64_t>(&v->data))
        return static_cast<double>(*u);
    if (const auto *i = std::get_if<int64_t>(&v->data))
        return static_cast<double>(*i);
    return std::nullopt;
}

std::optional<bool> GgufFile::getBool(std::string_view key) const
{
    const GgufValue *v = find(key);
    if (v == nullptr)
        return std::nullopt;
    if (const auto *b = std::get_if<bool>(&v->data))
        return *b;
    return std::nullopt;
}

const GgufArray *GgufFile::getArray(std::string_view key) const
{
    const GgufValue *v = find(key);
    return v == nullptr ? nullptr : std::get_if<GgufArray>(&v->data);
}

const std::vector<GgufTensor> &GgufFile::tensors() const
{
    return m_impl->layout.tensors;
}

const GgufTensor *GgufFile::findTensor(std::string_view name) const
{
    const auto it = m_impl->tensorIndex.find(name);
    return it == m_impl->tensorIndex.end() ? nullptr : &m_impl->layout.tensors[it->second];
}

} // namespace atrium
