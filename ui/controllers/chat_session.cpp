// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "chat_session.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QVariantMap>

#include "inference/inference_thread.h"

using namespace Qt::StringLiterals;

namespace
{
QString finishName(GenerationStats::Finish finish)
{
    switch (finish) {
    case GenerationStats::Finish::Done:
        return u"done"_s;
    case GenerationStats::Finish::Length:
        return u"length"_s;
    case GenerationStats::Finish::Stopped:
        return u"stopped"_s;
    case GenerationStats::Finish::ContextFull:
        return u"context-full"_s;
    case GenerationStats::Finish::Failed:
        return u"failed"_s;
    }
    return {};
}

QJsonObject statsJson(const GenerationStats &s)
{
    return QJsonObject {
        {u"ttftMs"_s, s.ttftMs},
        {u"tokensPerSecond"_s, s.tokensPerSecond},
        {u"tokens"_s, s.generatedTokens},
        {u"promptTokens"_s, s.promptTokens},
        {u"contextUsed"_s, s.contextUsed},
        {u"finish"_s, finishName(s.finish)},
    };
}
} // namespace

ChatSession::ChatSession(QObject *parent)
    : QObject(parent)
    , m_inference(new InferenceThread(this))
{
    connect(m_inference, &InferenceThread::loadProgress, this, [this](double fraction) {
        m_loadProgress = fraction;
        Q_EMIT loadProgressChanged();
    });
    connect(m_inference, &InferenceThread::modelLoaded, this, [this](const ModelLoadInfo &info) {
        if (info.path != m_modelPath)
            return; // a model the user has replaced since
        m_loadInfo = info;
        m_modelStatus = u"ready"_s;
        if (m_modelName.isEmpty())
            m_modelName = info.name;
        m_contextSize = info.contextSize;
        Q_EMIT modelChanged();
        Q_EMIT contextChanged();
        Q_EMIT modelLoaded();
    });
    connect(m_inference, &InferenceThread::tokensGenerated, this, [this](const QString &text) {
        if (m_replyId == 0)
            return; // stopped: what arrives now is not shown
        if (ConversationTree::Node *node = m_tree.node(m_replyId))
            node->content += text;
        m_messages.appendText(m_messages.rowOfId(m_replyId), text);
    });
    connect(m_inference, &InferenceThread::generationProgress, this, [this](const GenerationProgress &p) {
        if (p.requestId != m_requestId || m_replyId == 0)
            return;
        m_ttftMs = p.ttftMs;
        m_tokensPerSecond = p.tokensPerSecond;
        m_tokenCount = p.generatedTokens;
        if (p.generatedTokens > 1)
            m_speedSeries.append(QVariantMap {{u"t"_s, p.elapsedMs / 1000.0}, {u"v"_s, p.tokensPerSecond}});
        const int row = m_messages.rowOfId(m_replyId);
        MessageModel::Message m = m_messages.at(row);
        m.ttftMs = p.ttftMs;
        m.tokensPerSecond = p.tokensPerSecond;
        m.tokenCount = p.generatedTokens;
        m_messages.update(row, m);
        Q_EMIT statsChanged();
    });
    connect(m_inference, &InferenceThread::generationFinished, this, &ChatSession::finishReply);
    connect(m_inference, &InferenceThread::errorOccurred, this, [this](const AppError &error) {
        const QString message = error.detail.isEmpty() ? error.message : error.message + u" ("_s + error.detail + u')';
        if (m_modelStatus == "loading"_L1) {
            m_modelStatus = u"error"_s;
            setError(message);
            Q_EMIT modelChanged();
            if (m_replyId != 0)
                failReply(message);
            return;
        }
        if (m_replyId != 0)
            failReply(message);
        else
            setError(message);
    });
}

ChatSession::~ChatSession() = default;

void ChatSession::setIdSource(IdSource source)
{
    m_ids = std::move(source);
}

qint64 ChatSession::nextId()
{
    return m_ids ? m_ids() : m_counter++;
}

MessageModel *ChatSession::messages()
{
    return &m_messages;
}

QString ChatSession::modelPath() const
{
    return m_modelPath;
}

QString ChatSession::modelName() const
{
    return m_modelName;
}

QString ChatSession::modelStatus() const
{
    return m_modelStatus;
}

double ChatSession::loadProgress() const
{
    return m_loadProgress;
}

QString ChatSession::deviceName() const
{
    return m_loadInfo.deviceName;
}

QString ChatSession::deviceNote() const
{
    return m_loadInfo.fallbackReason;
}

double ChatSession::memoryBytes() const
{
    return static_cast<double>(m_loadInfo.memoryBytes);
}

bool ChatSession::hasChatTemplate() const
{
    return m_loadInfo.hasChatTemplate;
}

bool ChatSession::generating() const
{
    return m_generating;
}

