// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "gguf/gguf_parser.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <unordered_set>

// A validating GGUF reader. Every read is bounds-checked against the image; every count is checked against the
// bytes left before anything is allocated, so a hostile file cannot make us read outside it or allocate without bound.

namespace atrium
{

namespace
{

constexpr uint64_t kMaxStringBytes = uint64_t(1) << 30; // ggml's cap
constexpr uint64_t kMaxNameBytes = 63; // GGML_MAX_NAME (64) including the NUL
constexpr uint32_t kMaxDims = 4;
constexpr int kMaxArrayDepth = 8;
// Metadata values held in memory (array elements included). Real files hold ~1M (262k-token vocabularies with
// scores and types); the cap stops a crafted file from making us allocate tens of GB.
constexpr uint64_t kMaxMetadataItems = uint64_t(1) << 24;

// Type ids ggml has removed; named so the error says why a file from an old converter is refused.
const char *removedTypeName(uint32_t id)
{
    switch (id) {
    case 4:
        return "Q4_2";
    case 5:
        return "Q4_3";
    case 31:
        return "Q4_0_4_4";
    case 32:
        return "Q4_0_4_8";
    case 33:
        return "Q4_0_8_8";
    case 36:
        return "IQ4_NL_4_4";
    case 37:
        return "IQ4_NL_4_8";
    case 38:
        return "IQ4_NL_8_8";
    default:
        return nullptr;
    }
}

// Smallest encoded size of one value of a type: bounds array counts before allocating.
uint64_t minValueBytes(uint32_t type)
{
    switch (static_cast<GgufValueType>(type)) {
    case GgufValueType::U8:
    case GgufValueType::I8:
    case GgufValueType::Bool:
        return 1;
    case GgufValueType::U16:
    case GgufValueType::I16:
        return 2;
    case GgufValueType::U32:
    case GgufValueType::I32:
    case GgufValueType::F32:
        return 4;
    case GgufValueType::String:
    case GgufValueType::U64:
    case GgufValueType::I64:
    case GgufValueType::F64:
        return 8;
    case GgufValueType::Array:
        return 12;
    }
    return 1;
}

bool knownValueType(uint32_t type)
{
    return type <= static_cast<uint32_t>(GgufValueType::F64);
}

Unexpected<Error> invalid(std::string message)
{
    return fail(ErrorCode::InvalidGguf, std::move(message));
}

class Reader
{
public:
    Reader(const uint8_t *data, uint64_t size)
        : m_data(data)
        , m_size(size)
    {
    }

    uint64_t pos() const
    {
        return m_pos;
    }
    uint64_t left() const
    {
        return m_size - m_pos;
    }
    uint64_t size() const
    {
        return m_size;
    }

    /// Error for a read of `n` bytes past the end, naming what was being read.
    Unexpected<Error> truncated(const std::string &what, uint64_t n) const
    {
        return invalid("file is truncated: " + what + " at offset " + std::to_string(m_pos) + " needs "
            + std::to_string(n) + " bytes, but only " + std::to_string(left()) + " of " + std::to_string(m_size)
            + " remain (incomplete download?)");
    }

    template <typename T>
    Expected<T> read(const std::string &what)
    {
        if (left() < sizeof(T))
            return truncated(what, sizeof(T));
        T v {};
        // NOTE: little-endian host assumed, like the format (big-endian hosts are not supported).
        std::memcpy(&v, m_data + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return v;
    }

    Expected<std::string> readString(const std::string &what)
    {
        ATRIUM_TRY(const uint64_t len, read<uint64_t>("length of " + what));
        if (len > kMaxStringBytes || len > left()) {
            return invalid("length of " + what + " at offset " + std::to_string(m_pos - 8) + " is "
                + std::to_string(len) + " bytes, but only " + std::to_string(left())
                + " bytes remain in the file (corrupt or truncated file?)");
        }
        std::string s(reinterpret_cast<const char *>(m_data + m_pos), static_cast<size_t>(len));
        m_pos += len;
        return s;
    }

private:
    const uint8_t *m_data;
    uint64_t m_size;
    uint64_t m_pos = 0;
};

class Parser
{
public:
    Parser(const uint8_t *data, uint64_t size)
        : m_data(data)
        , m_reader(data, size)
    {
    }

