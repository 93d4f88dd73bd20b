// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "chat_persistence.h"
#include "chat_session.h"
#include "conversation_list_model.h"
#include "inference/generation_types.h"

class Preferences;
class QQmlEngine;
class QJSEngine;

/// The Chat screen: saved conversations in a sidebar, the open one in a ChatSession, its model, system prompt and
/// sampling settings (kept per conversation in the catalog), and actions on messages (send, stop, regenerate, edit,
/// versions, copy).
class ChatController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Chat)
    QML_SINGLETON
    Q_PROPERTY(ChatSession *session READ session CONSTANT FINAL)
    Q_PROPERTY(ConversationListModel *conversations READ conversations CONSTANT FINAL)
    Q_PROPERTY(qint64 conversationId READ conversationId NOTIFY conversationChanged FINAL)
    Q_PROPERTY(QString title READ title NOTIFY conversationChanged FINAL)
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY settingsChanged FINAL)
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY settingsChanged FINAL)
    Q_PROPERTY(double topP READ topP WRITE setTopP NOTIFY settingsChanged FINAL)
    Q_PROPERTY(int topK READ topK WRITE setTopK NOTIFY settingsChanged FINAL)
    Q_PROPERTY(double minP READ minP WRITE setMinP NOTIFY settingsChanged FINAL)
    Q_PROPERTY(double repeatPenalty READ repeatPenalty WRITE setRepeatPenalty NOTIFY settingsChanged FINAL)
    Q_PROPERTY(int maxTokens READ maxTokens WRITE setMaxTokens NOTIFY settingsChanged FINAL)
    Q_PROPERTY(int seed READ seed WRITE setSeed NOTIFY settingsChanged FINAL)

public:
    ChatController(Preferences *preferences, CatalogAccess catalog, QObject *parent);
    static ChatController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    ChatSession *session();
    ConversationListModel *conversations();
    qint64 conversationId() const;
    QString title() const;
    QString systemPrompt() const;
    void setSystemPrompt(const QString &prompt);
    double temperature() const;
    void setTemperature(double value);
    double topP() const;
    void setTopP(double value);
    int topK() const;
    void setTopK(int value);
    double minP() const;
    void setMinP(double value);
    double repeatPenalty() const;
    void setRepeatPenalty(double value);
    int maxTokens() const;
    void setMaxTokens(int value);
    int seed() const;
    void setSeed(int value);
    SamplingSettings sampling() const;

    /// Loads the saved conversations for the sidebar.
    void reload();

    /// Uses the model at `localPath` for the open conversation (loading it now).
    Q_INVOKABLE void selectModel(const QString &localPath, const QString &displayName = {});
    /// Starts an empty conversation (with the current model).
    Q_INVOKABLE void newChat();
    Q_INVOKABLE void openConversation(qint64 id);
    Q_INVOKABLE void deleteConversation(qint64 id);
    Q_INVOKABLE bool send(const QString &text);
    Q_INVOKABLE void stop();
    Q_INVOKABLE bool regenerate(int row);
    Q_INVOKABLE bool edit(int row, const QString &text);
    Q_INVOKABLE void showVersion(int row, int delta);
    /// Puts the text of a message on the clipboard.
    Q_INVOKABLE void copy(int row);
    /// Sampling settings back to their defaults.
    Q_INVOKABLE void resetSettings();

Q_SIGNALS:
    void conversationChanged();
    void settingsChanged();

private:
    void ensureConversation(const QString &firstText);
    void saveConversation();
    void applySampling(const QJsonObject &json);
    QJsonObject samplingJson() const;

    Preferences *m_preferences = nullptr;
    CatalogAccess m_catalog;
    ChatPersistence m_persistence;
    ChatSession m_session;
    ConversationListModel m_conversations;
    qint64 m_conversationId = 0; ///< 0 until the first message
    QString m_title;
    QString m_systemPrompt;
    SamplingSettings m_sampling;
    QDateTime m_createdAt;
};
