// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "cli/hub_commands.h"

#include <cstdio>

namespace HubCommands {

bool isHubCommand(const QString &command)
{
    static const QStringList kCommands{QStringLiteral("search"), QStringLiteral("show"), QStringLiteral("pull"),
                                       QStringLiteral("list"), QStringLiteral("rm")};
    return kCommands.contains(command);
}

int run(const QString &command, const QStringList &)
{
    std::fprintf(stderr, "error: '%s' is not built yet\n", qPrintable(command));
    return 1;
}

QString help()
{
    return QStringLiteral("  search [QUERY] [--author A] [--filter TAG]... [--sort S] [--limit N] [--json]\n"
                          "  show REPO [--json]\n"
                          "  pull REPO [--file PATH | --quant Q] [--revision REV] [--json]\n"
                          "  list [--json]\n"
                          "  rm REPO[/PATH] [--json]\n");
}

} // namespace HubCommands
