// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// InferenceThread/InferenceWorker with stories260K on the CPU: loading, coalesced streaming, statistics, immediate
// stop, a full context and a missing file (house-style §9, §12: streaming and cancellation with QSignalSpy).

#include <QSignalSpy>
#include <QTest>

#include "inference/inference_thread.h"

using namespace Qt::StringLiterals;

namespace
{
const QString kModel = QStringLiteral(ATRIUM_SHARED_DIR "/models/stories260K.gguf");

ModelLoadRequest cpu(int context)
{
    ModelLoadRequest r;
    r.path = kModel;
    r.contextSize = context;
    r.deviceIndex = -2;
    r.threads = 2;
    return r;
}

SamplingSettings greedy(int maxTokens)
{
    SamplingSettings s;
    s.temperature = 0;
    s.maxTokens = maxTokens;
    return s;
}

QList<ChatTurn> prompt(const QString &text)
{
    return {ChatTurn {u"user"_s, text}};
}
} // namespace

class TestInferenceWorker : public QObject
{
    Q_OBJECT

private:
    static void load(InferenceThread &thread, int context)
    {
        QSignalSpy loaded(&thread, &InferenceThread::modelLoaded);
        QSignalSpy failed(&thread, &InferenceThread::errorOccurred);
        thread.loadModel(cpu(context));
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() + failed.count() > 0, 30000);
        QVERIFY2(
            failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.at(0).at(0).value<AppError>().detail));
    }

private Q_SLOTS:
    void initTestCase()
    {
        registerGenerationMetaTypes();
        if (!QFile::exists(kModel))
            QSKIP("the shared test models are not available");
    }

    void loadsTheModelAndDescribesIt()
    {
        InferenceThread thread;
        QSignalSpy loaded(&thread, &InferenceThread::modelLoaded);
        thread.loadModel(cpu(256));
        QVERIFY(loaded.wait(30000));
        const auto info = loaded.at(0).at(0).value<ModelLoadInfo>();
        QCOMPARE(info.path, kModel);
        QCOMPARE(info.contextSize, 256);
        QCOMPARE(info.backendName, u"cpu"_s);
        QCOMPARE(info.architecture, u"llama"_s);
        QVERIFY(!info.hasChatTemplate); // a base model: text is continued
        QVERIFY(info.memoryBytes > 1000000);
    }

    void streamsCoalescedTextWithStatistics()
    {
        InferenceThread thread;
        load(thread, 256);
        QSignalSpy tokens(&thread, &InferenceThread::tokensGenerated);
        QSignalSpy progress(&thread, &InferenceThread::generationProgress);
        QSignalSpy finished(&thread, &InferenceThread::generationFinished);
        const quint64 id = thread.generate(prompt(u"Once upon a time"_s), greedy(48));
        QVERIFY(thread.isGenerating());
        QVERIFY(finished.wait(30000));
        QVERIFY(!thread.isGenerating());
        const auto stats = finished.at(0).at(0).value<GenerationStats>();
        QCOMPARE(stats.requestId, id);
        QVERIFY(stats.generatedTokens > 0 && stats.generatedTokens <= 48);
        QVERIFY(stats.ttftMs >= 0);
        QVERIFY(stats.promptTokens > 0);
        QVERIFY(stats.contextUsed >= stats.promptTokens + stats.generatedTokens - 1);
        QCOMPARE(stats.contextSize, 256);
        QVERIFY(!tokens.isEmpty());
        QVERIFY(tokens.count() <= stats.generatedTokens); // coalesced: never more chunks than tokens
        QCOMPARE(progress.count(), tokens.count());
        QString text;
        for (const QList<QVariant> &chunk : tokens)
            text += chunk.at(0).toString();
        QVERIFY(!text.trimmed().isEmpty());

        // Greedy decoding is reproducible, and the shared prefix of the context is reused.
        QSignalSpy again(&thread, &InferenceThread::tokensGenerated);
        QSignalSpy finishedAgain(&thread, &InferenceThread::generationFinished);
        thread.generate(prompt(u"Once upon a time"_s), greedy(48));
        QVERIFY(finishedAgain.wait(30000));
        QString second;
        for (const QList<QVariant> &chunk : again)
            second += chunk.at(0).toString();
        QCOMPARE(second, text);
    }

    void stopsAtOnce()
    {
        InferenceThread thread;
        load(thread, 2048);
        QSignalSpy finished(&thread, &InferenceThread::generationFinished);
        QSignalSpy tokens(&thread, &InferenceThread::tokensGenerated);
        SamplingSettings s = greedy(1900);
        s.temperature = 1.0; // sampling keeps the story going instead of ending it early
        s.seed = 7;
        thread.generate(prompt(u"Once upon a time"_s), s);
        thread.stop();
        QVERIFY(finished.wait(30000));
        const auto stats = finished.at(0).at(0).value<GenerationStats>();
        QCOMPARE(stats.finish, GenerationStats::Finish::Stopped);
        QVERIFY(stats.generatedTokens < 1900);
    }

    void saysWhenTheContextIsFull()
    {
        InferenceThread thread;
        load(thread, 32);
        QSignalSpy finished(&thread, &InferenceThread::generationFinished);
        thread.generate(prompt(u"Once upon a time there was a little girl named Lily who loved to play outside in "
                               u"the park with her friends every single day of the week."_s),
            greedy(16));
        QVERIFY(finished.wait(30000));
        const auto stats = finished.at(0).at(0).value<GenerationStats>();
        QCOMPARE(stats.finish, GenerationStats::Finish::ContextFull);
        QVERIFY(stats.message.contains(u"context"_s));
    }

    void reportsAMissingFile()
    {
        InferenceThread thread;
        QSignalSpy failed(&thread, &InferenceThread::errorOccurred);
        ModelLoadRequest r = cpu(128);
        r.path = u"/nonexistent/model.gguf"_s;
        thread.loadModel(r);
        QVERIFY(failed.wait(10000));
        const auto error = failed.at(0).at(0).value<AppError>();
        QCOMPARE(error.kind, AppError::Kind::Engine);
        QVERIFY(error.message.contains(u"model.gguf"_s));
        // Generating without a model is an error too, not a crash.
        QSignalSpy failedAgain(&thread, &InferenceThread::errorOccurred);
        thread.generate(prompt(u"hi"_s), greedy(4));
        QVERIFY(failedAgain.wait(10000));
    }
};

QTEST_GUILESS_MAIN(TestInferenceWorker)
#include "test_inference_worker.moc"
