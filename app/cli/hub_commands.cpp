// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cli/hub_commands.h"

#include <cstdio>
#include <optional>

#include "catalog/catalog_store.h"
#include "cli/catalog_commands.h"
#include "download/download_manager.h"
#include "download/download_recorder.h"
#include "download/pull_job.h"
#include "download/pull_plan.h"
#include "hub/hub_client.h"
#include "hub/hub_json.h"
#include "hub/token_store.h"
#include "settings/app_paths.h"

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace HubCommands
{

namespace
{

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// --- Output --------------------------------------------------------------------------------------------------

void out(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
}

void err(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stderr);
    std::fflush(stderr);
}

int failWith(const QString &message, int code = kExitFailure)
{
    err(QStringLiteral("error: %1\n").arg(message));
    return code;
}

void printJson(const QJsonObject &object)
{
    out(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
    std::fflush(stdout);
}

/// A name from the Hub with control characters made visible (it may be hostile).
QString printable(const QString &name)
{
    QString shown = name;
    for (QChar &c : shown) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QLatin1Char('?');
    }
    return shown;
}

QString humanBytes(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("?");
    static const char *const kUnits[] = {"B", "kB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1000 && unit < 4) {
        value /= 1000;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', unit == 0 ? 0 : 1).arg(QLatin1String(kUnits[unit]));
}

// --- Arguments -----------------------------------------------------------------------------------------------

/// A tiny argument parser: positionals, `--name value` / `--name=value` options (repeatable) and `--flag`s.
struct Args {
    QStringList positional;
    QMultiHash<QString, QString> values;
    QSet<QString> flags;
    QString error;

    static Args parse(const QStringList &args, const QStringList &valueOptions, const QStringList &flagOptions)
    {
        Args parsed;
        for (qsizetype i = 0; i < args.size(); ++i) {
            const QString &arg = args.at(i);
            if (!arg.startsWith(QLatin1String("--")) || arg == QLatin1String("--")) {
                parsed.positional.append(arg);
                continue;
            }
            QString name = arg.mid(2);
            QString value;
            const qsizetype eq = name.indexOf(QLatin1Char('='));
            const bool inlineValue = eq >= 0;
            if (inlineValue) {
                value = name.mid(eq + 1);
                name.truncate(eq);
            }
            if (flagOptions.contains(name) && !inlineValue) {
                parsed.flags.insert(name);
            } else if (valueOptions.contains(name)) {
                if (!inlineValue) {
                    if (i + 1 >= args.size()) {
                        parsed.error = QStringLiteral("--%1 needs a value").arg(name);
                        return parsed;
                    }
                    value = args.at(++i);
                }
                parsed.values.insert(name, value);
            } else {
                parsed.error = QStringLiteral("unknown option --%1").arg(name);
                return parsed;
            }
        }
        return parsed;
    }
    QString value(const QString &name, const QString &fallback = {}) const
    {
        return values.value(name, fallback);
    }
    QStringList all(const QString &name) const
    {
        QStringList list = values.values(name);
        std::reverse(list.begin(), list.end()); // QMultiHash returns the newest first
        return list;
    }
};

// --- Shared setup --------------------------------------------------------------------------------------------

/// The hub client a command talks through, configured from the environment, with the token looked up once.
struct Session {
    QNetworkAccessManager network;
    std::unique_ptr<HubClient> client;

    Session()
    {
        HubConfig config = HubConfig::fromEnvironment();
        if (!config.offline) {
            TokenStore tokens;
            config.token = tokens.loadBlocking();
        }
        client = std::make_unique<HubClient>(config, &network);
    }
};

/// Runs an asynchronous HubClient call to completion.
template <typename T>
AppExpected<T> waitFor(const std::function<void(std::function<void(const AppExpected<T> &)>)> &call)
{
    QEventLoop loop;
    std::optional<AppExpected<T>> result;
    call([&](const AppExpected<T> &value) {
        result = value;
        loop.quit();
    });
    if (!result)
        loop.exec();
    return std::move(*result);
}

std::optional<HubSort> parseSort(const QString &name)
{
    if (name.isEmpty())
        return HubSort::Default;
    if (name == QLatin1String("downloads"))
        return HubSort::Downloads;
    if (name == QLatin1String("likes"))
        return HubSort::Likes;
    if (name == QLatin1String("trending") || name == QLatin1String("trendingScore"))
        return HubSort::Trending;
    if (name == QLatin1String("updated") || name == QLatin1String("lastModified"))
        return HubSort::LastModified;
    if (name == QLatin1String("created") || name == QLatin1String("createdAt"))
        return HubSort::CreatedAt;
    return std::nullopt;
}

QJsonValue ggufJson(const HubGgufSummary &gguf)
{
    if (gguf.isEmpty())
        return QJsonValue::Null;
    QJsonObject object {{QStringLiteral("architecture"), gguf.architecture},
        {QStringLiteral("total_parameters"), static_cast<double>(gguf.totalParameters)},
        {QStringLiteral("context_length"), static_cast<double>(gguf.contextLength)},
        {QStringLiteral("has_chat_template"), !gguf.chatTemplate.isEmpty()}};
    if (!gguf.bosToken.isEmpty())
        object.insert(QStringLiteral("bos_token"), gguf.bosToken);
    if (!gguf.eosToken.isEmpty())
        object.insert(QStringLiteral("eos_token"), gguf.eosToken);
    return object;
}

QJsonValue stringOrNull(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

// --- search --------------------------------------------------------------------------------------------------

int runSearch(const QStringList &arguments)
{
    const Args args = Args::parse(arguments,
        {QStringLiteral("author"),
            QStringLiteral("filter"),
            QStringLiteral("task"),
            QStringLiteral("library"),
            QStringLiteral("sort"),
            QStringLiteral("limit"),
            QStringLiteral("cursor")},
        {QStringLiteral("json")});
    if (!args.error.isEmpty())
        return failWith(args.error, kExitUsage);
    if (args.positional.size() > 1)
        return failWith(QStringLiteral("search takes one QUERY (quote it if it has spaces)"), kExitUsage);
    HubSearchQuery query;
    query.search = args.positional.value(0);
    query.author = args.value(QStringLiteral("author"));
    query.filters = args.all(QStringLiteral("filter"));
    query.pipelineTag = args.value(QStringLiteral("task"));
    query.library = args.value(QStringLiteral("library"));
    query.cursor = args.value(QStringLiteral("cursor"));
    const auto sort = parseSort(args.value(QStringLiteral("sort")));
    if (!sort)
        return failWith(QStringLiteral("--sort takes downloads, likes, trending, updated or created"), kExitUsage);
    query.sort = *sort;
    bool ok = true;
    query.limit = args.value(QStringLiteral("limit"), QStringLiteral("20")).toInt(&ok);
    if (!ok || query.limit < 1 || query.limit > 1000)
        return failWith(QStringLiteral("--limit takes a number from 1 to 1000"), kExitUsage);

    Session session;
    const auto result = waitFor<HubSearchResult>(
        [&](auto done) { session.client->search(query, [done](const AppExpected<HubSearchResult> &r) { done(r); }); });
    if (!result)
        return failWith(result.error().message);
    if (args.flags.contains(QStringLiteral("json"))) {
        QJsonArray models;
        for (const HubModelSummary &model : result->models) {
            models.append(QJsonObject {{QStringLiteral("id"), model.id},
                {QStringLiteral("author"), model.author},
                {QStringLiteral("downloads"), static_cast<double>(model.downloads)},
                {QStringLiteral("likes"), static_cast<double>(model.likes)},
                {QStringLiteral("trending_score"), model.trendingScore},
                {QStringLiteral("last_modified"), stringOrNull(model.lastModified)},
                {QStringLiteral("created_at"), stringOrNull(model.createdAt)},
                {QStringLiteral("pipeline_tag"), stringOrNull(model.pipelineTag)},
                {QStringLiteral("library_name"), stringOrNull(model.libraryName)},
                {QStringLiteral("tags"), QJsonArray::fromStringList(model.tags)},
                {QStringLiteral("gated"), HubJson::gatedJson(model.gated)},
                {QStringLiteral("gguf"), ggufJson(model.gguf)}});
        }
        printJson(QJsonObject {
            {QStringLiteral("models"), models}, {QStringLiteral("next"), stringOrNull(result->nextCursor)}});
        return 0;
    }
    if (result->models.isEmpty())
        out(QStringLiteral("No models found.\n"));
    for (const HubModelSummary &model : result->models) {
        out(QStringLiteral("%1  %2 downloads  %3 likes  %4%5\n")
                .arg(model.id.leftJustified(48),
                    QString::number(model.downloads).rightJustified(9),
                    QString::number(model.likes).rightJustified(6),
                    model.lastModified.left(10),
                    model.gated == HubGated::No ? QString() : QStringLiteral("  (gated)")));
    }
    if (!result->nextCursor.isEmpty())
        out(QStringLiteral("More results: add --cursor %1\n").arg(result->nextCursor));
    return 0;
}

// --- show ----------------------------------------------------------------------------------------------------

int runShow(const QStringList &arguments)
{
    const Args args = Args::parse(arguments, {QStringLiteral("revision")}, {QStringLiteral("json")});
    if (!args.error.isEmpty())
        return failWith(args.error, kExitUsage);
    if (args.positional.size() != 1)
        return failWith(QStringLiteral("show takes one REPO (org/name)"), kExitUsage);
    const QString repoId = args.positional.first();
    const QString revision = args.value(QStringLiteral("revision"), QStringLiteral("main"));
    Session session;
    const auto info = waitFor<HubModelInfo>([&](auto done) {
        session.client->modelInfo(repoId, revision, [done](const AppExpected<HubModelInfo> &r) { done(r); });
    });
    if (!info)
        return failWith(info.error().message);
    const auto card = waitFor<HubModelCard>([&](auto done) {
        session.client->modelCard(repoId, info->sha, [done](const AppExpected<HubModelCard> &r) { done(r); });
    });
    const HubModelSummary &s = info->summary;
    if (args.flags.contains(QStringLiteral("json"))) {
        QJsonArray files;
        for (const HubFileEntry &file : info->siblings) {
            files.append(QJsonObject {{QStringLiteral("path"), file.path},
                {QStringLiteral("size"), static_cast<double>(file.size)},
                {QStringLiteral("sha256"), stringOrNull(file.lfsSha256)},
                {QStringLiteral("lfs"), file.isLfs()},
                {QStringLiteral("git_oid"), stringOrNull(file.gitOid)},
                {QStringLiteral("quant"),
                    stringOrNull(
                        file.path.endsWith(QLatin1String(".gguf")) ? quantOfFileName(file.path) : QString())}});
        }
        printJson(QJsonObject {{QStringLiteral("id"), s.id},
            {QStringLiteral("author"), s.author},
            {QStringLiteral("revision"), info->sha},
            {QStringLiteral("last_modified"), stringOrNull(s.lastModified)},
            {QStringLiteral("created_at"), stringOrNull(s.createdAt)},
            {QStringLiteral("downloads"), static_cast<double>(s.downloads)},
            {QStringLiteral("likes"), static_cast<double>(s.likes)},
            {QStringLiteral("pipeline_tag"), stringOrNull(s.pipelineTag)},
            {QStringLiteral("library_name"), stringOrNull(s.libraryName)},
            {QStringLiteral("tags"), QJsonArray::fromStringList(s.tags)},
            {QStringLiteral("license"), stringOrNull(info->license)},
            {QStringLiteral("base_model"), stringOrNull(info->baseModel)},
            {QStringLiteral("gated"), HubJson::gatedJson(s.gated)},
            {QStringLiteral("gated_prompt"), stringOrNull(info->gatedPrompt)},
            {QStringLiteral("card_data"), info->cardData},
            {QStringLiteral("gguf"), ggufJson(s.gguf)},
            {QStringLiteral("files"), files},
            {QStringLiteral("card"), card ? QJsonValue(card->body) : QJsonValue(QJsonValue::Null)}});
        return 0;
    }
    out(QStringLiteral("%1 (commit %2)\n").arg(s.id, info->sha));
    out(QStringLiteral("  license: %1   downloads: %2   likes: %3   updated: %4\n")
            .arg(info->license.isEmpty() ? QStringLiteral("unknown") : info->license)
            .arg(s.downloads)
            .arg(s.likes)
            .arg(s.lastModified.left(10)));
    if (s.gated != HubGated::No)
        out(QStringLiteral("  gated (%1): accept the licence at %2, then set a token.%3\n")
                .arg(s.gated == HubGated::Auto ? QStringLiteral("auto") : QStringLiteral("manual"),
                    session.client->config().repoPageUrl(s.id).toString(),
                    info->gatedPrompt.isEmpty() ? QString() : QStringLiteral("\n  ") + info->gatedPrompt));
    if (!s.gguf.isEmpty())
        out(QStringLiteral("  gguf: %1, %2 parameters, context %3\n")
                .arg(s.gguf.architecture)
                .arg(s.gguf.totalParameters)
                .arg(s.gguf.contextLength));
    out(QStringLiteral("  files:\n"));
    for (const HubFileEntry &file : info->siblings)
        out(QStringLiteral("    %1  %2  %3\n")
                .arg(file.path.leftJustified(44),
                    humanBytes(file.size).rightJustified(9),
                    file.isLfs() ? file.lfsSha256 : QStringLiteral("(git %1)").arg(file.gitOid.left(12))));
    if (card && !card->body.trimmed().isEmpty())
        out(QStringLiteral("\n%1\n").arg(card->body.trimmed()));
    return 0;
}

// --- pull ----------------------------------------------------------------------------------------------------

/// Progress lines on stderr: one redrawn line on a terminal, a line every few seconds otherwise.
class ProgressPrinter
{
public:
    ProgressPrinter()
    {
#ifdef Q_OS_UNIX
        m_tty = ::isatty(STDERR_FILENO) != 0;
#endif
    }
    void update(const DownloadProgress &p)
    {
        const QString pct = p.bytesTotal > 0 ? QStringLiteral("%1%").arg(p.bytesDone * 100 / p.bytesTotal) : QString();
        const QString eta = p.etaSeconds >= 0 ? QStringLiteral(" ETA %1s").arg(p.etaSeconds) : QString();
        const QString line = QStringLiteral("%1 %2 %3/%4 %5/s%6")
                                 .arg(p.path,
                                     pct,
                                     humanBytes(p.bytesDone),
                                     humanBytes(p.bytesTotal),
                                     humanBytes(static_cast<qint64>(p.bytesPerSecond)),
                                     eta);
        if (!p.note.isEmpty() && p.note != m_lastNote.value(p.id)) {
            m_lastNote.insert(p.id, p.note);
            err(QStringLiteral("%1pull: %2: %3\n").arg(m_tty ? QStringLiteral("\r\033[K") : QString(), p.path, p.note));
        }
        const bool stateChanged = m_lastState.value(p.id, DownloadState::Cancelled) != p.state;
        m_lastState.insert(p.id, p.state);
        if (m_tty) {
            if (m_clock.isValid() && m_clock.elapsed() < 100 && !stateChanged)
                return;
            err(QStringLiteral("\r\033[K%1").arg(line));
        } else {
            if (m_clock.isValid() && m_clock.elapsed() < 2000 && !stateChanged)
                return;
            err(QStringLiteral("pull: %1\n").arg(line));
        }
        m_clock.restart();
    }
    void done()
    {
        if (m_tty)
            err(QStringLiteral("\n"));
    }

private:
    bool m_tty = false;
    QElapsedTimer m_clock;
    QHash<quint64, QString> m_lastNote;
    QHash<quint64, DownloadState> m_lastState;
};

int runPull(const QStringList &arguments)
{
    const Args args = Args::parse(arguments,
        {QStringLiteral("file"), QStringLiteral("quant"), QStringLiteral("revision"), QStringLiteral("max-parallel")},
        {QStringLiteral("json")});
    if (!args.error.isEmpty())
        return failWith(args.error, kExitUsage);
    if (args.positional.size() != 1)
        return failWith(QStringLiteral("pull takes one REPO (org/name)"), kExitUsage);
    const PullSelection selection {args.value(QStringLiteral("file")), args.value(QStringLiteral("quant"))};
    if (!selection.file.isEmpty() && !selection.quant.isEmpty())
        return failWith(QStringLiteral("use --file or --quant, not both"), kExitUsage);
    const QString repoId = args.positional.first();
    const QString revision = args.value(QStringLiteral("revision"), QStringLiteral("main"));

    Session session;
    DownloadOptions options = DownloadOptions::fromEnvironment();
    options.maxParallel = std::max(1, args.value(QStringLiteral("max-parallel"), QStringLiteral("3")).toInt());
    DownloadManager downloads(session.client->config(), options, &session.network);
    CatalogStore catalog(AppPaths::catalogDatabase());
    std::unique_ptr<DownloadRecorder> recorder;
    if (auto opened = catalog.open(); opened) {
        recorder = std::make_unique<DownloadRecorder>(catalog);
        QObject::connect(recorder.get(), &DownloadRecorder::errorOccurred, [](const AppError &error) {
            err(QStringLiteral("warning: catalog: %1\n").arg(error.message));
        });
    } else {
        err(QStringLiteral("warning: the catalog could not be opened (%1); the download is not recorded there.\n")
                .arg(opened.error().message));
    }

    PullJob job(session.client.get(), &downloads, repoId, selection, revision);
    ProgressPrinter printer;
    QEventLoop loop;
    std::optional<PullResult> result;
    AppError failure;
    QObject::connect(&job,
        &PullJob::planned,
        [&](const HubModelInfo &info, const QString &card, const QList<DownloadRequest> &requests) {
            if (recorder)
                recorder->recordPlan(info, card, requests);
            qint64 total = 0;
            for (const DownloadRequest &request : requests)
                total += request.expectedSize;
            err(QStringLiteral("pull: %1 at %2: %3 file(s), %4\n")
                    .arg(info.summary.id, info.sha.left(12))
                    .arg(requests.size())
                    .arg(humanBytes(total)));
        });
    QObject::connect(&job, &PullJob::progressChanged, [&](const DownloadProgress &progress) {
        printer.update(progress);
        if (recorder)
            recorder->recordProgress(progress);
    });
    QObject::connect(&job, &PullJob::fileFinished, [&](const DownloadResult &file) {
        if (recorder)
            recorder->recordFinished(file);
    });
    QObject::connect(&job, &PullJob::fileFailed, [&](const DownloadRequest &request, const AppError &error) {
        if (recorder)
            recorder->recordFailed(request, error);
    });
    QObject::connect(&job, &PullJob::finished, [&](const PullResult &r) {
        result = r;
        loop.quit();
    });
    QObject::connect(&job, &PullJob::failed, [&](const AppError &error) {
        failure = error;
        loop.quit();
    });
    job.start();
    loop.exec();
    printer.done();
    if (!result)
        return failWith(failure.message);
    for (const QString &name : std::as_const(result->refusedNames))
        err(QStringLiteral("warning: refused a hostile file name in %1: %2\n").arg(repoId, printable(name)));
    if (args.flags.contains(QStringLiteral("json"))) {
        QJsonArray files;
        for (const DownloadResult &file : std::as_const(result->files)) {
            files.append(QJsonObject {{QStringLiteral("path"), file.request.path},
                {QStringLiteral("local_path"), file.localPath},
                {QStringLiteral("size"), static_cast<double>(file.size)},
                {QStringLiteral("sha256"), file.sha256},
                {QStringLiteral("resumed_from"), static_cast<double>(file.resumedFrom)},
                {QStringLiteral("already_present"), file.alreadyPresent}});
        }
        printJson(QJsonObject {{QStringLiteral("repo"), repoId},
            {QStringLiteral("revision"), result->commit},
            {QStringLiteral("files"), files}});
        return 0;
    }
    for (const DownloadResult &file : std::as_const(result->files))
        out(QStringLiteral("%1\n").arg(file.localPath));
    return 0;
}

QList<Command> &table()
{
    static QList<Command> commands {
        {QStringLiteral("search"),
            QStringLiteral(
                "search [QUERY] [--author A] [--filter TAG]... [--task T] [--library L] [--sort S] [--limit N] "
                "[--cursor C] [--json]"),
            runSearch},
        {QStringLiteral("show"), QStringLiteral("show REPO [--revision REV] [--json]"), runShow},
        {QStringLiteral("pull"),
            QStringLiteral("pull REPO [--file PATH | --quant Q] [--revision REV] [--json]"),
            runPull},
        // The catalog's commands (app/cli/catalog_commands.h).
        {QStringLiteral("list"),
            QStringLiteral("list [--json]"),
            [](const QStringList &args) { return CatalogCommands::run(QStringLiteral("list"), args); }},
        {QStringLiteral("rm"),
            QStringLiteral("rm REPO[/PATH] [--yes] [--json]"),
            [](const QStringList &args) { return CatalogCommands::run(QStringLiteral("rm"), args); }},
    };
    return commands;
}

} // namespace

void addCommand(Command command)
{
    for (Command &existing : table()) {
        if (existing.name == command.name) {
            existing = std::move(command);
            return;
        }
    }
    table().append(std::move(command));
}

bool isHubCommand(const QString &command)
{
    for (const Command &entry : table()) {
        if (entry.name == command)
            return true;
    }
    return false;
}

int run(const QString &command, const QStringList &args)
{
    for (const Command &entry : table()) {
        if (entry.name == command)
            return entry.run(args);
    }
    return failWith(QStringLiteral("unknown command '%1'").arg(command), kExitUsage);
}

QString help()
{
    QString text;
    for (const Command &entry : table())
        text += QStringLiteral("  ") + entry.usage + QLatin1Char('\n');
    return text;
}

} // namespace HubCommands
