// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <filesystem>

#include "runtime/model_impl.h"

namespace atrium
{

ModelInfo describeModel(const GgufFile &file)
{
    ModelInfo info;
    info.path = file.path();
    info.architecture = std::string(file.getString("general.architecture").value_or(""));
    info.name = std::string(file.getString("general.name").value_or(""));
    if (info.name.empty())
        info.name = std::filesystem::path(file.path()).stem().string();
    info.fileBytes = file.fileSize();
    for (const GgufTensor &t : file.tensors()) {
        info.parameterCount += t.elements();
        info.weightBytes += t.nbytes;
        ++info.tensorTypeCounts[std::string(tensorTypeInfo(t.type).name)];
    }

    // Shape: from the checked hyperparameters when the architecture is supported, else from the raw keys.
    const std::string a = info.architecture;
    if (auto hp = readHParams(file)) {
        info.supported = true;
        info.contextLengthTrained = hp->nCtxTrain;
        info.nEmbd = hp->nEmbd;
        info.nLayer = hp->nLayer;
        info.nHead = hp->nHead;
        info.nHeadKv = hp->nHeadKv;
        info.headDim = hp->headDim;
        info.nFf = hp->nFf;
        info.vocabSize = hp->nVocab;
    } else {
        const auto u32 = [&](const std::string &key) { return static_cast<uint32_t>(file.getUint(key).value_or(0)); };
        info.contextLengthTrained = u32(a + ".context_length");
        info.nEmbd = u32(a + ".embedding_length");
        info.nLayer = u32(a + ".block_count");
        info.nHead = u32(a + ".attention.head_count");
        info.nHeadKv = file.getUint(a + ".attention.head_count_kv") ? u32(a + ".attention.head_count_kv") : info.nHead;
        info.headDim = u32(a + ".attention.key_length");
        if (info.headDim == 0 && info.nHead > 0)
            info.headDim = info.nEmbd / info.nHead;
        info.nFf = u32(a + ".feed_forward_length");
        if (const GgufArray *tokens = file.getArray("tokenizer.ggml.tokens"))
            info.vocabSize = static_cast<uint32_t>(tokens->items.size());
    }

    // Tokenizer and chat templates.
    info.tokenizerKind = std::string(file.getString("tokenizer.ggml.model").value_or(""));
    info.tokenizerPre = std::string(file.getString("tokenizer.ggml.pre").value_or(""));
    const std::string_view prefix = "tokenizer.chat_template";
    for (const auto &[key, value] : file.metadata()) {
        if (key == prefix)
            info.hasChatTemplate = true;
        else if (key.size() > prefix.size() + 1 && key.starts_with(prefix) && key[prefix.size()] == '.')
            info.chatTemplateNames.push_back(key.substr(prefix.size() + 1));
    }
    return info;
}

Expected<ModelInfo> inspectModel(const std::string &path)
{
    ATRIUM_TRY(GgufFile file, GgufFile::open(path));
    return describeModel(file);
}

} // namespace atrium
