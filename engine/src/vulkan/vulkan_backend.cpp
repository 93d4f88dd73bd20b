// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "vulkan/vulkan_backend.h"

#include <algorithm>
#include <cstring>

#include "gguf/tensor_type.h"
#include "vulkan/vulkan_backend_impl.h"

namespace atrium
{

namespace
{

constexpr uint64_t kStagingBytes = 64ull << 20;

} // namespace

Expected<std::unique_ptr<Backend>> createVulkanBackend(const VulkanBackendOptions &options)
{
    ATRIUM_TRY(std::unique_ptr<VulkanBackend> backend, VulkanBackend::create(options));
    return std::unique_ptr<Backend>(std::move(backend));
}

Expected<std::unique_ptr<VulkanBackend>> VulkanBackend::create(const VulkanBackendOptions &options)
{
    ATRIUM_TRY(
        std::unique_ptr<vkrt::VulkanDevice> device, vkrt::VulkanDevice::open(options.deviceIndex, options.safeMode));
    std::unique_ptr<VulkanBackend> backend(new VulkanBackend(std::move(device), options));
    ATRIUM_TRY_VOID(backend->init());
    return backend;
}

VulkanBackend::VulkanBackend(std::unique_ptr<vkrt::VulkanDevice> device, const VulkanBackendOptions &options)
    : m_options(options)
    , m_device(std::move(device))
{
}

VulkanBackend::~VulkanBackend() = default;

Expected<void> VulkanBackend::init()
{
    return vkrt::guarded("initialising the Vulkan backend", [&]() -> Expected<void> {
        using vkrt::DeviceArena;
        using vkrt::MemoryUse;
        const DeviceInfo &info = m_device->info();
        m_tuning = vkrt::tuningFor(info);
        if (m_options.gemvUnroll > 0)
            m_tuning.gemvUnroll = std::min<uint32_t>(m_options.gemvUnroll, 2);
        m_maxBinding = info.maxStorageBufferRange;
        if (m_options.maxBindingBytes > 0)
            m_maxBinding = std::min(m_maxBinding, m_options.maxBindingBytes);
        m_bindAlign = std::max<uint64_t>(4, info.minStorageBufferOffsetAlignment);
        m_ledger.limitBytes = m_device->usableDeviceMemory();
        m_kernels = std::make_unique<vkrt::KernelRegistry>(*m_device, m_options.pipelineCacheDir);
        const uint64_t weightBlock = std::clamp<uint64_t>(m_ledger.limitBytes / 16, 64ull << 20, 1ull << 30);
        m_weightArena =
            std::make_unique<DeviceArena>(*m_device, MemoryUse::Device, weightBlock, "model weights", &m_ledger);
        m_actArena = std::make_unique<DeviceArena>(*m_device, MemoryUse::Device, 64ull << 20, "activations", &m_ledger);
        m_tableArena =
            std::make_unique<DeviceArena>(*m_device, MemoryUse::Device, 1ull << 20, "small tables", &m_ledger);
        m_staging =
            std::make_unique<DeviceArena>(*m_device, MemoryUse::Upload, kStagingBytes, "upload staging", nullptr);
        m_readback = std::make_unique<DeviceArena>(*m_device, MemoryUse::Readback, 16ull << 20, "readback", nullptr);
        m_recorder = std::make_unique<vkrt::CommandRecorder>(*m_device, *m_kernels, m_tuning.submit);
        ATRIUM_TRY(m_dummy, m_tableArena->allocate(256));
        return {};
    });
}

std::string VulkanBackend::name() const
{
    return "vulkan";
}

std::string VulkanBackend::deviceName() const
{
    return m_device->info().name;
}

// --- helpers --------------------------------------------------------------------------------------------------------

void VulkanBackend::setError(Error e)
{
    if (e.code == ErrorCode::DeviceLost)
        m_deviceLost = true;
    if (!m_error)
        m_error = std::move(e);
}

Expected<const VulkanBackend::ActRecord *> VulkanBackend::act(Act a, const char *op) const
{
    if (a.id >= m_acts.size() || !m_acts[a.id].slice.valid())
        return fail(ErrorCode::InvalidArgument, std::string(op) + ": activation handle is not valid in this step");
    return &m_acts[a.id];
}

Expected<const VulkanBackend::WeightRecord *> VulkanBackend::weight(Weight w, const char *op) const
{
    if (w.id >= m_weights.size())
        return fail(ErrorCode::InvalidArgument, std::string(op) + ": weight handle is not valid");
    return &m_weights[w.id];
}

VulkanBackend::View VulkanBackend::view(const vkrt::Slice &slice, uint64_t first, uint64_t count, bool write) const
{
    const uint64_t byte = slice.offset + first * sizeof(float);
    const uint64_t aligned = byte & ~(m_bindAlign - 1);
    const uint64_t range = byte + count * sizeof(float) - aligned;
    ATRIUM_ASSERT(range <= m_maxBinding, "binding larger than the device allows (caller must split)");
    return View {vkrt::Binding {slice.buffer, aligned, range, write}, static_cast<uint32_t>((byte - aligned) / 4)};
}

vkrt::Binding VulkanBackend::whole(const vkrt::Slice &slice, bool write) const
{
    return vkrt::Binding {slice.buffer, slice.offset, slice.size, write};
}

uint32_t VulkanBackend::rowsPerBinding(uint64_t rowElems) const
{
    const uint64_t maxElems = (m_maxBinding - m_bindAlign) / sizeof(float);
    const uint64_t rows = std::max<uint64_t>(1, maxElems / std::max<uint64_t>(rowElems, 1));
    return static_cast<uint32_t>(std::min<uint64_t>(rows, 65535));
}

Expected<vk::Pipeline> VulkanBackend::kernel(std::string_view name, std::initializer_list<uint32_t> spec)
{
    return m_kernels->pipeline(name, spec);
}

const char *VulkanBackend::reduceSuffix() const
{
    return m_device->useSubgroups() ? "_sg" : "_sh";
}

Expected<vkrt::Slice> VulkanBackend::scratch(uint64_t bytes)
{
    return m_actArena->allocate(bytes);
}

Expected<void> VulkanBackend::uploadBytes(const vkrt::Slice &dst, const uint8_t *src, uint64_t bytes)
{
    if (dst.mapped) {
        std::memcpy(dst.mapped, src, bytes);
        return {};
    }
    // Through the staging ring: copies are recorded and run in batches; the ring is recycled after a wait.
    for (uint64_t done = 0; done < bytes;) {
        const uint64_t piece = std::min(bytes - done, kStagingBytes);
        if (m_stagingUsed + vkrt::alignUp(piece, 256) > kStagingBytes) {
            m_recorder->finish();
            m_staging->reset();
            m_stagingUsed = 0;
        }
        ATRIUM_TRY(const vkrt::Slice staging, m_staging->allocate(piece));
        m_stagingUsed += vkrt::alignUp(piece, 256);
        std::memcpy(staging.mapped, src + done, piece);
        m_recorder->copyBuffer(staging.buffer, staging.offset, dst.buffer, dst.offset + done, piece);
        done += piece;
    }
    return {};
}

// --- model load -----------------------------------------------------------------------------------------------------

Expected<Weight> VulkanBackend::uploadWeight(const GgufTensor &tensor)
{
    if (m_deviceLost)
        return fail(ErrorCode::DeviceLost, "the GPU device was lost; reload the model");
    return vkrt::guarded("uploading " + tensor.name, [&]() -> Expected<Weight> {
        const TensorTypeInfo typeInfo = tensorTypeInfo(tensor.type);
        if (!typeInfo.canDequantize)
            return fail(ErrorCode::UnsupportedQuantization,
                tensor.name + ": tensor type " + std::string(typeInfo.name)
                    + " is not supported by the Vulkan backend");
        WeightRecord rec;
        rec.type = tensor.type;
        rec.cols = tensor.ne[0];
        rec.rows = tensor.rows();
        const uint8_t *src = tensor.data;
        std::vector<float> widened;
        if (rec.rows == 1 && rec.type != TensorType::F32) {
            // Vectors (norm weights, biases, rope factors) are read as f32 by the kernels.
            widened.resize(rec.cols);
            dequantizeRow(rec.type, src, widened.data(), rec.cols);
            src = reinterpret_cast<const uint8_t *>(widened.data());
            rec.type = TensorType::F32;
        }
        const uint64_t rb = rowBytes(rec.type, rec.cols);
        // Row ranges that fit one binding and one allocation (at most 1 GiB, so offsets stay small).
        const uint64_t maxAlloc =
            m_device->info().maxMemoryAllocationSize ? m_device->info().maxMemoryAllocationSize : (1ull << 30);
        const uint64_t chunkLimit = std::min({m_maxBinding, maxAlloc, uint64_t {1} << 30});
        if (rb > chunkLimit)
            return fail(ErrorCode::UnsupportedQuantization,
                tensor.name + ": one row (" + vkrt::formatBytes(rb) + ") exceeds the largest buffer binding of "
                    + m_device->info().name);
        const uint64_t rowsPerChunk = chunkLimit / rb;
        for (uint64_t row0 = 0; row0 < rec.rows; row0 += rowsPerChunk) {
            const uint64_t n = std::min(rowsPerChunk, rec.rows - row0);
            ATRIUM_TRY(const vkrt::Slice slice, m_weightArena->allocate(n * rb));
            ATRIUM_TRY_VOID(uploadBytes(slice, src + row0 * rb, n * rb));
            rec.chunks.push_back(WeightChunk {slice, row0, n});
        }
        if (rec.type == TensorType::F32 && rec.rows == 1 && rec.cols <= 65536) {
            const auto *f = reinterpret_cast<const float *>(src);
            rec.host.assign(f, f + rec.cols);
        }
        m_weights.push_back(std::move(rec));
        Weight w;
        w.id = static_cast<uint32_t>(m_weights.size() - 1);
        w.type = tensor.type;
        w.cols = tensor.ne[0];
        w.rows = tensor.rows();
        return w;
    });
}

Expected<void> VulkanBackend::allocateKvCache(uint32_t nLayers, uint32_t nCtx, uint32_t kvDim)
{
    if (m_deviceLost)
        return fail(ErrorCode::DeviceLost, "the GPU device was lost; reload the model");
    flushPending();
    return vkrt::guarded("allocating the KV cache", [&]() -> Expected<void> {
        m_recorder->finish();
        const uint64_t perLayer = static_cast<uint64_t>(nCtx) * kvDim * sizeof(float);
        if (perLayer > m_maxBinding)
            return fail(ErrorCode::OutOfDeviceMemory,
                "the KV cache of one layer (" + vkrt::formatBytes(perLayer) + " for " + std::to_string(nCtx)
                    + " positions) exceeds the largest buffer binding of " + m_device->info().name + " ("
                    + vkrt::formatBytes(m_maxBinding) + "); use a smaller context");
        m_kCache.clear();
        m_vCache.clear();
        m_kvArena.reset();
        const uint64_t align = std::max<uint64_t>(256, m_bindAlign);
        const uint64_t total = 2ull * nLayers * vkrt::alignUp(perLayer, align);
        m_kvArena =
            std::make_unique<vkrt::DeviceArena>(*m_device, vkrt::MemoryUse::Device, total, "KV cache", &m_ledger);
        for (uint32_t l = 0; l < nLayers; ++l) {
            ATRIUM_TRY(const vkrt::Slice k, m_kvArena->allocate(perLayer));
            ATRIUM_TRY(const vkrt::Slice v, m_kvArena->allocate(perLayer));
            m_kCache.push_back(k);
            m_vCache.push_back(v);
        }
        m_nCtx = nCtx;
        m_kvDim = kvDim;
        return {};
    });
}

// --- steps
// ------------------------------------------------------------------------------------------------------------

void VulkanBackend::beginStep()
{
    flushPending();
    try {
        m_recorder->finish();
    } catch (const vk::SystemError &e) {
        setError(vkrt::vulkanError(e, "finishing the previous step"));
    }
    m_actArena->reset();
    m_staging->reset();
    m_readback->reset();
    m_stagingUsed = 0;
    m_acts.clear();
    if (!m_deviceLost)
        m_error.reset();
}

Act VulkanBackend::newAct(uint32_t rows, uint32_t cols)
{
    ActRecord rec;
    rec.rows = rows;
    rec.cols = cols;
    // No flush: a pending add may still fuse with the rmsNorm that will write this activation.
    record(
        "newAct",
        [&]() -> Expected<void> {
            ATRIUM_TRY(rec.slice, m_actArena->allocate(static_cast<uint64_t>(rows) * cols * sizeof(float)));
            return {};
        },
        false);
    m_acts.push_back(rec);
    Act a;
    a.id = static_cast<uint32_t>(m_acts.size() - 1);
    a.rows = rows;
    a.cols = cols;
    return a;
}

Expected<void> VulkanBackend::readAct(Act x, std::span<float> dst)
{
    flushPending();
    Expected<void> r = vkrt::guarded("reading results from the GPU", [&]() -> Expected<void> {
        if (m_error)
            return fail(*m_error);
        ATRIUM_TRY(const ActRecord *a, act(x, "readAct"));
        const uint64_t elems = static_cast<uint64_t>(a->rows) * a->cols;
        if (dst.size() != elems)
            return fail(ErrorCode::InvalidArgument, "readAct: destination has the wrong size");
        const uint64_t bytes = elems * sizeof(float);
        if (a->slice.mapped && m_actArena->hostCached()) {
            m_recorder->finish();
            std::memcpy(dst.data(), a->slice.mapped, bytes);
            return {};
        }
        ATRIUM_TRY(const vkrt::Slice rb, m_readback->allocate(bytes));
        m_recorder->copyBuffer(a->slice.buffer, a->slice.offset, rb.buffer, rb.offset, bytes);
        m_recorder->finish();
        std::memcpy(dst.data(), rb.mapped, bytes);
        m_readback->reset();
        return {};
    });
    if (!r && !m_error)
        setError(r.error());
    return r;
}

} // namespace atrium
