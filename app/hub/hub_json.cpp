// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "hub/hub_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUrlQuery>

namespace HubJson
{

namespace
{

AppExpected<QJsonDocument> parseDocument(const QByteArray &json, bool wantArray, const char *what)
{
    QJsonParseError error {};
    QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || doc.isArray() != wantArray || doc.isNull()) {
        return appFail(AppError::Kind::Server,
            QStringLiteral("The Hub sent an answer Atrium cannot read (%1).").arg(QLatin1String(what)),
            error.error != QJsonParseError::NoError ? error.errorString() : QStringLiteral("unexpected JSON kind"));
    }
    return doc;
}

qint64 toInt64(const QJsonValue &value)
{
    return value.isDouble() ? static_cast<qint64>(value.toDouble()) : 0;
}

QStringList toStringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            out.append(item.toString());
    }
    return out;
}

HubFileEntry parseSibling(const QJsonObject &object)
{
    HubFileEntry entry;
    entry.path = object.value(QLatin1String("rfilename")).toString();
    entry.size = object.contains(QLatin1String("size")) ? toInt64(object.value(QLatin1String("size"))) : -1;
    entry.gitOid = object.value(QLatin1String("blobId")).toString();
    const QJsonObject lfs = object.value(QLatin1String("lfs")).toObject();
    if (!lfs.isEmpty()) {
        entry.lfsSha256 = lfs.value(QLatin1String("sha256")).toString().toLower();
        entry.lfsSize = lfs.contains(QLatin1String("size")) ? toInt64(lfs.value(QLatin1String("size"))) : -1;
    }
    return entry;
}

QString firstString(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    const QJsonArray array = value.toArray();
    return array.isEmpty() ? QString() : array.first().toString();
}

} // namespace

HubGated parseGated(const QJsonValue &value)
{
    if (value.isString()) {
        const QString mode = value.toString();
        if (mode == QLatin1String("auto"))
            return HubGated::Auto;
        if (mode == QLatin1String("manual") || mode == QLatin1String("true"))
            return HubGated::Manual;
        return HubGated::No;
    }
    return value.toBool(false) ? HubGated::Manual : HubGated::No;
}

QJsonValue gatedJson(HubGated gated)
{
    switch (gated) {
    case HubGated::Auto:
        return QStringLiteral("auto");
    case HubGated::Manual:
        return QStringLiteral("manual");
    case HubGated::No:
        break;
    }
    return false;
}

HubGgufSummary parseGguf(const QJsonObject &object)
{
    HubGgufSummary gguf;
    gguf.totalParameters = toInt64(object.value(QLatin1String("total")));
    gguf.architecture = object.value(QLatin1String("architecture")).toString();
    gguf.contextLength = toInt64(object.value(QLatin1String("context_length")));
    gguf.chatTemplate = object.value(QLatin1String("chat_template")).toString();
    gguf.bosToken = object.value(QLatin1String("bos_token")).toString();
    gguf.eosToken = object.value(QLatin1String("eos_token")).toString();
    return gguf;
}

HubModelSummary parseModelSummary(const QJsonObject &object)
{
    HubModelSummary model;
    model.id = object.value(QLatin1String("id")).toString();
    if (model.id.isEmpty())
        model.id = object.value(QLatin1String("modelId")).toString();
    model.author = object.value(QLatin1String("author")).toString();
    if (model.author.isEmpty() && model.id.contains(QLatin1Char('/')))
        model.author = model.id.section(QLatin1Char('/'), 0, 0);
    model.downloads = toInt64(object.value(QLatin1String("downloads")));
    model.likes = toInt64(object.value(QLatin1String("likes")));
    model.trendingScore = object.value(QLatin1String("trendingScore")).toDouble();
    model.lastModified = object.value(QLatin1String("lastModified")).toString();
    model.createdAt = object.value(QLatin1String("createdAt")).toString();
    model.pipelineTag = object.value(QLatin1String("pipeline_tag")).toString();
    model.libraryName = object.value(QLatin1String("library_name")).toString();
    model.tags = toStringList(object.value(QLatin1String("tags")));
    model.gated = parseGated(object.value(QLatin1String("gated")));
    model.isPrivate = object.value(QLatin1String("private")).toBool();
    model.gguf = parseGguf(object.value(QLatin1String("gguf")).toObject());
    return model;
}

AppExpected<QList<HubModelSummary>> parseSearchResults(const QByteArray &json)
{
    ATRIUM_TRY(const QJsonDocument doc, parseDocument(json, true, "search results"));
    QList<HubModelSummary> models;
    const QJsonArray array = doc.array();
    for (const QJsonValue &item : array) {
        HubModelSummary model = parseModelSummary(item.toObject());
        if (!model.id.isEmpty())
            models.append(std::move(model));
    }
    return models;
}

