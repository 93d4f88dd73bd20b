// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model_page_controller.h"

#include <QJsonArray>
#include <QVariantMap>

#include "common/markdown_renderer.h"
#include "common/qml_instance.h"
#include "downloads_controller.h"
#include "hub/hub_client.h"
#include "library_controller.h"
#include "machine_info.h"
#include "preferences.h"

using namespace Qt::StringLiterals;

namespace
{
QString kindOf(AppError::Kind kind)
{
    switch (kind) {
    case AppError::Kind::Unauthorized:
        return u"unauthorized"_s;
    case AppError::Kind::NotFound:
        return u"not-found"_s;
    case AppError::Kind::Offline:
    case AppError::Kind::Network:
        return u"offline"_s;
    default:
        return u"other"_s;
    }
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList out;
    if (value.isString())
        out.append(value.toString());
    for (const QJsonValue &v : value.toArray()) {
        if (v.isString())
            out.append(v.toString());
    }
    return out;
}

QVariantMap badge(const QString &text, const QString &kind)
{
    return QVariantMap {{u"text"_s, text}, {u"kind"_s, kind}};
}
} // namespace

ModelPageController::ModelPageController(HubClient *hub,
    DownloadsController *downloads,
    LibraryController *library,
    MachineInfo *machine,
    Preferences *preferences,
    QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_downloads(downloads)
    , m_library(library)
    , m_machine(machine)
    , m_preferences(preferences)
{
    if (m_preferences)
        m_contextSize = m_preferences->contextSize();
    if (m_downloads) {
        connect(m_downloads, &DownloadsController::progressChanged, this, [this](const DownloadProgress &p) {
            if (p.repoId == m_repoId)
                m_files.applyProgress(p);
        });
        connect(m_downloads,
            &DownloadsController::fileReady,
            this,
            [this](const QString &repoId, const QString &path, const QString &localPath) {
                if (repoId == m_repoId)
                    m_files.applyFinished(path, localPath);
            });
        connect(m_downloads,
            &DownloadsController::downloadFailed,
            this,
            [this](const QString &repoId, const QString &path, const QString &message) {
                if (repoId == m_repoId)
                    m_files.applyFailed(path, message);
            });
    }
    if (m_library)
        connect(m_library, &LibraryController::modelsChanged, this, &ModelPageController::updateLocalFiles);
    if (m_machine)
        connect(m_machine, &MachineInfo::changed, this, &ModelPageController::updateFit);
}

ModelPageController *ModelPageController::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<ModelPageController>::take(jsEngine);
}

void ModelPageController::open(const QString &repoId)
{
    if (repoId.isEmpty())
        return;
    m_repoId = repoId;
    Q_EMIT repoIdChanged();
    reload();
}

void ModelPageController::reload()
{
    ++m_generation;
    m_info = HubModelInfo();
    m_info.summary.id = m_repoId;
    m_cardMarkdown.clear();
    m_cardHtml.clear();
    m_files.setFiles(m_info);
    Q_EMIT infoChanged();
    Q_EMIT cardChanged();
    if (!m_hub) {
        showLocalFallback(AppError {AppError::Kind::Offline, tr("The Hub is not available."), {}, 0});
        return;
    }
    setState(true, {}, {});
    const quint64 generation = m_generation;
    m_hub->modelInfo(
        m_repoId, u"main"_s, [this, generation](const AppExpected<HubModelInfo> &info) { onInfo(generation, info); });
}

void ModelPageController::onInfo(quint64 generation, const AppExpected<HubModelInfo> &info)
{
    if (generation != m_generation)
        return;
    if (!info) {
        showLocalFallback(info.error());
        return;
    }
    m_info = info.value();
    setState(false, {}, {});
    m_files.setFiles(m_info);
    updateFit();
    updateLocalFiles();
    Q_EMIT infoChanged();
    m_cardLoading = true;
    Q_EMIT cardChanged();
    const QString revision = m_info.sha.isEmpty() ? u"main"_s : m_info.sha;
    m_hub->modelCard(
        m_repoId, revision, [this, generation](const AppExpected<HubModelCard> &card) { onCard(generation, card); });
}

