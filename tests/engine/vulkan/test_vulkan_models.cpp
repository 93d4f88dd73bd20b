// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Whole models on the Vulkan backend (lavapipe in CI): every model in shared/models and shared/models/arch against
// its llama.cpp golden with the tolerance the CPU path must meet (reference/README.md: 1e-3 on logits for F32 math
// on dequantized weights; the arch goldens carry their own), greedy continuations identical or explained by the
// teacher-forced rule, llama.cpp's token-by-token runs, and the persisted pipeline cache.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <span>

#include <nlohmann/json.hpp>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "atrium/devices.h"
#include "atrium/model.h"
#include "atrium/session.h"
#include "engine/golden_support.h"

using namespace atrium;
using namespace atrium::golden;

namespace
{

Expected<std::shared_ptr<Model>> loadOnVulkan(const QString &path, const std::string &cacheDir = {})
{
    LoadOptions options;
    options.backend = BackendKind::Vulkan;
    options.contextLength = 256; // the goldens' n_ctx (it also picks Phi-3's LongRoPE factors)
    options.pipelineCacheDir = cacheDir;
    return Model::load(path.toStdString(), options);
}

} // namespace

class TestVulkanModels : public QObject
{
    Q_OBJECT

private:
    bool m_haveDevice = false;
    std::string m_skip;

private Q_SLOTS:
    void initTestCase()
    {
        const DeviceList list = listVulkanDevices();
        m_haveDevice = !list.devices.empty();
        m_skip = "no Vulkan device: " + list.reason;
    }

    void matchesGoldens_data()
    {
        QTest::addColumn<QString>("modelPath");
        QTest::addColumn<QString>("goldenPath");
        QTest::addColumn<bool>("arch");
        // F32 files against llama.cpp on the file; F16 / quantized files against llama.cpp on an F32 copy it
        // dequantized (what an engine doing F32 math on dequantized weights must reproduce).
        const auto add = [](const QString &modelDir, const QString &goldenDir, bool arch) {
            const QDir models(sharedPath(modelDir));
            const QDir goldens(sharedPath(goldenDir));
            for (const QString &file : models.entryList({QStringLiteral("*.gguf")}, QDir::Files, QDir::Name)) {
                const QString base = file.chopped(5);
                const bool f32 = base.endsWith(QStringLiteral("-F32")) || base == QStringLiteral("stories260K");
                QStringList candidates {
                    base + (f32 ? QStringLiteral(".cpu.json") : QStringLiteral(".cpu-dequant-f32.json"))};
                if (arch) // exact-GELU references for the GELU models (tolerance 1e-3 even where llama.cpp's table
                          // differs)
                    candidates << base + QStringLiteral(".numpy-f64-exact-gelu.json");
                for (const QString &golden : candidates) {
                    if (goldens.exists(golden))
                        QTest::newRow(qPrintable(golden)) << models.filePath(file) << goldens.filePath(golden) << arch;
                }
            }
        };
        add(QStringLiteral("models"), QStringLiteral("reference/golden"), false);
        add(QStringLiteral("models/arch"), QStringLiteral("reference/arch"), true);
    }
    void matchesGoldens()
    {
        if (!m_haveDevice)
            QSKIP(m_skip.c_str());
        QFETCH(QString, modelPath);
        QFETCH(QString, goldenPath);
        QFETCH(bool, arch);
        const auto loaded = loadOnVulkan(modelPath);
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        const std::shared_ptr<Model> model = *loaded;
        QCOMPARE(model->backendName(), std::string("vulkan"));
        const nlohmann::json golden = readJson(goldenPath);
        const double tol = arch ? golden["tolerance"]["logits_max_abs"].get<double>() : 1e-3;
        const size_t nVocab = model->vocabSize();
        QCOMPARE(nVocab, golden["n_vocab"].get<size_t>());
        Session session(model);
        double worst = 0.0;
        for (const nlohmann::json &c : golden["cases"]) {
            const auto input = c[arch ? "input_ids" : "prompt_ids"].get<std::vector<int32_t>>();
            session.reset();
            const auto logits = session.evaluate(input, arch);
            QVERIFY2(logits, logits ? "" : logits.error().message.c_str());
            if (arch) {
                for (size_t t = 0; t < input.size(); ++t) {
                    const double d =
                        maxAbsDiff(std::span<const float>(*logits).subspan(t * nVocab, nVocab), c["logits"][t]);
                    worst = std::max(worst, d);
                    QVERIFY2(d <= tol, qPrintable(QStringLiteral("position %1: max abs diff %2").arg(t).arg(d)));
                }
            } else {
                const double d = maxAbsDiff(*logits, c["next_token_logits"]);
                worst = std::max(worst, d);
                QVERIFY2(d <= tol, qPrintable(QStringLiteral("max abs diff %1").arg(d)));
            }
            // Greedy decoding, one token per step (the GEMV path).
            const auto expected = c["generated_ids"].get<std::vector<int32_t>>();
            const auto result = session.generate({}, greedy(), static_cast<int>(expected.size()));
            QVERIFY2(result, result ? "" : result.error().message.c_str());
            if (result->ids != expected) {
                QVERIFY2(arch, "stories goldens have a large top-1/top-2 gap: tokens must be identical");
                checkTeacherForced(session, input, expected, c["step_top5"], tol);
            }
        }
        qInfo("%s on %s: logits max abs diff %.3g (tolerance %g)",
            qPrintable(QFileInfo(goldenPath).fileName()),
            model->deviceName().c_str(),
            worst,
            tol);
    }

    void persistsThePipelineCache()
    {
        if (!m_haveDevice)
            QSKIP(m_skip.c_str());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString model = sharedPath(QStringLiteral("models/stories260K-pad256-Q4_K_M.gguf"));
        const std::vector<int32_t> prompt {1, 403, 407, 261, 378};
        std::vector<float> first;
        {
            const auto loaded = loadOnVulkan(model, dir.path().toStdString());
            QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
            Session session(*loaded);
            const auto logits = session.evaluate(prompt);
            QVERIFY(logits);
            first = *logits;
        }
        const QStringList files = QDir(dir.path()).entryList({QStringLiteral("atrium-pipelines-*.bin")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        QVERIFY(QFileInfo(dir.filePath(files.front())).size() >= 32);
        // A second load starts from the cache and computes the same logits.
        const auto loaded = loadOnVulkan(model, dir.path().toStdString());
        QVERIFY(loaded);
        Session session(*loaded);
        const auto logits = session.evaluate(prompt);
        QVERIFY(logits);
        QCOMPARE(*logits, first);
    }
};

QTEST_APPLESS_MAIN(TestVulkanModels)
#include "test_vulkan_models.moc"
