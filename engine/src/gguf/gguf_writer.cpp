// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "gguf/gguf_file.h"

namespace atrium
{

namespace
{

constexpr uint64_t kChunkBytes = uint64_t(8) << 20; // producer chunk size while streaming

class ByteSink
{
public:
    explicit ByteSink(std::vector<uint8_t> &out)
        : m_out(out)
    {
    }
    template <typename T>
    void put(T v)
    {
        uint8_t raw[sizeof(T)];
        std::memcpy(raw, &v, sizeof(T)); // NOTE: little-endian host, like the format
        m_out.insert(m_out.end(), raw, raw + sizeof(T));
    }
    void putString(const std::string &s)
    {
        put<uint64_t>(s.size());
        m_out.insert(m_out.end(), s.begin(), s.end());
    }
    void pad(uint64_t alignment)
    {
        m_out.resize(m_out.size() + (alignment - m_out.size() % alignment) % alignment, 0);
    }

private:
    std::vector<uint8_t> &m_out;
};

uint64_t asUnsigned(const GgufValue &v)
{
    if (const auto *u = std::get_if<uint64_t>(&v.data))
        return *u;
    if (const auto *i = std::get_if<int64_t>(&v.data))
        return static_cast<uint64_t>(*i);
    if (const auto *d = std::get_if<double>(&v.data))
        return static_cast<uint64_t>(*d);
    if (const auto *b = std::get_if<bool>(&v.data))
        return *b ? 1 : 0;
    return 0;
}

double asDouble(const GgufValue &v)
{
    if (const auto *d = std::get_if<double>(&v.data))
        return *d;
    if (const auto *i = std::get_if<int64_t>(&v.data))
        return static_cast<double>(*i);
    return static_cast<double>(asUnsigned(v));
}

void putValue(ByteSink &sink, GgufValueType type, const GgufValue &v)
{
    switch (type) {
    case GgufValueType::U8:
    case GgufValueType::I8:
        return sink.put<uint8_t>(static_cast<uint8_t>(asUnsigned(v)));
    case GgufValueType::Bool:
        return sink.put<uint8_t>(asUnsigned(v) != 0 ? 1 : 0);
    case GgufValueType::U16:
    case GgufValueType::I16:
        return sink.put<uint16_t>(static_cast<uint16_t>(asUnsigned(v)));
    case GgufValueType::U32:
    case GgufValueType::I32:
        return sink.put<uint32_t>(static_cast<uint32_t>(asUnsigned(v)));
    case GgufValueType::U64:
    case GgufValueType::I64:
        return sink.put<uint64_t>(asUnsigned(v));
    case GgufValueType::F32:
        return sink.put<float>(static_cast<float>(asDouble(v)));
    case GgufValueType::F64:
        return sink.put<double>(asDouble(v));
    case GgufValueType::String: {
        const auto *s = std::get_if<std::string>(&v.data);
        return sink.putString(s != nullptr ? *s : std::string());
    }
    case GgufValueType::Array: {
        const auto *a = std::get_if<GgufArray>(&v.data);
        const GgufArray empty;
        const GgufArray &array = a != nullptr ? *a : empty;
        sink.put<uint32_t>(static_cast<uint32_t>(array.elementType));
        sink.put<uint64_t>(array.items.size());
        for (const GgufValue &item : array.items)
            putValue(sink, array.elementType, item);
        return;
    }
    }
}

GgufValue makeValue(GgufValueType type, std::variant<uint64_t, int64_t, double, bool, std::string, GgufArray> data)
{
    GgufValue v;
    v.type = type;
    v.data = std::move(data);
    return v;
}

uint64_t tensorBytes(TensorType type, const std::vector<uint64_t> &ne)
{
    uint64_t rows = 1;
    for (size_t i = 1; i < ne.size(); ++i)
        rows *= ne[i];
    return ne.empty() ? rowBytes(type, 1) : rows * rowBytes(type, ne[0]);
}

} // namespace

GgufWriter::GgufWriter(uint32_t alignment)
    : m_alignment(alignment)
{
    ATRIUM_ASSERT(alignment != 0 && (alignment & (alignment - 1)) == 0, "GgufWriter: alignment must be a power of 2");
    if (alignment != 32)
        setUint32("general.alignment", alignment);
}

void GgufWriter::setValue(std::string key, GgufValue value)
{
    for (auto &entry : m_metadata) {
        if (entry.first == key) {
            entry.second = std::move(value);
            return;
        }
    }
    m_metadata.emplace_back(std::move(key), std::move(value));
}

void GgufWriter::setString(std::string key, std::string value)
{
    setValue(std::move(key), makeValue(GgufValueType::String, std::move(value)));
}

void GgufWriter::setUint32(std::string key, uint32_t value)
{
    setValue(std::move(key), makeValue(GgufValueType::U32, uint64_t(value)));
}

void GgufWriter::setInt32(std::string key, int32_t value)
{
    setValue(std::move(key), makeValue(GgufValueType::I32, int64_t(value)));
}

void GgufWriter::setFloat32(std::string key, float value)
{
    setValue(std::move(key), makeValue(GgufValueType::F32, double(value)));
}

void GgufWriter::setBool(std::string key, bool value)
{
    setValue(std::move(key), makeValue(GgufValueType::Bool, value));
}

void GgufWriter::setStringArray(std::string key, std::vector<std::string> values)
{
    GgufArray array {GgufValueType::String, {}};
    array.items.reserve(values.size());
    for (std::string &s : values)
        array.items.push_back(makeValue(GgufValueType::String, std::move(s)));
    setValue(std::move(key), makeValue(GgufValueType::Array, std::move(array)));
}

void GgufWriter::setFloat32Array(std::string key, std::vector<float> values)
{
    GgufArray array {GgufValueType::F32, {}};
    array.items.reserve(values.size());
    for (float f : values)
        array.items.push_back(makeValue(GgufValueType::F32, double(f)));
    setValue(std::move(key), makeValue(GgufValueType::Array, std::move(array)));
}

void GgufWriter::setInt32Array(std::string key, std::vector<int32_t> values)
{
    GgufArray array {GgufValueType::I32, {}};
    array.items.reserve(values.size());
    for (int32_t i : values)
        array.items.push_back(makeValue(GgufValueType::I32, int64_t(i)));
    setValue(std::move(key), makeValue(GgufValueType::Array, std::move(array)));
}

void GgufWriter::addTensor(std::string name, TensorType type, std::vector<uint64_t> ne, std::vector<uint8_t> bytes)
{
    ATRIUM_ASSERT(!ne.empty() && ne.size() <= 4, "GgufWriter::addTensor: 1 to 4 dimensions");
    ATRIUM_ASSERT(bytes.size() == tensorBytes(type, ne), "GgufWriter::addTensor: byte size does not match shape");
    m_tensors.push_back(PendingTensor {std::move(name), type, std::move(ne), std::move(bytes), {}});
}

void GgufWriter::addTensorProducer(std::string name, TensorType type, std::vector<uint64_t> ne, RowProducer producer)
{
    ATRIUM_ASSERT(!ne.empty() && ne.size() <= 4, "GgufWriter::addTensorProducer: 1 to 4 dimensions");
    ATRIUM_ASSERT(ne[0] % tensorTypeInfo(type).blockElements == 0, "GgufWriter: row is not whole blocks");
    m_tensors.push_back(PendingTensor {std::move(name), type, std::move(ne), {}, std::move(producer)});
}

Expected<void> GgufWriter::addTensorFromFloats(
    std::string name, TensorType type, std::vector<uint64_t> ne, std::span<const float> values)
{
    if (ne.empty() || ne.size() > 4)
        return fail(ErrorCode::InvalidArgument, "tensor '" + name + "' needs 1 to 4 dimensions");
    uint64_t elements = 1;
    for (uint64_t n : ne)
        elements *= n;
    if (elements != values.size())
        return fail(ErrorCode::InvalidArgument,
            "tensor '" + name + "' has " + std::to_string(values.size()) + " values for a shape of "
                + std::to_string(elements) + " elements");
    const TensorTypeInfo info = tensorTypeInfo(type);
    if (ne[0] % info.blockElements != 0)
        return fail(ErrorCode::InvalidArgument,
            "tensor '" + name + "' has rows of " + std::to_string(ne[0]) + " elements, not a multiple of the "
                + std::string(info.name) + " block size");
    const size_t rowSize = rowBytes(type, ne[0]);
    const uint64_t rows = ne[0] == 0 ? 0 : elements / ne[0];
    std::vector<uint8_t> bytes(rowSize * rows);
    for (uint64_t r = 0; r < rows; ++r) {
        if (!quantizeRow(type, values.data() + r * ne[0], bytes.data() + r * rowSize, ne[0]))
            return fail(ErrorCode::UnsupportedQuantization,
                "cannot quantize tensor '" + name + "' to " + std::string(info.name));
    }
    addTensor(std::move(name), type, std::move(ne), std::move(bytes));
    return {};
}

std::vector<uint8_t> GgufWriter::headerBytes() const
{
    std::vector<uint8_t> out;
    ByteSink sink(out);
    sink.put<uint32_t>(0x46554747u);
    sink.put<uint32_t>(3);
    sink.put<uint64_t>(m_tensors.size());
    sink.put<uint64_t>(m_metadata.size());
    for (const auto &[key, value] : m_metadata) {
        sink.putString(key);
        sink.put<uint32_t>(static_cast<uint32_t>(value.type));
        putValue(sink, value.type, value);
    }
    uint64_t offset = 0;
    for (const PendingTensor &t : m_tensors) {
        sink.putString(t.name);
        sink.put<uint32_t>(static_cast<uint32_t>(t.ne.size()));
        for (uint64_t n : t.ne)
            sink.put<uint64_t>(n);
        sink.put<uint32_t>(static_cast<uint32_t>(t.type));
        sink.put<uint64_t>(offset);
        const uint64_t bytes = tensorBytes(t.type, t.ne);
        offset += bytes + (m_alignment - bytes % m_alignment) % m_alignment;
    }
    sink.pad(m_alignment);
    return out;
}

std::vector<uint8_t> GgufWriter::toBytes() const
{
    std::vector<uint8_t> out = headerBytes();
    ByteSink sink(out);
    for (const PendingTensor &t : m_tensors) {
        if (t.producer) {
            const uint64_t rows = tensorBytes(t.type, t.ne) / rowBytes(t.type, t.ne[0]);
            const size_t start = out.size();
            out.resize(start + tensorBytes(t.type, t.ne));
            t.producer(0, rows, out.data() + start);
        } else {
            out.insert(out.end(), t.bytes.begin(), t.bytes.end());
        }
        sink.pad(m_alignment);
    }
    return out;
}

Expected<void> GgufWriter::writeFile(const std::string &path) const
{
    std::unique_ptr<FILE, int (*)(FILE *)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
    if (!file)
        return fail(ErrorCode::IoError, "cannot create " + path + ": " + std::strerror(errno));
    const auto write = [&](const uint8_t *data, uint64_t n) {
        return n == 0 || std::fwrite(data, 1, n, file.get()) == n;
    };
    const std::vector<uint8_t> header = headerBytes();
    bool ok = write(header.data(), header.size());
    const std::vector<uint8_t> zeros(m_alignment, 0);
    std::vector<uint8_t> chunk;
    for (const PendingTensor &t : m_tensors) {
        if (!ok)
            break;
        const uint64_t bytes = tensorBytes(t.type, t.ne);
        if (t.producer) {
            const uint64_t rowSize = rowBytes(t.type, t.ne[0]);
            const uint64_t rows = rowSize == 0 ? 0 : bytes / rowSize;
            const uint64_t rowsPerChunk = std::max<uint64_t>(1, rowSize == 0 ? 1 : kChunkBytes / rowSize);
            for (uint64_t r = 0; r < rows && ok; r += rowsPerChunk) {
                const uint64_t n = std::min(rowsPerChunk, rows - r);
                chunk.resize(n * rowSize);
                t.producer(r, n, chunk.data());
                ok = write(chunk.data(), chunk.size());
            }
        } else {
            ok = write(t.bytes.data(), t.bytes.size());
        }
        ok = ok && write(zeros.data(), (m_alignment - bytes % m_alignment) % m_alignment);
    }
    ok = ok && std::fflush(file.get()) == 0;
    if (!ok)
        return fail(ErrorCode::IoError, "cannot write " + path + ": " + std::strerror(errno));
    if (std::fclose(file.release()) != 0)
        return fail(ErrorCode::IoError, "cannot write " + path + ": " + std::strerror(errno));
    return {};
}

} // namespace atrium
