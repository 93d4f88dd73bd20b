// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <string>
#include <vector>

#include "engine_cli.h"

namespace atrium::cli
{

// Each command group lives in its own cmd_*.cpp file. Every function gets the arguments after the command name.
int cmdInfo(const std::vector<std::string> &args, Io io); // cmd_model.cpp
int cmdTokenize(const std::vector<std::string> &args, Io io); // cmd_tokenize.cpp
int cmdGenerate(const std::vector<std::string> &args, Io io); // cmd_generate.cpp
int cmdLogits(const std::vector<std::string> &args, Io io); // cmd_generate.cpp
int cmdBench(const std::vector<std::string> &args, Io io); // cmd_bench.cpp
int cmdWriteModel(const std::vector<std::string> &args, Io io); // cmd_write_model.cpp
int cmdDevices(const std::vector<std::string> &args, Io io); // cmd_devices.cpp
int cmdChat(const std::vector<std::string> &args, Io io); // cmd_chat.cpp
int cmdChatTemplate(const std::vector<std::string> &args, Io io); // cmd_template.cpp
int cmdRenderTemplate(const std::vector<std::string> &args, Io io); // cmd_template.cpp

/// Writes "error: <message>" to io.err and returns the failure exit code.
int reportError(Io io, const std::string &message);

} // namespace atrium::cli
