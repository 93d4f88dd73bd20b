// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "catalog/catalog_types.h"

/// The local leaderboard: Elo ratings computed from the blind votes stored in the catalog, best first.
class LeaderboardModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Compare")
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)

public:
    enum Role {
        RankRole = Qt::UserRole + 1,
        ModelRefRole,
        LabelRole,
        RatingRole,
        WinsRole,
        LossesRole,
        TiesRole,
        GamesRole,
    };
    Q_ENUM(Role)

    /// Turns a model reference (a file path) into what people read.
    using Labeler = std::function<QString(const QString &)>;

    explicit LeaderboardModel(QObject *parent = nullptr);

    void setLabeler(Labeler labeler);
    void setRatings(const QList<EloRating> &ratings);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const;

Q_SIGNALS:
    void countChanged();

private:
    QList<EloRating> m_ratings;
    Labeler m_labeler;
};
