// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <cmath>
#include <fstream>
#include <iterator>
#include <set>

#include <QTemporaryDir>
#include <QTest>

#include "gguf/gguf_file.h"
#include "gguf/random_model_writer.h"

using namespace atrium;

namespace
{

RandomModelSpec tinySpec(const std::string &arch, TensorType type)
{
    RandomModelSpec s;
    s.arch = arch;
    s.nEmbd = 256;
    s.nLayer = 2;
    s.nHead = 4;
    s.nHeadKv = 2;
    s.headDim = 64;
    s.nFf = 512;
    s.nVocab = 400;
    s.matrixType = type;
    s.seed = 42;
    return s;
}

std::vector<uint8_t> readAll(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Mean and standard deviation of a whole tensor, dequantized.
std::pair<double, double> stats(const GgufTensor &t)
{
    std::vector<float> row(t.ne[0]);
    const size_t rb = rowBytes(t.type, t.ne[0]);
    double sum = 0, sum2 = 0;
    for (uint64_t r = 0; r < t.rows(); ++r) {
        dequantizeRow(t.type, t.data + r * rb, row.data(), t.ne[0]);
        for (float v : row) {
            sum += v;
            sum2 += double(v) * v;
        }
    }
    const double n = double(t.elements());
    return {sum / n, std::sqrt(std::max(0.0, sum2 / n - (sum / n) * (sum / n)))};
}

} // namespace

class TestRandomModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesALoadableModelForEachArch_data();
    void writesALoadableModelForEachArch();
    void sameSeedGivesTheSameFile();
    void stories260kPresetHasTheRealTensorShapes();
    void presetsHaveTheirPublishedShapes();
    void fallsBackWhenRowsDoNotFitTheBlocks();
    void rejectsInvalidSpecs();
};

void TestRandomModel::writesALoadableModelForEachArch_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("type");
    const char *archs[] = {"llama", "qwen2", "phi3", "gemma", "gemma2"};
    const TensorType types[] = {
        TensorType::Q4_K, TensorType::F16, TensorType::Q8_0, TensorType::Q6_K, TensorType::Q5_1};
    for (size_t i = 0; i < std::size(archs); ++i)
        QTest::addRow("%s", archs[i]) << QString::fromLatin1(archs[i]) << int(types[i]);
    for (TensorType t :
        {TensorType::F32, TensorType::BF16, TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_K})
        QTest::addRow("llama %s", std::string(tensorTypeInfo(t).name).c_str()) << QStringLiteral("llama") << int(t);
}

