// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>

#include <QStringList>

/// atrium-cli's hub and catalog commands (search, show, pull, list, rm); they need Qt Network and the catalog.
/// search / show / pull live in hub_commands.cpp; list and rm forward to CatalogCommands. More commands plug in with
/// addCommand() before run() (one of the same name replaces the existing entry).
namespace HubCommands
{

/// One command: its name, its usage line for --help and the function that runs it (arguments after the name; returns
/// the exit code; needs a QCoreApplication).
struct Command {
    QString name;
    QString usage;
    std::function<int(const QStringList &args)> run;
};

/// Adds or replaces a command.
void addCommand(Command command);
bool isHubCommand(const QString &command);
/// Runs one command with the arguments after its name; returns the exit code.
int run(const QString &command, const QStringList &args);
/// Usage lines for --help.
QString help();

} // namespace HubCommands
