// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "hub_search_model.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUrl>

#include "common/qml_instance.h"
#include "hub/hub_client.h"

using namespace Qt::StringLiterals;

namespace
{
constexpr int kDefaultDebounceMs = 300;
constexpr int kMaxEmptyPagesInRow = 3; ///< pages filtered down to nothing before we stop fetching on our own
constexpr int kContextForFit = 4096;

QString licenceFromTags(const QStringList &tags)
{
    for (const QString &tag : tags) {
        if (tag.startsWith("license:"_L1))
            return tag.mid(8);
    }
    return {};
}

QString gatedName(HubGated gated)
{
    switch (gated) {
    case HubGated::Auto:
        return u"auto"_s;
    case HubGated::Manual:
        return u"manual"_s;
    case HubGated::No:
        break;
    }
    return {};
}

HubSort hubSort(const QString &sort)
{
    if (sort == "downloads"_L1)
        return HubSort::Downloads;
    if (sort == "likes"_L1)
        return HubSort::Likes;
    if (sort == "updated"_L1)
        return HubSort::LastModified;
    return HubSort::Trending;
}
} // namespace

HubSearchModel::HubSearchModel(HubClient *hub, QObject *parent)
    : QAbstractListModel(parent)
    , m_hub(hub)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDefaultDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &HubSearchModel::refresh);
}

HubSearchModel *HubSearchModel::create(QQmlEngine *, QJSEngine *jsEngine)
{
    return QmlInstance<HubSearchModel>::take(jsEngine);
}

QString HubSearchModel::parseRepoReference(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    static const QRegularExpression repoId(u"^[A-Za-z0-9][A-Za-z0-9_.\\-]*/[A-Za-z0-9][A-Za-z0-9_.\\-]*$"_s);
    if (!t.contains("://"_L1) && (t.startsWith("huggingface.co/"_L1) || t.startsWith("hf.co/"_L1)))
        t.prepend("https://"_L1);
    const QUrl url(t, QUrl::StrictMode);
    if (url.isValid() && (url.scheme() == "https"_L1 || url.scheme() == "http"_L1) && !url.host().isEmpty()) {
        QStringList parts = url.path().split(u'/', Qt::SkipEmptyParts);
        if (!parts.isEmpty() && parts.first() == "models"_L1)
            parts.removeFirst();
        if (parts.size() < 2)
            return {};
        const QString id = parts.at(0) + u'/' + parts.at(1);
        return repoId.match(id).hasMatch() ? id : QString();
    }
    return repoId.match(t).hasMatch() ? t : QString();
}

int HubSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant HubSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const HubModelSummary &s = row.summary;
    switch (role) {
    case Qt::DisplayRole:
    case RepoIdRole:
        return s.id;
    case AuthorRole:
        return s.author.isEmpty() ? s.id.section(u'/', 0, 0) : s.author;
    case NameRole:
        return s.id.section(u'/', 1);
    case DownloadsRole:
        return s.downloads;
    case LikesRole:
        return s.likes;
    case LastModifiedRole:
        return QDateTime::fromString(s.lastModified, Qt::ISODateWithMs);
    case TaskRole:
        return s.pipelineTag;
    case ParametersRole:
        return s.gguf.totalParameters;
    case ArchitectureRole:
        return s.gguf.architecture;
    case ContextLengthRole:
        return s.gguf.contextLength;
    case GatedRole:
        return gatedName(s.gated);
    case LicenceRole:
        return row.licence;
    case IsGgufRole:
        return s.libraryName == "gguf"_L1 || s.tags.contains("gguf"_L1) || !s.gguf.isEmpty();
    case FitRole:
        return row.fit;
    case LocalRole:
        return row.local;
    default:
        return {};
    }
}

QHash<int, QByteArray> HubSearchModel::roleNames() const
{
    return {
        {RepoIdRole, "repoId"},
        {AuthorRole, "author"},
        {NameRole, "name"},
        {DownloadsRole, "downloads"},
        {LikesRole, "likes"},
        {LastModifiedRole, "lastModified"},
        {TaskRole, "task"},
        {ParametersRole, "parameters"},
        {ArchitectureRole, "architecture"},
        {ContextLengthRole, "contextLength"},
        {GatedRole, "gated"},
        {LicenceRole, "licence"},
        {IsGgufRole, "isGguf"},
        {FitRole, "fit"},
        {LocalRole, "local"},
    };
}

bool HubSearchModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_loading && !m_offline && !m_nextCursor.isEmpty();
}

void HubSearchModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    requestPage(m_nextCursor);
}

QString HubSearchModel::query() const
{
    return m_query;
}

void HubSearchModel::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    Q_EMIT queryChanged();
    scheduleRefresh();
}

