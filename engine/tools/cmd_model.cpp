// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <algorithm>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "args.h"
#include "atrium/memory.h"
#include "atrium/model.h"
#include "commands.h"

namespace atrium::cli
{

namespace
{

/// Context sizes the memory table lists: powers of two from 512 up to the trained context, plus the trained one.
std::vector<uint32_t> contextSizes(uint32_t trained)
{
    std::vector<uint32_t> sizes;
    for (uint32_t c = 512; c < trained && c <= 131072; c *= 4)
        sizes.push_back(c);
    if (trained > 0)
        sizes.push_back(trained);
    return sizes;
}

std::string humanBytes(uint64_t bytes)
{
    std::ostringstream s;
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 4) {
        v /= 1024.0;
        ++u;
    }
    s << std::fixed << std::setprecision(u == 0 ? 0 : 1) << v << ' ' << units[u];
    return s.str();
}

} // namespace

int cmdInfo(const std::vector<std::string> &argv, Io io)
{
    auto args = Args::parse(argv, {{"model", 'm', true}, {"json", 0, false}});
    if (!args)
        return reportError(io, args.error().message);
    const auto path = args->value("model");
    if (!path)
        return reportError(io, "info needs -m MODEL");
    const auto info = inspectModel(*path);
    if (!info) {
        const std::string &message = info.error().message;
        return reportError(io, message.find(*path) == std::string::npos ? *path + ": " + message : message);
    }

    std::vector<MemoryEstimate> memory;
    for (const uint32_t ctx : contextSizes(info->contextLengthTrained)) {
        const auto m = estimateMemory(*path, ctx);
        if (!m)
            return reportError(io, *path + ": " + m.error().message);
        memory.push_back(*m);
    }

    if (args->has("json")) {
        nlohmann::json j;
        j["path"] = info->path;
        j["architecture"] = info->architecture;
        j["name"] = info->name;
        j["supported"] = info->supported;
        j["parameters"] = info->parameterCount;
        j["context_length"] = info->contextLengthTrained;
        j["embedding_length"] = info->nEmbd;
        j["layers"] = info->nLayer;
        j["heads"] = info->nHead;
        j["heads_kv"] = info->nHeadKv;
        j["head_dim"] = info->headDim;
        j["feed_forward_length"] = info->nFf;
        j["vocab_size"] = info->vocabSize;
        j["tensor_types"] = info->tensorTypeCounts;
        j["file_bytes"] = info->fileBytes;
        j["weight_bytes"] = info->weightBytes;
        j["tokenizer"] = {{"model", info->tokenizerKind}, {"pre", info->tokenizerPre}};
        j["chat_template"] = info->hasChatTemplate;
        j["chat_template_names"] = info->chatTemplateNames;
        nlohmann::json mem = nlohmann::json::array();
        for (const MemoryEstimate &m : memory) {
            mem.push_back({{"context", m.contextLength},
                {"weight_bytes", m.weightBytes},
                {"kv_bytes", m.kvBytes},
                {"scratch_bytes", m.scratchBytes},
                {"total_bytes", m.totalBytes}});
        }
        j["memory"] = mem;
        io.out << j.dump(2) << '\n';
        return 0;
    }

    io.out << info->name << " (" << info->path << ")\n";
    io.out << "  architecture     " << info->architecture << (info->supported ? "" : " (not supported)") << '\n';
    io.out << "  parameters       " << info->parameterCount << '\n';
    io.out << "  context length   " << info->contextLengthTrained << '\n';
    io.out << "  shape            " << info->nLayer << " layers, n_embd " << info->nEmbd << ", " << info->nHead
           << " heads / " << info->nHeadKv << " KV heads of " << info->headDim << ", n_ff " << info->nFf << '\n';
    io.out << "  vocabulary       " << info->vocabSize << " (" << info->tokenizerKind
           << (info->tokenizerPre.empty() ? "" : ", pre " + info->tokenizerPre) << ")\n";
    io.out << "  tensor types    ";
    for (const auto &[type, count] : info->tensorTypeCounts)
        io.out << ' ' << type << " ×" << count;
    io.out << '\n';
    io.out << "  file size        " << humanBytes(info->fileBytes) << '\n';
    io.out << "  chat template    " << (info->hasChatTemplate ? "yes" : "no") << '\n';
    io.out << "  memory (f16 KV)\n";
    for (const MemoryEstimate &m : memory) {
        io.out << "    ctx " << std::setw(7) << m.contextLength << "  total " << std::setw(10)
               << humanBytes(m.totalBytes) << "  (weights " << humanBytes(m.weightBytes) << ", KV "
               << humanBytes(m.kvBytes) << ", scratch " << humanBytes(m.scratchBytes) << ")\n";
    }
    return 0;
}

} // namespace atrium::cli
