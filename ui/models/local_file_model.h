// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "catalog/catalog_types.h"

/// Every runnable GGUF file in the library as one flat list, for the model pickers of Chat and Compare.
class LocalFileModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Library")
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)

public:
    enum Role {
        LabelRole = Qt::UserRole + 1, ///< "org/name · Q4_K_M"
        RepoIdRole,
        PathRole,
        LocalPathRole,
        QuantizationRole,
        SizeBytesRole,
    };
    Q_ENUM(Role)

    struct Entry {
        QString label;
        QString repoId;
        QString path;
        QString localPath;
        QString quantization;
        qint64 sizeBytes = 0;
    };

    explicit LocalFileModel(QObject *parent = nullptr);

    void setModels(const QList<CatalogModel> &models);
    /// Row of a local path, -1 when absent.
    Q_INVOKABLE int indexOfPath(const QString &localPath) const;
    Q_INVOKABLE QString labelOf(const QString &localPath) const;
    const QList<Entry> &entries() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const;

Q_SIGNALS:
    void countChanged();

private:
    QList<Entry> m_entries;
};