void ModelPageController::onCard(quint64 generation, const AppExpected<HubModelCard> &card)
{
    if (generation != m_generation)
        return;
    m_cardLoading = false;
    m_cardMarkdown = card ? card->body : QString();
    if (!card && card.error().kind != AppError::Kind::NotFound)
        m_cardMarkdown = tr("*The model card could not be loaded: %1*").arg(card.error().message);
    renderCard();
}

void ModelPageController::showLocalFallback(const AppError &error)
{
    QString kind = kindOf(error.kind);
    QString message = error.message;
    if (kind == "unauthorized"_L1)
        message = tr("This model is gated or private. Accept its licence on the Hub, then add your access token in "
                     "Settings.");
    // What the catalog knows about the repository still makes a useful page (offline, or gated files already here).
    if (m_library) {
        for (const CatalogModel &m : m_library->snapshot()) {
            if (m.repoId != m_repoId)
                continue;
            m_info.summary.author = m.author;
            m_info.summary.downloads = m.downloads;
            m_info.summary.likes = m.likes;
            m_info.summary.pipelineTag = m.pipelineTag;
            m_info.summary.tags = m.tags;
            m_info.license = m.license;
            for (const CatalogFile &f : m.files) {
                HubFileEntry e;
                e.path = f.path;
                e.size = f.sizeBytes;
                e.lfsSha256 = f.sha256;
                e.lfsSize = f.sizeBytes;
                m_info.siblings.append(e);
                if (f.parameterCount > 0) {
                    m_info.summary.gguf.totalParameters = f.parameterCount;
                    m_info.summary.gguf.architecture = f.architecture;
                    m_info.summary.gguf.contextLength = f.contextLength;
                }
            }
            m_files.setFiles(m_info);
            updateFit();
            updateLocalFiles();
            m_cardMarkdown = m.cardText;
            renderCard();
            Q_EMIT infoChanged();
            break;
        }
    }
    setState(false, message, kind);
}

void ModelPageController::renderCard()
{
    m_cardHtml =
        m_cardMarkdown.isEmpty() ? QString() : MarkdownRenderer::toHtml(m_cardMarkdown, QUrl(pageUrl()), m_linkColor);
    Q_EMIT cardChanged();
}

void ModelPageController::updateFit()
{
    const MemoryBudget budget = m_machine ? m_machine->budget() : MemoryBudget {};
    m_files.setFitInputs(budget, m_info.summary.gguf.totalParameters, m_contextSize);
}

void ModelPageController::updateLocalFiles()
{
    if (!m_library)
        return;
    QList<CatalogFile> files;
    for (const CatalogModel &m : m_library->snapshot()) {
        if (m.repoId == m_repoId)
            files.append(m.files);
    }
    m_files.setLocalFiles(files);
}

void ModelPageController::download(int row)
{
    if (!m_downloads)
        return;
    const QStringList paths = m_files.pathsAt(row);
    if (paths.isEmpty())
        return;
    if (paths.size() > 1)
        m_downloads->pull(m_repoId, {}, m_files.quantizationAt(row));
    else
        m_downloads->pull(m_repoId, paths.constFirst());
}

void ModelPageController::pause(int row)
{
    if (m_downloads) {
        for (const QString &path : m_files.pathsAt(row))
            m_downloads->pause(m_repoId, path);
    }
}

void ModelPageController::resume(int row)
{
    if (m_downloads) {
        for (const QString &path : m_files.pathsAt(row))
            m_downloads->resume(m_repoId, path);
    }
}

void ModelPageController::cancel(int row)
{
    if (m_downloads) {
        for (const QString &path : m_files.pathsAt(row))
            m_downloads->cancel(m_repoId, path);
    }
}