int ChatSession::contextUsed() const
{
    return m_contextUsed;
}

int ChatSession::contextSize() const
{
    return m_contextSize;
}

bool ChatSession::contextFull() const
{
    return m_contextFull;
}

QString ChatSession::notice() const
{
    return m_notice;
}

QString ChatSession::errorString() const
{
    return m_error;
}

double ChatSession::ttftMs() const
{
    return m_ttftMs;
}

double ChatSession::tokensPerSecond() const
{
    return m_tokensPerSecond;
}

int ChatSession::tokenCount() const
{
    return m_tokenCount;
}

QVariantList ChatSession::speedSeries() const
{
    return m_speedSeries;
}

int ChatSession::finishedReplies() const
{
    return m_finishedReplies;
}

const ConversationTree &ChatSession::tree() const
{
    return m_tree;
}

void ChatSession::loadModel(const QString &path, int contextSize, int deviceIndex, const QString &displayName)
{
    stop();
    m_modelPath = path;
    m_modelName = displayName.isEmpty() ? QFileInfo(path).completeBaseName() : displayName;
    m_modelStatus = u"loading"_s;
    m_loadInfo = {};
    m_loadProgress = 0;
    m_contextUsed = 0;
    m_contextFull = false;
    setError({});
    setNotice({});
    Q_EMIT modelChanged();
    Q_EMIT contextChanged();
    ModelLoadRequest request;
    request.path = path;
    request.contextSize = contextSize;
    request.deviceIndex = deviceIndex;
    m_inference->loadModel(request);
}

void ChatSession::unloadModel()
{
    stop();
    m_inference->unloadModel();
    m_modelPath.clear();
    m_modelName.clear();
    m_modelStatus = u"none"_s;
    m_loadInfo = {};
    Q_EMIT modelChanged();
}

void ChatSession::setTree(const ConversationTree &tree)
{
    stop();
    m_tree = tree;
    m_contextUsed = 0;
    m_contextFull = false;
    setNotice({});
    Q_EMIT contextChanged();
    rebuildRows();
}

void ChatSession::clear()
{
    setTree(ConversationTree());
    m_ttftMs = -1;
    m_tokensPerSecond = 0;
    m_tokenCount = 0;
    m_speedSeries.clear();
    m_finishedReplies = 0;
    Q_EMIT statsChanged();
    Q_EMIT finishedRepliesChanged();
}

bool ChatSession::send(const QString &text, const QString &systemPrompt, const SamplingSettings &sampling)
{
    if (m_modelPath.isEmpty()) {
        setError(tr("Choose a model first."));
        return false;
    }
    if (text.trimmed().isEmpty() || m_generating)
        return false;
    ConversationTree::Node user;
    user.id = nextId();
    user.parentId = m_tree.leaf();
    user.role = u"user"_s;
    user.content = text;
    const qint64 id = m_tree.add(user);
    Q_EMIT nodeAdded(id, m_tree.node(id)->parentId, user.role, user.content);
    startReply(id, systemPrompt, sampling);
    return true;
}

bool ChatSession::regenerate(int row, const QString &systemPrompt, const SamplingSettings &sampling)
{
    const MessageModel::Message m = m_messages.at(row);
    const ConversationTree::Node *node = m_tree.node(m.id);
    if (!node || node->role != "assistant"_L1 || m_generating || m_modelPath.isEmpty())
        return false;
    startReply(node->parentId, systemPrompt, sampling);
    return true;
}

bool ChatSession::edit(int row, const QString &text, const QString &systemPrompt, const SamplingSettings &sampling)
{
    const MessageModel::Message m = m_messages.at(row);
    const ConversationTree::Node *node = m_tree.node(m.id);
    if (!node || node->role != "user"_L1 || m_generating || text.trimmed().isEmpty() || m_modelPath.isEmpty())
        return false;
    ConversationTree::Node edited;
    edited.id = nextId();
    edited.parentId = node->parentId;
    edited.role = u"user"_s;
    edited.content = text;
    const qint64 id = m_tree.add(edited);
    Q_EMIT nodeAdded(id, edited.parentId, edited.role, edited.content);
    startReply(id, systemPrompt, sampling);
    return true;
}

void ChatSession::switchVersion(int row, int delta)
{
    if (m_generating)
        return;
    const qint64 id = m_messages.at(row).id;
    const QList<qint64> versions = m_tree.siblings(id);
    const qsizetype at = versions.indexOf(id) + delta;
    if (at < 0 || at >= versions.size())
        return;
    m_tree.select(versions.at(at));
    rebuildRows();
}

void ChatSession::stop()
{
    if (!m_generating)
        return;
    m_inference->stop();
    const int row = m_messages.rowOfId(m_replyId);
    MessageModel::Message m = m_messages.at(row);
    m.streaming = false;
    m.finish = u"stopped"_s;
    m_messages.update(row, m);
    m_replyId = 0; // text still in flight is dropped; the stats arrive with generationFinished
    setGenerating(false);
}