void TestRandomModel::writesALoadableModelForEachArch()
{
    QFETCH(QString, arch);
    QFETCH(int, type);
    const RandomModelSpec spec = tinySpec(arch.toStdString(), TensorType(type));
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("m.gguf")).toStdString();
    auto summary = writeRandomModel(spec, path);
    QVERIFY2(summary.has_value(), summary ? "" : summary.error().message.c_str());
    auto file = GgufFile::open(path);
    QVERIFY2(file.has_value(), file ? "" : file.error().message.c_str());
    QCOMPARE(summary->fileBytes, file->fileSize());
    QCOMPARE(summary->tensorCount, file->tensors().size());
    QCOMPARE(summary->fallbackTensors, size_t(0));

    const std::string a = spec.arch;
    QCOMPARE(file->getString("general.architecture").value_or(""), std::string_view(a));
    QCOMPARE(file->getUint(a + ".embedding_length").value_or(0), uint64_t(256));
    QCOMPARE(file->getUint(a + ".block_count").value_or(0), uint64_t(2));
    QCOMPARE(file->getUint(a + ".feed_forward_length").value_or(0), uint64_t(512));
    QCOMPARE(file->getUint(a + ".attention.head_count").value_or(0), uint64_t(4));
    QCOMPARE(file->getUint(a + ".attention.head_count_kv").value_or(0), uint64_t(2));
    QCOMPARE(file->getUint(a + ".attention.key_length").value_or(0), uint64_t(64));
    QCOMPARE(file->getUint(a + ".context_length").value_or(0), uint64_t(2048));
    QVERIFY(file->getFloat(a + ".attention.layer_norm_rms_epsilon").has_value());
    QCOMPARE(file->getUint("general.quantization_version").value_or(0), uint64_t(2));
    if (a == "gemma2") {
        QCOMPARE(file->getFloat("gemma2.attn_logit_softcapping").value_or(0), 50.0);
        QCOMPARE(file->getFloat("gemma2.final_logit_softcapping").value_or(0), 30.0);
    }

    // Tokenizer: n_vocab tokens, valid special ids, merges for BPE and scores for SPM.
    const GgufArray *tokens = file->getArray("tokenizer.ggml.tokens");
    QVERIFY(tokens != nullptr);
    QCOMPARE(tokens->items.size(), size_t(400));
    std::set<std::string> unique;
    for (const GgufValue &v : tokens->items)
        unique.insert(std::get<std::string>(v.data));
    QCOMPARE(unique.size(), size_t(400));
    QCOMPARE(file->getArray("tokenizer.ggml.token_type")->items.size(), size_t(400));
    QVERIFY(file->getUint("tokenizer.ggml.bos_token_id").value_or(9999) < 400);
    QVERIFY(file->getUint("tokenizer.ggml.eos_token_id").value_or(9999) < 400);
    const bool bpe = a == "llama" || a == "qwen2";
    QCOMPARE(file->getString("tokenizer.ggml.model").value_or(""), std::string_view(bpe ? "gpt2" : "llama"));
    if (bpe) {
        const GgufArray *merges = file->getArray("tokenizer.ggml.merges");
        QVERIFY(merges != nullptr && !merges->items.empty());
        for (const GgufValue &m : merges->items) { // every merge joins two tokens into a token of the vocabulary
            const std::string &s = std::get<std::string>(m.data);
            const size_t space = s.find(' ');
            QVERIFY(space != std::string::npos);
            QVERIFY(unique.count(s.substr(0, space)) && unique.count(s.substr(space + 1)));
            QVERIFY(unique.count(s.substr(0, space) + s.substr(space + 1)));
        }
    } else {
        QCOMPARE(file->getArray("tokenizer.ggml.scores")->items.size(), size_t(400));
        QVERIFY(unique.count("<0x41>"));
    }
    QVERIFY(file->getString("tokenizer.chat_template").has_value());

    // Tensors: names per architecture, shapes, types and a sane spread of values.
    const bool tied = a == "gemma" || a == "gemma2";
    QCOMPARE(file->findTensor("output.weight") != nullptr, !tied);
    const std::vector<std::string> perLayer = a == "phi3"
        ? std::vector<std::string> {"attn_norm", "attn_qkv", "attn_output", "ffn_norm", "ffn_up", "ffn_down"}
        : std::vector<std::string> {
            "attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm", "ffn_gate", "ffn_up", "ffn_down"};
    for (int l = 0; l < 2; ++l) {
        for (const std::string &n : perLayer)
            QVERIFY2(file->findTensor("blk." + std::to_string(l) + "." + n + ".weight"), n.c_str());
    }
    QCOMPARE(file->findTensor("blk.0.attn_q.bias") != nullptr, a == "qwen2");
    QCOMPARE(file->findTensor("blk.1.post_ffw_norm.weight") != nullptr, a == "gemma2");
    const size_t expected =
        3 - (tied ? 1 : 0) + 2 * (perLayer.size() + (a == "qwen2" ? 3 : 0) + (a == "gemma2" ? 2 : 0));
    QCOMPARE(file->tensors().size(), expected);
    if (a == "phi3") {
        QCOMPARE(file->findTensor("blk.0.attn_qkv.weight")->ne[1], uint64_t(4 * 64 + 2 * 2 * 64));
        QCOMPARE(file->findTensor("blk.0.ffn_up.weight")->ne[1], uint64_t(1024));
    } else {
        QCOMPARE(file->findTensor("blk.0.attn_k.weight")->ne[1], uint64_t(128));
    }
    const GgufTensor *down = file->findTensor("blk.1.ffn_down.weight");
    QCOMPARE(down->type, TensorType(type));
    QCOMPARE(down->ne[0], uint64_t(512));
    QCOMPARE(down->ne[1], uint64_t(256));
    QCOMPARE(file->findTensor("token_embd.weight")->ne[1], uint64_t(400));
    for (const GgufTensor &t : file->tensors()) {
        const auto [mean, stddev] = stats(t);
        QVERIFY(std::isfinite(mean) && std::isfinite(stddev));
        if (t.name.find("norm") != std::string::npos) {
            QCOMPARE(t.type, TensorType::F32);
            QCOMPARE(mean, 1.0);
        } else if (t.nDims == 2) {
            const double target = 1.0 / std::sqrt(double(t.ne[0]));
            QVERIFY2(std::fabs(stddev / target - 1.0) < 0.15, qPrintable(QString::fromStdString(t.name)));
            QVERIFY2(std::fabs(mean) < 0.15 * target, qPrintable(QString::fromStdString(t.name)));
        }
    }
}

