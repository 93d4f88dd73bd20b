// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "gguf/random_model_writer.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "gguf/random_vocab.h"
#include "gguf/random_weights.h"

namespace atrium
{

namespace
{

// --- presets -------------------------------------------------------------------------------------------------------

struct Preset {
    const char *name;
    uint32_t nEmbd, nLayer, nHead, nHeadKv, headDim, nFf, nVocab, ctx;
    bool tied;
    float ropeBase;
    float rmsEps;
};

constexpr Preset kPresets[] = {
    {"stories260k", 64, 5, 8, 4, 8, 172, 512, 2048, false, 10000.0f, 1e-5f},
    {"smollm2-135m", 576, 30, 9, 3, 64, 1536, 49152, 8192, true, 100000.0f, 1e-5f},
    {"llama-3.2-1b", 2048, 16, 32, 8, 64, 8192, 128256, 131072, true, 500000.0f, 1e-5f},
    {"llama-3-8b", 4096, 32, 32, 8, 128, 14336, 128256, 8192, false, 500000.0f, 1e-5f},
    {"qwen2.5-0.5b", 896, 24, 14, 2, 64, 4864, 151936, 32768, true, 1000000.0f, 1e-6f},
};

// --- architectures -------------------------------------------------------------------------------------------------

struct ArchTraits {
    const char *name;
    bool fusedQkvAndGateUp; // phi3: attn_qkv, ffn_up of width 2·n_ff, no ffn_gate
    bool qkvBias; // qwen2
    bool postNorms; // gemma2: post_attention_norm, post_ffw_norm
    bool alwaysTied; // gemma, gemma2
    bool spmByDefault;
};

constexpr ArchTraits kArchs[] = {
    {"llama", false, false, false, false, false},
    {"qwen2", false, true, false, false, false},
    {"phi3", true, false, false, false, true},
    {"gemma", false, false, false, true, true},
    {"gemma2", false, false, true, true, true},
};

const ArchTraits *findArch(std::string_view name)
{
    for (const ArchTraits &a : kArchs) {
        if (name == a.name)
            return &a;
    }
    return nullptr;
}

constexpr const char *kLlama3Template =
    "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + "
    "message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 "
    "%}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ "
    "'<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";
constexpr const char *kChatMlTemplate =
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + "
    "'\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";
constexpr const char *kPhi3Template =
    "{% for message in messages %}{% if message['role'] == 'system' %}{{'<|system|>\n' + message['content'] + "
    "'<|end|>\n'}}{% elif message['role'] == 'user' %}{{'<|user|>\n' + message['content'] + '<|end|>\n'}}{% elif "
    "message['role'] == 'assistant' %}{{'<|assistant|>\n' + message['content'] + '<|end|>\n'}}{% endif %}{% endfor "
    "%}{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% endif %}";
constexpr const char *kGemmaTemplate =
    "{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'assistant') %}{% set role = 'model' "
    "%}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\n' + message['content'] "
    "| trim + '<end_of_turn>\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}";

RandomVocabSpec vocabFor(const RandomModelSpec &spec, const ArchTraits &arch)
{
    const bool spm =
        spec.tokenizer == RandomTokenizer::Spm || (spec.tokenizer == RandomTokenizer::Auto && arch.spmByDefault);
    const std::string_view a = arch.name;
    RandomVocabSpec v;
    v.nVocab = spec.nVocab;
    v.bpe = !spm;
    if (!spm && a == "qwen2") {
        v.pre = "qwen2";
        v.specials = {"<|endoftext|>", "<|im_start|>", "<|im_end|>"};
        v.bosIndex = 0;
        v.eosIndex = 2;
        v.eotIndex = 2;
        v.padIndex = 0;
        v.addBos = false;
        v.chatTemplate = kChatMlTemplate;
    } else if (!spm) {
        v.pre = "llama-bpe";
        v.specials = {"<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"};
        v.bosIndex = 0;
        v.eosIndex = 1;
        v.eotIndex = 4;
        v.chatTemplate = kLlama3Template;
    } else if (a == "gemma" || a == "gemma2") {
        v.specials = {"<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>"};
        v.padIndex = 0;
        v.eosIndex = 1;
        v.bosIndex = 2;
        v.unkIndex = 3;
        v.eotIndex = 5;
        v.addSpacePrefix = false;
        v.chatTemplate = kGemmaTemplate;
    } else if (a == "phi3") {
        v.specials = {"<unk>", "<s>", "</s>", "<|endoftext|>", "<|system|>", "<|user|>", "<|assistant|>", "<|end|>"};
        v.unkIndex = 0;
        v.bosIndex = 1;
        v.eosIndex = 3;
        v.padIndex = 3;
        v.eotIndex = 7;
        v.addBos = false;
        v.chatTemplate = kPhi3Template;
    } else {
        v.specials = {"<unk>", "<s>", "</s>"};
        v.unkIndex = 0;
        v.bosIndex = 1;
        v.eosIndex = 2;
    }
    return v;
}

// llama.cpp's general.file_type for a model whose matrices are mostly `type`.
uint32_t fileTypeOf(TensorType type)
{
    switch (type) {
    case TensorType::F32:
        return 0;
    case TensorType::F16:
        return 1;
    case TensorType::Q4_0:
        return 2;
    case TensorType::Q4_1:
        return 3;
    case TensorType::Q8_0:
        return 7;
    case TensorType::Q5_0:
        return 8;
    case TensorType::Q5_1:
        return 9;
    case TensorType::Q4_K:
        return 15;
    case TensorType::Q5_K:
        return 17;
    case TensorType::Q6_K:
        return 18;
    case TensorType::BF16:
        return 32;
    default:
        return 0;
    }
}

// --- tensors -------------------------------------------------------------------------------------------------------

class ModelBuilder
{
public:
    ModelBuilder(const RandomModelSpec &spec, GgufWriter &writer, RandomModelSummary &summary)
        : m_spec(spec)
        , m_writer(writer)
        , m_summary(summary)
    {
    }

