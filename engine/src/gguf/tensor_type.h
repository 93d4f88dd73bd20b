// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace atrium
{

/// ggml tensor type ids as stored in GGUF tensor infos.
// NOTE: values serialized to disk (GGUF), do not change or reuse.
enum class TensorType : uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    IQ2_XXS = 16,
    IQ2_XS = 17,
    IQ3_XXS = 18,
    IQ1_S = 19,
    IQ4_NL = 20,
    IQ3_S = 21,
    IQ2_S = 22,
    IQ4_XS = 23,
    I8 = 24,
    I16 = 25,
    I32 = 26,
    I64 = 27,
    F64 = 28,
    IQ1_M = 29,
    BF16 = 30,
    TQ1_0 = 34,
    TQ2_0 = 35,
    MXFP4 = 39,
};

/// Block geometry of a tensor type.
struct TensorTypeInfo {
    TensorType type;
    std::string_view name; // "Q4_K"
    uint32_t blockElements; // elements per block (1 for plain types)
    uint32_t blockBytes; // bytes per block
    bool canDequantize; // the engine can turn it into floats
};

/// Geometry for a raw type id from a file, or nullopt for ids the engine does not know (removed or future types).
std::optional<TensorTypeInfo> tensorTypeInfo(uint32_t rawType);
TensorTypeInfo tensorTypeInfo(TensorType type);
/// "Q4_K" for a known type, "type 31" otherwise.
std::string tensorTypeName(uint32_t rawType);
/// Parses a type name ("Q4_K", "q4_k", "F16"); nullopt when unknown.
std::optional<TensorType> tensorTypeFromName(std::string_view name);

/// Bytes of one row of `elements` elements (elements must be a multiple of the block size).
size_t rowBytes(TensorType type, uint64_t elements);

/// Dequantizes `elements` consecutive elements (a multiple of the block size) starting at a block boundary.
/// Exactly the formulas of engine-notes §2; bit-exact with ggml's reference dequantization.
void dequantizeRow(TensorType type, const void *src, float *dst, uint64_t elements);

/// IEEE half and bfloat16 conversions (round to nearest even on the way down).
float halfToFloat(uint16_t h);
uint16_t floatToHalf(float f);
float bf16ToFloat(uint16_t b);
uint16_t floatToBf16(float f);

/// Quantizes one row of floats into `type` (F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K);
/// used by the model writer for tests and benchmarks. Returns false for types it cannot produce.
bool quantizeRow(TensorType type, const float *src, void *dst, uint64_t elements);

} // namespace atrium
