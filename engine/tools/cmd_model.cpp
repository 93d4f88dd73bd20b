// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "commands.h"

namespace atrium::cli {

int cmdInfo(const std::vector<std::string> &, Io io)
{
    return reportError(io, "this command is not built yet");
}

} // namespace atrium::cli
