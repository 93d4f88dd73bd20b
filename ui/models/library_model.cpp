// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "library_model.h"

#include <QFileInfo>
#include <QVariantMap>

using namespace Qt::StringLiterals;

LibraryModel::LibraryModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void LibraryModel::setModels(const QList<CatalogModel> &models)
{
    beginResetModel();
    m_models = models;
    endResetModel();
    Q_EMIT countChanged();
}

const QList<CatalogModel> &LibraryModel::models() const
{
    return m_models;
}

int LibraryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_models.size());
}

QVariant LibraryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CatalogModel &m = m_models.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case RepoIdRole:
        return m.repoId;
    case SourceRole:
        return modelSourceName(m.source);
    case LocationRole:
        return m.rootPath;
    case DiskBytesRole:
        return m.diskBytes();
    case FileCountRole:
        return m.files.size();
    case FilesRole: {
        QVariantList files;
        for (const CatalogFile &f : m.files) {
            files.append(QVariantMap {
                {u"path"_s, f.path},
                {u"fileName"_s, QFileInfo(f.path).fileName()},
                {u"localPath"_s, f.localPath},
                {u"folder"_s, QFileInfo(f.localPath).absolutePath()},
                {u"sizeBytes"_s, f.sizeBytes},
                {u"quantization"_s, f.quantization},
                {u"architecture"_s, f.architecture},
                {u"parameters"_s, f.parameterCount},
                {u"contextLength"_s, f.contextLength},
                {u"runnable"_s, f.format == "gguf"_L1 && !f.path.contains("mmproj"_L1, Qt::CaseInsensitive)},
                {u"ownedByAtrium"_s, f.downloadedByAtrium},
            });
        }
        return files;
    }
    case LicenceRole:
        return m.license;
    case AddedAtRole:
        return m.addedAt;
    case OwnedByAtriumRole:
        return std::all_of(m.files.cbegin(), m.files.cend(), [](const CatalogFile &f) { return f.downloadedByAtrium; });
    default:
        return {};
    }
}

QHash<int, QByteArray> LibraryModel::roleNames() const
{
    return {
        {RepoIdRole, "repoId"},
        {SourceRole, "source"},
        {LocationRole, "location"},
        {DiskBytesRole, "diskBytes"},
        {FileCountRole, "fileCount"},
        {FilesRole, "files"},
        {LicenceRole, "licence"},
        {AddedAtRole, "addedAt"},
        {OwnedByAtriumRole, "ownedByAtrium"},
    };
}

int LibraryModel::count() const
{
    return static_cast<int>(m_models.size());
}
