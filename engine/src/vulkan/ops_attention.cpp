// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// VulkanBackend: rope (rope.comp with a per-parameter frequency table), storeKv (copy.comp into the F32 cache) and
// attention (flash_attn.comp, plus flash_attn_reduce.comp when the keys are split across workgroups).
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

#include "shaders/common/push_constants.h"
#include "vulkan/vulkan_backend_impl.h"

namespace atrium
{

namespace
{

/// YaRN correction dimension (ggml_rope_yarn_corr_dim), as ref::ropeCosSin computes it.
double yarnCorrDim(uint32_t nRot, uint32_t nCtxOrig, double beta, double base)
{
    return nRot * std::log(nCtxOrig / (beta * 2.0 * std::numbers::pi)) / (2.0 * std::log(base));
}

} // namespace

Expected<std::pair<vkrt::Slice, float>> VulkanBackend::ropeTable(const RopeParams &p)
{
    std::string key = std::to_string(p.nRot) + "|" + std::to_string(p.freqBase) + "|" + std::to_string(p.freqScale)
        + "|" + std::to_string(p.attnFactor) + "|" + std::to_string(p.extFactor) + "|" + std::to_string(p.betaFast)
        + "|" + std::to_string(p.betaSlow) + "|" + std::to_string(p.nCtxOrig) + "|"
        + std::to_string(p.freqFactors.valid() ? p.freqFactors.id : ~0u);
    if (auto it = m_ropeTables.find(key); it != m_ropeTables.end())
        return it->second;

    const uint32_t half = p.nRot / 2;
    const float *factors = nullptr;
    if (p.freqFactors.valid()) {
        ATRIUM_TRY(const WeightRecord *ff, weight(p.freqFactors, "rope"));
        if (ff->host.size() < half)
            return fail(ErrorCode::InvalidArgument, "rope: frequency factors need nRot/2 f32 values");
        factors = ff->host.data();
    }
    // freq[k] in turns per position: theta_k(pos) = pos * freq[k] * 2pi. Every factor of ref::ropeCosSin is linear
    // in the position, so it folds into one number computed in double.
    const bool yarn = p.extFactor != 0.f;
    double low = 0.0;
    double high = 0.0;
    if (yarn) {
        low = std::max(0.0, std::floor(yarnCorrDim(p.nRot, p.nCtxOrig, p.betaFast, p.freqBase)));
        high = std::min(
            static_cast<double>(p.nRot - 1), std::ceil(yarnCorrDim(p.nRot, p.nCtxOrig, p.betaSlow, p.freqBase)));
    }
    std::vector<float> freq(std::max<uint32_t>(half, 1));
    for (uint32_t k = 0; k < half; ++k) {
        const double extrap =
            std::pow(static_cast<double>(p.freqBase), -2.0 * k / p.nRot) / (factors ? factors[k] : 1.0);
        double factor = p.freqScale;
        if (yarn) {
            const double y = (k - low) / std::max(0.001, high - low);
            const double mix = (1.0 - std::clamp(y, 0.0, 1.0)) * p.extFactor;
            factor = p.freqScale * (1.0 - mix) + mix;
        }
        freq[k] = static_cast<float>(extrap * factor / (2.0 * std::numbers::pi));
    }
    double mscale = p.attnFactor;
    if (yarn)
        mscale *= 1.0 + 0.1 * std::log(1.0 / p.freqScale);
    ATRIUM_TRY(const vkrt::Slice slice, m_tableArena->allocate(freq.size() * sizeof(float)));
    m_recorder->updateBuffer(slice.buffer, slice.offset, freq.data(), freq.size() * sizeof(float));
    auto entry = std::make_pair(slice, static_cast<float>(mscale));
    m_ropeTables.emplace(key, entry);
    return entry;
}

void VulkanBackend::rope(Act x, uint32_t nHeads, uint32_t headDim, uint32_t pos0, const RopeParams &p)
{
    // Recorded by the next op: fused with the KV store when that op stores these rows as K.
    flushPending();
    m_pendingRope = PendingRope {x, nHeads, headDim, pos0, p};
}

Expected<void> VulkanBackend::recordRope(const PendingRope &r, const vkrt::Slice *cache, uint64_t cacheBase)
{
    const RopeParams &p = r.params;
    ATRIUM_TRY(const ActRecord *a, act(r.x, "rope"));
    const uint64_t width = static_cast<uint64_t>(r.nHeads) * r.headDim;
    if (width > a->cols || p.nRot % 2 != 0 || p.nRot > r.headDim)
        return fail(ErrorCode::InvalidArgument, "rope: nHeads * headDim or nRot do not fit the activation");
    if (a->rows == 0 || (p.nRot == 0 && !cache))
        return {};
    ATRIUM_TRY(const auto table, ropeTable(p));
    ATRIUM_TRY(const vk::Pipeline pipe, kernel(cache ? "rope_store" : "rope"));
    const uint32_t chunk = std::min(rowsPerBinding(a->cols), rowsPerBinding(m_kvDim));
    const uint32_t pairs = (cache ? r.headDim : p.nRot) / 2 * r.nHeads;
    for (uint32_t r0 = 0; r0 < a->rows; r0 += chunk) {
        const uint32_t n = std::min(chunk, a->rows - r0);
        const View xv =
            view(a->slice, static_cast<uint64_t>(r0) * a->cols, static_cast<uint64_t>(n - 1) * a->cols + width, true);
        View cv {whole(m_dummy, false), 0};
        if (cache)
            cv =
                view(*cache, cacheBase + static_cast<uint64_t>(r0) * m_kvDim, static_cast<uint64_t>(n) * m_kvDim, true);
        const pc::RopePush push {n,
            r.nHeads,
            r.headDim,
            p.nRot,
            r.pos0 + r0,
            p.mode == RopeMode::Neox ? 1u : 0u,
            xv.offset,
            a->cols,
            table.second,
            cv.offset,
            m_kvDim};
        const std::array<vkrt::Binding, 3> bindings {xv.binding, whole(table.first, false), cv.binding};
        m_recorder->dispatch(pipe, bindings, &push, sizeof push, (pairs + 63) / 64, n, 1, 6.0 * pairs * n);
    }
    return {};
}

Expected<void> VulkanBackend::copyToCache(const ActRecord &src, const vkrt::Slice &cache, uint64_t base)
{
    return rowOp("copy",
        {},
        {Role::A, Role::D},
        src.rows,
        m_kvDim,
        Mat {&src.slice, 0, m_kvDim},
        Mat {},
        Mat {&cache, base, m_kvDim},
        nullptr,
        nullptr,
        0.f,
        0,
        false);
}

void VulkanBackend::storeKv(uint32_t layer, Act k, Act v, uint32_t pos0)
{
    // The pending rope of k (if any) writes the K cache itself; any other pending op is recorded first.
    std::optional<PendingRope> rope;
    if (m_pendingRope && m_pendingRope->x.id == k.id && m_pendingRope->nHeads * m_pendingRope->headDim == m_kvDim
        && m_pendingRope->headDim % 2 == 0 && m_pendingRope->pos0 == pos0) {
        rope = m_pendingRope;
        m_pendingRope.reset();
    }
    flushPending();
    record(
        "storeKv",
        [&]() -> Expected<void> {
            ATRIUM_TRY(const ActRecord *ka, act(k, "storeKv"));
            ATRIUM_TRY(const ActRecord *va, act(v, "storeKv"));
            if (layer >= m_kCache.size())
                return fail(ErrorCode::InvalidArgument, "storeKv: no KV cache for layer " + std::to_string(layer));
            if (ka->cols != m_kvDim || va->cols != m_kvDim || ka->rows != va->rows)
                return fail(ErrorCode::InvalidArgument, "storeKv: k and v must be (T, kvDim)");
            if (pos0 + ka->rows > m_nCtx)
                return fail(ErrorCode::ContextFull, "storeKv: positions beyond the context size");
            const uint64_t base = static_cast<uint64_t>(pos0) * m_kvDim;
            // V first: it depends only on its projection, so it joins the rope's barrier group.
            ATRIUM_TRY_VOID(copyToCache(*va, m_vCache[layer], base));
            if (rope)
                return recordRope(*rope, &m_kCache[layer], base);
            return copyToCache(*ka, m_kCache[layer], base);
        },
        false);
}

void VulkanBackend::attention(Act out, Act q, uint32_t layer, uint32_t pos0, const AttentionParams &p)
{
    record("attention", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *o, act(out, "attention"));
        ATRIUM_TRY(const ActRecord *qa, act(q, "attention"));
        const uint32_t width = p.nHead * p.headDim;
        if (p.nHeadKv == 0 || p.nHead % p.nHeadKv != 0 || qa->cols != width || o->cols != width || o->rows != qa->rows
            || p.nHeadKv * p.headDim != m_kvDim)
            return fail(ErrorCode::InvalidArgument, "attention: head counts do not match the activations or cache");
        if (layer >= m_kCache.size())
            return fail(ErrorCode::InvalidArgument, "attention: no KV cache for layer " + std::to_string(layer));
        if (pos0 + qa->rows > m_nCtx)
            return fail(ErrorCode::ContextFull, "attention: positions beyond the context size");
        const uint32_t gqa = p.nHead / p.nHeadKv;
        const uint32_t rowsPerGroup = std::min(gqa, m_tuning.attnRows);
        const uint32_t headGroups = (gqa + rowsPerGroup - 1) / rowsPerGroup;
        const uint32_t block = m_tuning.attnBlock;
        ATRIUM_TRY(const vk::Pipeline pipe, kernel("flash_attn", {block, rowsPerGroup, p.headDim}));
        uint32_t chunk = rowsPerBinding(width);
        // Long prefills: cap the work of one dispatch (it cannot be split by the submission batching).
        const double flopsPerRow = 4.0 * width * static_cast<double>(pos0 + qa->rows);
        chunk = std::clamp<uint32_t>(static_cast<uint32_t>(m_tuning.submit.maxFlops / 2 / flopsPerRow), 1, chunk);
        for (uint32_t t0 = 0; t0 < qa->rows; t0 += chunk) {
            const uint32_t n = std::min(chunk, qa->rows - t0);
            const uint32_t lastPos = pos0 + t0 + n - 1;
            const uint32_t maxKeys = p.window > 0 ? std::min(p.window, lastPos + 1) : lastPos + 1;
            // Flash-decoding: split the keys when the (head, row) grid alone would leave the GPU idle.
            const uint32_t workgroups = p.nHeadKv * headGroups * n;
            uint32_t nSplit = m_options.attentionSplits;
            if (nSplit == 0) {
                nSplit = 1;
                if (workgroups < m_tuning.attnTargetWorkgroups)
                    nSplit = std::min((m_tuning.attnTargetWorkgroups + workgroups - 1) / workgroups,
                        (maxKeys + 2 * block - 1) / (2 * block));
            }
            nSplit = std::clamp<uint32_t>(nSplit, 1, 64);
            const uint32_t splitKeys = std::max(block, (maxKeys + nSplit - 1) / nSplit + block - 1) / block * block;
            nSplit = (maxKeys + splitKeys - 1) / splitKeys;

            const View qv = view(qa->slice, static_cast<uint64_t>(t0) * width, static_cast<uint64_t>(n) * width, false);
            const View ov = view(o->slice, static_cast<uint64_t>(t0) * width, static_cast<uint64_t>(n) * width, true);
            vkrt::Slice partO = m_dummy;
            vkrt::Slice partML = m_dummy;
            if (nSplit > 1) {
                ATRIUM_TRY(partO, scratch(static_cast<uint64_t>(nSplit) * n * width * sizeof(float)));
                ATRIUM_TRY(partML, scratch(static_cast<uint64_t>(nSplit) * n * p.nHead * 2 * sizeof(float)));
            }
            const pc::AttentionPush push {n,
                p.nHead,
                p.nHeadKv,
                p.headDim,
                qv.offset,
                width,
                ov.offset,
                width,
                pos0 + t0,
                m_kvDim,
                p.window,
                nSplit,
                splitKeys,
                gqa,
                p.scale,
                p.softcap};
            const bool split = nSplit > 1;
            const std::array<vkrt::Binding, 6> bindings {qv.binding,
                whole(m_kCache[layer], false),
                whole(m_vCache[layer], false),
                vkrt::Binding {ov.binding.buffer, ov.binding.offset, ov.binding.range, !split},
                whole(partO, split),
                whole(partML, split)};
            const double flops = 4.0 * n * width * maxKeys;
            m_recorder->dispatch(pipe, bindings, &push, sizeof push, p.nHeadKv * headGroups, n, nSplit, flops);
            if (split) {
                ATRIUM_TRY(const vk::Pipeline reduce, kernel("flash_attn_reduce"));
                const pc::AttnReducePush rp {n, p.nHead, p.headDim, nSplit, ov.offset, width};
                const std::array<vkrt::Binding, 3> rb {whole(partO, false), whole(partML, false), ov.binding};
                m_recorder->dispatch(
                    reduce, rb, &rp, sizeof rp, (width + 63) / 64, n, 1, static_cast<double>(n) * width * nSplit);
            }
        }
        return {};
    });
}

} // namespace atrium