QString HubSearchModel::sort() const
{
    return m_sort;
}

void HubSearchModel::setSort(const QString &sort)
{
    if (sort == m_sort)
        return;
    m_sort = sort;
    Q_EMIT filtersChanged();
    scheduleRefresh();
}

QString HubSearchModel::task() const
{
    return m_task;
}

void HubSearchModel::setTask(const QString &task)
{
    if (task == m_task)
        return;
    m_task = task;
    Q_EMIT filtersChanged();
    scheduleRefresh();
}

QString HubSearchModel::format() const
{
    return m_format;
}

void HubSearchModel::setFormat(const QString &format)
{
    if (format == m_format)
        return;
    m_format = format;
    Q_EMIT filtersChanged();
    scheduleRefresh();
}

QString HubSearchModel::licence() const
{
    return m_licence;
}

void HubSearchModel::setLicence(const QString &licence)
{
    if (licence == m_licence)
        return;
    m_licence = licence;
    Q_EMIT filtersChanged();
    scheduleRefresh();
}

QString HubSearchModel::size() const
{
    return m_size;
}

void HubSearchModel::setSize(const QString &size)
{
    if (size == m_size)
        return;
    m_size = size;
    Q_EMIT filtersChanged();
    scheduleRefresh();
}

QString HubSearchModel::quantization() const
{
    return m_quantization;
}

void HubSearchModel::setQuantization(const QString &quantization)
{
    if (quantization == m_quantization)
        return;
    m_quantization = quantization;
    Q_EMIT filtersChanged(); // a preference for the model page: the Hub cannot filter repositories by it
}

bool HubSearchModel::fitsOnly() const
{
    return m_fitsOnly;
}

void HubSearchModel::setFitsOnly(bool fitsOnly)
{
    if (fitsOnly == m_fitsOnly)
        return;
    m_fitsOnly = fitsOnly;
    Q_EMIT filtersChanged();
    scheduleRefresh();
}

QString HubSearchModel::directRepoId() const
{
    return parseRepoReference(m_query);
}

int HubSearchModel::count() const
{
    return static_cast<int>(m_rows.size());
}

bool HubSearchModel::loading() const
{
    return m_loading;
}

bool HubSearchModel::offline() const
{
    return m_offline;
}

QString HubSearchModel::errorString() const
{
    return m_error;
}

void HubSearchModel::setMemoryBudget(const MemoryBudget &budget)
{
    m_memoryBudget = budget;
    if (m_rows.isEmpty())
        return;
    for (Row &row : m_rows)
        row.fit = fitFor(row.summary.gguf.totalParameters);
    Q_EMIT dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {FitRole});
}

void HubSearchModel::setLocalModels(const QList<CatalogModel> &models)
{
    m_local = models;
    if (m_offline) {
        showLocal(AppError {AppError::Kind::Offline, m_error, {}, 0});
        return;
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        const bool local = std::any_of(m_local.cbegin(), m_local.cend(), [&](const CatalogModel &m) {
            return m.repoId == m_rows.at(i).summary.id;
        });
        if (local != m_rows.at(i).local) {
            m_rows[i].local = local;
            Q_EMIT dataChanged(index(i), index(i), {LocalRole});
        }
    }
}

void HubSearchModel::setDebounceMs(int ms)
{
    m_debounce.setInterval(ms);
}

void HubSearchModel::setPageSize(int size)
{
    m_pageSize = std::max(1, size);
}

void HubSearchModel::scheduleRefresh()
{
    if (m_debounce.interval() <= 0) {
        refresh();
        return;
    }
    m_debounce.start();
}

bool HubSearchModel::hasMore() const
{
    return !m_offline && !m_nextCursor.isEmpty();
}

void HubSearchModel::loadMore()
{
    fetchMore({});
}

void HubSearchModel::ensureStarted()
{
    if (!m_started)
        refresh();
}

void HubSearchModel::refresh()
{
    m_started = true;
    m_debounce.stop();
    ++m_generation;
    m_emptyPagesInRow = 0;
    m_nextCursor.clear();
    if (!m_rows.isEmpty()) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
        Q_EMIT countChanged();
    }
    setError({});
    requestPage({});
}

HubSearchQuery HubSearchModel::buildQuery() const
{
    HubSearchQuery q;
    const QString direct = directRepoId();
    if (!direct.isEmpty()) {
        q.search = direct;
    } else {
        q.search = m_query.trimmed();
    }
    if (!m_format.isEmpty())
        q.filters.append(m_format);
    if (!m_licence.isEmpty())
        q.filters.append(u"license:"_s + m_licence);
    q.pipelineTag = m_task;
    q.sort = hubSort(m_sort);
    q.limit = m_pageSize;
    return q;
}

