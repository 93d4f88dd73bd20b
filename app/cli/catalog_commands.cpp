// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cli/catalog_commands.h"

#include <cstdio>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include "catalog/catalog_indexer.h"
#include "catalog/catalog_remover.h"
#include "catalog/catalog_store.h"
#include "settings/app_paths.h"

namespace CatalogCommands
{

namespace
{

struct Options {
    bool json = false;
    bool yes = false;
    QStringList positional;
};

void printOut(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
}

int failWith(const QString &message)
{
    std::fprintf(stderr, "error: %s\n", message.toUtf8().constData());
    return 1;
}

QString humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString humanCount(qint64 parameters)
{
    if (parameters >= 1'000'000'000)
        return QString::number(double(parameters) / 1e9, 'f', 1) + QLatin1Char('B');
    if (parameters >= 1'000'000)
        return QString::number(double(parameters) / 1e6, 'f', 1) + QLatin1Char('M');
    if (parameters >= 1'000)
        return QString::number(double(parameters) / 1e3, 'f', 1) + QLatin1Char('K');
    return QString::number(parameters);
}

/// Parses the flags a catalog command takes; returns an error message for anything else.
QString parse(const QStringList &args, bool allowYes, Options &options)
{
    for (const QString &arg : args) {
        if (arg == QStringLiteral("--json"))
            options.json = true;
        else if (allowYes && (arg == QStringLiteral("--yes") || arg == QStringLiteral("-y")))
            options.yes = true;
        else if (arg.startsWith(QLatin1Char('-')))
            return QStringLiteral("unknown option '%1' (see atrium-cli --help)").arg(arg);
        else
            options.positional.append(arg);
    }
    return {};
}

/// Opens the catalog and brings it up to date with what is on disk; warnings go to stderr.
AppExpected<void> openAndIndex(CatalogStore &store)
{
    ATRIUM_TRY_VOID(store.open());
    CatalogIndexer indexer(store, IndexerRoots::defaults());
    ATRIUM_TRY(const IndexReport report, indexer.rescanAll());
    for (const QString &warning : report.warnings)
        std::fprintf(stderr, "warning: %s\n", warning.toUtf8().constData());
    return {};
}

QJsonObject fileJson(const CatalogFile &file)
{
    return QJsonObject {
        {QStringLiteral("path"), file.path},
        {QStringLiteral("local_path"), file.localPath},
        {QStringLiteral("size"), file.sizeBytes},
        {QStringLiteral("sha256"), file.sha256},
        {QStringLiteral("format"), file.format},
        {QStringLiteral("quantization"), file.quantization},
        {QStringLiteral("architecture"), file.architecture},
        {QStringLiteral("parameters"), file.parameterCount},
        {QStringLiteral("context_length"), file.contextLength},
        {QStringLiteral("chat_template"), file.hasChatTemplate},
        {QStringLiteral("revision"), file.revision},
        {QStringLiteral("downloaded_by_atrium"), file.downloadedByAtrium},
    };
}

int runList(const Options &options)
{
    if (!options.positional.isEmpty())
        return failWith(QStringLiteral("list takes no arguments (see atrium-cli --help)"));
    CatalogStore store(AppPaths::catalogDatabase());
    auto indexed = openAndIndex(store);
    if (!indexed)
        return failWith(indexed.error().message);
    auto models = store.listModels();
    if (!models)
        return failWith(models.error().message);
    auto total = store.totalDiskBytes();
    if (!total)
        return failWith(total.error().message);

    if (options.json) {
        QJsonArray modelArray;
        for (const CatalogModel &model : *models) {
            QJsonArray files;
            for (const CatalogFile &file : model.files)
                files.append(fileJson(file));
            modelArray.append(QJsonObject {
                {QStringLiteral("id"), model.repoId},
                {QStringLiteral("source"), modelSourceName(model.source)},
                {QStringLiteral("root"), model.rootPath},
                {QStringLiteral("revision"), model.revision},
                {QStringLiteral("author"), model.author},
                {QStringLiteral("license"), model.license},
                {QStringLiteral("pipeline_tag"), model.pipelineTag},
                {QStringLiteral("size"), model.diskBytes()},
                {QStringLiteral("files"), files},
            });
        }
        const QJsonObject document {{QStringLiteral("models"), modelArray}, {QStringLiteral("total_size"), *total}};
        printOut(QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented)));
        return 0;
    }

    if (models->isEmpty()) {
        printOut(QStringLiteral("The catalog is empty: pull a model (atrium-cli pull REPO) or add a folder.\n"));
        return 0;
    }
    for (const CatalogModel &model : *models) {
        printOut(QStringLiteral("%1  [%2]  %3 in %4 file(s)%5\n")
                     .arg(model.repoId, modelSourceName(model.source), humanSize(model.diskBytes()))
                     .arg(model.files.size())
                     .arg(model.revision.isEmpty() ? QString()
                                                   : QStringLiteral("  revision %1").arg(model.revision.left(12))));
        for (const CatalogFile &file : model.files) {
            QStringList details {humanSize(file.sizeBytes)};
            if (!file.quantization.isEmpty())
                details.append(file.quantization);
            if (!file.architecture.isEmpty())
                details.append(file.architecture);
            if (file.parameterCount > 0)
                details.append(humanCount(file.parameterCount) + QStringLiteral(" params"));
            if (file.contextLength > 0)
                details.append(QStringLiteral("ctx %1").arg(file.contextLength));
            if (file.hasChatTemplate)
                details.append(QStringLiteral("chat template"));
            printOut(QStringLiteral("  %1  (%2)\n    %3\n")
                         .arg(file.path, details.join(QStringLiteral(", ")), file.localPath));
        }
    }
    printOut(QStringLiteral("%1 model(s), %2 on disk\n").arg(models->size()).arg(humanSize(*total)));
    return 0;
}

int runRemove(const Options &options)
{
    if (options.positional.size() != 1)
        return failWith(QStringLiteral("rm takes one REPO or REPO/PATH (see atrium-cli list)"));
    const QString target = options.positional.first();
    CatalogStore store(AppPaths::catalogDatabase());
    auto indexed = openAndIndex(store);
    if (!indexed)
        return failWith(indexed.error().message);
    auto models = store.listModels();
    if (!models)
        return failWith(models.error().message);

    // Repo ids contain slashes too ("org/name"): the longest catalog id that prefixes the target wins.
    RemovalRequest request;
    request.confirmExternal = options.yes;
    for (const CatalogModel &model : *models) {
        const bool exact = target == model.repoId;
        const bool prefix = target.startsWith(model.repoId + QLatin1Char('/'));
        if ((exact || prefix) && model.repoId.size() > request.repoId.size()) {
            request.repoId = model.repoId;
            request.pathInRepo = exact ? QString() : target.mid(model.repoId.size() + 1);
        }
    }
    if (request.repoId.isEmpty())
        return failWith(QStringLiteral("%1 is not in the catalog (see atrium-cli list)").arg(target));

    auto removed = store.removeFromDisk(request);
    if (!removed) {
        QString message = removed.error().message;
        if (removed.error().detail == CatalogRemover::kNeedsConfirmation)
            message += QStringLiteral(" Run again with --yes to delete it.");
        return failWith(message);
    }
    if (options.json) {
        QJsonArray files;
        for (const CatalogFile &file : removed->removedFiles)
            files.append(QJsonObject {{QStringLiteral("path"), file.path},
                {QStringLiteral("local_path"), file.localPath},
                {QStringLiteral("size"), file.sizeBytes}});
        const QJsonObject document {{QStringLiteral("repo"), request.repoId},
            {QStringLiteral("removed"), files},
            {QStringLiteral("deleted_paths"), QJsonArray::fromStringList(removed->deletedPaths)},
            {QStringLiteral("freed_bytes"), removed->bytesFreed}};
        printOut(QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented)));
        return 0;
    }
    for (const CatalogFile &file : removed->removedFiles)
        printOut(QStringLiteral("removed %1/%2\n").arg(request.repoId, file.path));
    printOut(QStringLiteral("%1 freed\n").arg(humanSize(removed->bytesFreed)));
    return 0;
}

} // namespace

bool isCatalogCommand(const QString &command)
{
    return command == QStringLiteral("list") || command == QStringLiteral("rm");
}

int run(const QString &command, const QStringList &args)
{
    Options options;
    const QString error = parse(args, command == QStringLiteral("rm"), options);
    if (!error.isEmpty())
        return failWith(error);
    if (command == QStringLiteral("list"))
        return runList(options);
    if (command == QStringLiteral("rm"))
        return runRemove(options);
    return failWith(QStringLiteral("unknown catalog command '%1'").arg(command));
}

} // namespace CatalogCommands