void ModelPageController::setState(bool loading, const QString &error, const QString &kind)
{
    m_loading = loading;
    m_error = error;
    m_errorKind = kind;
    Q_EMIT stateChanged();
}

QString ModelPageController::repoId() const
{
    return m_repoId;
}

bool ModelPageController::loading() const
{
    return m_loading;
}

QString ModelPageController::errorString() const
{
    return m_error;
}

QString ModelPageController::errorKind() const
{
    return m_errorKind;
}

QString ModelPageController::name() const
{
    return m_repoId.section(u'/', 1);
}

QString ModelPageController::author() const
{
    return m_info.summary.author.isEmpty() ? m_repoId.section(u'/', 0, 0) : m_info.summary.author;
}

QString ModelPageController::pageUrl() const
{
    return m_hub ? m_hub->config().repoPageUrl(m_repoId).toString() : u"https://huggingface.co/"_s + m_repoId;
}

QString ModelPageController::licence() const
{
    if (!m_info.license.isEmpty())
        return m_info.license;
    for (const QString &tag : m_info.summary.tags) {
        if (tag.startsWith("license:"_L1))
            return tag.mid(8);
    }
    return {};
}

QString ModelPageController::gated() const
{
    switch (m_info.summary.gated) {
    case HubGated::Auto:
        return u"auto"_s;
    case HubGated::Manual:
        return u"manual"_s;
    case HubGated::No:
        break;
    }
    return m_errorKind == "unauthorized"_L1 ? u"manual"_s : QString();
}

QString ModelPageController::gatedPrompt() const
{
    return m_info.gatedPrompt;
}

double ModelPageController::downloads() const
{
    return static_cast<double>(m_info.summary.downloads);
}

double ModelPageController::likes() const
{
    return static_cast<double>(m_info.summary.likes);
}

QDateTime ModelPageController::lastModified() const
{
    return QDateTime::fromString(m_info.summary.lastModified, Qt::ISODateWithMs);
}

double ModelPageController::parameters() const
{
    return static_cast<double>(m_info.summary.gguf.totalParameters);
}

QString ModelPageController::architecture() const
{
    return m_info.summary.gguf.architecture;
}

int ModelPageController::trainedContext() const
{
    return static_cast<int>(m_info.summary.gguf.contextLength);
}

QVariantList ModelPageController::badges() const
{
    QVariantList out;
    if (const QString l = licence(); !l.isEmpty())
        out.append(badge(l, u"licence"_s));
    if (!m_info.summary.pipelineTag.isEmpty())
        out.append(badge(m_info.summary.pipelineTag, u"task"_s));
    if (!m_info.baseModel.isEmpty())
        out.append(badge(tr("based on %1").arg(m_info.baseModel), u"base"_s));
    for (const QString &language : stringsOf(m_info.cardData.value(u"language"_s)).mid(0, 6))
        out.append(badge(language, u"language"_s));
    const QString library = m_info.cardData.value(u"library_name"_s).toString(m_info.summary.libraryName);
    if (!library.isEmpty())
        out.append(badge(library, u"library"_s));
    for (const QString &tag : stringsOf(m_info.cardData.value(u"tags"_s)).mid(0, 8))
        out.append(badge(tag, u"tag"_s));
    return out;
}

QString ModelPageController::cardHtml() const
{
    return m_cardHtml;
}

bool ModelPageController::cardLoading() const
{
    return m_cardLoading;
}

ModelFileModel *ModelPageController::files()
{
    return &m_files;
}

int ModelPageController::contextSize() const
{
    return m_contextSize;
}

void ModelPageController::setContextSize(int contextSize)
{
    if (contextSize == m_contextSize || contextSize <= 0)
        return;
    m_contextSize = contextSize;
    Q_EMIT contextSizeChanged();
    updateFit();
}

QColor ModelPageController::linkColor() const
{
    return m_linkColor;
}

void ModelPageController::setLinkColor(const QColor &color)
{
    if (color == m_linkColor)
        return;
    m_linkColor = color;
    renderCard();
}
