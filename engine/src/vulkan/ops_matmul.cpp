// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// VulkanBackend::matmul: decode GEMV (mul_mat_vec, T <= 8) or tiled GEMM (mul_mm, T > 8), per weight chunk (a
// matrix larger than one binding is uploaded as several row ranges) and per token chunk.
#include <algorithm>
#include <array>
#include <cctype>

#include "gguf/tensor_type.h"
#include "shaders/common/push_constants.h"
#include "vulkan/vulkan_backend_impl.h"

namespace atrium
{

namespace
{

constexpr uint32_t kMaxGemvCols = 8;
constexpr uint32_t kGemmTile = 64;

std::string lowerTypeName(TensorType type)
{
    std::string s(tensorTypeInfo(type).name);
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool isFloatType(TensorType t)
{
    return t == TensorType::F32 || t == TensorType::F16 || t == TensorType::BF16;
}

/// Types with a hand-written GEMV item in mul_mat_vec.comp (the rest decode element by element).
bool hasFastGemv(TensorType t)
{
    switch (t) {
    case TensorType::F32:
    case TensorType::F16:
    case TensorType::BF16:
    case TensorType::Q4_0:
    case TensorType::Q4_1:
    case TensorType::Q5_0:
    case TensorType::Q5_1:
    case TensorType::Q8_0:
    case TensorType::Q4_K:
    case TensorType::Q5_K:
    case TensorType::Q6_K:
        return true;
    default:
        return false;
    }
}

} // namespace

void VulkanBackend::matmul(Act out, Weight w, Act x, Weight bias)
{
    record("matmul", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *o, act(out, "matmul"));
        ATRIUM_TRY(const ActRecord *xa, act(x, "matmul"));
        ATRIUM_TRY(const WeightRecord *wr, weight(w, "matmul"));
        const WeightRecord *br = nullptr;
        if (bias.valid()) {
            ATRIUM_TRY(br, weight(bias, "matmul"));
            if (br->cols != wr->rows || br->rows != 1)
                return fail(ErrorCode::InvalidArgument, "matmul: bias length differs from the output width");
        }
        if (wr->cols != xa->cols || o->rows != xa->rows || o->cols != wr->rows)
            return fail(ErrorCode::InvalidArgument,
                "matmul: shapes do not match (W " + std::to_string(wr->rows) + "x" + std::to_string(wr->cols) + ", x "
                    + std::to_string(xa->rows) + "x" + std::to_string(xa->cols) + ", out " + std::to_string(o->rows)
                    + "x" + std::to_string(o->cols) + ")");
        const uint32_t T = xa->rows;
        // Token chunks: x rows of K and out rows of M must each fit one binding.
        uint32_t tChunk = std::min(rowsPerBinding(xa->cols), rowsPerBinding(o->cols));
        // One dispatch cannot be split by the submission batching: keep each far below driver watchdogs (an
        // all-positions LM head over a 512-token chunk is ~1e12 FLOPs).
        const double flopsPerToken = 2.0 * static_cast<double>(wr->rows) * static_cast<double>(wr->cols);
        const double tokensPerDispatch = m_tuning.submit.maxFlops / 2 / std::max(flopsPerToken, 1.0);
        if (T > kMaxGemvCols && tokensPerDispatch < tChunk)
            tChunk = std::max<uint32_t>(kGemmTile, static_cast<uint32_t>(tokensPerDispatch) / kGemmTile * kGemmTile);
        for (const WeightChunk &chunk : wr->chunks) {
            for (uint32_t t0 = 0; t0 < T; t0 += tChunk)
                ATRIUM_TRY_VOID(matmulChunk(*o, *wr, chunk, *xa, br, t0, std::min(tChunk, T - t0)));
        }
        return {};
    });
}

Expected<void> VulkanBackend::matmulChunk(const ActRecord &out,
    const WeightRecord &w,
    const WeightChunk &chunk,
    const ActRecord &x,
    const WeightRecord *bias,
    uint32_t t0,
    uint32_t tRows)
{
    const uint32_t K = x.cols;
    const uint32_t M = out.cols;
    const uint32_t mc = static_cast<uint32_t>(chunk.rows);
    const uint32_t m0 = static_cast<uint32_t>(chunk.row0);
    const View xv = view(x.slice, static_cast<uint64_t>(t0) * K, static_cast<uint64_t>(tRows) * K, false);
    const View dv =
        view(out.slice, static_cast<uint64_t>(t0) * M + m0, static_cast<uint64_t>(tRows - 1) * M + mc, true);
    const vkrt::Binding biasBinding = whole(bias ? bias->chunks.front().slice : m_dummy, false);
    const std::string type = lowerTypeName(w.type);
    const double flops = 2.0 * mc * K * tRows;

    if (tRows <= kMaxGemvCols) {
        const pc::MatmulPush push {mc, K, tRows, xv.offset, K, dv.offset, M, m0, bias ? 1u : 0u};
        const bool fast = hasFastGemv(w.type) && K % 8 == 0 && xv.offset % 4 == 0;
        const std::string name = "mul_mat_vec_" + type + (fast ? "" : "_generic") + reduceSuffix();
        const uint32_t rows = isFloatType(w.type) ? m_tuning.gemvRowsFloat : m_tuning.gemvRowsQuant;
        ATRIUM_TRY(const vk::Pipeline pipe, kernel(name, {m_tuning.gemvBlock, rows, tRows, m_tuning.gemvUnroll}));
        const uint32_t groups = (mc + rows - 1) / rows;
        const uint32_t gx = std::min<uint32_t>(groups, 65535);
        const uint32_t gy = (groups + gx - 1) / gx;
        const std::array<vkrt::Binding, 4> bindings {whole(chunk.slice, false), xv.binding, biasBinding, dv.binding};
        m_recorder->dispatch(pipe, bindings, &push, sizeof push, gx, gy, 1, flops);
        return {};
    }
    const pc::MatmulPush push {mc, K, tRows, xv.offset, K, dv.offset, M, m0, bias ? 1u : 0u};
    ATRIUM_TRY(const vk::Pipeline pipe, kernel("mul_mm_" + type));
    const std::array<vkrt::Binding, 4> bindings {whole(chunk.slice, false), xv.binding, biasBinding, dv.binding};
    m_recorder->dispatch(pipe,
        bindings,
        &push,
        sizeof push,
        (mc + kGemmTile - 1) / kGemmTile,
        (tRows + kGemmTile - 1) / kGemmTile,
        1,
        flops);
    return {};
}

} // namespace atrium
