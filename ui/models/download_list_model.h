// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "download/download_types.h"

/// Downloads for the Library screen: running, queued, paused and failed ones (also those left by an earlier run),
/// each with progress, speed, ETA and what it is doing. Keyed by repository and path.
class DownloadListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Downloads")
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)
    Q_PROPERTY(int activeCount READ activeCount NOTIFY countChanged FINAL)

public:
    enum Role {
        RepoIdRole = Qt::UserRole + 1,
        PathRole,
        FileNameRole,
        StateRole, ///< downloadStateName()
        BytesDoneRole,
        BytesTotalRole,
        FractionRole,
        SpeedRole,
        EtaRole,
        NoteRole,
        ActiveRole, ///< queued, running or verifying
    };
    Q_ENUM(Role)

    explicit DownloadListModel(QObject *parent = nullptr);

    /// Adds or updates the row of progress.repoId + progress.path.
    void apply(const DownloadProgress &progress);
    void setState(const QString &repoId, const QString &path, DownloadState state, const QString &note = {});
    void remove(const QString &repoId, const QString &path);
    /// Drops completed and cancelled rows.
    void clearFinished();
    int find(const QString &repoId, const QString &path) const;
    DownloadProgress at(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const;
    int activeCount() const;

Q_SIGNALS:
    void countChanged();

private:
    static bool isActive(DownloadState state);
    QList<DownloadProgress> m_rows;
};
