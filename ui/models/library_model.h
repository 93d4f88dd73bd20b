// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "catalog/catalog_types.h"

/// The Library screen's list: every model in the catalog (downloaded by Atrium, found in the Hugging Face cache,
/// LM Studio, GPT4All, Ollama or a folder the user added), with its size on disk, where it lives and its files.
class LibraryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Library")
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)

public:
    enum Role {
        RepoIdRole = Qt::UserRole + 1,
        SourceRole, ///< modelSourceName(): "hub", "hf-cache", "folder", …
        LocationRole, ///< the folder it was found under
        DiskBytesRole,
        FileCountRole,
        FilesRole, ///< list of { path, fileName, localPath, sizeBytes, quantization, architecture, parameters,
                   ///< contextLength, runnable, ownedByAtrium }
        LicenceRole,
        AddedAtRole,
        OwnedByAtriumRole, ///< Atrium may delete it without asking
    };
    Q_ENUM(Role)

    explicit LibraryModel(QObject *parent = nullptr);

    void setModels(const QList<CatalogModel> &models);
    const QList<CatalogModel> &models() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const;

Q_SIGNALS:
    void countChanged();

private:
    QList<CatalogModel> m_models;
};
