// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "inference/inference_worker.h"

#include <exception>

#include <QElapsedTimer>
#include <QFileInfo>

#include "atrium/memory.h"
#include "atrium/model.h"
#include "atrium/session.h"
#include "inference/prompt_builder.h"

using namespace Qt::StringLiterals;

namespace
{

AppError engineError(const atrium::Error &error, const QString &what)
{
    return AppError {AppError::Kind::Engine, what, QString::fromStdString(error.message), static_cast<int>(error.code)};
}

atrium::SamplerParams samplerParams(const SamplingSettings &s)
{
    atrium::SamplerParams p;
    p.temperature = static_cast<float>(s.temperature);
    p.topK = s.topK;
    p.topP = static_cast<float>(s.topP);
    p.minP = static_cast<float>(s.minP);
    p.repeatPenalty = static_cast<float>(s.repeatPenalty);
    p.seed = s.seed;
    return p;
}

GenerationStats::Finish finishOf(atrium::StopReason reason)
{
    switch (reason) {
    case atrium::StopReason::Length:
        return GenerationStats::Finish::Length;
    case atrium::StopReason::Eog:
        return GenerationStats::Finish::Done;
    case atrium::StopReason::Cancelled:
        return GenerationStats::Finish::Stopped;
    case atrium::StopReason::ContextFull:
        return GenerationStats::Finish::ContextFull;
    }
    return GenerationStats::Finish::Done;
}

} // namespace

InferenceWorker::InferenceWorker(QObject *parent)
    : QObject(parent)
{
}

InferenceWorker::~InferenceWorker() = default;

void InferenceWorker::loadModel(const ModelLoadRequest &request)
{
    try {
        unloadModel();
        QElapsedTimer clock;
        clock.start();
        atrium::LoadOptions options;
        options.backend = request.deviceIndex == -2 ? atrium::BackendKind::Cpu : atrium::BackendKind::Auto;
        options.deviceIndex = request.deviceIndex >= 0 ? request.deviceIndex : -1;
        options.contextLength = static_cast<uint32_t>(std::max(request.contextSize, 0));
        options.threads = request.threads;
        options.onProgress = [this](float fraction) { Q_EMIT loadProgress(fraction); };
        auto model = atrium::Model::load(request.path.toStdString(), options);
        if (!model) {
            Q_EMIT errorOccurred(
                engineError(model.error(), u"Could not load %1."_s.arg(QFileInfo(request.path).fileName())));
            return;
        }
        m_model = std::move(model).value();
        m_session = std::make_unique<atrium::Session>(m_model);
        m_prompt = std::make_unique<PromptBuilder>(*m_model);

        ModelLoadInfo info;
        info.path = request.path;
        info.name = QString::fromStdString(m_model->info().name);
        info.architecture = QString::fromStdString(m_model->info().architecture);
        info.backendName = QString::fromStdString(m_model->backendName());
        info.deviceName = QString::fromStdString(m_model->deviceName());
        info.fallbackReason = QString::fromStdString(m_model->fallbackReason());
        info.contextSize = static_cast<int>(m_model->contextLength());
        info.hasChatTemplate = m_prompt->usesTemplate();
        if (auto estimate = atrium::estimateMemory(
                request.path.toStdString(), m_model->contextLength(), m_model->kvBytesPerElement()))
            info.memoryBytes = static_cast<qint64>(estimate->totalBytes);
        info.loadMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        Q_EMIT modelLoaded(info);
    } catch (const std::exception &e) {
        unloadModel();
        Q_EMIT errorOccurred(
            AppError {AppError::Kind::Engine, u"Could not load the model."_s, QString::fromUtf8(e.what())});
    }
}

void InferenceWorker::unloadModel()
{
    m_prompt.reset();
    m_session.reset();
    m_model.reset();
}

void InferenceWorker::generate(const GenerationRequest &request)
{
    try {
        runGeneration(request);
    } catch (const std::exception &e) {
        Q_EMIT errorOccurred(AppError {AppError::Kind::Engine, u"Generation failed."_s, QString::fromUtf8(e.what())});
    }
}

