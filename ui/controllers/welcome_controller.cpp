// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "welcome_controller.h"

#include "chat_controller.h"
#include "common/qml_instance.h"
#include "downloads_controller.h"
#include "library_controller.h"
#include "machine_info.h"
#include "navigator.h"
#include "preferences.h"

using namespace Qt::StringLiterals;

WelcomeController::WelcomeController(Preferences *preferences,
    MachineInfo *machine,
    DownloadsController *downloads,
    LibraryController *library,
    ChatController *chat,
    Navigator *navigator,
    QObject *parent)
    : QObject(parent)
    , m_preferences(preferences)
    , m_machine(machine)
    , m_downloads(downloads)
    , m_library(library)
    , m_chat(chat)
    , m_navigator(navigator)
{
    m_recommendations.setEntries(RecommendationModel::defaults());
    refreshFits();
    if (m_machine)
        connect(m_machine, &MachineInfo::changed, this, &WelcomeController::refreshFits);
    if (!m_downloads)
        return;
    connect(m_downloads, &DownloadsController::progressChanged, this, [this](const DownloadProgress &p) {
        if (p.repoId != m_busyRepoId)
            return;
        const double fraction =
            p.bytesTotal > 0 ? static_cast<double>(p.bytesDone) / static_cast<double>(p.bytesTotal) : 0.0;
        m_recommendations.setProgress(p.repoId, u"running"_s, fraction);
    });
    connect(
        m_downloads, &DownloadsController::pullFinished, this, [this](const QString &repoId, const QStringList &paths) {
            if (repoId != m_busyRepoId)
                return;
            m_recommendations.setProgress(repoId, u"completed"_s, 1.0);
            m_busyRepoId.clear();
            Q_EMIT busyChanged();
            if (m_library)
                m_library->rescanHubCache();
            if (m_preferences)
                m_preferences->setFirstRunDone(true);
            if (m_chat && !paths.isEmpty()) {
                m_chat->newChat();
                m_chat->selectModel(paths.constFirst());
            }
            if (m_navigator)
                m_navigator->setPage(Navigator::Page::Chat);
        });
    connect(m_downloads, &DownloadsController::pullFailed, this, [this](const QString &repoId, const QString &message) {
        if (repoId != m_busyRepoId)
            return;
        m_recommendations.setProgress(repoId, u"failed"_s, 0);
        m_busyRepoId.clear();
        m_error = message;
        Q_EMIT busyChanged();
    });
}

WelcomeController *WelcomeController::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<WelcomeController>::take(jsEngine);
}

RecommendationModel *WelcomeController::recommendations()
{
    return &m_recommendations;
}

QString WelcomeController::busyRepoId() const
{
    return m_busyRepoId;
}

QString WelcomeController::errorString() const
{
    return m_error;
}

void WelcomeController::choose(int row)
{
    const RecommendationModel::Entry e = m_recommendations.at(row);
    if (e.repoId.isEmpty() || !m_busyRepoId.isEmpty() || !m_downloads)
        return;
    m_busyRepoId = e.repoId;
    m_error.clear();
    Q_EMIT busyChanged();
    m_recommendations.setProgress(e.repoId, u"running"_s, 0);
    m_downloads->pull(e.repoId, {}, e.quantization);
}

void WelcomeController::skip()
{
    if (m_preferences)
        m_preferences->setFirstRunDone(true);
    if (m_navigator)
        m_navigator->setPage(Navigator::Page::Discover);
}

void WelcomeController::refreshFits()
{
    const MemoryBudget budget = m_machine ? m_machine->budget() : MemoryBudget {};
    m_recommendations.setBudget(budget, m_preferences ? m_preferences->contextSize() : 4096);
}