    Expected<GgufLayout> run();

private:
    Expected<void> readHeader(uint64_t &tensorCount, uint64_t &kvCount);
    Expected<void> readMetadata(uint64_t kvCount);
    Expected<GgufValue> readValue(uint32_t type, const std::string &key, const std::string &what, int depth);
    Expected<GgufValue> readArray(const std::string &key, int depth);
    Expected<void> readTensorInfos(uint64_t tensorCount);
    Expected<void> readAlignment();
    Expected<void> placeTensors();

    const uint8_t *m_data;
    Reader m_reader;
    GgufLayout m_out;
    uint64_t m_items = 0;
};

Expected<void> Parser::readHeader(uint64_t &tensorCount, uint64_t &kvCount)
{
    if (m_reader.size() < 4)
        return m_reader.truncated("the GGUF magic", 4);
    ATRIUM_TRY(const uint32_t magic, m_reader.read<uint32_t>("the GGUF magic"));
    if (magic != 0x46554747u) {
        std::string seen;
        for (int i = 0; i < 4; ++i) {
            const char c = static_cast<char>((magic >> (8 * i)) & 0xFF);
            static constexpr char kHex[] = "0123456789abcdef";
            const auto byte = static_cast<uint8_t>(c);
            seen +=
                (c >= 0x20 && c < 0x7F) ? std::string(1, c) : std::string {'\\', 'x', kHex[byte >> 4], kHex[byte & 15]};
        }
        return invalid("not a GGUF file: bad magic '" + seen + "' at offset 0 (expected 'GGUF')");
    }
    ATRIUM_TRY(const uint32_t version, m_reader.read<uint32_t>("the GGUF version"));
    if (version == 1)
        return invalid("GGUF version 1 is not supported (expected version 2 or 3; re-convert the model)");
    if (version != 2 && version != 3) {
        if ((version & 0xFFFF) == 0)
            return invalid("GGUF version " + std::to_string(version)
                + " looks byte-swapped: big-endian GGUF files are not supported (expected version 2 or 3)");
        return invalid("unsupported GGUF version " + std::to_string(version) + " (expected 2 or 3)");
    }
    m_out.version = version;
    ATRIUM_TRY(tensorCount, m_reader.read<uint64_t>("the tensor count"));
    ATRIUM_TRY(kvCount, m_reader.read<uint64_t>("the metadata count"));
    // A tensor info takes at least 8 (name length) + 1 + 4 (n_dims) + 4 (type) + 8 (offset) bytes; a metadata entry
    // at least 8 (key length) + 1 + 4 (type) + 1 bytes.
    if (tensorCount > m_reader.left() / 25)
        return invalid("tensor count " + std::to_string(tensorCount) + " is impossible for a file of "
            + std::to_string(m_reader.size()) + " bytes (corrupt header)");
    if (kvCount > m_reader.left() / 14)
        return invalid("metadata count " + std::to_string(kvCount) + " is impossible for a file of "
            + std::to_string(m_reader.size()) + " bytes (corrupt header)");
    return {};
}

Expected<GgufValue> Parser::readArray(const std::string &key, int depth)
{
    const uint64_t at = m_reader.pos();
    ATRIUM_TRY(const uint32_t elementType, m_reader.read<uint32_t>("array element type of '" + key + "'"));
    if (!knownValueType(elementType))
        return invalid("metadata '" + key + "' is an array of unknown value type " + std::to_string(elementType)
            + " at offset " + std::to_string(at));
    ATRIUM_TRY(const uint64_t count, m_reader.read<uint64_t>("array length of '" + key + "'"));
    if (count > m_reader.left() / minValueBytes(elementType))
        return invalid("metadata '" + key + "' is an array of " + std::to_string(count) + " elements at offset "
            + std::to_string(at) + " that cannot fit in the " + std::to_string(m_reader.left())
            + " bytes that remain in the file (truncated or corrupt file?)");
    m_items += count;
    if (m_items > kMaxMetadataItems)
        return invalid("metadata '" + key + "' brings the metadata to more than " + std::to_string(kMaxMetadataItems)
            + " values (corrupt file?)");
    GgufArray array;
    array.elementType = static_cast<GgufValueType>(elementType);
    array.items.reserve(static_cast<size_t>(count));
    const std::string what = "array element of '" + key + "'";
    for (uint64_t i = 0; i < count; ++i) {
        ATRIUM_TRY(GgufValue item, readValue(elementType, key, what, depth + 1));
        array.items.push_back(std::move(item));
    }
    GgufValue v;
    v.type = GgufValueType::Array;
    v.data = std::move(array);
    return v;
}

Expected<GgufValue> Parser::readValue(uint32_t type, const std::string &key, const std::string &what, int depth)
{
    GgufValue v;
    v.type = static_cast<GgufValueType>(type);
    switch (v.type) {
    case GgufValueType::U8: {
        ATRIUM_TRY(const uint8_t x, m_reader.read<uint8_t>(what));
        v.data = uint64_t(x);
        return v;
    }
    case GgufValueType::I8: {
        ATRIUM_TRY(const int8_t x, m_reader.read<int8_t>(what));
        v.data = int64_t(x);
        return v;
    }
    case GgufValueType::U16: {
        ATRIUM_TRY(const uint16_t x, m_reader.read<uint16_t>(what));
        v.data = uint64_t(x);
        return v;
    }
    case GgufValueType::I16: {
        ATRIUM_TRY(const int16_t x, m_reader.read<int16_t>(what));
        v.data = int64_t(x);
        return v;
    }
    case GgufValueType::U32: {
        ATRIUM_TRY(const uint32_t x, m_reader.read<uint32_t>(what));
        v.data = uint64_t(x);
        return v;
    }
    case GgufValueType::I32: {
        ATRIUM_TRY(const int32_t x, m_reader.read<int32_t>(what));
        v.data = int64_t(x);
        return v;
    }
    case GgufValueType::U64: {
        ATRIUM_TRY(const uint64_t x, m_reader.read<uint64_t>(what));
        v.data = x;
        return v;
    }
    case GgufValueType::I64: {
        ATRIUM_TRY(const int64_t x, m_reader.read<int64_t>(what));
        v.data = x;
        return v;
    }
    case GgufValueType::F32: {
        ATRIUM_TRY(const float x, m_reader.read<float>(what));
        v.data = double(x);
        return v;
    }
    case GgufValueType::F64: {
        ATRIUM_TRY(const double x, m_reader.read<double>(what));
        v.data = x;
        return v;
    }
    case GgufValueType::Bool: {
        ATRIUM_TRY(const uint8_t x, m_reader.read<uint8_t>(what));
        if (x > 1)
            return invalid("metadata '" + key + "' holds the bool value " + std::to_string(x) + " at offset "
                + std::to_string(m_reader.pos() - 1) + " (expected 0 or 1)");
        v.data = x == 1;
        return v;
    }
    case GgufValueType::String: {
        ATRIUM_TRY(std::string s, m_reader.readString(what));
        v.data = std::move(s);
        return v;
    }
    case GgufValueType::Array:
        if (depth >= kMaxArrayDepth)
            return invalid("metadata '" + key + "' nests arrays more than " + std::to_string(kMaxArrayDepth)
                + " deep at offset " + std::to_string(m_reader.pos()));
        return readArray(key, depth);
    }
    return invalid("metadata '" + key + "' has unknown value type " + std::to_string(type) + " at offset "
        + std::to_string(m_reader.pos() - 4));
}

Expected<void> Parser::readMetadata(uint64_t kvCount)
{
    std::unordered_set<std::string> keys;
    m_out.metadata.reserve(static_cast<size_t>(kvCount));
    for (uint64_t i = 0; i < kvCount; ++i) {
        const uint64_t at = m_reader.pos();
        ATRIUM_TRY(std::string key, m_reader.readString("key of metadata entry " + std::to_string(i)));
        if (key.empty())
            return invalid(
                "metadata entry " + std::to_string(i) + " at offset " + std::to_string(at) + " has an empty key");
        if (!keys.insert(key).second)
            return invalid("duplicate metadata key '" + key + "' at offset " + std::to_string(at));
        ATRIUM_TRY(const uint32_t type, m_reader.read<uint32_t>("value type of '" + key + "'"));
        if (!knownValueType(type))
            return invalid("metadata '" + key + "' has unknown value type " + std::to_string(type) + " at offset "
                + std::to_string(m_reader.pos() - 4) + " (expected 0..12)");
        ++m_items;
        ATRIUM_TRY(GgufValue value, readValue(type, key, "value of '" + key + "'", 0));
        m_out.metadata.emplace_back(std::move(key), std::move(value));
    }
    return {};
}

Expected<void> Parser::readAlignment()
{
    for (const auto &[key, value] : m_out.metadata) {
        if (key != "general.alignment")
            continue;
        if (value.type != GgufValueType::U32)
            return invalid("general.alignment must be a u32 (found value type "
                + std::to_string(static_cast<uint32_t>(value.type)) + ")");
        const uint64_t a = std::get<uint64_t>(value.data);
        if (a == 0 || (a & (a - 1)) != 0)
            return invalid("general.alignment is " + std::to_string(a) + " (expected a power of two)");
        m_out.alignment = static_cast<uint32_t>(a);
    }
    return {};
}

Expected<void> Parser::readTensorInfos(uint64_t tensorCount)
{
    std::unordered_set<std::string> names;
    m_out.tensors.reserve(static_cast<size_t>(tensorCount));
    for (uint64_t i = 0; i < tensorCount; ++i) {
        const uint64_t at = m_reader.pos();
        GgufTensor t;
        ATRIUM_TRY(t.name, m_reader.readString("name of tensor " + std::to_string(i)));
        const std::string label = "tensor '" + t.name + "'";
        if (t.name.empty())
            return invalid("tensor " + std::to_string(i) + " at offset " + std::to_string(at) + " has an empty name");
        if (t.name.size() > kMaxNameBytes)
            return invalid("tensor " + std::to_string(i) + " at offset " + std::to_string(at) + " has a name of "
                + std::to_string(t.name.size()) + " bytes (the limit is " + std::to_string(kMaxNameBytes) + ")");
        if (!names.insert(t.name).second)
            return invalid("duplicate tensor name '" + t.name + "' at offset " + std::to_string(at));
        ATRIUM_TRY(t.nDims, m_reader.read<uint32_t>("n_dims of " + label));
        if (t.nDims > kMaxDims)
            return invalid(label + " has " + std::to_string(t.nDims) + " dimensions (at most "
                + std::to_string(kMaxDims) + " are allowed)");
        for (uint32_t d = 0; d < t.nDims; ++d) {
            ATRIUM_TRY(t.ne[d], m_reader.read<uint64_t>("dimension " + std::to_string(d) + " of " + label));
            if (t.ne[d] > uint64_t(std::numeric_limits<int64_t>::max()))
                return invalid(label + " has a negative dimension " + std::to_string(d));
        }
        ATRIUM_TRY(const uint32_t rawType, m_reader.read<uint32_t>("type of " + label));
        const std::optional<TensorTypeInfo> info = tensorTypeInfo(rawType);
        if (!info) {
            if (const char *removed = removedTypeName(rawType))
                return invalid(label + " has type id " + std::to_string(rawType) + " (" + removed
                    + "), which ggml has removed; re-convert the model with a current converter");
            return invalid(
                label + " has unknown type id " + std::to_string(rawType) + " (a newer quantization format?)");
        }
        t.type = info->type;
        ATRIUM_TRY(t.offset, m_reader.read<uint64_t>("data offset of " + label));

        // Element count and byte size, without overflow (int64, like ggml).
        constexpr uint64_t kLimit = uint64_t(std::numeric_limits<int64_t>::max());
        uint64_t elements = 1;
        for (uint32_t d = 0; d < kMaxDims; ++d) {
            if (t.ne[d] != 0 && elements > kLimit / t.ne[d])
                return invalid(label + " has too many elements (the shape overflows 64 bits)");
            elements *= t.ne[d];
        }
        if (t.ne[0] % info->blockElements != 0)
            return invalid(label + " has rows of " + std::to_string(t.ne[0]) + " elements, not a multiple of the "
                + std::string(info->name) + " block size " + std::to_string(info->blockElements));
        const uint64_t blocks = elements / info->blockElements;
        if (blocks != 0 && info->blockBytes > kLimit / blocks)
            return invalid(label + " is too large (its byte size overflows 64 bits)");
        t.nbytes = blocks * info->blockBytes;
        m_out.tensors.push_back(std::move(t));
    }
    return {};
}

Expected<void> Parser::placeTensors()
{
    const uint64_t end = m_reader.pos();
    const uint64_t align = m_out.alignment;
    const uint64_t fileSize = m_reader.size();
    // The data section starts at the next multiple of the alignment; a file without tensors may end before it.
    const uint64_t dataStart = end + (align - end % align) % align;
    const uint64_t dataSize = dataStart <= fileSize ? fileSize - dataStart : 0;
    m_out.dataOffset = dataStart;
    for (GgufTensor &t : m_out.tensors) {
        if (t.offset % align != 0)
            return invalid("tensor '" + t.name + "' has data offset " + std::to_string(t.offset)
                + ", not a multiple of the alignment " + std::to_string(align));
        if (t.offset > dataSize || t.nbytes > dataSize - t.offset) {
            const uint64_t absolute = t.offset <= std::numeric_limits<uint64_t>::max() - dataStart
                ? dataStart + t.offset
                : std::numeric_limits<uint64_t>::max();
            return invalid("tensor '" + t.name + "' extends past end of file (needs " + std::to_string(t.nbytes)
                + " bytes at offset " + std::to_string(absolute) + ", file has " + std::to_string(fileSize)
                + "; truncated download?)");
        }
        t.offset += dataStart;
        t.data = m_data + t.offset;
    }
    std::vector<size_t> order(m_out.tensors.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [this](size_t a, size_t b) {
        return m_out.tensors[a].offset < m_out.tensors[b].offset;
    });
    const GgufTensor *previous = nullptr;
    for (size_t index : order) {
        const GgufTensor &t = m_out.tensors[index];
        if (t.nbytes == 0)
            continue;
        if (previous != nullptr && previous->offset + previous->nbytes > t.offset)
            return invalid("tensors '" + previous->name + "' (bytes " + std::to_string(previous->offset) + ".."
                + std::to_string(previous->offset + previous->nbytes) + ") and '" + t.name + "' (from offset "
                + std::to_string(t.offset) + ") overlap");
        previous = &t;
    }
    return {};
}

Expected<GgufLayout> Parser::run()
{
    uint64_t tensorCount = 0;
    uint64_t kvCount = 0;
    ATRIUM_TRY_VOID(readHeader(tensorCount, kvCount));
    ATRIUM_TRY_VOID(readMetadata(kvCount));
    ATRIUM_TRY_VOID(readAlignment());
    ATRIUM_TRY_VOID(readTensorInfos(tensorCount));
    ATRIUM_TRY_VOID(placeTensors());
    return std::move(m_out);
}

} // namespace

Expected<GgufLayout> parseGguf(const uint8_t *data, uint64_t size)
{
    Parser parser(data, size);
    return parser.run();
}

} // namespace atrium
