// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Whole-model parity with llama.cpp: every stories260K file and every tiny architecture model found in the shared
// test data, against the golden JSON that applies to it (shared/reference/README.md and arch/README.md).
#include <algorithm>
#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include <QDir>
#include <QtTest>

#include "atrium/model.h"
#include "atrium/session.h"
#include "cpu/cpu_isa.h"
#include "engine/golden_support.h"
#include "tokenizer/tokenizer.h"

using namespace atrium;
using namespace atrium::golden;

namespace
{

/// The backend under test: the reference backend, or the one ATRIUM_GOLDEN_BACKEND names (cpu, vulkan) so the
/// same parity checks run on the fast backends.
BackendKind backendUnderTest()
{
    const QByteArray name = qgetenv("ATRIUM_GOLDEN_BACKEND");
    if (name == "cpu")
        return BackendKind::Cpu;
    if (name == "vulkan")
        return BackendKind::Vulkan;
    return BackendKind::Reference;
}

/// Loads for the dequantized-f32 goldens: on the CPU backend, f32 activations for quantized weights (its default
/// integer-dot path is checked against llama.cpp's native goldens instead, in storiesIntegerPathMatchesLlamaCpp).
Expected<std::shared_ptr<Model>> loadModel(const QString &path)
{
    LoadOptions options;
    options.backend = backendUnderTest();
    options.contextLength = 256; // the goldens' n_ctx (it also picks Phi-3's LongRoPE factors)
    options.exactActivations = true;
    options.f32KvCache = true; // as the goldens were made (reference/README.md)
    return Model::load(path.toStdString(), options);
}

/// The golden set of files found on disk: rows of (model path, golden path, tolerance).
void addGoldenRows(const QString &modelDir, const QString &goldenDir, const QStringList &filters, bool withNumpy)
{
    QTest::addColumn<QString>("modelPath");
    QTest::addColumn<QString>("goldenPath");
    const QDir models(sharedPath(modelDir));
    const QDir goldens(sharedPath(goldenDir));
    for (const QString &file : models.entryList(filters, QDir::Files, QDir::Name)) {
        const QString base = file.chopped(5); // without ".gguf"
        // F32 files are compared with llama.cpp on the file itself; F16/quantized files with llama.cpp on an F32
        // copy it dequantized (what an engine that dequantizes and computes in F32 must reproduce).
        QStringList candidates {base + QStringLiteral(".cpu-dequant-f32.json")};
        if (base.endsWith(QStringLiteral("-F32")) || base == QStringLiteral("stories260K"))
            candidates = {base + QStringLiteral(".cpu.json")};
        if (withNumpy)
            candidates << base + QStringLiteral(".numpy-f64-exact-gelu.json");
        for (const QString &golden : candidates) {
            if (goldens.exists(golden))
                QTest::newRow(qPrintable(golden)) << models.filePath(file) << goldens.filePath(golden);
        }
    }
}

/// checkCasesWithin on the CPU backend with its default options, at the goldens' context size.
void checkDefaultCpuPath(const QString &modelPath, const QString &goldenPath, double tol, double &worst)
{
    LoadOptions options;
    options.backend = BackendKind::Cpu;
    options.contextLength = 256;
    const auto loaded = Model::load(modelPath.toStdString(), options);
    QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
    Session session(*loaded);
    checkCasesWithin(session, readJson(goldenPath), tol, worst);
}

} // namespace

