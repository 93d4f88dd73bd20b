// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "inference/inference_thread.h"

#include "inference/inference_worker.h"

using namespace Qt::StringLiterals;

InferenceThread::InferenceThread(QObject *parent)
    : QObject(parent)
    , m_worker(new InferenceWorker)
{
    registerGenerationMetaTypes();
    m_thread.setObjectName(u"inference"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(this, &InferenceThread::loadRequested, m_worker, &InferenceWorker::loadModel);
    connect(this, &InferenceThread::unloadRequested, m_worker, &InferenceWorker::unloadModel);
    connect(this, &InferenceThread::generateRequested, m_worker, &InferenceWorker::generate);

    connect(m_worker, &InferenceWorker::loadProgress, this, &InferenceThread::loadProgress);
    connect(m_worker, &InferenceWorker::modelLoaded, this, &InferenceThread::modelLoaded);
    connect(m_worker, &InferenceWorker::tokensGenerated, this, &InferenceThread::tokensGenerated);
    connect(m_worker, &InferenceWorker::generationProgress, this, &InferenceThread::generationProgress);
    connect(m_worker, &InferenceWorker::generationFinished, this, [this](const GenerationStats &stats) {
        m_stop.reset();
        Q_EMIT generationFinished(stats);
    });
    connect(m_worker, &InferenceWorker::errorOccurred, this, [this](const AppError &error) {
        m_stop.reset();
        Q_EMIT errorOccurred(error);
    });
    m_thread.start();
}

InferenceThread::~InferenceThread()
{
    stop();
    m_thread.quit();
    m_thread.wait();
}

void InferenceThread::loadModel(const ModelLoadRequest &request)
{
    stop();
    Q_EMIT loadRequested(request);
}

void InferenceThread::unloadModel()
{
    stop();
    Q_EMIT unloadRequested();
}

quint64 InferenceThread::generate(const QList<ChatTurn> &turns, const SamplingSettings &sampling)
{
    stop();
    m_stop.emplace();
    GenerationRequest request;
    request.id = m_nextId++;
    request.turns = turns;
    request.sampling = sampling;
    request.stop = m_stop->get_token();
    Q_EMIT generateRequested(request);
    return request.id;
}

void InferenceThread::stop()
{
    if (m_stop)
        m_stop->request_stop();
}

bool InferenceThread::isGenerating() const
{
    return m_stop.has_value();
}
