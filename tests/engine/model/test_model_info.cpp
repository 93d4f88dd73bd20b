// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Model description, memory estimates and load failures.
#include <QtTest>

#include "atrium/memory.h"
#include "atrium/model.h"
#include "gguf/gguf_file.h"

using namespace atrium;

namespace
{

const std::string kStories = ATRIUM_SHARED_DIR "/models/stories260K.gguf";
const std::string kGemma2 = ATRIUM_SHARED_DIR "/models/arch/gemma2-tiny-F32.gguf";
const std::string kQ4 = ATRIUM_SHARED_DIR "/models/stories260K-pad256-Q4_K_M.gguf";

} // namespace

class TestModelInfo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void describesStories260K()
    {
        const auto info = inspectModel(kStories);
        QVERIFY(info);
        QCOMPARE(info->architecture, std::string("llama"));
        QVERIFY(info->supported);
        QCOMPARE(info->nLayer, 5u);
        QCOMPARE(info->nEmbd, 64u);
        QCOMPARE(info->nHead, 8u);
        QCOMPARE(info->nHeadKv, 4u);
        QCOMPARE(info->headDim, 8u);
        QCOMPARE(info->nFf, 172u);
        QCOMPARE(info->vocabSize, 512u);
        QCOMPARE(info->tokenizerKind, std::string("llama"));
        QVERIFY(!info->hasChatTemplate);
        QCOMPARE(info->tensorTypeCounts.size(), size_t(1));
        QVERIFY(info->tensorTypeCounts.count("F32") == 1);
        QCOMPARE(info->fileBytes, uint64_t(QFileInfo(QString::fromStdString(kStories)).size()));
        // 5 layers × (2 norms + 7 matrices) + embeddings, output norm and output.
        QCOMPARE(info->tensorTypeCounts.at("F32"), 5u * 9u + 3u);
        QVERIFY(info->parameterCount > 250000 && info->parameterCount < 300000);
    }

    void countsMixedTensorTypes()
    {
        const auto info = inspectModel(kQ4);
        QVERIFY(info);
        QVERIFY(info->tensorTypeCounts.size() >= 2); // F32 norms plus several quantized types
        uint32_t total = 0;
        for (const auto &[type, count] : info->tensorTypeCounts)
            total += count;
        QCOMPARE(total, 5u * 9u + 3u);
    }

    void loadedModelReportsItsSetup()
    {
        LoadOptions options;
        options.backend = BackendKind::Reference;
        const auto model = Model::load(kStories, options);
        QVERIFY(model);
        QCOMPARE((*model)->contextLength(), 2048u); // min(trained context 2048, 4096)
        QCOMPARE((*model)->backendName(), std::string("reference"));
        QVERIFY(!(*model)->deviceName().empty());
        QCOMPARE((*model)->vocabSize(), 512u);
        QVERIFY(!(*model)->chatTemplate());
        QVERIFY((*model)->fallbackReason().empty());
    }

    void loadFailuresAreErrors()
    {
        const auto missing = Model::load("/nonexistent/model.gguf", {});
        QVERIFY(!missing);
        QVERIFY(!missing.error().message.empty());
        QVERIFY(!inspectModel("/nonexistent/model.gguf"));
    }

    void memoryEstimateAddsUp()
    {
        auto file = GgufFile::open(kStories);
        QVERIFY(file);
        uint64_t weights = 0;
        for (const GgufTensor &t : file->tensors())
            weights += t.nbytes;
        const MemoryEstimate m = estimateMemory(*file, 256, 4);
        QCOMPARE(m.contextLength, 256u);
        QCOMPARE(m.weightBytes, weights);
        QCOMPARE(m.kvBytes, uint64_t(2) * 5 * (4 * 8) * 256 * 4); // 2 · n_layer · n_kv · d_h · ctx · 4 bytes
        QVERIFY(m.scratchBytes > 0);
        QCOMPARE(m.totalBytes, m.weightBytes + m.kvBytes + m.scratchBytes);
        // Doubling the context doubles the KV cache; f16 halves it.
        QCOMPARE(estimateMemory(*file, 512, 4).kvBytes, 2 * m.kvBytes);
        QCOMPARE(estimateMemory(*file, 256, 2).kvBytes, m.kvBytes / 2);
        QCOMPARE(estimateMemory(kStories, 256, 4).value().totalBytes, m.totalBytes);
    }

    void memoryEstimateKnowsSlidingWindows()
    {
        const auto m = estimateMemory(kGemma2, 4096, 2);
        QVERIFY(m);
        // gemma2-tiny: 26 layers, 2 KV heads of 16; window 48 on the 13 even layers (48 + 512 positions kept).
        const uint64_t kvDim = 2 * 16;
        QCOMPARE(m->kvBytes, 2 * kvDim * 2 * (13 * uint64_t(4096) + 13 * uint64_t(48 + 512)));
    }
};

QTEST_APPLESS_MAIN(TestModelInfo)
#include "test_model_info.moc"
