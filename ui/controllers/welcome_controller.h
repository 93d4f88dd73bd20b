// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "recommendation_model.h"

class ChatController;
class DownloadsController;
class LibraryController;
class MachineInfo;
class Navigator;
class Preferences;
class QQmlEngine;
class QJSEngine;

/// First run: looks at this computer, suggests a few small instruct models that fit, and with one click downloads
/// one and opens a chat with it.
class WelcomeController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Welcome)
    QML_SINGLETON
    Q_PROPERTY(RecommendationModel *recommendations READ recommendations CONSTANT FINAL)
    /// The repository being downloaded, "" when none.
    Q_PROPERTY(QString busyRepoId READ busyRepoId NOTIFY busyChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY busyChanged FINAL)

public:
    WelcomeController(Preferences *preferences,
        MachineInfo *machine,
        DownloadsController *downloads,
        LibraryController *library,
        ChatController *chat,
        Navigator *navigator,
        QObject *parent);
    static WelcomeController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    RecommendationModel *recommendations();
    QString busyRepoId() const;
    QString errorString() const;

    /// Downloads the suggestion in `row`, then opens a chat with it.
    Q_INVOKABLE void choose(int row);
    /// Leaves the welcome screen for Discover.
    Q_INVOKABLE void skip();

Q_SIGNALS:
    void busyChanged();

private:
    void refreshFits();

    Preferences *m_preferences = nullptr;
    MachineInfo *m_machine = nullptr;
    DownloadsController *m_downloads = nullptr;
    LibraryController *m_library = nullptr;
    ChatController *m_chat = nullptr;
    Navigator *m_navigator = nullptr;
    RecommendationModel m_recommendations;
    QString m_busyRepoId;
    QString m_pendingChatPath;
    QString m_error;
};
