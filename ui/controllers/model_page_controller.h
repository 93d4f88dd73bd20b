// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QColor>
#include <QDateTime>
#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include "common/app_error.h"
#include "hub/hub_types.h"
#include "model_file_model.h"

class DownloadsController;
class HubClient;
class LibraryController;
class MachineInfo;
class Preferences;
class QQmlEngine;
class QJSEngine;

/// The model page: a repository's card (markdown rendered to rich text here, front matter as badges), its GGUF
/// files grouped by quantization with sizes and fit labels for the chosen context, downloads of those files with
/// progress, and for gated or private repositories what to do to get access.
class ModelPageController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(ModelPage)
    QML_SINGLETON
    Q_PROPERTY(QString repoId READ repoId NOTIFY repoIdChanged FINAL)
    Q_PROPERTY(bool loading READ loading NOTIFY stateChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged FINAL)
    /// "", "unauthorized" (gated or private: needs a token), "not-found", "offline", "other".
    Q_PROPERTY(QString errorKind READ errorKind NOTIFY stateChanged FINAL)
    Q_PROPERTY(QString name READ name NOTIFY infoChanged FINAL)
    Q_PROPERTY(QString author READ author NOTIFY infoChanged FINAL)
    Q_PROPERTY(QString pageUrl READ pageUrl NOTIFY infoChanged FINAL)
    Q_PROPERTY(QString licence READ licence NOTIFY infoChanged FINAL)
    /// "", "auto" or "manual".
    Q_PROPERTY(QString gated READ gated NOTIFY infoChanged FINAL)
    Q_PROPERTY(QString gatedPrompt READ gatedPrompt NOTIFY infoChanged FINAL)
    Q_PROPERTY(double downloads READ downloads NOTIFY infoChanged FINAL)
    Q_PROPERTY(double likes READ likes NOTIFY infoChanged FINAL)
    Q_PROPERTY(QDateTime lastModified READ lastModified NOTIFY infoChanged FINAL)
    Q_PROPERTY(double parameters READ parameters NOTIFY infoChanged FINAL)
    Q_PROPERTY(QString architecture READ architecture NOTIFY infoChanged FINAL)
    Q_PROPERTY(int trainedContext READ trainedContext NOTIFY infoChanged FINAL)
    /// Front matter as badges: a list of {text, kind} (kind: "licence", "task", "base", "language", "library", "tag").
    Q_PROPERTY(QVariantList badges READ badges NOTIFY infoChanged FINAL)
    Q_PROPERTY(QString cardHtml READ cardHtml NOTIFY cardChanged FINAL)
    Q_PROPERTY(bool cardLoading READ cardLoading NOTIFY cardChanged FINAL)
    Q_PROPERTY(ModelFileModel *files READ files CONSTANT FINAL)
    /// The context length fit labels are computed for.
    Q_PROPERTY(int contextSize READ contextSize WRITE setContextSize NOTIFY contextSizeChanged FINAL)
    Q_PROPERTY(QColor linkColor READ linkColor WRITE setLinkColor NOTIFY cardChanged FINAL)

public:
    ModelPageController(HubClient *hub,
        DownloadsController *downloads,
        LibraryController *library,
        MachineInfo *machine,
        Preferences *preferences,
        QObject *parent);
    static ModelPageController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    QString repoId() const;
    bool loading() const;
    QString errorString() const;
    QString errorKind() const;
    QString name() const;
    QString author() const;
    QString pageUrl() const;
    QString licence() const;
    QString gated() const;
    QString gatedPrompt() const;
    double downloads() const;
    double likes() const;
    QDateTime lastModified() const;
    double parameters() const;
    QString architecture() const;
    int trainedContext() const;
    QVariantList badges() const;
    QString cardHtml() const;
    bool cardLoading() const;
    ModelFileModel *files();
    int contextSize() const;
    void setContextSize(int contextSize);
    QColor linkColor() const;
    void setLinkColor(const QColor &color);

    /// Shows a repository ("org/name"): metadata and files, then the card.
    Q_INVOKABLE void open(const QString &repoId);
    Q_INVOKABLE void reload();
    /// Downloads the file (or shard set) in `row`.
    Q_INVOKABLE void download(int row);
    Q_INVOKABLE void pause(int row);
    Q_INVOKABLE void resume(int row);
    Q_INVOKABLE void cancel(int row);

Q_SIGNALS:
    void repoIdChanged();
    void stateChanged();
    void infoChanged();
    void cardChanged();
    void contextSizeChanged();

private:
    void onInfo(quint64 request, const AppExpected<HubModelInfo> &info);
    void onCard(quint64 request, const AppExpected<HubModelCard> &card);
    void showLocalFallback(const AppError &error);
    void renderCard();
    void updateFit();
    void updateLocalFiles();
    void setState(bool loading, const QString &error, const QString &kind);

    HubClient *m_hub = nullptr;
    DownloadsController *m_downloads = nullptr;
    LibraryController *m_library = nullptr;
    MachineInfo *m_machine = nullptr;
    Preferences *m_preferences = nullptr;
    ModelFileModel m_files;
    QString m_repoId;
    HubModelInfo m_info;
    QString m_cardMarkdown;
    QString m_cardHtml;
    bool m_cardLoading = false;
    bool m_loading = false;
    QString m_error;
    QString m_errorKind;
    quint64 m_generation = 0;
    int m_contextSize = 4096;
    QColor m_linkColor {QStringLiteral("#4a4fd6")};
};
