// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

// Helpers shared by the Vulkan kernel tests: backend creation (QSKIP only when no Vulkan device exists at all),
// random weights in any GGUF encoding, and moving floats in and out of a Backend (which has no "write activation"
// op: inputs go in as an F32 weight table gathered with getRows).

#include <cstring>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <QTest>

#include "atrium/devices.h"
#include "backend/backend.h"
#include "cpu/reference_ops.h"
#include "gguf/tensor_type.h"
#include "vulkan/vulkan_backend.h"

namespace atrium::test
{

/// Creates a Vulkan backend on the default device; null with `why` set when no Vulkan device exists.
inline std::unique_ptr<Backend> makeVulkanBackend(const VulkanBackendOptions &options, std::string &why)
{
    const DeviceList list = listVulkanDevices();
    if (list.devices.empty()) {
        why = "no Vulkan device: " + list.reason;
        return nullptr;
    }
    Expected<std::unique_ptr<Backend>> backend = createVulkanBackend(options);
    if (!backend) {
        why = backend.error().message;
        return nullptr;
    }
    return std::move(backend).value();
}

/// A tensor whose bytes live in the struct (uploadWeight copies them to the device at once).
struct HostTensor {
    GgufTensor info;
    std::vector<uint8_t> bytes;
};

inline HostTensor makeTensor(
    const std::string &name, TensorType type, uint64_t cols, uint64_t rows, std::vector<uint8_t> bytes)
{
    HostTensor t;
    t.bytes = std::move(bytes);
    t.info.name = name;
    t.info.type = type;
    t.info.nDims = rows > 1 ? 2 : 1;
    t.info.ne = {cols, rows, 1, 1};
    t.info.nbytes = t.bytes.size();
    t.info.data = t.bytes.data();
    return t;
}

inline std::vector<float> randomFloats(size_t n, std::mt19937 &rng, float lo = -1.f, float hi = 1.f)
{
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> v(n);
    for (float &x : v)
        x = dist(rng);
    return v;
}

/// Byte offsets of the f16 scale fields inside one block of `type`.
inline std::vector<uint32_t> halfFields(TensorType type)
{
    switch (type) {
    case TensorType::Q4_0:
    case TensorType::Q5_0:
    case TensorType::Q8_0:
    case TensorType::IQ4_NL:
    case TensorType::IQ4_XS:
        return {0};
    case TensorType::Q4_1:
    case TensorType::Q5_1:
    case TensorType::Q4_K:
    case TensorType::Q5_K:
        return {0, 2};
    case TensorType::Q2_K:
        return {80, 82};
    case TensorType::Q3_K:
        return {108};
    case TensorType::Q6_K:
        return {208};
    default:
        return {};
    }
}

/// Random encoded rows: random quant bytes, and finite f16 scales. `anyHalf` draws scales from every finite half
/// bit pattern (denormals and large values included: dequantization stress); otherwise |d| in [1e-3, 2e-2]
/// (matmul-friendly magnitudes). F16/BF16/F32 get random finite values of the same two kinds.
inline std::vector<uint8_t> randomRows(TensorType type, uint64_t cols, uint64_t rows, std::mt19937 &rng, bool anyHalf)
{
    const size_t bytes = rowBytes(type, cols) * rows;
    std::vector<uint8_t> out(bytes);
    std::uniform_int_distribution<uint32_t> byte(0, 255);
    for (uint8_t &b : out)
        b = static_cast<uint8_t>(byte(rng));
    std::uniform_real_distribution<float> mag(1e-3f, 2e-2f);
    std::uniform_int_distribution<uint32_t> bits16(0, 0xFFFF);
    const auto finiteHalf = [&]() -> uint16_t {
        if (!anyHalf)
            return floatToHalf((byte(rng) & 1 ? -1.f : 1.f) * mag(rng));
        uint16_t h;
        do {
            h = static_cast<uint16_t>(bits16(rng));
        } while (((h >> 10) & 0x1F) == 0x1F);
        return h;
    };
    const auto put16 = [&](size_t off, uint16_t v) {
        out[off] = static_cast<uint8_t>(v & 0xFF);
        out[off + 1] = static_cast<uint8_t>(v >> 8);
    };
    if (type == TensorType::F32) {
        std::uniform_real_distribution<float> val(-1.f, 1.f);
        for (size_t i = 0; i < bytes / 4; ++i) {
            const float f = val(rng);
            std::memcpy(out.data() + 4 * i, &f, 4);
        }
    } else if (type == TensorType::F16) {
        std::uniform_real_distribution<float> val(-1.f, 1.f);
        for (size_t i = 0; i < bytes / 2; ++i)
            put16(2 * i, anyHalf ? finiteHalf() : floatToHalf(val(rng)));
    } else if (type == TensorType::BF16) {
        std::uniform_real_distribution<float> val(-1.f, 1.f);
        for (size_t i = 0; i < bytes / 2; ++i) {
            uint16_t b = floatToBf16(val(rng));
            if (anyHalf) {
                do {
                    b = static_cast<uint16_t>(bits16(rng));
                } while (((b >> 7) & 0xFF) == 0xFF);
            }
            put16(2 * i, b);
        }
    } else {
        const TensorTypeInfo info = tensorTypeInfo(type);
        for (size_t blk = 0; blk < bytes / info.blockBytes; ++blk) {
            for (uint32_t off : halfFields(type))
                put16(blk * info.blockBytes + off, finiteHalf());
        }
    }
    return out;
}

/// Dequantized copy of encoded rows (the reference's view of a weight).
inline std::vector<float> dequantized(TensorType type, const std::vector<uint8_t> &bytes, uint64_t cols, uint64_t rows)
{
    std::vector<float> out(cols * rows);
    ref::dequantizeRows(ref::WeightView {type, bytes.data(), rows, cols}, 0, rows, out.data());
    return out;
}

/// Uploads `data` (rows x cols) as an F32 table and gathers it into a new activation.
inline Act putAct(Backend &backend, const std::vector<float> &data, uint32_t rows, uint32_t cols)
{
    std::vector<uint8_t> bytes(data.size() * sizeof(float));
    std::memcpy(bytes.data(), data.data(), bytes.size());
    HostTensor t = makeTensor("input", TensorType::F32, cols, rows, std::move(bytes));
    // A one-row table would be widened like a vector; it is F32 already, so the encoding is unchanged.
    Expected<Weight> w = backend.uploadWeight(t.info);
    if (!w)
        qFatal("uploadWeight failed: %s", w.error().message.c_str());
    std::vector<int32_t> ids(rows);
    std::iota(ids.begin(), ids.end(), 0);
    const Act a = backend.newAct(rows, cols);
    backend.getRows(a, *w, ids);
    return a;
}

/// Reads an activation back; fails the test on error.
inline std::vector<float> readBack(Backend &backend, Act a)
{
    std::vector<float> out(static_cast<size_t>(a.rows) * a.cols);
    const Expected<void> r = backend.readAct(a, out);
    if (!r)
        qFatal("readAct failed: %s", r.error().message.c_str());
    return out;
}

} // namespace atrium::test