void ChatSession::startReply(qint64 parentId, const QString &systemPrompt, const SamplingSettings &sampling)
{
    QList<ChatTurn> turns;
    if (!systemPrompt.trimmed().isEmpty())
        turns.append(ChatTurn {u"system"_s, systemPrompt});
    for (const qint64 id : m_tree.pathTo(parentId)) {
        const ConversationTree::Node *n = m_tree.node(id);
        turns.append(ChatTurn {n->role, n->content});
    }
    ConversationTree::Node reply;
    reply.id = nextId();
    reply.parentId = parentId;
    reply.role = u"assistant"_s;
    const qint64 id = m_tree.add(reply);
    Q_EMIT nodeAdded(id, parentId, reply.role, {});
    m_replyId = id;
    m_ttftMs = -1;
    m_tokensPerSecond = 0;
    m_tokenCount = 0;
    m_speedSeries.clear();
    setError({});
    setNotice({});
    rebuildRows();
    Q_EMIT statsChanged();
    m_requestId = m_inference->generate(turns, sampling);
    m_pendingRequests.insert(m_requestId, id);
    setGenerating(true);
}

void ChatSession::finishReply(const GenerationStats &stats)
{
    const qint64 id = m_pendingRequests.take(stats.requestId);
    ConversationTree::Node *node = m_tree.node(id);
    if (!node)
        return;
    node->stats = statsJson(stats);
    if (stats.finish == GenerationStats::Finish::ContextFull && node->content.isEmpty())
        node->stats.insert(u"error"_s, stats.message);
    const bool active = id == m_replyId;
    if (active) {
        m_replyId = 0;
        m_ttftMs = stats.ttftMs;
        m_tokensPerSecond = stats.tokensPerSecond;
        m_tokenCount = stats.generatedTokens;
        setGenerating(false);
    }
    if (stats.contextSize > 0)
        m_contextSize = stats.contextSize;
    m_contextUsed = stats.contextUsed;
    m_contextFull = stats.finish == GenerationStats::Finish::ContextFull;
    Q_EMIT contextChanged();
    if (m_contextFull)
        setNotice(stats.message);
    const int row = m_messages.rowOfId(id);
    if (row >= 0)
        m_messages.update(row, rowFor(id));
    ++m_finishedReplies;
    Q_EMIT statsChanged();
    Q_EMIT replyFinished(id, node->content, node->stats);
    Q_EMIT finishedRepliesChanged();
}

void ChatSession::failReply(const QString &message)
{
    const qint64 id = m_replyId;
    for (auto it = m_pendingRequests.begin(); it != m_pendingRequests.end();) {
        it = it.value() == id ? m_pendingRequests.erase(it) : std::next(it);
    }
    m_replyId = 0;
    setGenerating(false);
    setError(message);
    ConversationTree::Node *node = m_tree.node(id);
    if (!node)
        return;
    node->stats = QJsonObject {{u"finish"_s, u"failed"_s}, {u"error"_s, message}};
    const int row = m_messages.rowOfId(id);
    if (row >= 0)
        m_messages.update(row, rowFor(id));
    ++m_finishedReplies;
    Q_EMIT replyFinished(id, node->content, node->stats);
    Q_EMIT finishedRepliesChanged();
}

MessageModel::Message ChatSession::rowFor(qint64 id) const
{
    MessageModel::Message m;
    const ConversationTree::Node *node = m_tree.node(id);
    if (!node)
        return m;
    m.id = id;
    m.role = node->role;
    m.content = node->content;
    m.streaming = id == m_replyId;
    m.ttftMs = node->stats.value(u"ttftMs"_s).toDouble(-1);
    m.tokensPerSecond = node->stats.value(u"tokensPerSecond"_s).toDouble();
    m.tokenCount = node->stats.value(u"tokens"_s).toInt();
    m.finish = node->stats.value(u"finish"_s).toString();
    m.error = node->stats.value(u"error"_s).toString();
    const QList<qint64> versions = m_tree.siblings(id);
    m.version = static_cast<int>(versions.indexOf(id)) + 1;
    m.versionCount = static_cast<int>(versions.size());
    return m;
}

void ChatSession::rebuildRows()
{
    QList<MessageModel::Message> rows;
    for (const qint64 id : m_tree.activePath())
        rows.append(rowFor(id));
    m_messages.setMessages(rows);
}

void ChatSession::setGenerating(bool generating)
{
    if (generating == m_generating)
        return;
    m_generating = generating;
    Q_EMIT generatingChanged();
}

void ChatSession::setNotice(const QString &notice)
{
    if (notice == m_notice)
        return;
    m_notice = notice;
    Q_EMIT noticeChanged();
}

void ChatSession::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    Q_EMIT errorStringChanged();
}
