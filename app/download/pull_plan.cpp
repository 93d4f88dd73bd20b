// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "download/pull_plan.h"

#include <QMap>
#include <QRegularExpression>

#include "hub/hub_paths.h"

namespace
{

/// "model-00001-of-00003.gguf" and "model.gguf" group as "model"; one choice per group.
QString shardGroup(const QString &path)
{
    static const QRegularExpression kShard(
        QStringLiteral(R"(-\d{5}-of-\d{5}\.gguf$)"), QRegularExpression::CaseInsensitiveOption);
    QString group = path;
    group.replace(kShard, QString());
    if (group.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive))
        group.chop(5);
    return group;
}

bool isGguf(const QString &path)
{
    return path.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive);
}

bool matchesQuant(const QString &path, const QString &quant)
{
    const QString name = path.section(QLatin1Char('/'), -1);
    const QRegularExpression word(QStringLiteral("(^|[-_./])%1($|[-_.])").arg(QRegularExpression::escape(quant)),
        QRegularExpression::CaseInsensitiveOption);
    return word.match(name).hasMatch() || word.match(path).hasMatch();
}

DownloadRequest toRequest(const HubModelInfo &info, const HubFileEntry &file, const QString &refName)
{
    DownloadRequest request;
    request.repoId = info.summary.id;
    request.commit = info.sha;
    request.refName = refName == info.sha ? QString() : refName;
    request.path = file.path;
    request.expectedSize = file.isLfs() && file.lfsSize >= 0 ? file.lfsSize : file.size;
    request.expectedSha256 = file.lfsSha256;
    request.gitOid = file.gitOid;
    return request;
}

} // namespace

QString quantOfFileName(const QString &fileName)
{
    static const QRegularExpression kQuant(
        QStringLiteral(
            R"((?:^|[-_.])((?:I?Q\d(?:_[A-Z0-9]+)*)|(?:TQ\d_\d)|(?:MXFP4(?:_MOE)?)|BF16|F16|F32)(?:[-_.]|$))"),
        QRegularExpression::CaseInsensitiveOption);
    const QString name = fileName.section(QLatin1Char('/'), -1);
    QString found;
    auto it = kQuant.globalMatch(name);
    while (it.hasNext())
        found = it.next().captured(1).toUpper(); // the last one wins: "model-Q8_0-Q4_K_M.gguf" is Q4_K_M
    return found;
}

AppExpected<PullPlan> planPull(const HubModelInfo &info, const PullSelection &selection, const QString &refName)
{
    if (!HubPaths::isCommitHash(info.sha))
        return appFail(
            AppError::Kind::Server, QStringLiteral("The Hub did not say which commit %1 is at.").arg(info.summary.id));
    PullPlan plan;
    QList<HubFileEntry> safe;
    for (const HubFileEntry &file : info.siblings) {
        if (HubPaths::validateFilePath(file.path))
            safe.append(file);
        else
            plan.refusedNames.append(file.path);
    }
    QList<HubFileEntry> chosen;
    if (!selection.file.isEmpty()) {
        ATRIUM_TRY_VOID(HubPaths::validateFilePath(selection.file));
        for (const HubFileEntry &file : std::as_const(safe)) {
            if (file.path == selection.file)
                chosen.append(file);
        }
        if (chosen.isEmpty())
            return appFail(AppError::Kind::NotFound,
                QStringLiteral("%1 has no file '%2' (see: atrium-cli show %1).").arg(info.summary.id, selection.file));
    } else {
        QMap<QString, QList<HubFileEntry>> groups;
        for (const HubFileEntry &file : std::as_const(safe)) {
            if (isGguf(file.path))
                groups[shardGroup(file.path)].append(file);
        }
        if (!selection.quant.isEmpty()) {
            for (const HubFileEntry &file : std::as_const(safe)) {
                if (isGguf(file.path) && matchesQuant(file.path, selection.quant))
                    chosen.append(file);
            }
        } else if (groups.size() == 1) {
            chosen = groups.first();
        } else {
            for (const HubFileEntry &file : std::as_const(safe)) {
                if (isGguf(file.path) && matchesQuant(file.path, QStringLiteral("Q4_K_M")))
                    chosen.append(file);
            }
        }
        if (chosen.isEmpty()) {
            QStringList choices;
            for (const QString &group : groups.keys()) {
                const QString quant = quantOfFileName(groups.value(group).first().path);
                choices.append(quant.isEmpty() ? groups.value(group).first().path : quant);
            }
            choices.removeDuplicates();
            if (choices.isEmpty())
                return appFail(AppError::Kind::NotFound,
                    QStringLiteral("%1 has no GGUF files; name one with --file.").arg(info.summary.id));
            return appFail(AppError::Kind::InvalidInput,
                QStringLiteral("%1 has several GGUF files%2; choose one with --quant (%3) or --file.")
                    .arg(info.summary.id,
                        selection.quant.isEmpty() ? QString() : QStringLiteral(" but none is %1").arg(selection.quant),
                        choices.join(QStringLiteral(", "))));
        }
    }
    for (const HubFileEntry &file : std::as_const(chosen)) {
        const DownloadRequest request = toRequest(info, file, refName);
        if (request.expectedSize < 0 || (request.expectedSha256.isEmpty() && request.gitOid.isEmpty()))
            return appFail(AppError::Kind::Server,
                QStringLiteral("The Hub listed %1 without a size or hash; refusing to download it unverified.")
                    .arg(file.path));
        if (file.isLfs() && file.size >= 0 && file.lfsSize >= 0 && file.size != file.lfsSize)
            return appFail(AppError::Kind::Integrity,
                QStringLiteral("The Hub lists two sizes for %1 (%2 and %3); refusing it.")
                    .arg(file.path)
                    .arg(file.size)
                    .arg(file.lfsSize));
        plan.requests.append(request);
    }
    return plan;
}