class TestModelGolden : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void storiesMatchesLlamaCpp_data()
    {
        addGoldenRows(
            QStringLiteral("models"), QStringLiteral("reference/golden"), {QStringLiteral("stories260K*.gguf")}, false);
    }

    void storiesMatchesLlamaCpp()
    {
        QFETCH(QString, modelPath);
        QFETCH(QString, goldenPath);
        const auto loaded = loadModel(modelPath);
        if (!loaded && loaded.error().code == ErrorCode::NoVulkanDevice)
            QSKIP("no Vulkan device");
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        const std::shared_ptr<Model> model = *loaded;
        const nlohmann::json golden = readJson(goldenPath);
        double worst = 0.0;
        for (const nlohmann::json &c : golden["cases"]) {
            // Tokenization as llama-cli does it: add BOS, parse special tokens.
            const auto ids = model->tokenizer().encode(c["prompt"].get<std::string>(), true, true);
            QVERIFY(ids);
            QCOMPARE(*ids, c["prompt_ids"].get<std::vector<int32_t>>());

            // Next-token logits after the prompt, in one batch from an empty context.
            Session session(model);
            const auto logits = session.evaluate(*ids);
            QVERIFY(logits);
            const double diff = maxAbsDiff(*logits, c["next_token_logits"]);
            worst = std::max(worst, diff);
            QVERIFY2(diff <= 1e-3, qPrintable(QStringLiteral("max abs diff %1").arg(diff)));

            // 32 greedy tokens, identical (the smallest top-1/top-2 gap along these paths is far above 1e-3).
            const auto expected = c["generated_ids"].get<std::vector<int32_t>>();
            const auto result = session.generate({}, greedy(), static_cast<int>(expected.size()));
            QVERIFY(result);
            QCOMPARE(result->ids, expected);
            // Streamed text is the pieces one after another; the detokenized ids drop the SPM leading space.
            std::string pieces;
            for (const nlohmann::json &piece : c["generated_pieces"])
                pieces += piece.is_string() ? piece.get<std::string>() : std::string();
            QCOMPARE(result->text, pieces);
            QCOMPARE(model->tokenizer().decode(result->ids), c["generated_text"].get<std::string>());
        }
        qInfo("%s on %s: next-token logits max abs diff %.3g",
            qPrintable(QFileInfo(goldenPath).fileName()),
            model->backendName().c_str(),
            worst);
    }

    void storiesIntegerDecodingMatchesLlamaCppOnEveryLevel()
    {
        // Decoding (one token per evaluate: the integer-dot single-row path) on every ISA level this CPU has,
        // against llama.cpp's native logits after each prompt. The RMS norm's scale must round as ggml's does: an
        // ulp off (f32 lanes, double sqrt) moved 8-bit activation codes and gave 0.18 on AVX-512 with this file.
        const QString modelPath = sharedPath(QStringLiteral("models/stories260K-pad256-Q5_K_M.gguf"));
        const QString goldenPath = sharedPath(QStringLiteral("reference/golden/stories260K-pad256-Q5_K_M.cpu.json"));
        if (!QFileInfo::exists(modelPath) || !QFileInfo::exists(goldenPath))
            QSKIP("stories260K-pad256-Q5_K_M and its llama.cpp golden are not in the shared test data");
        const auto golden = readJson(goldenPath);
        struct Restore {
            ~Restore()
            {
                forceCpuIsa(CpuIsa::Auto);
            }
        } restore;
        const CpuIsa best = detectCpuIsa();
        for (CpuIsa isa : {CpuIsa::Generic, CpuIsa::Avx, CpuIsa::Avx2, CpuIsa::Avx512}) {
            if (static_cast<int>(isa) > static_cast<int>(best))
                continue;
            forceCpuIsa(isa);
            LoadOptions options;
            options.backend = BackendKind::Cpu;
            options.contextLength = 256;
            options.f32KvCache = true; // the goldens' cache; an f16 one moves 8-bit activation codes too
            const auto model = Model::load(modelPath.toStdString(), options);
            QVERIFY(model);
            Session session(*model);
            double worst = 0.0;
            for (const nlohmann::json &c : golden["cases"]) {
                session.reset();
                std::vector<float> last;
                for (const int32_t id : c["prompt_ids"].get<std::vector<int32_t>>()) {
                    const auto step = session.evaluate(std::span<const int32_t>(&id, 1));
                    QVERIFY(step);
                    last = *step;
                }
                worst = std::max(worst, maxAbsDiff(last, c["next_token_logits"]));
            }
            qInfo("%s: token-by-token logits max abs diff %.3g", std::string(cpuIsaName(isa)).c_str(), worst);
            QVERIFY2(worst <= 0.02,
                qPrintable(QStringLiteral("%1: max abs diff %2")
                               .arg(QString::fromStdString(std::string(cpuIsaName(isa))), QString::number(worst))));
        }
    }

    void storiesIntegerPathMatchesLlamaCpp_data()
    {
        // Quantized stories260K files against llama.cpp's native CPU goldens (reference/README.md rule 3), on the
        // CPU backend's default path: activations quantized to Q8_0 / Q8_1 / Q8_K exactly as ggml does.
        QTest::addColumn<QString>("modelPath");
        QTest::addColumn<QString>("goldenPath");
        QTest::addColumn<double>("tolerance");
        const QDir models(sharedPath(QStringLiteral("models")));
        const QDir goldens(sharedPath(QStringLiteral("reference/golden")));
        for (const QString &file : models.entryList({QStringLiteral("stories260K-*Q*.gguf")}, QDir::Files)) {
            const QString golden = file.chopped(5) + QStringLiteral(".cpu.json");
            if (!goldens.exists(golden))
                continue;
            // 0.02: what an engine that quantizes activations exactly like ggml should reach (rule 3). The "mix"
            // files also hold F16 matmul weights, whose activations llama.cpp rounds to f16 while this engine keeps
            // f32 (measured 0.17-0.21 from that alone); those use rule 3's general bound.
            const bool exactParity = !file.contains(QStringLiteral("mix"));
            QTest::newRow(qPrintable(golden))
                << models.filePath(file) << goldens.filePath(golden) << (exactParity ? 0.02 : 0.5);
        }
    }

    void storiesIntegerPathMatchesLlamaCpp()
    {
        QFETCH(QString, modelPath);
        QFETCH(QString, goldenPath);
        QFETCH(double, tolerance);
        LoadOptions options;
        options.backend = BackendKind::Cpu;
        options.contextLength = 256;
        options.integerPrompts = true; // every position on the integer path: ggml's numerics throughout
        options.f32KvCache = true; // the goldens' cache
        const auto loaded = Model::load(modelPath.toStdString(), options);
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        const std::shared_ptr<Model> model = *loaded;
        const nlohmann::json golden = readJson(goldenPath);
        Session session(model);
        double worst = 0.0;
        checkCasesWithin(session, golden, tolerance, worst);
        if (QTest::currentTestFailed())
            return;
        qInfo("%s on the integer-dot path: next-token logits max abs diff %.3g (tolerance %g)",
            qPrintable(QFileInfo(goldenPath).fileName()),
            worst,
            tolerance);
    }

    void storiesF16KvCacheMatchesLlamaCpp()
    {
        // The CPU backend's default f16 KV cache against llama.cpp with its default f16 cache (reference/README.md
        // rule 1 with an f16 cache: 0.05, and the teacher-forced rule where greedy text differs).
        const QString modelPath = sharedPath(QStringLiteral("models/stories260K.gguf"));
        const QString goldenPath = sharedPath(QStringLiteral("reference/golden/stories260K.cpu-kvf16.json"));
        if (!QFileInfo::exists(modelPath) || !QFileInfo::exists(goldenPath))
            QSKIP("stories260K and its f16-cache golden are not in the shared test data");
        double worst = 0.0;
        checkDefaultCpuPath(modelPath, goldenPath, 0.05, worst);
        if (QTest::currentTestFailed())
            return;
        qInfo("stories260K.cpu-kvf16.json on the f16 cache: next-token logits max abs diff %.3g", worst);
    }

    void storiesDefaultPathStaysClose_data()
    {
        addGoldenRows(QStringLiteral("models"),
            QStringLiteral("reference/golden"),
            {QStringLiteral("stories260K-*Q*.gguf")},
            false);
    }

    void storiesDefaultPathStaysClose()
    {
        // The default CPU path: batches of several tokens through the f32 kernels, single rows (decoding, and the
        // prompt's last row after the last attention) through the integer kernels. Its logits must stay within
        // rule 3's bound for quantized activations (reference/README.md) of the dequantized-F32 goldens, and greedy
        // decoding must follow the goldens except where the teacher-forced rule allows a different token.
        QFETCH(QString, modelPath);
        QFETCH(QString, goldenPath);
        double worst = 0.0;
        checkDefaultCpuPath(modelPath, goldenPath, 0.5, worst);
        if (QTest::currentTestFailed())
            return;
        qInfo("%s on the default CPU path: next-token logits max abs diff %.3g",
            qPrintable(QFileInfo(goldenPath).fileName()),
            worst);
    }

    void archMatchesLlamaCpp_data()
    {
        addGoldenRows(
            QStringLiteral("models/arch"), QStringLiteral("reference/arch"), {QStringLiteral("*.gguf")}, true);
    }

    void archMatchesLlamaCpp()
    {
        QFETCH(QString, modelPath);
        QFETCH(QString, goldenPath);
        const auto loaded = loadModel(modelPath);
        if (!loaded && loaded.error().code == ErrorCode::NoVulkanDevice)
            QSKIP("no Vulkan device");
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        const std::shared_ptr<Model> model = *loaded;
        const nlohmann::json golden = readJson(goldenPath);
        const double tol = golden["tolerance"]["logits_max_abs"].get<double>();
        const size_t nVocab = model->vocabSize();
        QCOMPARE(nVocab, golden["n_vocab"].get<size_t>());
        Session session(model);
        double worst = 0.0;
        for (const nlohmann::json &c : golden["cases"]) {
            const auto input = c["input_ids"].get<std::vector<int32_t>>();

            // Logits at every position of one batch.
            session.reset();
            const auto logits = session.evaluate(input, true);
            QVERIFY(logits);
            for (size_t t = 0; t < input.size(); ++t) {
                const double diff =
                    maxAbsDiff(std::span<const float>(*logits).subspan(t * nVocab, nVocab), c["logits"][t]);
                worst = std::max(worst, diff);
                QVERIFY2(diff <= tol,
                    qPrintable(QStringLiteral("%1 position %2: max abs diff %3")
                                   .arg(QString::fromStdString(c["name"].get<std::string>()),
                                       QString::number(t),
                                       QString::number(diff))));
            }

            // Greedy continuation, token by token through generate().
            const auto expected = c["generated_ids"].get<std::vector<int32_t>>();
            const auto result = session.generate({}, greedy(), static_cast<int>(expected.size()));
            QVERIFY(result);
            if (result->ids != expected)
                checkTeacherForced(session, input, expected, c["step_top5"], tol);
        }

        // llama.cpp's token-by-token run of the longest sequence.
        if (golden.contains("incremental")) {
            for (const nlohmann::json &inc : golden["incremental"]) {
                session.reset();
                const auto input = inc["input_ids"].get<std::vector<int32_t>>();
                for (size_t t = 0; t < input.size(); ++t) {
                    const auto step = session.evaluate(std::span<const int32_t>(&input[t], 1));
                    QVERIFY(step);
                    const double diff = maxAbsDiff(*step, inc["logits"][t]);
                    worst = std::max(worst, diff);
                    QVERIFY2(diff <= tol, qPrintable(QStringLiteral("incremental step %1: %2").arg(t).arg(diff)));
                }
            }
        }
        qInfo("%s on %s: logits max abs diff %.3g (tolerance %g)",
            qPrintable(QFileInfo(goldenPath).fileName()),
            model->backendName().c_str(),
            worst,
            tol);
    }
};

QTEST_APPLESS_MAIN(TestModelGolden)
#include "test_model_golden.moc"
