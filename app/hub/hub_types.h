// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

/// Value types of the Hugging Face Hub API as Atrium uses it (docs: hub-api.md). Plain snapshots: they cross threads
/// and are parsed leniently (every field the API may omit has an "unknown" value).

/// A repository's gate: `false`, `"auto"` (granted at once) or `"manual"` (the author reviews requests).
enum class HubGated {
    No,
    Auto,
    Manual,
};

/// Sort orders of /api/models; the Hub always sorts descending.
enum class HubSort {
    Default, ///< the Hub's own order
    Downloads,
    Likes,
    Trending, ///< trendingScore
    LastModified,
    CreatedAt,
};

/// The `gguf` object of a model: what the Hub read from the GGUF header. Every field is optional.
struct HubGgufSummary {
    qint64 totalParameters = 0; ///< `total`
    QString architecture;
    qint64 contextLength = 0;
    QString chatTemplate;
    QString bosToken;
    QString eosToken;

    bool isEmpty() const
    {
        return totalParameters == 0 && architecture.isEmpty() && contextLength == 0;
    }
};

/// One entry of a search result page (and the common part of model info).
struct HubModelSummary {
    QString id; ///< "org/name"
    QString author;
    qint64 downloads = 0; ///< last 30 days
    qint64 likes = 0;
    double trendingScore = 0;
    QString lastModified; ///< ISO 8601 as the Hub sends it
    QString createdAt;
    QString pipelineTag;
    QString libraryName;
    QStringList tags;
    HubGated gated = HubGated::No;
    bool isPrivate = false;
    HubGgufSummary gguf;
};

/// Parameters of a search (GET /api/models).
struct HubSearchQuery {
    QString search; ///< substring of the repo id
    QString author;
    QStringList filters; ///< tags: "gguf", "license:mit", …
    QString pipelineTag;
    QString library; ///< sent as one more `filter`, as the Hub's own clients do
    HubSort sort = HubSort::Default;
    int limit = 20; ///< page size
    QString cursor; ///< continue a previous search (HubSearchResult::nextCursor)
};

/// One page of search results.
struct HubSearchResult {
    QList<HubModelSummary> models;
    QString nextCursor; ///< empty on the last page
    bool fromCache = false;
};

/// A file (or folder) of a repository, from the tree listing or the `siblings` of model info.
struct HubFileEntry {
    QString path;
    bool isDirectory = false;
    qint64 size = -1; ///< -1 when unknown
    QString gitOid; ///< git blob sha1 (the ETag of small files)
    QString lfsSha256; ///< sha256 of the whole file for LFS files (lowercase hex)
    qint64 lfsSize = -1;

    bool isLfs() const
    {
        return !lfsSha256.isEmpty();
    }
};

/// Repository metadata (GET /api/models/{repo}/revision/{rev}, merged with the recursive tree listing).
struct HubModelInfo {
    HubModelSummary summary;
    QString sha; ///< the commit the revision resolved to
    QString license; ///< from cardData (or a license:* tag)
    QString gatedPrompt; ///< cardData.extra_gated_prompt
    QString baseModel; ///< cardData.base_model (first one when a list)
    QJsonObject cardData;
    bool disabled = false;
    QList<HubFileEntry> siblings; ///< files only, with sizes and LFS hashes when known
};

/// A model card: README.md split into its YAML front matter and the markdown body.
struct HubModelCard {
    QString frontMatter; ///< the YAML between the leading `---` lines, without them
    QString body; ///< the markdown after the front matter
};

/// What a `resolve` probe (HEAD, redirects not followed) says about one file.
struct HubFileMetadata {
    QString commit; ///< X-Repo-Commit
    QString etag; ///< X-Linked-Etag (LFS: the sha256) else ETag, without W/ and quotes
    qint64 size = -1; ///< X-Linked-Size else Content-Length
    QUrl location; ///< where the content is (the CDN URL for LFS files), empty when served directly
    bool isLfs = false; ///< X-Linked-Etag was present
};

/// Who a token belongs to (GET /api/whoami-v2).
struct HubAccount {
    QString name; ///< the user (or organization) name
    QString fullName;
    QString tokenRole; ///< auth.accessToken.role: "read", "write" or "fineGrained" (empty when not said)
    QStringList organizations;
};

Q_DECLARE_METATYPE(HubSearchResult)
Q_DECLARE_METATYPE(HubModelInfo)
Q_DECLARE_METATYPE(HubModelCard)
Q_DECLARE_METATYPE(HubFileMetadata)
Q_DECLARE_METATYPE(HubFileEntry)
Q_DECLARE_METATYPE(HubAccount)
