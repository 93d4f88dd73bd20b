// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "model_file_model.h"

#include <algorithm>

#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>

#include "download/pull_plan.h"

using namespace Qt::StringLiterals;

namespace
{
QString stateName(DownloadState state)
{
    return downloadStateName(state);
}
} // namespace

ModelFileModel::ModelFileModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int ModelFileModel::bitsOf(const QString &quantization)
{
    const QString q = quantization.toUpper();
    if (q == "F32"_L1)
        return 32;
    if (q == "F16"_L1 || q == "BF16"_L1)
        return 16;
    static const QRegularExpression digits(u"^(?:I?Q|TQ|MXFP)(\\d+)"_s);
    const auto match = digits.match(q);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

void ModelFileModel::setFiles(const HubModelInfo &info)
{
    static const QRegularExpression shard(
        u"^(.*)-(\\d{5})-of-(\\d{5})\\.gguf$"_s, QRegularExpression::CaseInsensitiveOption);
    QMap<QString, Row> sets; // shard sets by base name
    QList<Row> rows;
    for (const HubFileEntry &file : info.siblings) {
        if (file.isDirectory || !file.path.endsWith(".gguf"_L1, Qt::CaseInsensitive))
            continue;
        const qint64 size = file.lfsSize > 0 ? file.lfsSize : std::max<qint64>(file.size, 0);
        const QString name = QFileInfo(file.path).fileName();
        const auto match = shard.match(file.path);
        if (match.hasMatch()) {
            const QString key = match.captured(1) + u'/' + match.captured(3);
            Row &row = sets[key];
            if (row.paths.isEmpty()) {
                row.label = QFileInfo(match.captured(1)).fileName() + u".gguf"_s;
                row.quantization = quantOfFileName(name);
            }
            row.paths.append(file.path);
            row.sizeBytes += size;
            continue;
        }
        Row row;
        row.label = name;
        row.paths = {file.path};
        row.quantization = quantOfFileName(name);
        row.sizeBytes = size;
        rows.append(row);
    }
    for (auto it = sets.begin(); it != sets.end(); ++it) {
        it->paths.sort();
        rows.append(*it);
    }
    for (Row &row : rows) {
        row.bits = bitsOf(row.quantization);
        const bool projector = row.label.contains("mmproj"_L1, Qt::CaseInsensitive);
        row.runnable = !projector;
        if (projector)
            row.note = tr("Vision projector: used with images, not for chat on its own.");
        else if (row.paths.size() > 1)
            row.note = tr("%1 parts, downloaded together.").arg(row.paths.size());
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        if (a.runnable != b.runnable)
            return a.runnable;
        const int ab = a.bits > 0 ? a.bits : 1000;
        const int bb = b.bits > 0 ? b.bits : 1000;
        return ab != bb ? ab < bb : a.sizeBytes < b.sizeBytes;
    });
    beginResetModel();
    m_rows = rows;
    updateFits();
    endResetModel();
    Q_EMIT countChanged();
}

void ModelFileModel::setFitInputs(const MemoryBudget &budget, qint64 parameters, int contextLength)
{
    m_budget = budget;
    m_parameters = parameters;
    m_contextLength = contextLength;
    updateFits();
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(
            index(0), index(static_cast<int>(m_rows.size()) - 1), {FitRole, FitExplanationRole, RecommendedRole});
    Q_EMIT countChanged();
}

void ModelFileModel::updateFits()
{
    for (Row &row : m_rows) {
        qint64 parameters = m_parameters;
        if (parameters <= 0 && row.bits > 0)
            parameters = row.sizeBytes * 8 / row.bits;
        row.fit = estimateFit(row.sizeBytes, approximateKvBytes(parameters, m_contextLength), m_budget);
    }
    updateRecommended();
}

void ModelFileModel::updateRecommended()
{
    m_recommended = -1;
    double bestScore = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        if (!row.runnable || row.fit.fit != FitEstimate::Fit::Fits)
            continue;
        // Q4_K_M is the usual balance of size and quality; otherwise the closest to 4–6 bits wins.
        double score = row.quantization == "Q4_K_M"_L1 ? 100 : 50 - std::abs((row.bits > 0 ? row.bits : 16) - 5) * 5;
        if (score > bestScore) {
            bestScore = score;
            m_recommended = i;
        }
    }
}

void ModelFileModel::setLocalFiles(const QList<CatalogFile> &files)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        QString local;
        for (const CatalogFile &f : files) {
            if (row.paths.contains(f.path) && !f.localPath.isEmpty()) {
                local = f.localPath;
                if (f.path == row.paths.constFirst())
                    break;
            }
        }
        if (local != row.localPath) {
            row.localPath = local;
            if (!local.isEmpty())
                row.state = u"completed"_s;
            changed(i);
        }
    }
}

