// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <stop_token>

#include <QList>
#include <QMetaType>
#include <QString>

/// Value types that cross between the GUI thread and an InferenceWorker's thread (house-style §9): plain snapshots,
/// registered as metatypes, never a QObject.

/// Where to run a model and how much context to give it.
struct ModelLoadRequest {
    QString path; ///< a GGUF file
    int contextSize = 4096; ///< KV-cache positions; 0 = min(trained, 4096)
    int deviceIndex = -1; ///< -1 = best device (Vulkan, else CPU); -2 = CPU only; n >= 0 = that Vulkan device
    int threads = 0; ///< CPU threads; 0 = all
};

/// What loading produced.
struct ModelLoadInfo {
    QString path;
    QString name; ///< general.name or the file name
    QString architecture;
    QString backendName; ///< "cpu", "vulkan", …
    QString deviceName;
    QString fallbackReason; ///< why the GPU was not used, when it was not
    int contextSize = 0;
    bool hasChatTemplate = false;
    qint64 memoryBytes = 0; ///< weights + KV cache + scratch, as estimated for this context
    double loadMs = 0;
};

/// Sampling settings as the UI edits them.
struct SamplingSettings {
    double temperature = 0.7;
    int topK = 40;
    double topP = 0.95;
    double minP = 0.05;
    double repeatPenalty = 1.0;
    quint64 seed = 0; ///< 0 = a new random seed each time
    int maxTokens = 512;
};

/// One turn of the conversation the model sees.
struct ChatTurn {
    QString role; ///< "system", "user" or "assistant"
    QString content;
};

/// Generate the next assistant turn for `turns`.
struct GenerationRequest {
    quint64 id = 0;
    QList<ChatTurn> turns; ///< the system prompt first when there is one; ends with the user's turn
    SamplingSettings sampling;
    std::stop_token stop; ///< from the GUI's std::stop_source: stopping is immediate
};

/// Where a running generation stands; sent with each coalesced chunk.
struct GenerationProgress {
    quint64 requestId = 0;
    int generatedTokens = 0;
    double elapsedMs = 0; ///< since the request started
    double ttftMs = -1; ///< time to the first token, -1 before it
    double tokensPerSecond = 0; ///< over the tokens generated so far (after the first)
};

/// How a generation ended, with its statistics.
struct GenerationStats {
    enum class Finish {
        Done, ///< the model ended its turn
        Length, ///< maxTokens reached
        Stopped, ///< the user stopped it
        ContextFull, ///< no room left in the context
        Failed,
    };
    quint64 requestId = 0;
    Finish finish = Finish::Done;
    double ttftMs = -1;
    double promptMs = 0;
    double generationMs = 0;
    double tokensPerSecond = 0;
    int promptTokens = 0; ///< tokens evaluated for this request (a reused prefix is not counted)
    int generatedTokens = 0;
    int contextUsed = 0; ///< tokens in the context afterwards
    int contextSize = 0;
    QString message; ///< for ContextFull and Failed: what happened, for a person
};

Q_DECLARE_METATYPE(ModelLoadRequest)
Q_DECLARE_METATYPE(ModelLoadInfo)
Q_DECLARE_METATYPE(GenerationRequest)
Q_DECLARE_METATYPE(GenerationProgress)
Q_DECLARE_METATYPE(GenerationStats)

/// Registers the types above (and AppError) for queued connections. Idempotent.
void registerGenerationMetaTypes();
