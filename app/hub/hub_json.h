// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QByteArray>
#include <QJsonObject>

#include "common/app_error.h"
#include "hub/hub_types.h"

/// Lenient parsers for the Hub's JSON answers and headers. Unknown fields are ignored and missing ones keep their
/// "unknown" value; only a body that is not the expected JSON kind at all is an error.
namespace HubJson
{

/// A page of /api/models (a JSON array).
AppExpected<QList<HubModelSummary>> parseSearchResults(const QByteArray &json);
/// One search item or the common fields of model info.
HubModelSummary parseModelSummary(const QJsonObject &object);
/// /api/models/{repo}[/revision/{rev}] (a JSON object). Siblings carry sizes and LFS data only with blobs=true.
AppExpected<HubModelInfo> parseModelInfo(const QByteArray &json);
/// /api/models/{repo}/tree/{rev} (a JSON array of files and directories).
AppExpected<QList<HubFileEntry>> parseTree(const QByteArray &json);
HubGgufSummary parseGguf(const QJsonObject &object);
/// `false`, `"auto"` or `"manual"` (and `true`, read as manual).
HubGated parseGated(const QJsonValue &value);
/// The JSON value the CLI prints for a gate: false, "auto" or "manual".
QJsonValue gatedJson(HubGated gated);

/// /api/whoami-v2 (a JSON object). An answer without a name is an error.
AppExpected<HubAccount> parseWhoami(const QByteArray &json);

/// The URL of `rel="next"` in a Link header, or an empty URL.
QUrl nextLink(const QByteArray &linkHeader);
/// The `cursor` parameter of a next-page URL.
QString cursorOf(const QUrl &nextUrl);
/// Splits README.md into front matter and body. Text without a leading `---` block is all body.
HubModelCard splitModelCard(const QString &readme);
/// Strips `W/` and quotes from an ETag.
QString normalizeEtag(const QByteArray &etag);

} // namespace HubJson
