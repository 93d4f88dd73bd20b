// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "catalog/catalog_types.h"

#include <array>
#include <utility>

#include <QSet>

#include "common/app_error.h"

namespace
{

template <typename Enum, size_t N>
std::optional<Enum> fromName(const std::array<std::pair<Enum, const char16_t *>, N> &names, const QString &name)
{
    for (const auto &[value, text] : names) {
        if (name == QStringView(text))
            return value;
    }
    return std::nullopt;
}

template <typename Enum, size_t N>
QString toName(const std::array<std::pair<Enum, const char16_t *>, N> &names, Enum value)
{
    for (const auto &[candidate, text] : names) {
        if (candidate == value)
            return QString::fromUtf16(text);
    }
    return {};
}

// NOTE: values serialized to disk, do not change or reuse.
constexpr std::array<std::pair<ModelSource, const char16_t *>, 6> kSourceNames {{
    {ModelSource::Hub, u"hub"},
    {ModelSource::HfCache, u"hf-cache"},
    {ModelSource::Folder, u"folder"},
    {ModelSource::LmStudio, u"lmstudio"},
    {ModelSource::Gpt4All, u"gpt4all"},
    {ModelSource::Ollama, u"ollama"},
}};

// NOTE: values serialized to disk, do not change or reuse.
constexpr std::array<std::pair<DownloadState, const char16_t *>, 7> kStateNames {{
    {DownloadState::Queued, u"queued"},
    {DownloadState::Running, u"running"},
    {DownloadState::Paused, u"paused"},
    {DownloadState::Verifying, u"verifying"},
    {DownloadState::Completed, u"completed"},
    {DownloadState::Failed, u"failed"},
    {DownloadState::Cancelled, u"cancelled"},
}};

// NOTE: values serialized to disk, do not change or reuse.
constexpr std::array<std::pair<VoteResult, const char16_t *>, 4> kVoteNames {{
    {VoteResult::A, u"a"},
    {VoteResult::B, u"b"},
    {VoteResult::Tie, u"tie"},
    {VoteResult::BothBad, u"both-bad"},
}};

} // namespace

QString modelSourceName(ModelSource source)
{
    return toName(kSourceNames, source);
}

std::optional<ModelSource> modelSourceFromName(const QString &name)
{
    return fromName(kSourceNames, name);
}

QString downloadStateName(DownloadState state)
{
    return toName(kStateNames, state);
}

std::optional<DownloadState> downloadStateFromName(const QString &name)
{
    return fromName(kStateNames, name);
}

QString voteResultName(VoteResult result)
{
    return toName(kVoteNames, result);
}

std::optional<VoteResult> voteResultFromName(const QString &name)
{
    return fromName(kVoteNames, name);
}

qint64 CatalogModel::diskBytes() const
{
    QSet<QString> seen;
    qint64 total = 0;
    for (const CatalogFile &file : files) {
        const QString key = file.blobPath.isEmpty() ? file.localPath : file.blobPath;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        total += file.sizeBytes;
    }
    return total;
}

void registerCatalogMetaTypes()
{
    qRegisterMetaType<CatalogFile>();
    qRegisterMetaType<CatalogModel>();
    qRegisterMetaType<CatalogDownload>();
    qRegisterMetaType<Conversation>();
    qRegisterMetaType<ChatMessage>();
    qRegisterMetaType<Comparison>();
    qRegisterMetaType<ComparisonVote>();
    qRegisterMetaType<EloRating>();
    qRegisterMetaType<UserFolder>();
    qRegisterMetaType<ModelDiskUsage>();
    qRegisterMetaType<RemovalReport>();
    qRegisterMetaType<QList<CatalogFile>>();
    qRegisterMetaType<QList<CatalogModel>>();
    qRegisterMetaType<QList<CatalogDownload>>();
    qRegisterMetaType<QList<Conversation>>();
    qRegisterMetaType<QList<ChatMessage>>();
    qRegisterMetaType<QList<ComparisonVote>>();
    qRegisterMetaType<QList<EloRating>>();
    qRegisterMetaType<QList<UserFolder>>();
    qRegisterMetaType<AppError>();
}
