// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "inference/fit_estimate.h"

/// Small instruct models suggested on first run, each with its download size and whether it fits this computer,
/// the ones that fit first.
class RecommendationModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Welcome")
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)

public:
    enum Role {
        RepoIdRole = Qt::UserRole + 1,
        TitleRole,
        BlurbRole,
        QuantizationRole,
        SizeBytesRole,
        ParametersRole,
        FitRole,
        FitExplanationRole,
        StateRole, ///< "", "running", "completed", "failed"
        FractionRole,
    };
    Q_ENUM(Role)

    struct Entry {
        QString repoId;
        QString title;
        QString blurb;
        QString quantization;
        qint64 sizeBytes = 0;
        qint64 parameters = 0;
        FitEstimate fit;
        QString state;
        double fraction = 0;
    };

    explicit RecommendationModel(QObject *parent = nullptr);

    /// The built-in list (SmolLM2, Qwen2.5, Llama 3.2).
    static QList<Entry> defaults();
    void setEntries(const QList<Entry> &entries);
    /// Recomputes fit labels and puts the ones that fit first.
    void setBudget(const MemoryBudget &budget, int contextLength);
    void setProgress(const QString &repoId, const QString &state, double fraction);
    int rowOfRepo(const QString &repoId) const;
    Entry at(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const;

Q_SIGNALS:
    void countChanged();

private:
    QList<Entry> m_entries;
};
