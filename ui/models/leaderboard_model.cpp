// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "leaderboard_model.h"

#include <cmath>

#include <QFileInfo>

LeaderboardModel::LeaderboardModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void LeaderboardModel::setLabeler(Labeler labeler)
{
    m_labeler = std::move(labeler);
    if (!m_ratings.isEmpty())
        Q_EMIT dataChanged(index(0), index(static_cast<int>(m_ratings.size()) - 1), {LabelRole});
}

void LeaderboardModel::setRatings(const QList<EloRating> &ratings)
{
    beginResetModel();
    m_ratings = ratings;
    std::stable_sort(
        m_ratings.begin(), m_ratings.end(), [](const EloRating &a, const EloRating &b) { return a.rating > b.rating; });
    endResetModel();
    Q_EMIT countChanged();
}

int LeaderboardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_ratings.size());
}

QVariant LeaderboardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EloRating &r = m_ratings.at(index.row());
    switch (role) {
    case RankRole:
        return index.row() + 1;
    case ModelRefRole:
        return r.modelRef;
    case Qt::DisplayRole:
    case LabelRole:
        return m_labeler ? m_labeler(r.modelRef) : QFileInfo(r.modelRef).fileName();
    case RatingRole:
        return static_cast<int>(std::lround(r.rating));
    case WinsRole:
        return r.wins;
    case LossesRole:
        return r.losses;
    case TiesRole:
        return r.ties;
    case GamesRole:
        return r.games();
    default:
        return {};
    }
}

QHash<int, QByteArray> LeaderboardModel::roleNames() const
{
    return {
        {RankRole, "rank"},
        {ModelRefRole, "modelRef"},
        {LabelRole, "label"},
        {RatingRole, "rating"},
        {WinsRole, "wins"},
        {LossesRole, "losses"},
        {TiesRole, "ties"},
        {GamesRole, "games"},
    };
}

int LeaderboardModel::count() const
{
    return static_cast<int>(m_ratings.size());
}
