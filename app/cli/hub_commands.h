// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QStringList>

/// atrium-cli's hub and catalog commands (search, show, pull, list, rm); they need Qt Network and the catalog.
namespace HubCommands {
bool isHubCommand(const QString &command);
/// Runs one command with the arguments after its name; returns the exit code.
int run(const QString &command, const QStringList &args);
/// Usage lines for --help.
QString help();
} // namespace HubCommands
