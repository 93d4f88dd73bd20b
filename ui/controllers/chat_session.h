// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>

#include <QHash>
#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include "conversation_tree.h"
#include "inference/generation_types.h"
#include "message_model.h"

class InferenceThread;

/// One conversation with one model: the message tree, the visible branch as a MessageModel, and an InferenceThread
/// running the model. Streams replies into the last row (each ~30 ms chunk one dataChanged), stops at once, keeps
/// edited and regenerated versions as branches, and reports per-reply statistics (time to first token, tokens/s,
/// tokens, a tokens/s-over-time series for plots) and context use. The Chat screen uses one; Compare uses two.
class ChatSession : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Chat and Compare")
    Q_PROPERTY(MessageModel *messages READ messages CONSTANT FINAL)
    Q_PROPERTY(QString modelPath READ modelPath NOTIFY modelChanged FINAL)
    Q_PROPERTY(QString modelName READ modelName NOTIFY modelChanged FINAL)
    /// "none", "loading", "ready" or "error".
    Q_PROPERTY(QString modelStatus READ modelStatus NOTIFY modelChanged FINAL)
    Q_PROPERTY(double loadProgress READ loadProgress NOTIFY loadProgressChanged FINAL)
    /// Where it runs ("CPU (8 threads)", a GPU name) and, when the GPU was not used, why.
    Q_PROPERTY(QString deviceName READ deviceName NOTIFY modelChanged FINAL)
    Q_PROPERTY(QString deviceNote READ deviceNote NOTIFY modelChanged FINAL)
    Q_PROPERTY(double memoryBytes READ memoryBytes NOTIFY modelChanged FINAL)
    Q_PROPERTY(bool hasChatTemplate READ hasChatTemplate NOTIFY modelChanged FINAL)
    Q_PROPERTY(bool generating READ generating NOTIFY generatingChanged FINAL)
    Q_PROPERTY(int contextUsed READ contextUsed NOTIFY contextChanged FINAL)
    Q_PROPERTY(int contextSize READ contextSize NOTIFY contextChanged FINAL)
    Q_PROPERTY(bool contextFull READ contextFull NOTIFY contextChanged FINAL)
    /// Something the user should know now: the context is full, the template was replaced, …
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)
    /// Statistics of the latest reply (also while it streams).
    Q_PROPERTY(double ttftMs READ ttftMs NOTIFY statsChanged FINAL)
    Q_PROPERTY(double tokensPerSecond READ tokensPerSecond NOTIFY statsChanged FINAL)
    Q_PROPERTY(int tokenCount READ tokenCount NOTIFY statsChanged FINAL)
    /// Tokens/s of the latest reply over time: a list of {t: seconds, v: tokens/s}.
    Q_PROPERTY(QVariantList speedSeries READ speedSeries NOTIFY statsChanged FINAL)
    /// Whole replies finished since the last reset (tests and the compare screen wait on it).
    Q_PROPERTY(int finishedReplies READ finishedReplies NOTIFY finishedRepliesChanged FINAL)

public:
    using IdSource = std::function<qint64()>;

    explicit ChatSession(QObject *parent = nullptr);
    ~ChatSession() override;

    /// Where new node ids come from (the chat screen uses ChatPersistence's local ids); default: 1, 2, 3…
    void setIdSource(IdSource source);

    MessageModel *messages();
    QString modelPath() const;
    QString modelName() const;
    QString modelStatus() const;
    double loadProgress() const;
    QString deviceName() const;
    QString deviceNote() const;
    double memoryBytes() const;
    bool hasChatTemplate() const;
    bool generating() const;
    int contextUsed() const;
    int contextSize() const;
    bool contextFull() const;
    QString notice() const;
    QString errorString() const;
    double ttftMs() const;
    double tokensPerSecond() const;
    int tokenCount() const;
    QVariantList speedSeries() const;
    int finishedReplies() const;
    const ConversationTree &tree() const;

    /// Loads a model (replacing the current one). Requests sent before it finishes wait for it.
    void loadModel(const QString &path, int contextSize, int deviceIndex, const QString &displayName = {});
    void unloadModel();
    /// Replaces the conversation (loading a saved one); shows its active branch.
    void setTree(const ConversationTree &tree);
    void clear();

    /// Adds the user's message after the current last message and generates a reply. Returns false (and sets
    /// errorString) when no model is chosen or the text is empty.
    bool send(const QString &text, const QString &systemPrompt, const SamplingSettings &sampling);
    /// A new version of the reply in `row` (the old one stays as a branch).
    bool regenerate(int row, const QString &systemPrompt, const SamplingSettings &sampling);
    /// A new version of the user's message in `row`, then a reply to it.
    bool edit(int row, const QString &text, const QString &systemPrompt, const SamplingSettings &sampling);
    /// Shows the previous (-1) or next (+1) version of the message in `row`.
    void switchVersion(int row, int delta);
    /// Stops the running reply now; what was generated stays.
    void stop();

Q_SIGNALS:
    void modelChanged();
    void loadProgressChanged();
    void generatingChanged();
    void contextChanged();
    void noticeChanged();
    void errorStringChanged();
    void statsChanged();
    /// A node was added to the tree (user message or reply placeholder); persistence listens.
    void nodeAdded(qint64 id, qint64 parentId, const QString &role, const QString &content);
    /// A reply is complete (done, stopped, full or failed) with its final text and statistics.
    void replyFinished(qint64 id, const QString &content, const QJsonObject &stats);
    void modelLoaded();
    void finishedRepliesChanged();

private:
    void startReply(qint64 parentId, const QString &systemPrompt, const SamplingSettings &sampling);
    void rebuildRows();
    void finishReply(const GenerationStats &stats);
    void failReply(const QString &message);
    void setGenerating(bool generating);
    void setNotice(const QString &notice);
    void setError(const QString &error);
    qint64 nextId();
    MessageModel::Message rowFor(qint64 id) const;

    InferenceThread *m_inference = nullptr;
    ConversationTree m_tree;
    MessageModel m_messages;
    IdSource m_ids;
    qint64 m_counter = 1;

    QString m_modelPath;
    QString m_modelName;
    QString m_modelStatus = QStringLiteral("none");
    double m_loadProgress = 0;
    ModelLoadInfo m_loadInfo;

    qint64 m_replyId = 0; ///< the node being generated, 0 when idle
    quint64 m_requestId = 0;
    QHash<quint64, qint64> m_pendingRequests; ///< request id → reply node, until its stats arrive
    bool m_generating = false;
    int m_contextUsed = 0;
    int m_contextSize = 0;
    bool m_contextFull = false;
    QString m_notice;
    QString m_error;
    double m_ttftMs = -1;
    double m_tokensPerSecond = 0;
    int m_tokenCount = 0;
    QVariantList m_speedSeries;
    int m_finishedReplies = 0;
};
