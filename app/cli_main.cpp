// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// atrium-cli: the command-line composition root. Engine commands run Qt-free (engine/tools); hub and catalog
// commands run on atrium_core.

#include <iostream>

#include <QCoreApplication>

#include "cli/catalog_commands.h"
#include "cli/hub_commands.h"
#include "engine_cli.h"

namespace
{

void printHelp(std::ostream &out)
{
    out << "atrium-cli: Atrium from the command line\n\nUsage: atrium-cli COMMAND [OPTIONS]\n\nEngine commands:\n"
        << atrium::cli::engineCommandsHelp() << "\nHub and catalog commands:\n"
        << HubCommands::help().toStdString()
        << "\nEnvironment: HF_ENDPOINT, HF_TOKEN, HF_HOME, HF_HUB_CACHE, HF_HUB_OFFLINE, ATRIUM_HOME\n";
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        printHelp(std::cerr);
        return 1;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        printHelp(std::cout);
        return 0;
    }
    if (command == "--version") {
        std::cout << "atrium-cli " << ATRIUM_VERSION << '\n';
        return 0;
    }
    if (atrium::cli::isEngineCommand(command)) {
        std::vector<std::string> args(argv + 2, argv + argc);
        return atrium::cli::runEngineCommand(command, args, atrium::cli::Io {std::cout, std::cerr});
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("atrium"));
    const QString qCommand = QString::fromStdString(command);
    if (CatalogCommands::isCatalogCommand(qCommand))
        return CatalogCommands::run(qCommand, QCoreApplication::arguments().mid(2));
    if (HubCommands::isHubCommand(qCommand)) {
        QStringList args = QCoreApplication::arguments().mid(2);
        return HubCommands::run(qCommand, args);
    }
    std::cerr << "error: unknown command '" << command << "' (see atrium-cli --help)\n";
    return 1;
}
