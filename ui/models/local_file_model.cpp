// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "local_file_model.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

LocalFileModel::LocalFileModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void LocalFileModel::setModels(const QList<CatalogModel> &models)
{
    static const QRegularExpression laterShard(u"-000(?:0[2-9]|[1-9]\\d)-of-\\d{5}\\.gguf$"_s);
    QList<Entry> entries;
    QSet<QString> seen; // a file can be listed under two roots (the HF cache found by two sources)
    for (const CatalogModel &m : models) {
        for (const CatalogFile &f : m.files) {
            if (f.format != "gguf"_L1 || f.localPath.isEmpty() || f.path.contains("mmproj"_L1, Qt::CaseInsensitive)
                || laterShard.match(f.path).hasMatch() || seen.contains(f.localPath))
                continue;
            seen.insert(f.localPath);
            Entry e;
            e.repoId = m.repoId;
            e.path = f.path;
            e.localPath = f.localPath;
            e.quantization = f.quantization;
            e.sizeBytes = f.sizeBytes;
            const QString file = QFileInfo(f.path).fileName();
            e.label = m.files.size() > 1 || f.quantization.isEmpty() ? m.repoId + u" · "_s + file
                                                                     : m.repoId + u" · "_s + f.quantization;
            entries.append(e);
        }
    }
    beginResetModel();
    m_entries = entries;
    endResetModel();
    Q_EMIT countChanged();
}

int LocalFileModel::indexOfPath(const QString &localPath) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).localPath == localPath)
            return i;
    }
    return -1;
}

QString LocalFileModel::labelOf(const QString &localPath) const
{
    const int i = indexOfPath(localPath);
    return i >= 0 ? m_entries.at(i).label : QFileInfo(localPath).fileName();
}

const QList<LocalFileModel::Entry> &LocalFileModel::entries() const
{
    return m_entries;
}

int LocalFileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant LocalFileModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return e.label;
    case RepoIdRole:
        return e.repoId;
    case PathRole:
        return e.path;
    case LocalPathRole:
        return e.localPath;
    case QuantizationRole:
        return e.quantization;
    case SizeBytesRole:
        return e.sizeBytes;
    default:
        return {};
    }
}

QHash<int, QByteArray> LocalFileModel::roleNames() const
{
    return {
        {LabelRole, "label"},
        {RepoIdRole, "repoId"},
        {PathRole, "path"},
        {LocalPathRole, "localPath"},
        {QuantizationRole, "quantization"},
        {SizeBytesRole, "sizeBytes"},
    };
}

int LocalFileModel::count() const
{
    return static_cast<int>(m_entries.size());
}
