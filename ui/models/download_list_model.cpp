// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "download_list_model.h"

#include <QFileInfo>

DownloadListModel::DownloadListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

bool DownloadListModel::isActive(DownloadState state)
{
    return state == DownloadState::Queued || state == DownloadState::Running || state == DownloadState::Verifying;
}

int DownloadListModel::find(const QString &repoId, const QString &path) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).repoId == repoId && m_rows.at(i).path == path)
            return i;
    }
    return -1;
}

DownloadProgress DownloadListModel::at(int row) const
{
    return m_rows.value(row);
}

void DownloadListModel::apply(const DownloadProgress &progress)
{
    const int i = find(progress.repoId, progress.path);
    if (i >= 0) {
        m_rows[i] = progress;
        Q_EMIT dataChanged(index(i), index(i));
        Q_EMIT countChanged(); // activeCount may have changed
        return;
    }
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(progress);
    endInsertRows();
    Q_EMIT countChanged();
}

void DownloadListModel::setState(const QString &repoId, const QString &path, DownloadState state, const QString &note)
{
    const int i = find(repoId, path);
    if (i < 0)
        return;
    m_rows[i].state = state;
    m_rows[i].note = note;
    if (state != DownloadState::Running) {
        m_rows[i].bytesPerSecond = 0;
        m_rows[i].etaSeconds = -1;
    }
    if (state == DownloadState::Completed)
        m_rows[i].bytesDone = m_rows[i].bytesTotal;
    Q_EMIT dataChanged(index(i), index(i));
    Q_EMIT countChanged();
}

void DownloadListModel::remove(const QString &repoId, const QString &path)
{
    const int i = find(repoId, path);
    if (i < 0)
        return;
    beginRemoveRows({}, i, i);
    m_rows.removeAt(i);
    endRemoveRows();
    Q_EMIT countChanged();
}

void DownloadListModel::clearFinished()
{
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        const DownloadState s = m_rows.at(i).state;
        if (s == DownloadState::Completed || s == DownloadState::Cancelled) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    Q_EMIT countChanged();
}

int DownloadListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant DownloadListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DownloadProgress &p = m_rows.at(index.row());
    switch (role) {
    case RepoIdRole:
        return p.repoId;
    case PathRole:
        return p.path;
    case Qt::DisplayRole:
    case FileNameRole:
        return QFileInfo(p.path).fileName();
    case StateRole:
        return downloadStateName(p.state);
    case BytesDoneRole:
        return p.bytesDone;
    case BytesTotalRole:
        return p.bytesTotal;
    case FractionRole:
        return p.bytesTotal > 0 ? static_cast<double>(p.bytesDone) / static_cast<double>(p.bytesTotal) : 0.0;
    case SpeedRole:
        return p.bytesPerSecond;
    case EtaRole:
        return p.etaSeconds;
    case NoteRole:
        return p.note;
    case ActiveRole:
        return isActive(p.state);
    default:
        return {};
    }
}

QHash<int, QByteArray> DownloadListModel::roleNames() const
{
    return {
        {RepoIdRole, "repoId"},
        {PathRole, "path"},
        {FileNameRole, "fileName"},
        {StateRole, "state"},
        {BytesDoneRole, "bytesDone"},
        {BytesTotalRole, "bytesTotal"},
        {FractionRole, "fraction"},
        {SpeedRole, "speed"},
        {EtaRole, "eta"},
        {NoteRole, "note"},
        {ActiveRole, "active"},
    };
}

int DownloadListModel::count() const
{
    return static_cast<int>(m_rows.size());
}

int DownloadListModel::activeCount() const
{
    return static_cast<int>(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const DownloadProgress &p) { return isActive(p.state); }));
}