void TestRandomModel::sameSeedGivesTheSameFile()
{
    QTemporaryDir dir;
    const std::string a = dir.filePath(QStringLiteral("a.gguf")).toStdString();
    const std::string b = dir.filePath(QStringLiteral("b.gguf")).toStdString();
    RandomModelSpec spec = tinySpec("llama", TensorType::Q4_K);
    QVERIFY(writeRandomModel(spec, a).has_value());
    QVERIFY(writeRandomModel(spec, b).has_value());
    const std::vector<uint8_t> first = readAll(a);
    QVERIFY(first == readAll(b));
    // The in-memory image is the same as the streamed file (generation does not depend on chunking).
    auto writer = buildRandomModel(spec);
    QVERIFY(writer.has_value());
    QVERIFY(writer->toBytes() == first);
    spec.seed = 43;
    QVERIFY(writeRandomModel(spec, b).has_value());
    const std::vector<uint8_t> other = readAll(b);
    QCOMPARE(other.size(), first.size());
    QVERIFY(other != first);
}

void TestRandomModel::stories260kPresetHasTheRealTensorShapes()
{
    const auto preset = randomModelPreset("stories260k");
    QVERIFY(preset.has_value());
    RandomModelSpec spec = *preset;
    spec.tokenizer = RandomTokenizer::Spm;
    auto writer = buildRandomModel(spec);
    QVERIFY(writer.has_value());
    auto random = GgufFile::fromBytes(writer->toBytes());
    QVERIFY(random.has_value());
    auto real = GgufFile::open(ATRIUM_SHARED_DIR "/models/stories260K.gguf");
    QVERIFY(real.has_value());
    QCOMPARE(random->tensors().size(), real->tensors().size());
    for (const GgufTensor &t : real->tensors()) {
        const GgufTensor *mine = random->findTensor(t.name);
        QVERIFY2(mine != nullptr, t.name.c_str());
        QCOMPARE(mine->ne, t.ne);
        QCOMPARE(mine->type, TensorType::F32);
    }
    for (const char *key : {"llama.embedding_length",
             "llama.block_count",
             "llama.feed_forward_length",
             "llama.attention.head_count",
             "llama.attention.head_count_kv",
             "llama.context_length"})
        QCOMPARE(random->getUint(key), real->getUint(key));
    QCOMPARE(random->getString("tokenizer.ggml.model"), real->getString("tokenizer.ggml.model"));
    QCOMPARE(random->getUint("tokenizer.ggml.bos_token_id"), real->getUint("tokenizer.ggml.bos_token_id"));
}