void ModelFileModel::applyProgress(const DownloadProgress &progress)
{
    const int i = rowOfPath(progress.path);
    if (i < 0)
        return;
    Row &row = m_rows[i];
    row.downloadId = row.paths.constFirst() == progress.path || row.downloadId == 0 ? progress.id : row.downloadId;
    row.state = stateName(progress.state);
    if (row.paths.size() == 1) {
        row.bytesDone = progress.bytesDone;
    } else {
        // A shard set: bytes of earlier shards are complete when a later one runs.
        const qsizetype shard = row.paths.indexOf(progress.path);
        row.bytesDone = std::min(row.sizeBytes, progress.bytesDone + (row.sizeBytes / row.paths.size()) * shard);
    }
    row.speed = progress.bytesPerSecond;
    row.eta = progress.etaSeconds;
    row.statusNote = progress.note;
    changed(i);
}

void ModelFileModel::applyFinished(const QString &path, const QString &localPath)
{
    const int i = rowOfPath(path);
    if (i < 0)
        return;
    Row &row = m_rows[i];
    if (path == row.paths.constLast() || row.paths.size() == 1) {
        row.state = u"completed"_s;
        row.bytesDone = row.sizeBytes;
        row.localPath = row.paths.constFirst() == path ? localPath : row.localPath;
        if (row.localPath.isEmpty())
            row.localPath = localPath;
        row.statusNote.clear();
    }
    changed(i);
}

void ModelFileModel::applyFailed(const QString &path, const QString &message)
{
    const int i = rowOfPath(path);
    if (i < 0)
        return;
    m_rows[i].state = u"failed"_s;
    m_rows[i].statusNote = message;
    changed(i);
}

QString ModelFileModel::pathAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).paths.constFirst() : QString();
}

QStringList ModelFileModel::pathsAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).paths : QStringList();
}

QString ModelFileModel::quantizationAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).quantization : QString();
}

quint64 ModelFileModel::downloadIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).downloadId : 0;
}

int ModelFileModel::rowOfPath(const QString &path) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).paths.contains(path))
            return i;
    }
    return -1;
}

void ModelFileModel::changed(int row)
{
    Q_EMIT dataChanged(index(row), index(row));
}

int ModelFileModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ModelFileModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return row.label;
    case PathRole:
        return row.paths.constFirst();
    case QuantizationRole:
        return row.quantization.isEmpty() ? tr("Unknown") : row.quantization;
    case GroupRole:
        if (!row.runnable)
            return tr("Other files");
        return row.bits > 0 ? tr("%1-bit").arg(row.bits) : tr("Other quantizations");
    case BitsRole:
        return row.bits;
    case SizeBytesRole:
        return row.sizeBytes;
    case ShardCountRole:
        return row.paths.size();
    case RunnableRole:
        return row.runnable;
    case NoteRole:
        return row.note;
    case FitRole:
        return row.fit.name();
    case FitExplanationRole:
        return row.fit.explanation;
    case RecommendedRole:
        return index.row() == m_recommended;
    case LocalPathRole:
        return row.localPath;
    case StateRole:
        return row.state;
    case BytesDoneRole:
        return row.bytesDone;
    case SpeedRole:
        return row.speed;
    case EtaRole:
        return row.eta;
    case StatusNoteRole:
        return row.statusNote;
    case DownloadIdRole:
        return row.downloadId;
    default:
        return {};
    }
}

QHash<int, QByteArray> ModelFileModel::roleNames() const
{
    return {
        {LabelRole, "label"},
        {PathRole, "path"},
        {QuantizationRole, "quantization"},
        {GroupRole, "group"},
        {BitsRole, "bits"},
        {SizeBytesRole, "sizeBytes"},
        {ShardCountRole, "shardCount"},
        {RunnableRole, "runnable"},
        {NoteRole, "note"},
        {FitRole, "fit"},
        {FitExplanationRole, "fitExplanation"},
        {RecommendedRole, "recommended"},
        {LocalPathRole, "localPath"},
        {StateRole, "state"},
        {BytesDoneRole, "bytesDone"},
        {SpeedRole, "speed"},
        {EtaRole, "eta"},
        {StatusNoteRole, "statusNote"},
        {DownloadIdRole, "downloadId"},
    };
}

int ModelFileModel::count() const
{
    return static_cast<int>(m_rows.size());
}

int ModelFileModel::recommendedRow() const
{
    return m_recommended;
}
