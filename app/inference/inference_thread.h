// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <optional>
#include <stop_token>

#include <QObject>
#include <QThread>

#include "common/app_error.h"
#include "inference/generation_types.h"

class InferenceWorker;

/// The GUI thread's handle on one InferenceWorker: starts its thread, sends it requests, owns the std::stop_source
/// of the running generation and relays the worker's signals. Destroying it stops the generation, then quits and
/// joins the thread, so no thread outlives its owner.
class InferenceThread : public QObject
{
    Q_OBJECT

public:
    explicit InferenceThread(QObject *parent = nullptr);
    ~InferenceThread() override;

    void loadModel(const ModelLoadRequest &request);
    void unloadModel();
    /// Starts generating; returns the request id that the stats of generationFinished() carry.
    quint64 generate(const QList<ChatTurn> &turns, const SamplingSettings &sampling);
    /// Asks the running generation to stop; the engine sees it before its next token.
    void stop();
    bool isGenerating() const;

Q_SIGNALS:
    void loadRequested(const ModelLoadRequest &request);
    void unloadRequested();
    void generateRequested(const GenerationRequest &request);

    void loadProgress(double fraction);
    void modelLoaded(const ModelLoadInfo &info);
    void tokensGenerated(const QString &text);
    void generationProgress(const GenerationProgress &progress);
    void generationFinished(const GenerationStats &stats);
    void errorOccurred(const AppError &error);

private:
    QThread m_thread;
    InferenceWorker *m_worker = nullptr; ///< lives on m_thread; deleted there when it finishes
    std::optional<std::stop_source> m_stop;
    quint64 m_nextId = 1;
};
