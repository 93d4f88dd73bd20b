// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace atrium::cli
{

/// Streams a command writes to: `out` gets results (exactly one JSON document with --json), `err` progress and the
/// one-line error message.
struct Io {
    std::ostream &out;
    std::ostream &err;
};

/// The Qt-free commands of atrium-cli (info, tokenize, generate, logits, bench, devices, chat, chat-template,
/// render-template, write-model). atrium-cli forwards them here; the standalone atrium-engine tool (built without
/// Qt, e.g. on GPU test machines) runs the same code.
bool isEngineCommand(std::string_view command);

/// Runs one command with the arguments after the command name. Returns the process exit code; on failure the
/// command has written "error: …" to io.err.
int runEngineCommand(std::string_view command, const std::vector<std::string> &args, Io io);

/// One usage line per engine command, for --help.
std::string engineCommandsHelp();

} // namespace atrium::cli
