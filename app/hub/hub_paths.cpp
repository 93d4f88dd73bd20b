// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "hub/hub_paths.h"

#include <QRegularExpression>
#include <QStringList>

namespace HubPaths
{

namespace
{

constexpr int kMaxPathLength = 1024;
constexpr int kMaxSegmentLength = 255;

atrium::Unexpected<AppError> refuse(const QString &what, const QString &value, const QString &why)
{
    QString shown = value;
    for (QChar &c : shown) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QLatin1Char('?');
    }
    return appFail(AppError::Kind::InvalidInput,
        QStringLiteral("Refusing %1 '%2': %3.").arg(what, shown.left(200), why),
        QStringLiteral("hostile or invalid name"));
}

bool hasControlCharacter(const QString &value)
{
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || (c.unicode() >= 0x80 && c.unicode() < 0xa0))
            return true;
    }
    return false;
}

bool isWindowsDeviceName(const QString &segment)
{
    // NOTE: Windows treats "CON", "con.txt" and "COM1.gguf" alike: the part before the first dot names a device.
    const QString stem = segment.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    static const QStringList kDevices {QStringLiteral("CON"),
        QStringLiteral("PRN"),
        QStringLiteral("AUX"),
        QStringLiteral("NUL"),
        QStringLiteral("CONIN$"),
        QStringLiteral("CONOUT$")};
    if (kDevices.contains(stem))
        return true;
    static const QRegularExpression kNumbered(QStringLiteral("^(COM|LPT)[0-9\\x{00B9}\\x{00B2}\\x{00B3}]$"));
    return kNumbered.match(stem).hasMatch();
}

} // namespace

AppExpected<void> validateRepoId(const QString &repoId)
{
    static const QRegularExpression kRepoId(
        QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.\\-]{0,95}/[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,95}$"));
    if (!kRepoId.match(repoId).hasMatch())
        return refuse(QStringLiteral("repository id"), repoId, QStringLiteral("expected org/name"));
    if (repoId.contains(QLatin1String("..")) || repoId.endsWith(QLatin1Char('.')))
        return refuse(QStringLiteral("repository id"), repoId, QStringLiteral("it contains '..'"));
    return {};
}

AppExpected<void> validateRevision(const QString &revision)
{
    if (revision.isEmpty() || revision.size() > 255)
        return refuse(QStringLiteral("revision"), revision, QStringLiteral("empty or too long"));
    if (hasControlCharacter(revision) || revision.contains(QLatin1Char('\\')) || revision.contains(QLatin1Char(':')))
        return refuse(QStringLiteral("revision"), revision, QStringLiteral("it contains forbidden characters"));
    const QStringList segments = revision.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return refuse(
                QStringLiteral("revision"), revision, QStringLiteral("it is not a plain branch, tag or commit"));
    }
    return {};
}

AppExpected<void> validateFilePath(const QString &path)
{
    const QString what = QStringLiteral("file name");
    if (path.isEmpty() || path.size() > kMaxPathLength)
        return refuse(what, path, QStringLiteral("empty or too long"));
    if (hasControlCharacter(path))
        return refuse(what, path, QStringLiteral("it contains control characters"));
    if (path.contains(QLatin1Char('\\')))
        return refuse(what, path, QStringLiteral("it contains a backslash"));
    if (path.startsWith(QLatin1Char('/')))
        return refuse(what, path, QStringLiteral("it is an absolute path"));
    if (path.contains(QLatin1Char(':')))
        return refuse(what, path, QStringLiteral("it contains ':' (a drive letter or stream name)"));
    const QStringList segments = path.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String("."))
            return refuse(what, path, QStringLiteral("it has an empty or '.' segment"));
        if (segment == QLatin1String(".."))
            return refuse(what, path, QStringLiteral("it leaves its folder with '..'"));
        if (segment.size() > kMaxSegmentLength)
            return refuse(what, path, QStringLiteral("a segment is too long"));
        if (segment.endsWith(QLatin1Char('.')) || segment.endsWith(QLatin1Char(' ')))
            return refuse(what, path, QStringLiteral("a segment ends with '.' or a space"));
        if (isWindowsDeviceName(segment))
            return refuse(what, path, QStringLiteral("'%1' is a Windows device name").arg(segment));
        for (const QChar c : segment) {
            if (QStringLiteral("<>\"|?*").contains(c))
                return refuse(what, path, QStringLiteral("it contains '%1'").arg(c));
        }
    }
    return {};
}

bool isCommitHash(const QString &revision)
{
    static const QRegularExpression kCommit(QStringLiteral("^[0-9a-f]{40}$"));
    return kCommit.match(revision).hasMatch();
}

bool isSha256(const QString &value)
{
    static const QRegularExpression kSha(QStringLiteral("^[0-9a-f]{64}$"));
    return kSha.match(value).hasMatch();
}

QString repoFolderName(const QString &repoId)
{
    return QStringLiteral("models--") + QString(repoId).replace(QLatin1Char('/'), QLatin1String("--"));
}

} // namespace HubPaths
