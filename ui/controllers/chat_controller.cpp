// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "chat_controller.h"

#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonObject>

#include "common/qml_instance.h"
#include "preferences.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int kTitleLength = 60;

QString titleFrom(const QString &text)
{
    QString t = text.simplified();
    if (t.size() > kTitleLength)
        t = t.left(kTitleLength - 1) + u'…';
    return t;
}

struct LoadedConversation {
    AppExpected<std::optional<Conversation>> conversation;
    AppExpected<QList<ChatMessage>> messages;
};
} // namespace

ChatController::ChatController(Preferences *preferences, CatalogAccess catalog, QObject *parent)
    : QObject(parent)
    , m_preferences(preferences)
    , m_catalog(catalog)
    , m_persistence(catalog)
{
    m_session.setIdSource([this] { return m_persistence.nextLocalId(); });
    connect(&m_session,
        &ChatSession::nodeAdded,
        this,
        [this](qint64 id, qint64 parentId, const QString &role, const QString &content) {
            ChatMessage m;
            m.role = role;
            m.content = content;
            m_persistence.addMessage(m_conversationId, id, parentId, m);
        });
    connect(&m_session,
        &ChatSession::replyFinished,
        this,
        [this](qint64 id, const QString &content, const QJsonObject &stats) {
            m_persistence.updateMessage(id, content, stats);
        });
}

ChatController *ChatController::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<ChatController>::take(jsEngine);
}

ChatSession *ChatController::session()
{
    return &m_session;
}

ConversationListModel *ChatController::conversations()
{
    return &m_conversations;
}

qint64 ChatController::conversationId() const
{
    return m_conversationId;
}

QString ChatController::title() const
{
    return m_title;
}

void ChatController::reload()
{
    m_catalog.run(
        this,
        [](CatalogStore &store) { return store.listConversations(); },
        [this](const AppExpected<QList<Conversation>> &list) {
            if (list)
                m_conversations.setConversations(list.value());
        });
}

void ChatController::selectModel(const QString &localPath, const QString &displayName)
{
    if (localPath.isEmpty())
        return;
    if (localPath != m_session.modelPath() || m_session.modelStatus() == "error"_L1) {
        m_session.loadModel(localPath,
            m_preferences ? m_preferences->contextSize() : 4096,
            m_preferences ? m_preferences->engineDeviceIndex() : -1,
            displayName);
    }
    if (m_conversationId != 0)
        saveConversation();
}

void ChatController::newChat()
{
    m_session.stop();
    m_conversationId = 0;
    m_title.clear();
    m_session.clear();
    Q_EMIT conversationChanged();
}

void ChatController::openConversation(qint64 id)
{
    if (id == m_conversationId)
        return;
    m_session.stop();
    m_catalog.run(
        this,
        [id](CatalogStore &store) {
            return LoadedConversation {store.conversation(id), store.messages(id)};
        },
        [this, id](const LoadedConversation &loaded) {
            if (!loaded.conversation || !loaded.conversation->has_value() || !loaded.messages)
                return;
            const Conversation &c = **loaded.conversation;
            ConversationTree tree;
            for (const ChatMessage &m : loaded.messages.value()) {
                ConversationTree::Node node;
                node.id = m.id;
                node.parentId = m.parentId;
                node.role = m.role;
                node.content = m.content;
                node.stats = m.stats;
                node.createdAt = m.createdAt;
                tree.add(node);
            }
            m_conversationId = id;
            m_title = c.title;
            m_createdAt = c.createdAt;
            m_systemPrompt = c.systemPrompt;
            applySampling(c.sampling);
            m_session.setTree(tree);
            Q_EMIT conversationChanged();
            Q_EMIT settingsChanged();
            if (!c.modelRef.isEmpty() && c.modelRef != m_session.modelPath() && QFileInfo::exists(c.modelRef))
                selectModel(c.modelRef);
        });
}

void ChatController::deleteConversation(qint64 id)
{
    m_persistence.deleteConversation(id);
    m_conversations.remove(id);
    if (id == m_conversationId)
        newChat();
}

void ChatController::ensureConversation(const QString &firstText)
{
    if (m_conversationId != 0)
        return;
    const qint64 local = m_persistence.nextLocalId();
    m_conversationId = local;
    m_title = titleFrom(firstText);
    m_createdAt = QDateTime::currentDateTimeUtc();
    Conversation c;
    c.id = local;
    c.title = m_title;
    c.modelRef = m_session.modelPath();
    c.systemPrompt = m_systemPrompt;
    c.sampling = samplingJson();
    c.createdAt = m_createdAt;
    c.updatedAt = m_createdAt;
    m_conversations.upsert(c);
    Q_EMIT conversationChanged();
    m_persistence.createConversation(local, c, this, [this, local, c](qint64 rowId) mutable {
        // The row exists now: name the conversation by its row id from here on.
        m_conversations.remove(local);
        c.id = rowId;
        m_conversations.upsert(c);
        if (m_conversationId == local) {
            m_conversationId = rowId;
            Q_EMIT conversationChanged();
        }
    });
}

