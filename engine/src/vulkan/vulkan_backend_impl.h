// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <vector>

#include "vulkan/command_recorder.h"
#include "vulkan/device_memory.h"
#include "vulkan/kernel_registry.h"
#include "vulkan/tuning.h"
#include "vulkan/vulkan_backend.h"
#include "vulkan/vulkan_device.h"

namespace atrium
{

/// The Backend on a Vulkan device. Ops are recorded into command buffers as the forward pass calls them and run
/// when the step is read (readAct) or when a batch fills up (CommandRecorder). Weights keep their GGUF encoding;
/// the KV cache is F32, (nCtx, kvDim) per layer, on the device.
/// Ops return void (Backend contract): the first failure of a step is kept and returned by readAct(); a lost
/// device stays lost (every later call fails with DeviceLost; reload to recover).
/// Op implementations live in ops_rows.cpp (getRows, norms, elementwise, copies), ops_matmul.cpp and
/// ops_attention.cpp (rope, KV store, attention).
class VulkanBackend final : public Backend
{
public:
    static Expected<std::unique_ptr<VulkanBackend>> create(const VulkanBackendOptions &options);
    ~VulkanBackend() override;

    std::string name() const override;
    std::string deviceName() const override;
    uint32_t kvBytesPerElement() const override
    {
        return sizeof(float); // the KV cache is f32 on the GPU so far
    }
    Expected<Weight> uploadWeight(const GgufTensor &tensor) override;
    Expected<void> allocateKvCache(uint32_t nLayers, uint32_t nCtx, uint32_t kvDim) override;
    void beginStep() override;
    Act newAct(uint32_t rows, uint32_t cols) override;
    void getRows(Act out, Weight table, std::span<const int32_t> ids) override;
    void rmsNorm(Act out, Act x, Weight w, float eps) override;
    void layerNorm(Act out, Act x, Weight w, Weight b, float eps) override;
    void matmul(Act out, Weight w, Act x, Weight bias) override;
    void rope(Act x, uint32_t nHeads, uint32_t headDim, uint32_t pos0, const RopeParams &p) override;
    void storeKv(uint32_t layer, Act k, Act v, uint32_t pos0) override;
    void attention(Act out, Act q, uint32_t layer, uint32_t pos0, const AttentionParams &p) override;
    void add(Act out, Act a, Act b) override;
    void scale(Act x, float s) override;
    void softcap(Act x, float cap) override;
    void glu(Act out, Act gate, Act up, Activation act) override;
    void gelu(Act x) override;
    void copyCols(Act out, Act src, uint32_t colOffset) override;
    void copyRows(Act out, Act src, uint32_t rowOffset) override;
    Expected<void> readAct(Act x, std::span<float> dst) override;

    const DeviceInfo &deviceInfo() const
    {
        return m_device->info();
    }
    uint64_t dispatchCount() const
    {
        return m_recorder->dispatchCount();
    }

private:
    struct WeightChunk {
        vkrt::Slice slice;
        uint64_t row0 = 0;
        uint64_t rows = 0;
    };
    struct WeightRecord {
        TensorType type = TensorType::F32; ///< as stored on the device (1-D tensors are widened to F32)
        uint64_t cols = 0;
        uint64_t rows = 0;
        std::vector<WeightChunk> chunks; ///< row ranges, each within one binding
        std::vector<float> host; ///< small F32 vectors (rope frequency factors) also kept on the host
    };
    struct ActRecord {
        vkrt::Slice slice;
        uint32_t rows = 0;
        uint32_t cols = 0;
    };
    /// A binding plus the element offset of the first requested element inside it.
    struct View {
        vkrt::Binding binding;
        uint32_t offset = 0;
    };
    /// A strided f32 matrix inside a slice: element (r, c) at base + r * stride + c; stride 0 repeats row 0.
    struct Mat {
        const vkrt::Slice *slice = nullptr;
        uint64_t base = 0;
        uint32_t stride = 0;
    };
    /// Where the operands of a RowOpPush kernel are bound, in binding order.
    enum class Role { A, B, D, E, W, Bias };
    /// An add whose recording waits for the next op: when that op is rmsNorm of the sum, both run as one
    /// add_rms_norm dispatch (the residual-add + pre-norm pair of every block).
    struct PendingAdd {
        Act out;
        Act a;
        Act b;
    };
    /// A rope whose recording waits for the next op: when that op stores the rotated rows as K, the rotation writes
    /// the cache directly (rope_store) and the V copy joins the same barrier group.
    struct PendingRope {
        Act x;
        uint32_t nHeads;
        uint32_t headDim;
        uint32_t pos0;
        RopeParams params;
    };

    VulkanBackend(std::unique_ptr<vkrt::VulkanDevice> device, const VulkanBackendOptions &options);
    Expected<void> init();