    /// A weight matrix of `rows` rows of `cols` (= fan_in) elements.
    void matrix(const std::string &name, uint64_t cols, uint64_t rows)
    {
        const TensorType type = fallbackMatrixType(m_spec.matrixType, cols);
        if (type != m_spec.matrixType)
            ++m_summary.fallbackTensors;
        add(name, type, cols, rows, 1.0f / std::sqrt(static_cast<float>(cols)));
    }
    void norm(const std::string &name, uint64_t n)
    {
        std::vector<float> ones(n, 1.0f);
        addFloats(name, ones);
    }
    void bias(const std::string &name, uint64_t n)
    {
        add(name, TensorType::F32, n, 1, 0.02f);
    }

private:
    void add(const std::string &name, TensorType type, uint64_t cols, uint64_t rows, float stddev)
    {
        const uint64_t seed = m_spec.seed * 0x9E3779B97F4A7C15ull + (++m_index) * 0xC2B2AE3D27D4EB4Full;
        std::vector<uint64_t> ne {cols};
        if (rows > 1)
            ne.push_back(rows);
        m_writer.addTensorProducer(name, type, ne, [=](uint64_t first, uint64_t count, uint8_t *dst) {
            fillRandomRows(type, cols, stddev, seed, first, count, dst);
        });
        m_summary.parameters += cols * rows;
        ++m_summary.tensorCount;
    }
    void addFloats(const std::string &name, const std::vector<float> &values)
    {
        std::vector<uint8_t> bytes(values.size() * sizeof(float));
        std::memcpy(bytes.data(), values.data(), bytes.size());
        m_writer.addTensor(name, TensorType::F32, {values.size()}, std::move(bytes));
        m_summary.parameters += values.size();
        ++m_summary.tensorCount;
    }