void ChatController::saveConversation()
{
    if (m_conversationId == 0)
        return;
    Conversation c;
    c.id = m_conversationId;
    c.title = m_title;
    c.modelRef = m_session.modelPath();
    c.systemPrompt = m_systemPrompt;
    c.sampling = samplingJson();
    c.createdAt = m_createdAt;
    c.updatedAt = QDateTime::currentDateTimeUtc();
    m_persistence.updateConversation(m_conversationId, c);
    m_conversations.upsert(c);
}

bool ChatController::send(const QString &text)
{
    if (m_session.modelPath().isEmpty() || text.trimmed().isEmpty() || m_session.generating())
        return m_session.send(text, m_systemPrompt, m_sampling); // reports why
    ensureConversation(text);
    const bool sent = m_session.send(text, m_systemPrompt, m_sampling);
    if (sent)
        saveConversation();
    return sent;
}

void ChatController::stop()
{
    m_session.stop();
}

bool ChatController::regenerate(int row)
{
    return m_session.regenerate(row, m_systemPrompt, m_sampling);
}

bool ChatController::edit(int row, const QString &text)
{
    return m_session.edit(row, text, m_systemPrompt, m_sampling);
}

void ChatController::showVersion(int row, int delta)
{
    m_session.switchVersion(row, delta);
}

void ChatController::copy(int row)
{
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(m_session.messages()->at(row).content);
}

void ChatController::resetSettings()
{
    m_sampling = SamplingSettings();
    Q_EMIT settingsChanged();
    saveConversation();
}

QJsonObject ChatController::samplingJson() const
{
    return QJsonObject {
        {u"temperature"_s, m_sampling.temperature},
        {u"top_p"_s, m_sampling.topP},
        {u"top_k"_s, m_sampling.topK},
        {u"min_p"_s, m_sampling.minP},
        {u"repeat_penalty"_s, m_sampling.repeatPenalty},
        {u"max_tokens"_s, m_sampling.maxTokens},
        {u"seed"_s, static_cast<qint64>(m_sampling.seed)},
    };
}

void ChatController::applySampling(const QJsonObject &json)
{
    const SamplingSettings d;
    m_sampling.temperature = json.value(u"temperature"_s).toDouble(d.temperature);
    m_sampling.topP = json.value(u"top_p"_s).toDouble(d.topP);
    m_sampling.topK = json.value(u"top_k"_s).toInt(d.topK);
    m_sampling.minP = json.value(u"min_p"_s).toDouble(d.minP);
    m_sampling.repeatPenalty = json.value(u"repeat_penalty"_s).toDouble(d.repeatPenalty);
    m_sampling.maxTokens = json.value(u"max_tokens"_s).toInt(d.maxTokens);
    m_sampling.seed = static_cast<quint64>(json.value(u"seed"_s).toInteger(0));
}

SamplingSettings ChatController::sampling() const
{
    return m_sampling;
}

QString ChatController::systemPrompt() const
{
    return m_systemPrompt;
}

void ChatController::setSystemPrompt(const QString &prompt)
{
    if (prompt == m_systemPrompt)
        return;
    m_systemPrompt = prompt;
    Q_EMIT settingsChanged();
    saveConversation();
}

#define ATRIUM_SAMPLING_SETTER(Type, getter, setter, field, lo, hi)                                                    \
    Type ChatController::getter() const                                                                                \
    {                                                                                                                  \
        return static_cast<Type>(m_sampling.field);                                                                    \
    }                                                                                                                  \
    void ChatController::setter(Type value)                                                                            \
    {                                                                                                                  \
        const auto v = std::clamp<Type>(value, lo, hi);                                                                \
        if (static_cast<Type>(m_sampling.field) == v)                                                                  \
            return;                                                                                                    \
        m_sampling.field = v;                                                                                          \
        Q_EMIT settingsChanged();                                                                                      \
        saveConversation();                                                                                            \
    }

ATRIUM_SAMPLING_SETTER(double, temperature, setTemperature, temperature, 0.0, 2.0)
ATRIUM_SAMPLING_SETTER(double, topP, setTopP, topP, 0.0, 1.0)
ATRIUM_SAMPLING_SETTER(int, topK, setTopK, topK, 0, 1000)
ATRIUM_SAMPLING_SETTER(double, minP, setMinP, minP, 0.0, 1.0)
ATRIUM_SAMPLING_SETTER(double, repeatPenalty, setRepeatPenalty, repeatPenalty, 1.0, 2.0)
ATRIUM_SAMPLING_SETTER(int, maxTokens, setMaxTokens, maxTokens, 1, 32768)
ATRIUM_SAMPLING_SETTER(int, seed, setSeed, seed, 0, 2147483647)

#undef ATRIUM_SAMPLING_SETTER