void TestRandomModel::presetsHaveTheirPublishedShapes()
{
    QCOMPARE(randomModelPresetNames().size(), size_t(5));
    for (const std::string &name : randomModelPresetNames()) {
        const auto spec = randomModelPreset(name);
        QVERIFY(spec.has_value());
        QVERIFY2(validateRandomModelSpec(*spec).has_value(), name.c_str());
    }
    const auto l8 = randomModelPreset("llama-3-8b");
    QCOMPARE(l8->nEmbd, 4096u);
    QCOMPARE(l8->nLayer, 32u);
    QCOMPARE(l8->nFf, 14336u);
    QCOMPARE(l8->nVocab, 128256u);
    QVERIFY(!l8->tiedEmbeddings);
    const auto l1 = randomModelPreset("llama-3.2-1b");
    QCOMPARE(l1->nEmbd, 2048u);
    QCOMPARE(l1->headDim, 64u);
    QCOMPARE(l1->ropeBase, 500000.0f);
    QVERIFY(l1->tiedEmbeddings);
    const auto smol = randomModelPreset("smollm2-135m");
    QCOMPARE(smol->nHead, 9u);
    QCOMPARE(smol->nHeadKv, 3u);
    QCOMPARE(smol->nVocab, 49152u);
    QVERIFY(!randomModelPreset("llama-9000").has_value());

    // The llama-3-8b shape in Q4_K: ~8.03 B parameters (the published Llama-3-8B count), written without holding
    // the data (only the header is built here).
    RandomModelSummary summary;
    RandomModelSpec spec = *l8;
    spec.matrixType = TensorType::Q4_K;
    QVERIFY(buildRandomModel(spec, &summary).has_value());
    QCOMPARE(summary.tensorCount, size_t(291));
    QVERIFY(summary.parameters > 8030000000ull && summary.parameters < 8031000000ull);
}

void TestRandomModel::fallsBackWhenRowsDoNotFitTheBlocks()
{
    QCOMPARE(fallbackMatrixType(TensorType::Q4_K, 4096), TensorType::Q4_K);
    QCOMPARE(fallbackMatrixType(TensorType::Q4_K, 576), TensorType::Q5_0);
    QCOMPARE(fallbackMatrixType(TensorType::Q5_K, 576), TensorType::Q5_1);
    QCOMPARE(fallbackMatrixType(TensorType::Q6_K, 896), TensorType::Q8_0);
    QCOMPARE(fallbackMatrixType(TensorType::Q4_K, 172), TensorType::F16);
    QCOMPARE(fallbackMatrixType(TensorType::Q8_0, 172), TensorType::F16);
    RandomModelSpec spec = *randomModelPreset("stories260k");
    spec.matrixType = TensorType::Q4_K; // every matrix has rows of 64 or 172
    RandomModelSummary summary;
    auto writer = buildRandomModel(spec, &summary);
    QVERIFY(writer.has_value());
    auto file = GgufFile::fromBytes(writer->toBytes());
    QVERIFY(file.has_value());
    QCOMPARE(file->findTensor("blk.0.attn_q.weight")->type, TensorType::Q5_0);
    QCOMPARE(file->findTensor("blk.0.ffn_down.weight")->type, TensorType::F16);
    QCOMPARE(summary.fallbackTensors, size_t(37));
}

void TestRandomModel::rejectsInvalidSpecs()
{
    RandomModelSpec spec = tinySpec("llama", TensorType::Q4_K);
    spec.arch = "mamba";
    QCOMPARE(validateRandomModelSpec(spec).error().code, ErrorCode::UnsupportedArchitecture);
    spec = tinySpec("llama", TensorType::Q2_K);
    QCOMPARE(validateRandomModelSpec(spec).error().code, ErrorCode::UnsupportedQuantization);
    spec = tinySpec("llama", TensorType::Q4_K);
    spec.nHeadKv = 3;
    QVERIFY(validateRandomModelSpec(spec).error().message.find("multiple of n_head_kv") != std::string::npos);
    spec = tinySpec("llama", TensorType::Q4_K);
    spec.nVocab = 200;
    QVERIFY(validateRandomModelSpec(spec).error().message.find("n_vocab must be at least 261") != std::string::npos);
    spec = tinySpec("llama", TensorType::Q4_K);
    spec.nLayer = 0;
    QVERIFY(!buildRandomModel(spec).has_value());
    QTemporaryDir dir;
    spec = tinySpec("llama", TensorType::Q4_K);
    auto written = writeRandomModel(spec, dir.filePath(QStringLiteral("missing/dir/m.gguf")).toStdString());
    QVERIFY(!written.has_value());
    QCOMPARE(written.error().code, ErrorCode::IoError);
}

QTEST_APPLESS_MAIN(TestRandomModel)
#include "test_random_model.moc"
