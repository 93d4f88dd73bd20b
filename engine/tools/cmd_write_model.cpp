// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <chrono>
#include <iomanip>

#include <nlohmann/json.hpp>

#include "args.h"
#include "commands.h"
#include "gguf/random_model_writer.h"

namespace atrium::cli
{

namespace
{

Expected<void> setDimension(const Args &args, const std::string &option, uint32_t &field)
{
    ATRIUM_TRY(const long long v, args.intOr(option, field));
    if (v < 1 || v > 0x7FFFFFFF)
        return fail(ErrorCode::InvalidArgument, "--" + option + " must be a positive integer");
    field = static_cast<uint32_t>(v);
    return {};
}

Expected<RandomModelSpec> specFromArgs(const Args &args)
{
    RandomModelSpec spec;
    if (const auto shape = args.value("shape")) {
        const auto preset = randomModelPreset(*shape);
        if (!preset) {
            std::string names;
            for (const std::string &n : randomModelPresetNames())
                names += (names.empty() ? "" : ", ") + n;
            return fail(ErrorCode::InvalidArgument, "unknown shape '" + *shape + "' (known: " + names + ")");
        }
        spec = *preset;
    }
    spec.arch = args.valueOr("arch", spec.arch);
    if (const auto type = args.value("type")) {
        const auto parsed = tensorTypeFromName(*type);
        if (!parsed)
            return fail(ErrorCode::InvalidArgument, "unknown tensor type '" + *type + "'");
        spec.matrixType = *parsed;
    }
    ATRIUM_TRY(const long long seed, args.intOr("seed", static_cast<long long>(spec.seed)));
    spec.seed = static_cast<uint64_t>(seed);
    ATRIUM_TRY_VOID(setDimension(args, "ctx", spec.ctx));
    ATRIUM_TRY_VOID(setDimension(args, "n-embd", spec.nEmbd));
    ATRIUM_TRY_VOID(setDimension(args, "n-layer", spec.nLayer));
    ATRIUM_TRY_VOID(setDimension(args, "n-head", spec.nHead));
    ATRIUM_TRY_VOID(setDimension(args, "n-head-kv", spec.nHeadKv));
    ATRIUM_TRY_VOID(setDimension(args, "head-dim", spec.headDim));
    ATRIUM_TRY_VOID(setDimension(args, "n-ff", spec.nFf));
    ATRIUM_TRY_VOID(setDimension(args, "n-vocab", spec.nVocab));
    ATRIUM_TRY(const double ropeBase, args.floatOr("rope-base", spec.ropeBase));
    spec.ropeBase = static_cast<float>(ropeBase);
    if (args.has("tied"))
        spec.tiedEmbeddings = true;
    if (args.has("untied"))
        spec.tiedEmbeddings = false;
    if (const auto tok = args.value("tokenizer")) {
        if (*tok == "bpe")
            spec.tokenizer = RandomTokenizer::Bpe;
        else if (*tok == "spm")
            spec.tokenizer = RandomTokenizer::Spm;
        else if (*tok != "auto")
            return fail(ErrorCode::InvalidArgument, "--tokenizer must be bpe, spm or auto");
    }
    spec.name = args.valueOr("name", spec.name);
    return spec;
}

} // namespace

int cmdWriteModel(const std::vector<std::string> &argv, Io io)
{
    auto parsed = Args::parse(argv,
        {{"arch", 0, true},
            {"shape", 0, true},
            {"type", 't', true},
            {"seed", 's', true},
            {"ctx", 0, true},
            {"n-embd", 0, true},
            {"n-layer", 0, true},
            {"n-head", 0, true},
            {"n-head-kv", 0, true},
            {"head-dim", 0, true},
            {"n-ff", 0, true},
            {"n-vocab", 0, true},
            {"rope-base", 0, true},
            {"tied", 0, false},
            {"untied", 0, false},
            {"tokenizer", 0, true},
            {"name", 0, true},
            {"output", 'o', true},
            {"json", 0, false}});
    if (!parsed)
        return reportError(io, parsed.error().message);
    const Args &args = *parsed;
    const auto output = args.value("output");
    if (!output)
        return reportError(io, "write-model needs an output file (-o FILE)");
    auto spec = specFromArgs(args);
    if (!spec)
        return reportError(io, spec.error().message);

    const auto start = std::chrono::steady_clock::now();
    auto summary = writeRandomModel(*spec, *output);
    if (!summary)
        return reportError(io, summary.error().message);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const std::string typeName(tensorTypeInfo(spec->matrixType).name);
    if (args.has("json")) {
        nlohmann::json j = {{"path", *output},
            {"arch", spec->arch},
            {"type", typeName},
            {"file_bytes", summary->fileBytes},
            {"parameters", summary->parameters},
            {"tensors", summary->tensorCount},
            {"fallback_tensors", summary->fallbackTensors},
            {"n_embd", spec->nEmbd},
            {"n_layer", spec->nLayer},
            {"n_head", spec->nHead},
            {"n_head_kv", spec->nHeadKv},
            {"head_dim", spec->headDim},
            {"n_ff", spec->nFf},
            {"n_vocab", spec->nVocab},
            {"context_length", spec->ctx},
            {"tied_embeddings", spec->tiedEmbeddings || spec->arch == "gemma" || spec->arch == "gemma2"},
            {"seed", spec->seed},
            {"seconds", seconds}};
        io.out << j.dump(2) << '\n';
        return 0;
    }
    const double mib = static_cast<double>(summary->fileBytes) / (1024.0 * 1024.0);
    io.out << "wrote " << *output << ": " << spec->arch << ", " << typeName << ", " << summary->parameters
           << " parameters (" << std::fixed << std::setprecision(1) << static_cast<double>(summary->parameters) / 1e6
           << "M), " << summary->tensorCount << " tensors, " << std::setprecision(mib < 10 ? 3 : 1) << mib << " MiB in "
           << std::setprecision(2) << seconds << " s\n";
    io.out << "  n_embd " << spec->nEmbd << ", n_layer " << spec->nLayer << ", n_head " << spec->nHead << "/"
           << spec->nHeadKv << ", head_dim " << spec->headDim << ", n_ff " << spec->nFf << ", n_vocab " << spec->nVocab
           << ", ctx " << spec->ctx << ", seed " << spec->seed << '\n';
    if (summary->fallbackTensors > 0)
        io.out << "  " << summary->fallbackTensors << " matrices use a fallback type (rows not a multiple of the "
               << typeName << " block)\n";
    return 0;
}

} // namespace atrium::cli
