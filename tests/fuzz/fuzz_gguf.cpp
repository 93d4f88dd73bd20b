// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// libFuzzer target for the GGUF reader: parse arbitrary bytes, touch every metadata value through the typed
// accessors, and dequantize a few rows of every tensor the engine can dequantize. Any crash, sanitizer report or
// out-of-bounds read is a bug in the reader's validation.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "gguf/gguf_file.h"

namespace
{

volatile double g_sink = 0; // keeps the reads from being optimised away

void touch(const atrium::GgufValue &v)
{
    if (const auto *u = std::get_if<uint64_t>(&v.data))
        g_sink = g_sink + double(*u);
    else if (const auto *i = std::get_if<int64_t>(&v.data))
        g_sink = g_sink + double(*i);
    else if (const auto *d = std::get_if<double>(&v.data))
        g_sink = g_sink + *d;
    else if (const auto *b = std::get_if<bool>(&v.data))
        g_sink = g_sink + (*b ? 1.0 : 0.0);
    else if (const auto *s = std::get_if<std::string>(&v.data))
        g_sink = g_sink + double(s->empty() ? 0 : static_cast<unsigned char>(s->back()));
    else if (const auto *a = std::get_if<atrium::GgufArray>(&v.data))
        for (const atrium::GgufValue &item : a->items)
            touch(item);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto file = atrium::GgufFile::fromBytes({data, size});
    if (!file) {
        if (file.error().code != atrium::ErrorCode::InvalidGguf || file.error().message.empty())
            __builtin_trap(); // every rejection names its problem
        return 0;
    }
    for (const auto &[key, value] : file->metadata()) {
        touch(value);
        (void)file->getString(key);
        (void)file->getUint(key);
        (void)file->getInt(key);
        (void)file->getFloat(key);
        (void)file->getBool(key);
        (void)file->getArray(key);
        if (file->find(key) != &value)
            __builtin_trap();
    }
    std::vector<float> row;
    for (const atrium::GgufTensor &t : file->tensors()) {
        if (file->findTensor(t.name) != &t || t.offset + t.nbytes > file->fileSize())
            __builtin_trap();
        const atrium::TensorTypeInfo info = atrium::tensorTypeInfo(t.type);
        if (!info.canDequantize || t.nbytes == 0 || t.ne[0] > (1u << 16))
            continue;
        row.resize(t.ne[0]);
        const size_t rb = atrium::rowBytes(t.type, t.ne[0]);
        for (uint64_t r = 0; r < t.rows() && r < 4; ++r) {
            atrium::dequantizeRow(t.type, t.data + r * rb, row.data(), t.ne[0]);
            g_sink = g_sink + double(row[0]);
        }
        if (t.rows() > 4) // the last row too: it must end inside the file
            atrium::dequantizeRow(t.type, t.data + (t.rows() - 1) * rb, row.data(), t.ne[0]);
    }
    return 0;
}