    const RandomModelSpec &m_spec;
    GgufWriter &m_writer;
    RandomModelSummary &m_summary;
    uint64_t m_index = 0;
};

void addMetadata(GgufWriter &w, const RandomModelSpec &s, const ArchTraits &arch)
{
    const std::string a = arch.name;
    w.setString("general.architecture", a);
    w.setString("general.type", "model");
    w.setString("general.name", s.name);
    w.setUint32(a + ".context_length", s.ctx);
    w.setUint32(a + ".embedding_length", s.nEmbd);
    w.setUint32(a + ".block_count", s.nLayer);
    w.setUint32(a + ".feed_forward_length", s.nFf);
    w.setUint32(a + ".attention.head_count", s.nHead);
    w.setUint32(a + ".attention.head_count_kv", s.nHeadKv);
    w.setFloat32(a + ".rope.freq_base", s.ropeBase);
    w.setFloat32(a + ".attention.layer_norm_rms_epsilon", s.rmsEps);
    w.setUint32(a + ".attention.key_length", s.headDim);
    w.setUint32(a + ".attention.value_length", s.headDim);
    w.setUint32(a + ".rope.dimension_count", s.headDim);
    if (a == "llama")
        w.setUint32(a + ".vocab_size", s.nVocab);
    if (a == "phi3")
        w.setUint32(a + ".rope.scaling.original_context_length", s.ctx);
    if (a == "gemma2") {
        w.setFloat32(a + ".attn_logit_softcapping", 50.0f);
        w.setFloat32(a + ".final_logit_softcapping", 30.0f);
        w.setUint32(a + ".attention.sliding_window", 4096);
    }
    w.setUint32("general.file_type", fileTypeOf(s.matrixType));
    w.setUint32("general.quantization_version", 2);
    addRandomVocab(w, vocabFor(s, arch));
}

void addTensors(ModelBuilder &b, const RandomModelSpec &s, const ArchTraits &arch)
{
    const uint64_t e = s.nEmbd;
    const uint64_t q = uint64_t(s.nHead) * s.headDim;
    const uint64_t kv = uint64_t(s.nHeadKv) * s.headDim;
    b.matrix("token_embd.weight", e, s.nVocab);
    for (uint32_t l = 0; l < s.nLayer; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        b.norm(p + "attn_norm.weight", e);
        if (arch.fusedQkvAndGateUp) {
            b.matrix(p + "attn_qkv.weight", e, q + 2 * kv);
        } else {
            b.matrix(p + "attn_q.weight", e, q);
            b.matrix(p + "attn_k.weight", e, kv);
            b.matrix(p + "attn_v.weight", e, kv);
        }
        if (arch.qkvBias) {
            b.bias(p + "attn_q.bias", q);
            b.bias(p + "attn_k.bias", kv);
            b.bias(p + "attn_v.bias", kv);
        }
        b.matrix(p + "attn_output.weight", q, e);
        if (arch.postNorms)
            b.norm(p + "post_attention_norm.weight", e);
        b.norm(p + "ffn_norm.weight", e);
        if (arch.fusedQkvAndGateUp) {
            b.matrix(p + "ffn_up.weight", e, 2 * uint64_t(s.nFf));
        } else {
            b.matrix(p + "ffn_gate.weight", e, s.nFf);
            b.matrix(p + "ffn_up.weight", e, s.nFf);
        }
        b.matrix(p + "ffn_down.weight", s.nFf, e);
        if (arch.postNorms)
            b.norm(p + "post_ffw_norm.weight", e);
    }
    b.norm("output_norm.weight", e);
    if (!s.tiedEmbeddings && !arch.alwaysTied)
        b.matrix("output.weight", e, s.nVocab);
}

} // namespace

std::vector<std::string> randomModelPresetNames()
{
    std::vector<std::string> names;
    for (const Preset &p : kPresets)
        names.emplace_back(p.name);
    return names;
}

std::optional<RandomModelSpec> randomModelPreset(std::string_view shape)
{
    for (const Preset &p : kPresets) {
        if (shape != p.name)
            continue;
        RandomModelSpec s;
        s.name = std::string("random-") + p.name;
        s.nEmbd = p.nEmbd;
        s.nLayer = p.nLayer;
        s.nHead = p.nHead;
        s.nHeadKv = p.nHeadKv;
        s.headDim = p.headDim;
        s.nFf = p.nFf;
        s.nVocab = p.nVocab;
        s.ctx = p.ctx;
        s.tiedEmbeddings = p.tied;
        s.ropeBase = p.ropeBase;
        s.rmsEps = p.rmsEps;
        return s;
    }
    return std::nullopt;
}

TensorType fallbackMatrixType(TensorType wanted, uint64_t rowElements)
{
    TensorType t = wanted;
    if (rowElements % tensorTypeInfo(t).blockElements != 0) {
        switch (t) {
        case TensorType::Q4_K:
            t = TensorType::Q5_0;
            break;
        case TensorType::Q5_K:
            t = TensorType::Q5_1;
            break;
        default:
            t = TensorType::Q8_0;
            break;
        }
    }
    if (rowElements % tensorTypeInfo(t).blockElements != 0)
        t = TensorType::F16;
    return t;
}

Expected<void> validateRandomModelSpec(const RandomModelSpec &s)
{
    const ArchTraits *arch = findArch(s.arch);
    if (arch == nullptr)
        return fail(ErrorCode::UnsupportedArchitecture,
            "unknown architecture '" + s.arch + "' (expected llama, qwen2, phi3, gemma or gemma2)");
    if (!canFillRandom(s.matrixType))
        return fail(ErrorCode::UnsupportedQuantization,
            "cannot write random " + std::string(tensorTypeInfo(s.matrixType).name)
                + " weights (use F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K or Q6_K)");
    if (s.nEmbd == 0 || s.nLayer == 0 || s.nHead == 0 || s.nHeadKv == 0 || s.headDim == 0 || s.nFf == 0 || s.ctx == 0)
        return fail(ErrorCode::InvalidArgument, "every model dimension must be at least 1");
    if (s.nHead % s.nHeadKv != 0)
        return fail(ErrorCode::InvalidArgument,
            "n_head (" + std::to_string(s.nHead) + ") must be a multiple of n_head_kv (" + std::to_string(s.nHeadKv)
                + ")");
    if (s.headDim % 2 != 0)
        return fail(ErrorCode::InvalidArgument, "head_dim must be even (RoPE rotates pairs)");
    if (s.nLayer > 4096 || s.nEmbd > (1u << 20) || s.nFf > (1u << 22) || s.nVocab > (1u << 24))
        return fail(ErrorCode::InvalidArgument, "model dimensions are unreasonably large");
    const uint32_t minimum = randomVocabMinimum(vocabFor(s, *arch));
    if (s.nVocab < minimum)
        return fail(ErrorCode::InvalidArgument,
            "n_vocab must be at least " + std::to_string(minimum) + " (256 byte tokens plus the special tokens)");
    return {};
}

Expected<GgufWriter> buildRandomModel(const RandomModelSpec &spec, RandomModelSummary *summary)
{
    ATRIUM_TRY_VOID(validateRandomModelSpec(spec));
    const ArchTraits &arch = *findArch(spec.arch);
    RandomModelSummary local;
    RandomModelSummary &sum = summary != nullptr ? *summary : local;
    sum = RandomModelSummary {};
    GgufWriter writer;
    addMetadata(writer, spec, arch);
    ModelBuilder builder(spec, writer, sum);
    addTensors(builder, spec, arch);
    return writer;
}

Expected<RandomModelSummary> writeRandomModel(const RandomModelSpec &spec, const std::string &path)
{
    RandomModelSummary summary;
    ATRIUM_TRY(const GgufWriter writer, buildRandomModel(spec, &summary));
    ATRIUM_TRY_VOID(writer.writeFile(path));
    std::error_code ec;
    summary.fileBytes = std::filesystem::file_size(path, ec);
    return summary;
}

} // namespace atrium
