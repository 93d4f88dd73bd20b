// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model_args.h"

#include <random>

namespace atrium::cli
{

Args::Specs modelOptions()
{
    return {{"model", 'm', true},
        {"ctx", 'c', true},
        {"backend", 0, true},
        {"device", 0, true},
        {"threads", 't', true},
        {"exact", 0, false},
        {"int-prompts", 0, false},
        {"kv-f32", 0, false}};
}

Args::Specs samplingOptions()
{
    return {{"temp", 0, true},
        {"top-k", 0, true},
        {"top-p", 0, true},
        {"min-p", 0, true},
        {"repeat-penalty", 0, true},
        {"repeat-last-n", 0, true},
        {"seed", 's', true}};
}

Expected<std::shared_ptr<Model>> loadModel(const Args &args)
{
    const auto path = args.value("model");
    if (!path)
        return fail(ErrorCode::InvalidArgument, "-m MODEL is required");
    LoadOptions options;
    const std::string backend = args.valueOr("backend", "auto");
    if (backend == "cpu")
        options.backend = BackendKind::Cpu;
    else if (backend == "vulkan")
        options.backend = BackendKind::Vulkan;
    else if (backend == "reference")
        options.backend = BackendKind::Reference;
    else if (backend != "auto")
        return fail(ErrorCode::InvalidArgument, "--backend must be cpu, vulkan or reference, not '" + backend + "'");
    ATRIUM_TRY(const long long device, args.intOr("device", -1));
    ATRIUM_TRY(const long long ctx, args.intOr("ctx", 0));
    ATRIUM_TRY(const long long threads, args.intOr("threads", 0));
    if (ctx < 0 || ctx > (1 << 24))
        return fail(ErrorCode::InvalidArgument, "--ctx must be between 0 and 16777216");
    options.deviceIndex = static_cast<int>(device);
    options.contextLength = static_cast<uint32_t>(ctx);
    options.threads = static_cast<int>(threads);
    options.exactActivations = args.has("exact");
    options.integerPrompts = args.has("int-prompts");
    options.f32KvCache = args.has("kv-f32");
    auto model = Model::load(*path, options);
    if (!model) {
        const std::string &message = model.error().message;
        // Name the file once: the GGUF reader's own messages usually name it already.
        return fail(model.error().code, message.find(*path) == std::string::npos ? *path + ": " + message : message);
    }
    return model;
}

Expected<SamplerParams> samplerFromArgs(const Args &args)
{
    SamplerParams sp;
    ATRIUM_TRY(const double temp, args.floatOr("temp", sp.temperature));
    ATRIUM_TRY(const long long topK, args.intOr("top-k", sp.topK));
    ATRIUM_TRY(const double topP, args.floatOr("top-p", sp.topP));
    ATRIUM_TRY(const double minP, args.floatOr("min-p", sp.minP));
    ATRIUM_TRY(const double penalty, args.floatOr("repeat-penalty", sp.repeatPenalty));
    ATRIUM_TRY(const long long lastN, args.intOr("repeat-last-n", sp.repeatLastN));
    ATRIUM_TRY(const long long seed, args.intOr("seed", -1));
    sp.temperature = static_cast<float>(temp);
    sp.topK = static_cast<int>(topK);
    sp.topP = static_cast<float>(topP);
    sp.minP = static_cast<float>(minP);
    sp.repeatPenalty = static_cast<float>(penalty);
    sp.repeatLastN = static_cast<int>(lastN);
    sp.seed = seed >= 0 ? static_cast<uint64_t>(seed) : std::random_device {}();
    return sp;
}

} // namespace atrium::cli
