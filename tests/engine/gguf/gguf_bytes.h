// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

/// Hand-assembles GGUF bytes field by field, independently of GgufWriter, so tests can build files that are wrong in
/// exactly one way.
namespace ggufbytes
{

inline void putU32(std::vector<uint8_t> &out, uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

inline void putU64(std::vector<uint8_t> &out, uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

inline void putString(std::vector<uint8_t> &out, const std::string &s)
{
    putU64(out, s.size());
    out.insert(out.end(), s.begin(), s.end());
}

/// An encoded value: u32 type followed by the payload.
inline std::vector<uint8_t> u32Value(uint32_t v)
{
    std::vector<uint8_t> out;
    putU32(out, 4);
    putU32(out, v);
    return out;
}

inline std::vector<uint8_t> stringValue(const std::string &s)
{
    std::vector<uint8_t> out;
    putU32(out, 8);
    putString(out, s);
    return out;
}

struct Tensor {
    std::string name;
    std::vector<uint64_t> ne;
    uint32_t type = 0;
    uint64_t offset = 0;
};

struct File {
    uint32_t magic = 0x46554747u;
    uint32_t version = 3;
    std::optional<uint64_t> tensorCount; ///< overrides tensors.size()
    std::optional<uint64_t> kvCount; ///< overrides kvs.size()
    std::vector<std::pair<std::string, std::vector<uint8_t>>> kvs;
    std::vector<Tensor> tensors;
    uint32_t alignment = 32;
    uint64_t dataBytes = 0; ///< bytes of the data section (filled with a pattern)

    /// A valid file: one string key, an F32 tensor "a" [8, 2] at 0 and a Q4_0 tensor "b" [32, 2] at 64.
    static File valid()
    {
        File f;
        f.kvs.push_back({"general.architecture", stringValue("llama")});
        f.tensors.push_back({"a", {8, 2}, 0, 0});
        f.tensors.push_back({"b", {32, 2}, 2, 64});
        f.dataBytes = 128;
        return f;
    }

    std::vector<uint8_t> bytes() const
    {
        std::vector<uint8_t> out;
        putU32(out, magic);
        putU32(out, version);
        putU64(out, tensorCount.value_or(tensors.size()));
        putU64(out, kvCount.value_or(kvs.size()));
        for (const auto &[key, value] : kvs) {
            putString(out, key);
            out.insert(out.end(), value.begin(), value.end());
        }
        for (const Tensor &t : tensors) {
            putString(out, t.name);
            putU32(out, static_cast<uint32_t>(t.ne.size()));
            for (uint64_t n : t.ne)
                putU64(out, n);
            putU32(out, t.type);
            putU64(out, t.offset);
        }
        out.resize(out.size() + (alignment - out.size() % alignment) % alignment, 0);
        for (uint64_t i = 0; i < dataBytes; ++i)
            out.push_back(static_cast<uint8_t>(i * 7 + 1));
        return out;
    }
};

} // namespace ggufbytes
