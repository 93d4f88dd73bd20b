// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <iostream>

#include "engine_cli.h"

int main(int argc, char **argv)
{
    atrium::cli::Io io {std::cout, std::cerr};
    if (argc < 2 || std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h") {
        std::cout << "atrium-engine: Atrium's engine commands without the app (same as atrium-cli)\n\nCommands:\n"
                  << atrium::cli::engineCommandsHelp();
        return argc < 2 ? 1 : 0;
    }
    std::vector<std::string> args(argv + 2, argv + argc);
    return atrium::cli::runEngineCommand(argv[1], args, io);
}
