// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <algorithm>

#include "atrium/devices.h"
#include "cpu/reference_backend.h"
#include "runtime/backend_factory.h"
#include "runtime/model_impl.h"

namespace atrium
{

Model::Model() = default;
Model::~Model() = default;

Model::Impl &Model::impl()
{
    return *m_impl;
}

const ModelInfo &Model::info() const
{
    return m_impl->info;
}

const Tokenizer &Model::tokenizer() const
{
    return *m_impl->tokenizer;
}

std::optional<std::string> Model::chatTemplate(std::string_view name) const
{
    const std::string key = name.empty() ? "tokenizer.chat_template" : "tokenizer.chat_template." + std::string(name);
    if (const auto t = m_impl->file.getString(key))
        return std::string(*t);
    return std::nullopt;
}

std::string Model::backendName() const
{
    return m_impl->backend->name();
}

std::string Model::deviceName() const
{
    return m_impl->backend->deviceName();
}

uint32_t Model::kvBytesPerElement() const
{
    return m_impl->backend->kvBytesPerElement();
}

std::string Model::fallbackReason() const
{
    return m_impl->fallbackReason;
}

uint32_t Model::contextLength() const
{
    return m_impl->nCtx;
}

uint32_t Model::vocabSize() const
{
    return m_impl->hp.nVocab;
}

Expected<void> Model::Impl::step(std::span<const int32_t> tokens, uint32_t pos0, bool allRows, std::span<float> logits)
{
    backend->beginStep();
    const ForwardContext ctx {*backend, hp, weights, rope};
    const Act out = forward(ctx, tokens, pos0, allRows); // (allRows ? T : 1, n_vocab)
    return backend->readAct(out, logits);
}

namespace
{

/// Uploads the weights to `backend` and allocates its KV cache.
Expected<void> prepareBackend(Model::Impl &m, std::unique_ptr<Backend> backend, const LoadOptions &options)
{
    ATRIUM_TRY(ModelWeights weights, bindWeights(m.file, m.hp, m.nCtx, *backend, options.onProgress));
    ATRIUM_TRY_VOID(backend->allocateKvCache(m.hp.nLayer, m.nCtx, m.hp.kvDim()));
    m.weights = std::move(weights);
    m.backend = std::move(backend);
    return {};
}

} // namespace

namespace
{

// Auto means "the GPU when there is one": a software Vulkan driver such as lavapipe runs on the same CPU cores,
// far slower than the CPU backend, so Auto only takes it when the caller names the device.
std::string autoSkipsVulkan(const LoadOptions &options)
{
#ifdef ATRIUM_HAVE_VULKAN
    if (options.deviceIndex >= 0)
        return {};
    const DeviceList list = listVulkanDevices();
    auto chosen = selectVulkanDevice(list.devices);
    if (!chosen)
        return list.reason.empty() ? chosen.error().message : list.reason;
    const DeviceInfo &device = list.devices[*chosen];
    if (device.type == DeviceType::Cpu)
        return "the only Vulkan device, " + device.name + ", is a software renderer (the CPU backend is faster)";
    return {};
#else
    (void)options;
    return "this build has no Vulkan support";
#endif
}

} // namespace

Expected<std::shared_ptr<Model>> Model::load(const std::string &path, const LoadOptions &options)
{
    ATRIUM_TRY(GgufFile file, GgufFile::open(path));
    ATRIUM_TRY(HParams hp, readHParams(file));
    auto impl = std::make_unique<Impl>(std::move(file));
    impl->hp = hp;
    impl->info = describeModel(impl->file);
    ATRIUM_TRY(Tokenizer tokenizer, Tokenizer::fromGguf(impl->file));
    impl->tokenizer = std::make_unique<Tokenizer>(std::move(tokenizer));
    impl->nCtx = options.contextLength > 0 ? options.contextLength : std::min<uint32_t>(hp.nCtxTrain, 4096);

    // Backend: the requested one; Auto tries Vulkan (creation and upload) and falls back to the CPU with a reason.
    BackendKind kind = options.backend;
    if (kind == BackendKind::Auto) {
        const std::string skip = autoSkipsVulkan(options);
        auto vulkan = skip.empty() ? createBackend(BackendKind::Vulkan, options)
                                   : Expected<std::unique_ptr<Backend>>(fail(ErrorCode::NoVulkanDevice, skip));
        if (vulkan) {
            auto prepared = prepareBackend(*impl, std::move(vulkan).value(), options);
            if (!prepared)
                impl->fallbackReason = "Vulkan: " + prepared.error().message;
        } else {
            impl->fallbackReason = vulkan.error().message;
        }
        kind = BackendKind::Cpu;
    }
    if (!impl->backend) {
        ATRIUM_TRY(std::unique_ptr<Backend> backend, createBackend(kind, options));
        ATRIUM_TRY_VOID(prepareBackend(*impl, std::move(backend), options));
    }
    impl->rope = makeRopeParams(impl->hp, impl->weights);
    impl->forward = forwardFor(impl->hp.traits.arch);

    std::shared_ptr<Model> model(new Model());
    model->m_impl = std::move(impl);
    return model;
}

} // namespace atrium
