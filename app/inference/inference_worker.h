// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>

#include <QObject>

#include "common/app_error.h"
#include "inference/generation_types.h"

namespace atrium
{
class Model;
class Session;
} // namespace atrium
class PromptBuilder;

/// Runs one model on its own thread (gpt4all's ChatLLM arrangement, house-style §9): owns the atrium::Model and the
/// Session holding the conversation's KV cache. Requests arrive as queued slot calls with value types; answers leave
/// as signals. Generated text is coalesced and emitted about every 30 ms, so the GUI thread is never flooded.
/// Stopping goes through the request's std::stop_token, checked by the engine between tokens.
class InferenceWorker : public QObject
{
    Q_OBJECT

public:
    static constexpr int kFlushIntervalMs = 30;

    explicit InferenceWorker(QObject *parent = nullptr);
    ~InferenceWorker() override;

public Q_SLOTS:
    /// Loads a model (replacing the current one); answers modelLoaded() or errorOccurred().
    void loadModel(const ModelLoadRequest &request);
    /// Generates the next assistant turn; streams tokensGenerated() and generationProgress(), then
    /// generationFinished() (also when stopped or when the context is full) or errorOccurred().
    void generate(const GenerationRequest &request);
    /// Frees the model.
    void unloadModel();

Q_SIGNALS:
    void loadProgress(double fraction);
    void modelLoaded(const ModelLoadInfo &info);
    void tokensGenerated(const QString &text);
    void generationProgress(const GenerationProgress &progress);
    void generationFinished(const GenerationStats &stats);
    void errorOccurred(const AppError &error);

private:
    void runGeneration(const GenerationRequest &request);

    std::shared_ptr<atrium::Model> m_model;
    std::unique_ptr<atrium::Session> m_session;
    std::unique_ptr<PromptBuilder> m_prompt;
};
