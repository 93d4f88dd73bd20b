// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "catalog/catalog_types.h"
#include "download/download_types.h"
#include "hub/hub_types.h"
#include "inference/fit_estimate.h"

/// The files of one repository as choices a person can make: one row per GGUF file or per set of shards
/// ("-00001-of-00003"), sorted by bits per weight and grouped ("4-bit", "8-bit", …) for a ListView section. Each row
/// has its size, a fit label for the chosen context on this computer, and its download state. Files the engine
/// cannot run (vision projectors, other formats) are listed and marked, not hidden.
class ModelFileModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ModelPage")
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)
    /// Row of the suggested choice (the largest comfortable fit near Q4_K_M), -1 when none.
    Q_PROPERTY(int recommendedRow READ recommendedRow NOTIFY countChanged FINAL)

public:
    enum Role {
        LabelRole = Qt::UserRole + 1, ///< file name, or the shard set's name
        PathRole, ///< first path in the repository
        QuantizationRole,
        GroupRole, ///< "4-bit", "8-bit", … or "Other files"
        BitsRole,
        SizeBytesRole,
        ShardCountRole,
        RunnableRole,
        NoteRole, ///< why a file is not runnable, or what it is ("vision projector")
        FitRole, ///< "fits", "tight", "no", ""
        FitExplanationRole,
        RecommendedRole,
        LocalPathRole, ///< where it is on disk when downloaded
        StateRole, ///< "", "queued", "running", "paused", "verifying", "completed", "failed", "cancelled"
        BytesDoneRole,
        SpeedRole, ///< bytes per second
        EtaRole, ///< seconds, -1 unknown
        StatusNoteRole, ///< retry state, errors
        DownloadIdRole,
    };
    Q_ENUM(Role)

    explicit ModelFileModel(QObject *parent = nullptr);

    /// Replaces the rows with the files of `info`.
    void setFiles(const HubModelInfo &info);
    /// Recomputes fit labels (context size or device changed).
    void setFitInputs(const MemoryBudget &budget, qint64 parameters, int contextLength);
    /// Marks rows whose files are already in the library.
    void setLocalFiles(const QList<CatalogFile> &files);
    /// Applies a download's progress to the row holding its file.
    void applyProgress(const DownloadProgress &progress);
    void applyFinished(const QString &path, const QString &localPath);
    void applyFailed(const QString &path, const QString &message);

    /// Row data for actions (QML reads roles; C++ and tests use these).
    QString pathAt(int row) const;
    QStringList pathsAt(int row) const;
    QString quantizationAt(int row) const;
    quint64 downloadIdAt(int row) const;
    Q_INVOKABLE int rowOfPath(const QString &path) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const;
    int recommendedRow() const;

    /// Bits per weight named by a quantization ("Q4_K_M" → 4, "IQ2_XS" → 2, "BF16" → 16); 0 when unknown.
    static int bitsOf(const QString &quantization);

Q_SIGNALS:
    void countChanged();

private:
    struct Row {
        QString label;
        QStringList paths;
        QString quantization;
        int bits = 0;
        qint64 sizeBytes = 0;
        bool runnable = false;
        QString note;
        FitEstimate fit;
        QString localPath;
        QString state;
        qint64 bytesDone = 0;
        double speed = 0;
        qint64 eta = -1;
        QString statusNote;
        quint64 downloadId = 0;
    };

    void updateFits();
    void updateRecommended();
    void changed(int row);

    QList<Row> m_rows;
    MemoryBudget m_budget;
    qint64 m_parameters = 0;
    int m_contextLength = 4096;
    int m_recommended = -1;
};
