// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "recommendation_model.h"

#include <algorithm>

using namespace Qt::StringLiterals;

RecommendationModel::RecommendationModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

QList<RecommendationModel::Entry> RecommendationModel::defaults()
{
    constexpr qint64 kMB = 1000 * 1000;
    return {
        {u"Qwen/Qwen2.5-0.5B-Instruct-GGUF"_s,
            u"Qwen2.5 0.5B Instruct"_s,
            tr("The smallest: quick answers on almost any computer."),
            u"Q4_K_M"_s,
            491 * kMB,
            494'000'000,
            {},
            {},
            0},
        {u"HuggingFaceTB/SmolLM2-1.7B-Instruct-GGUF"_s,
            u"SmolLM2 1.7B Instruct"_s,
            tr("A capable small model for everyday questions."),
            u"Q4_K_M"_s,
            1060 * kMB,
            1'711'000'000,
            {},
            {},
            0},
        {u"bartowski/Llama-3.2-1B-Instruct-GGUF"_s,
            u"Llama 3.2 1B Instruct"_s,
            tr("Meta's small model: good at following instructions."),
            u"Q4_K_M"_s,
            808 * kMB,
            1'236'000'000,
            {},
            {},
            0},
        {u"Qwen/Qwen2.5-1.5B-Instruct-GGUF"_s,
            u"Qwen2.5 1.5B Instruct"_s,
            tr("Stronger at reasoning and other languages; needs a bit more memory."),
            u"Q4_K_M"_s,
            1120 * kMB,
            1'544'000'000,
            {},
            {},
            0},
    };
}

void RecommendationModel::setEntries(const QList<Entry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
    Q_EMIT countChanged();
}

void RecommendationModel::setBudget(const MemoryBudget &budget, int contextLength)
{
    beginResetModel();
    for (Entry &e : m_entries)
        e.fit = estimateFit(e.sizeBytes, approximateKvBytes(e.parameters, contextLength), budget);
    std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) {
        return static_cast<int>(a.fit.fit == FitEstimate::Fit::Fits)
            > static_cast<int>(b.fit.fit == FitEstimate::Fit::Fits);
    });
    endResetModel();
}

void RecommendationModel::setProgress(const QString &repoId, const QString &state, double fraction)
{
    const int row = rowOfRepo(repoId);
    if (row < 0)
        return;
    m_entries[row].state = state;
    m_entries[row].fraction = fraction;
    Q_EMIT dataChanged(index(row), index(row), {StateRole, FractionRole});
}

int RecommendationModel::rowOfRepo(const QString &repoId) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).repoId == repoId)
            return i;
    }
    return -1;
}

RecommendationModel::Entry RecommendationModel::at(int row) const
{
    return m_entries.value(row);
}

int RecommendationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant RecommendationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case RepoIdRole:
        return e.repoId;
    case Qt::DisplayRole:
    case TitleRole:
        return e.title;
    case BlurbRole:
        return e.blurb;
    case QuantizationRole:
        return e.quantization;
    case SizeBytesRole:
        return e.sizeBytes;
    case ParametersRole:
        return e.parameters;
    case FitRole:
        return e.fit.name();
    case FitExplanationRole:
        return e.fit.explanation;
    case StateRole:
        return e.state;
    case FractionRole:
        return e.fraction;
    default:
        return {};
    }
}

QHash<int, QByteArray> RecommendationModel::roleNames() const
{
    return {
        {RepoIdRole, "repoId"},
        {TitleRole, "title"},
        {BlurbRole, "blurb"},
        {QuantizationRole, "quantization"},
        {SizeBytesRole, "sizeBytes"},
        {ParametersRole, "parameters"},
        {FitRole, "fit"},
        {FitExplanationRole, "fitExplanation"},
        {StateRole, "state"},
        {FractionRole, "fraction"},
    };
}

int RecommendationModel::count() const
{
    return static_cast<int>(m_entries.size());
}
