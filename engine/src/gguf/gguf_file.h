// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "atrium/expected.h"
#include "gguf/tensor_type.h"

namespace atrium
{

// NOTE: values serialized to disk (GGUF), do not change or reuse.
enum class GgufValueType : uint32_t {
    U8 = 0,
    I8 = 1,
    U16 = 2,
    I16 = 3,
    U32 = 4,
    I32 = 5,
    F32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    U64 = 10,
    I64 = 11,
    F64 = 12,
};

struct GgufValue;
/// A metadata array; elements share one type (arrays of arrays are allowed).
struct GgufArray {
    GgufValueType elementType = GgufValueType::U8;
    std::vector<GgufValue> items;
};

/// One metadata value: integers are widened to 64 bits, floats to double; `type` keeps the stored type.
struct GgufValue {
    GgufValueType type = GgufValueType::U8;
    std::variant<uint64_t, int64_t, double, bool, std::string, GgufArray> data;
};

/// One tensor of the file. `data` points into the mapping and stays valid while the GgufFile lives.
struct GgufTensor {
    std::string name;
    TensorType type = TensorType::F32;
    uint32_t nDims = 0;
    std::array<uint64_t, 4> ne {1, 1, 1, 1}; // ne[0] is the innermost (contiguous) dimension
    uint64_t offset = 0; // absolute offset in the file
    uint64_t nbytes = 0;
    const uint8_t *data = nullptr;
    bool fileMapped = false; ///< data points into a read-only file mapping (GgufFile::open), not owned bytes

    uint64_t elements() const
    {
        return ne[0] * ne[1] * ne[2] * ne[3];
    }
    uint64_t rows() const
    {
        return ne[1] * ne[2] * ne[3];
    }
};

/// A validated, memory-mapped GGUF v2/v3 file. Everything is checked before use (engine-notes §1.1); a malformed
/// file gives an InvalidGguf error naming the problem, never a crash or an out-of-bounds read.
class GgufFile
{
public:
    /// Maps and validates a file.
    static Expected<GgufFile> open(const std::string &path);
    /// Validates bytes already in memory (the fuzzer's entry). The bytes are copied.
    static Expected<GgufFile> fromBytes(std::span<const uint8_t> bytes);

    GgufFile(GgufFile &&) noexcept;
    GgufFile &operator=(GgufFile &&) noexcept;
    ~GgufFile();

    uint32_t version() const;
    uint32_t alignment() const;
    uint64_t fileSize() const;
    const std::string &path() const;

    /// Metadata in file order.
    const std::vector<std::pair<std::string, GgufValue>> &metadata() const;
    const GgufValue *find(std::string_view key) const;

    /// Typed accessors: nullopt when the key is absent or holds another kind of value.
    /// Integer accessors accept any integer type whose value fits.
    std::optional<std::string_view> getString(std::string_view key) const;
    std::optional<uint64_t> getUint(std::string_view key) const;
    std::optional<int64_t> getInt(std::string_view key) const;
    std::optional<double> getFloat(std::string_view key) const; // any float or integer type
    std::optional<bool> getBool(std::string_view key) const;
    const GgufArray *getArray(std::string_view key) const;

    const std::vector<GgufTensor> &tensors() const;
    const GgufTensor *findTensor(std::string_view name) const;

private:
    GgufFile();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Builds a GGUF v3 file in memory or on disk: metadata plus tensors. Used by tests, benchmarks and the
/// random-model writer. Tensors are written in the order added, each aligned to `alignment`.
class GgufWriter
{
public:
    explicit GgufWriter(uint32_t alignment = 32);
    void setString(std::string key, std::string value);
    void setUint32(std::string key, uint32_t value);
    void setInt32(std::string key, int32_t value);
    void setFloat32(std::string key, float value);
    void setBool(std::string key, bool value);
    void setStringArray(std::string key, std::vector<std::string> values);
    void setFloat32Array(std::string key, std::vector<float> values);
    void setInt32Array(std::string key, std::vector<int32_t> values);
    void setValue(std::string key, GgufValue value);
    /// Adds a tensor whose bytes are already encoded in `type` (ne[0] innermost).
    void addTensor(std::string name, TensorType type, std::vector<uint64_t> ne, std::vector<uint8_t> bytes);
    /// Quantizes f32 data into `type` row by row and adds it.
    Expected<void> addTensorFromFloats(
        std::string name, TensorType type, std::vector<uint64_t> ne, std::span<const float> values);

    /// Fills `dst` with the encoded bytes of rows [firstRow, firstRow + rowCount) of a tensor.
    using RowProducer = std::function<void(uint64_t firstRow, uint64_t rowCount, uint8_t *dst)>;
    /// Adds a tensor whose bytes are produced while the file is written, a few MiB at a time, so models larger
    /// than memory can be written. Only writeFile() calls the producer; toBytes() does too, for small tensors.
    void addTensorProducer(std::string name, TensorType type, std::vector<uint64_t> ne, RowProducer producer);

    std::vector<uint8_t> toBytes() const;
    Expected<void> writeFile(const std::string &path) const;

private:
    struct PendingTensor {
        std::string name;
        TensorType type;
        std::vector<uint64_t> ne;
        std::vector<uint8_t> bytes;
        RowProducer producer; // set instead of bytes for streamed tensors
    };
    std::vector<uint8_t> headerBytes() const;
    uint32_t m_alignment;
    std::vector<std::pair<std::string, GgufValue>> m_metadata;
    std::vector<PendingTensor> m_tensors;
};

} // namespace atrium