    // --- helpers (vulkan_backend.cpp) ---
    /// Runs an op body; exceptions and failures become the step's error. Skipped once the step has failed.
    /// flushFirst: records a pending add before the op (every op except newAct and a fusing rmsNorm).
    template <typename F>
    void record(const char *op, F &&body, bool flushFirst = true);
    /// Records the pending add or rope, if any, on its own.
    void flushPending();
    Expected<void> recordAdd(Act out, Act a, Act b);
    /// Rope in place; with `cache` set (rope_store), also writes all dims to cache elements cacheBase + r * kvDim.
    Expected<void> recordRope(const PendingRope &r, const vkrt::Slice *cache, uint64_t cacheBase);
    Expected<void> copyToCache(const ActRecord &src, const vkrt::Slice &cache, uint64_t base);
    void setError(Error e);
    Expected<const ActRecord *> act(Act a, const char *op) const;
    Expected<const WeightRecord *> weight(Weight w, const char *op) const;
    /// Elements [first, first + count) of an activation as a binding aligned to minStorageBufferOffsetAlignment.
    View view(const vkrt::Slice &slice, uint64_t first, uint64_t count, bool write) const;
    vkrt::Binding whole(const vkrt::Slice &slice, bool write) const;
    /// Rows of `rowElems` floats that one binding can hold (>= 1).
    uint32_t rowsPerBinding(uint64_t rowElems) const;
    Expected<vk::Pipeline> kernel(std::string_view name, std::initializer_list<uint32_t> spec = {});
    /// Suffix choosing the subgroup or shared-memory reduction variant ("_sg" / "_sh").
    const char *reduceSuffix() const;
    Expected<void> uploadBytes(const vkrt::Slice &dst, const uint8_t *src, uint64_t bytes);
    Expected<vkrt::Slice> scratch(uint64_t bytes);

    // --- ops with several kernels ---
    Expected<void> matmulChunk(const ActRecord &out,
        const WeightRecord &w,
        const WeightChunk &chunk,
        const ActRecord &x,
        const WeightRecord *bias,
        uint32_t t0,
        uint32_t tRows);
    /// Dispatches a RowOpPush kernel over rows x cols, split into row chunks that fit the bindings.
    /// perRow: one workgroup per row (norms); otherwise 256-wide column groups x rows.
    Expected<void> rowOp(std::string_view kernelName,
        std::initializer_list<uint32_t> spec,
        std::initializer_list<Role> layout,
        uint32_t rows,
        uint32_t cols,
        Mat a,
        Mat b,
        Mat d,
        const vkrt::Slice *w,
        const vkrt::Slice *bias,
        float p0,
        uint32_t flags,
        bool perRow,
        Mat e = Mat {nullptr, 0, 0});
    Expected<std::pair<vkrt::Slice, float>> ropeTable(const RopeParams &p);

    VulkanBackendOptions m_options;
    std::unique_ptr<vkrt::VulkanDevice> m_device;
    vkrt::KernelTuning m_tuning;
    vkrt::MemoryLedger m_ledger;
    uint64_t m_maxBinding = 0;
    uint64_t m_bindAlign = 16;
    std::unique_ptr<vkrt::KernelRegistry> m_kernels;
    std::unique_ptr<vkrt::DeviceArena> m_weightArena;
    std::unique_ptr<vkrt::DeviceArena> m_kvArena;
    std::unique_ptr<vkrt::DeviceArena> m_actArena;
    std::unique_ptr<vkrt::DeviceArena> m_tableArena;
    std::unique_ptr<vkrt::DeviceArena> m_staging;
    std::unique_ptr<vkrt::DeviceArena> m_readback;
    std::unique_ptr<vkrt::CommandRecorder> m_recorder;
    vkrt::Slice m_dummy; ///< bound to unused slots; never written
    uint64_t m_stagingUsed = 0; ///< bytes of the staging ring holding uploads not yet executed
    std::vector<WeightRecord> m_weights;
    std::vector<ActRecord> m_acts;
    std::vector<vkrt::Slice> m_kCache;
    std::vector<vkrt::Slice> m_vCache;
    uint32_t m_nCtx = 0;
    uint32_t m_kvDim = 0;
    std::map<std::string, std::pair<vkrt::Slice, float>> m_ropeTables;
    std::optional<PendingAdd> m_pendingAdd;
    std::optional<PendingRope> m_pendingRope;
    std::optional<Error> m_error;
    bool m_deviceLost = false;
};

template <typename F>
void VulkanBackend::record(const char *op, F &&body, bool flushFirst)
{
    if (flushFirst)
        flushPending();
    if (m_error)
        return;
    Expected<void> r = vkrt::guarded(op, [&]() -> Expected<void> { return body(); });
    if (!r)
        setError(std::move(r).error());
}

} // namespace atrium