void InferenceWorker::runGeneration(const GenerationRequest &request)
{
    GenerationStats stats;
    stats.requestId = request.id;
    if (!m_session) {
        Q_EMIT errorOccurred(AppError {AppError::Kind::Engine, u"No model is loaded."_s, {}});
        return;
    }
    stats.contextSize = static_cast<int>(m_model->contextLength());
    QElapsedTimer clock;
    clock.start();

    auto prompt = m_prompt->tokenize(request.turns);
    if (!prompt) {
        Q_EMIT errorOccurred(prompt.error());
        return;
    }
    const std::vector<int32_t> &ids = prompt.value();
    if (ids.size() >= m_model->contextLength()) {
        stats.finish = GenerationStats::Finish::ContextFull;
        stats.contextUsed = static_cast<int>(ids.size());
        stats.message = u"The conversation (%1 tokens) no longer fits in the model's context of %2 tokens. "
                        u"Start a new chat, or raise the context size in Settings."_s.arg(ids.size())
                            .arg(stats.contextSize);
        Q_EMIT generationFinished(stats);
        return;
    }
    auto evaluated = m_session->prefill(ids);
    if (!evaluated) {
        if (evaluated.error().code == atrium::ErrorCode::Cancelled) {
            stats.finish = GenerationStats::Finish::Stopped;
            Q_EMIT generationFinished(stats);
        } else {
            Q_EMIT errorOccurred(engineError(evaluated.error(), u"The model could not read the conversation."_s));
        }
        return;
    }
    stats.promptTokens = static_cast<int>(evaluated.value());
    stats.promptMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;

    QByteArray pending;
    QElapsedTimer sinceFlush;
    sinceFlush.start();
    GenerationProgress progress;
    progress.requestId = request.id;
    double firstTokenMs = -1;
    auto flush = [&] {
        if (pending.isEmpty())
            return;
        progress.elapsedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        progress.ttftMs = firstTokenMs;
        const double genMs = progress.elapsedMs - firstTokenMs;
        progress.tokensPerSecond =
            progress.generatedTokens > 1 && genMs > 0 ? (progress.generatedTokens - 1) * 1000.0 / genMs : 0;
        Q_EMIT tokensGenerated(QString::fromUtf8(pending));
        Q_EMIT generationProgress(progress);
        pending.clear();
        sinceFlush.restart();
    };
    const atrium::TokenCallback onToken = [&](std::string_view piece, int32_t id) {
        if (id >= 0) {
            ++progress.generatedTokens;
            if (firstTokenMs < 0)
                firstTokenMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        }
        pending.append(piece.data(), static_cast<qsizetype>(piece.size()));
        if (sinceFlush.elapsed() >= kFlushIntervalMs)
            flush();
        return !request.stop.stop_requested();
    };
    auto result =
        m_session->generate({}, samplerParams(request.sampling), request.sampling.maxTokens, onToken, request.stop);
    flush();
    if (!result) {
        if (result.error().code == atrium::ErrorCode::ContextFull) {
            stats.finish = GenerationStats::Finish::ContextFull;
            stats.message = u"The model's context is full. Start a new chat, or raise the context size in Settings."_s;
            stats.contextUsed = static_cast<int>(m_session->nPast());
            Q_EMIT generationFinished(stats);
        } else if (result.error().code == atrium::ErrorCode::Cancelled) {
            stats.finish = GenerationStats::Finish::Stopped;
            stats.generatedTokens = progress.generatedTokens;
            stats.contextUsed = static_cast<int>(m_session->nPast());
            Q_EMIT generationFinished(stats);
        } else {
            Q_EMIT errorOccurred(engineError(result.error(), u"Generation failed."_s));
        }
        return;
    }
    const atrium::GenerationResult &r = result.value();
    stats.finish = finishOf(r.reason);
    if (request.stop.stop_requested())
        stats.finish = GenerationStats::Finish::Stopped;
    if (stats.finish == GenerationStats::Finish::ContextFull)
        stats.message = r.message.empty()
            ? u"The model's context is full. Start a new chat, or raise the context size in Settings."_s
            : QString::fromStdString(r.message);
    stats.ttftMs = firstTokenMs >= 0 ? firstTokenMs : r.ttftMs + stats.promptMs;
    stats.generationMs = r.genMs;
    stats.generatedTokens = progress.generatedTokens;
    stats.tokensPerSecond =
        stats.generatedTokens > 1 && r.genMs > 0 ? (stats.generatedTokens - 1) * 1000.0 / r.genMs : 0;
    stats.contextUsed = static_cast<int>(m_session->nPast());
    Q_EMIT generationFinished(stats);
}