AppExpected<HubModelInfo> parseModelInfo(const QByteArray &json)
{
    ATRIUM_TRY(const QJsonDocument doc, parseDocument(json, false, "model info"));
    const QJsonObject object = doc.object();
    HubModelInfo info;
    info.summary = parseModelSummary(object);
    if (info.summary.id.isEmpty())
        return appFail(AppError::Kind::Server, QStringLiteral("The Hub sent model info without a repository id."));
    info.sha = object.value(QLatin1String("sha")).toString();
    info.disabled = object.value(QLatin1String("disabled")).toBool();
    info.cardData = object.value(QLatin1String("cardData")).toObject();
    info.license = info.cardData.value(QLatin1String("license")).toString();
    if (info.license.isEmpty()) {
        for (const QString &tag : std::as_const(info.summary.tags)) {
            if (tag.startsWith(QLatin1String("license:")))
                info.license = tag.mid(8);
        }
    }
    info.gatedPrompt = info.cardData.value(QLatin1String("extra_gated_prompt")).toString();
    info.baseModel = firstString(info.cardData.value(QLatin1String("base_model")));
    const QJsonArray siblings = object.value(QLatin1String("siblings")).toArray();
    for (const QJsonValue &sibling : siblings) {
        HubFileEntry entry = parseSibling(sibling.toObject());
        if (!entry.path.isEmpty())
            info.siblings.append(std::move(entry));
    }
    return info;
}

AppExpected<HubAccount> parseWhoami(const QByteArray &json)
{
    auto doc = parseDocument(json, false, "account");
    if (!doc)
        return atrium::Unexpected<AppError>(doc.error());
    const QJsonObject object = doc->object();
    HubAccount account;
    account.name = object.value(QLatin1String("name")).toString();
    account.fullName = object.value(QLatin1String("fullname")).toString();
    account.tokenRole = object.value(QLatin1String("auth"))
                            .toObject()
                            .value(QLatin1String("accessToken"))
                            .toObject()
                            .value(QLatin1String("role"))
                            .toString();
    const QJsonArray orgs = object.value(QLatin1String("orgs")).toArray();
    for (const QJsonValue &org : orgs) {
        const QString name = org.toObject().value(QLatin1String("name")).toString();
        if (!name.isEmpty())
            account.organizations.append(name);
    }
    if (account.name.isEmpty())
        return appFail(AppError::Kind::Server,
            QStringLiteral("The Hub sent an answer Atrium cannot read (account)."),
            QStringLiteral("no name in whoami-v2"));
    return account;
}

AppExpected<QList<HubFileEntry>> parseTree(const QByteArray &json)
{
    ATRIUM_TRY(const QJsonDocument doc, parseDocument(json, true, "file listing"));
    QList<HubFileEntry> entries;
    const QJsonArray array = doc.array();
    for (const QJsonValue &item : array) {
        const QJsonObject object = item.toObject();
        HubFileEntry entry;
        entry.path = object.value(QLatin1String("path")).toString();
        entry.isDirectory = object.value(QLatin1String("type")).toString() == QLatin1String("directory");
        entry.size = object.contains(QLatin1String("size")) ? toInt64(object.value(QLatin1String("size"))) : -1;
        entry.gitOid = object.value(QLatin1String("oid")).toString();
        const QJsonObject lfs = object.value(QLatin1String("lfs")).toObject();
        if (!lfs.isEmpty()) {
            entry.lfsSha256 = lfs.value(QLatin1String("oid")).toString().toLower();
            entry.lfsSize = lfs.contains(QLatin1String("size")) ? toInt64(lfs.value(QLatin1String("size"))) : -1;
        }
        if (!entry.path.isEmpty())
            entries.append(std::move(entry));
    }
    return entries;
}

QUrl nextLink(const QByteArray &linkHeader)
{
    // Link: <https://…&cursor=…>; rel="next", <…>; rel="prev"
    static const QRegularExpression kLink(QStringLiteral(R"(<([^>]*)>\s*((?:;\s*[^;,]+)*))"));
    const QString header = QString::fromLatin1(linkHeader);
    auto it = kLink.globalMatch(header);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString params = match.captured(2);
        static const QRegularExpression kRelNext(QStringLiteral(R"re(;\s*rel\s*=\s*"?([^";]*)"?)re"));
        const QRegularExpressionMatch rel = kRelNext.match(params);
        if (rel.hasMatch() && rel.captured(1).split(QLatin1Char(' ')).contains(QLatin1String("next")))
            return QUrl(match.captured(1), QUrl::StrictMode);
    }
    return {};
}

QString cursorOf(const QUrl &nextUrl)
{
    return QUrlQuery(nextUrl).queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
}

HubModelCard splitModelCard(const QString &readme)
{
    HubModelCard card;
    QString text = readme;
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    static const QRegularExpression kFrontMatter(
        QStringLiteral(R"(\A---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*(?:\r?\n|\z))"),
        QRegularExpression::DotMatchesEverythingOption | QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = kFrontMatter.match(text);
    if (!match.hasMatch()) {
        card.body = text;
        return card;
    }
    card.frontMatter = match.captured(1);
    card.body = text.mid(match.capturedEnd(0));
    while (card.body.startsWith(QLatin1Char('\n')) || card.body.startsWith(QLatin1String("\r\n")))
        card.body.remove(0, card.body.startsWith(QLatin1Char('\n')) ? 1 : 2);
    return card;
}

QString normalizeEtag(const QByteArray &etag)
{
    QByteArray value = etag.trimmed();
    if (value.startsWith("W/"))
        value = value.mid(2);
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
        value = value.mid(1, value.size() - 2);
    return QString::fromLatin1(value);
}

} // namespace HubJson