void HubSearchModel::requestPage(const QString &cursor)
{
    if (!m_hub) {
        showLocal(AppError {AppError::Kind::Offline, tr("Searching the Hub is not available."), {}, 0});
        return;
    }
    HubSearchQuery q = buildQuery();
    q.cursor = cursor;
    setLoading(true);
    const quint64 generation = m_generation;
    m_hub->search(q, [this, generation](const AppExpected<HubSearchResult> &result) { onPage(generation, result); });
}

void HubSearchModel::onPage(quint64 generation, const AppExpected<HubSearchResult> &result)
{
    if (generation != m_generation)
        return; // an answer to a search the user has already changed
    setLoading(false);
    if (!result) {
        const AppError &e = result.error();
        if (e.kind == AppError::Kind::Offline || e.kind == AppError::Kind::Network) {
            showLocal(e);
            return;
        }
        setError(e.message);
        return;
    }
    setOffline(false);
    const HubSearchResult &page = result.value();
    m_nextCursor = page.nextCursor;
    if (page.nextCursor.isEmpty())
        Q_EMIT countChanged(); // hasMore
    QList<Row> accepted;
    for (const HubModelSummary &summary : page.models) {
        Row row = makeRow(summary);
        if (acceptsRow(row))
            accepted.append(row);
    }
    if (!accepted.isEmpty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(accepted.size()) - 1);
        m_rows.append(accepted);
        endInsertRows();
        Q_EMIT countChanged();
        m_emptyPagesInRow = 0;
    } else if (!m_nextCursor.isEmpty() && ++m_emptyPagesInRow < kMaxEmptyPagesInRow) {
        // The local filters removed the whole page; a view would not ask for more, so continue on our own.
        requestPage(m_nextCursor);
    }
}

void HubSearchModel::showLocal(const AppError &why)
{
    setOffline(true);
    setError(why.message.isEmpty() ? tr("The Hub cannot be reached.") : why.message);
    m_nextCursor.clear();
    const QString needle = m_query.trimmed();
    QList<Row> rows;
    for (const CatalogModel &m : std::as_const(m_local)) {
        if (!needle.isEmpty() && !m.repoId.contains(needle, Qt::CaseInsensitive))
            continue;
        HubModelSummary s;
        s.id = m.repoId;
        s.author = m.author;
        s.downloads = m.downloads;
        s.likes = m.likes;
        s.lastModified = m.lastModified.toString(Qt::ISODateWithMs);
        s.pipelineTag = m.pipelineTag;
        s.tags = m.tags;
        s.gated = m.gated == "manual"_L1 ? HubGated::Manual : m.gated == "auto"_L1 ? HubGated::Auto : HubGated::No;
        for (const CatalogFile &f : m.files) {
            if (f.parameterCount > 0) {
                s.gguf.totalParameters = f.parameterCount;
                s.gguf.architecture = f.architecture;
                s.gguf.contextLength = f.contextLength;
                break;
            }
        }
        Row row = makeRow(s);
        row.licence = m.license.isEmpty() ? row.licence : m.license;
        row.local = true;
        rows.append(row);
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
    Q_EMIT countChanged();
}

HubSearchModel::Row HubSearchModel::makeRow(const HubModelSummary &summary) const
{
    Row row;
    row.summary = summary;
    row.licence = licenceFromTags(summary.tags);
    row.fit = fitFor(summary.gguf.totalParameters);
    row.local =
        std::any_of(m_local.cbegin(), m_local.cend(), [&](const CatalogModel &m) { return m.repoId == summary.id; });
    return row;
}

QString HubSearchModel::fitFor(qint64 parameters) const
{
    if (parameters <= 0)
        return {};
    return estimateFit(approximateQ4Bytes(parameters), approximateKvBytes(parameters, kContextForFit), m_memoryBudget)
        .name();
}

bool HubSearchModel::acceptsRow(const Row &row) const
{
    const qint64 p = row.summary.gguf.totalParameters;
    if (m_size != "any"_L1 && p > 0) {
        const double b = static_cast<double>(p) / 1e9;
        if (m_size == "tiny"_L1 && b >= 1.0)
            return false;
        if (m_size == "small"_L1 && (b < 1.0 || b >= 4.0))
            return false;
        if (m_size == "medium"_L1 && (b < 4.0 || b >= 14.0))
            return false;
        if (m_size == "large"_L1 && b < 14.0)
            return false;
    }
    if (m_fitsOnly && row.fit == "no"_L1)
        return false;
    return true;
}

void HubSearchModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void HubSearchModel::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    Q_EMIT errorStringChanged();
}

void HubSearchModel::setOffline(bool offline)
{
    if (offline == m_offline)
        return;
    m_offline = offline;
    Q_EMIT offlineChanged();
}
