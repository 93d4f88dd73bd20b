// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QAbstractListModel>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include "catalog/catalog_types.h"
#include "common/app_error.h"
#include "hub/hub_types.h"
#include "inference/fit_estimate.h"

class HubClient;
class QQmlEngine;
class QJSEngine;

/// Hub search results for the Discover screen: one search box (text, a pasted Hub URL or "org/name"), filters,
/// sort, and pages fetched on demand through canFetchMore()/fetchMore() (the Hub's cursor). Size and "fits this
/// computer" filters are applied to each page here, since the Hub cannot filter on them. When the Hub cannot be
/// reached, the rows come from the local catalog instead and `offline` says so.
class HubSearchModel : public QAbstractListModel
{
    Q_OBJECT
    QML_NAMED_ELEMENT(HubSearch)
    QML_SINGLETON
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged FINAL)
    /// "trending", "downloads", "likes" or "updated".
    Q_PROPERTY(QString sort READ sort WRITE setSort NOTIFY filtersChanged FINAL)
    /// A pipeline tag such as "text-generation"; "" for any task.
    Q_PROPERTY(QString task READ task WRITE setTask NOTIFY filtersChanged FINAL)
    /// "gguf" (files Atrium runs) or "" for any library.
    Q_PROPERTY(QString format READ format WRITE setFormat NOTIFY filtersChanged FINAL)
    /// An SPDX-like licence id such as "apache-2.0"; "" for any.
    Q_PROPERTY(QString licence READ licence WRITE setLicence NOTIFY filtersChanged FINAL)
    /// "any", "tiny" (< 1B parameters), "small" (1–4B), "medium" (4–14B) or "large" (> 14B).
    Q_PROPERTY(QString size READ size WRITE setSize NOTIFY filtersChanged FINAL)
    /// A quantization the user prefers ("Q4_K_M"); the model page preselects it. "" for no preference.
    Q_PROPERTY(QString quantization READ quantization WRITE setQuantization NOTIFY filtersChanged FINAL)
    /// Hide models whose smallest usual file (4-bit) would not fit this computer's memory.
    Q_PROPERTY(bool fitsOnly READ fitsOnly WRITE setFitsOnly NOTIFY filtersChanged FINAL)
    /// The repository the query names directly (a URL or "org/name"), else "".
    Q_PROPERTY(QString directRepoId READ directRepoId NOTIFY queryChanged FINAL)
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)
    /// More pages can be fetched.
    Q_PROPERTY(bool hasMore READ hasMore NOTIFY countChanged FINAL)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged FINAL)
    Q_PROPERTY(bool offline READ offline NOTIFY offlineChanged FINAL)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged FINAL)

public:
    enum Role {
        RepoIdRole = Qt::UserRole + 1,
        AuthorRole,
        NameRole,
        DownloadsRole,
        LikesRole,
        LastModifiedRole,
        TaskRole,
        ParametersRole,
        ArchitectureRole,
        ContextLengthRole,
        GatedRole, ///< "", "auto" or "manual"
        LicenceRole,
        IsGgufRole,
        FitRole, ///< "fits", "tight", "no" or "" (unknown), for a 4-bit file of this many parameters
        LocalRole, ///< already in the library
    };
    Q_ENUM(Role)

    HubSearchModel(HubClient *hub, QObject *parent);
    static HubSearchModel *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    /// "org/name" from a Hub URL (https://huggingface.co/org/name/…, hf.co/org/name) or an "org/name" text; "" else.
    static QString parseRepoReference(const QString &text);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString query() const;
    void setQuery(const QString &query);
    QString sort() const;
    void setSort(const QString &sort);
    QString task() const;
    void setTask(const QString &task);
    QString format() const;
    void setFormat(const QString &format);
    QString licence() const;
    void setLicence(const QString &licence);
    QString size() const;
    void setSize(const QString &size);
    QString quantization() const;
    void setQuantization(const QString &quantization);
    bool fitsOnly() const;
    void setFitsOnly(bool fitsOnly);
    QString directRepoId() const;
    int count() const;
    bool loading() const;
    bool offline() const;
    QString errorString() const;

    /// The memory a model may use on this computer, for the fit column and filter.
    void setMemoryBudget(const MemoryBudget &budget);
    /// What the library holds: shown when offline, and marks rows as local.
    void setLocalModels(const QList<CatalogModel> &models);
    /// Debounce for typing; 0 searches at once (tests).
    void setDebounceMs(int ms);
    /// Results per Hub page (tests use small pages to exercise paging).
    void setPageSize(int size);

    bool hasMore() const;

    /// Starts the search again from the first page (the debounce timer calls it after typing).
    Q_INVOKABLE void refresh();
    /// Fetches the next page when there is one (a view calls it when scrolled to the end).
    Q_INVOKABLE void loadMore();
    /// Searches once if nothing was searched yet (the Discover page calls it when first shown).
    Q_INVOKABLE void ensureStarted();

Q_SIGNALS:
    void queryChanged();
    void filtersChanged();
    void countChanged();
    void loadingChanged();
    void offlineChanged();
    void errorStringChanged();

private:
    struct Row {
        HubModelSummary summary;
        QString licence;
        QString fit;
        bool local = false;
    };

    HubSearchQuery buildQuery() const;
    void requestPage(const QString &cursor);
    void onPage(quint64 generation, const AppExpected<HubSearchResult> &result);
    void showLocal(const AppError &why);
    bool acceptsRow(const Row &row) const;
    Row makeRow(const HubModelSummary &summary) const;
    QString fitFor(qint64 parameters) const;
    void setLoading(bool loading);
    void setError(const QString &error);
    void setOffline(bool offline);
    void scheduleRefresh();

    HubClient *m_hub = nullptr;
    QList<Row> m_rows;
    QList<CatalogModel> m_local;
    QString m_query;
    QString m_sort = QStringLiteral("trending");
    QString m_task = QStringLiteral("text-generation");
    QString m_format = QStringLiteral("gguf");
    QString m_licence;
    QString m_size = QStringLiteral("any");
    QString m_quantization;
    bool m_fitsOnly = false;
    QString m_nextCursor;
    quint64 m_generation = 0; ///< answers of an older search are dropped
    int m_emptyPagesInRow = 0;
    int m_pageSize = 30;
    MemoryBudget m_memoryBudget;
    bool m_loading = false;
    bool m_offline = false;
    bool m_started = false;
    QString m_error;
    QTimer m_debounce;
};
