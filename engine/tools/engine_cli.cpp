// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "engine_cli.h"

#include <array>

#include "commands.h"

namespace atrium::cli
{

namespace
{

struct Command {
    std::string_view name;
    int (*run)(const std::vector<std::string> &, Io);
    std::string_view usage;
};

constexpr std::array kCommands {
    Command {"info", cmdInfo, "info -m MODEL [--json]"},
    Command {
        "tokenize", cmdTokenize, "tokenize -m MODEL (--text TEXT | --file FILE) [--no-bos] [--parse-special] [--json]"},
    Command {"generate",
        cmdGenerate,
        "generate -m MODEL -p PROMPT [-n N] [--ctx N] [--temp T] [--top-k K] [--top-p P] [--min-p P] "
        "[--repeat-penalty R] [--seed S] [--backend cpu|vulkan] [--device N] [--exact] [--int-prompts] [--kv-f32] "
        "[--json]"},
    Command {"logits",
        cmdLogits,
        "logits -m MODEL (-p PROMPT | --ids 1,2,3) [--all-positions] [--backend B] [--exact] [--int-prompts] "
        "[--kv-f32] --json"},
    Command {"bench",
        cmdBench,
        "bench -m MODEL [-p 512] [-n 128] [-r 5] [--backend B] [--device N] [--threads T] "
        "[--kernels auto|generic|avx|avx2|avx512] [--exact] [--int-prompts] [--kv-f32] [--json]"},
    Command {"devices", cmdDevices, "devices [--json]"},
    Command {"chat", cmdChat, "chat -m MODEL [--system TEXT] [sampling flags]"},
    Command {"chat-template",
        cmdChatTemplate,
        "chat-template -m MODEL --messages FILE.json [--tools FILE.json] [--no-generation-prompt]"},
    Command {"render-template", cmdRenderTemplate, "render-template --template FILE.jinja --context FILE.json"},
    Command {"write-model",
        cmdWriteModel,
        "write-model --arch ARCH --shape NAME|--dims ... --type TYPE -o FILE (random weights, for tests and "
        "benchmarks)"},
};

} // namespace

bool isEngineCommand(std::string_view command)
{
    for (const Command &c : kCommands) {
        if (c.name == command)
            return true;
    }
    return false;
}

int runEngineCommand(std::string_view command, const std::vector<std::string> &args, Io io)
{
    for (const Command &c : kCommands) {
        if (c.name == command)
            return c.run(args, io);
    }
    return reportError(io, "unknown command '" + std::string(command) + "'");
}

std::string engineCommandsHelp()
{
    std::string help;
    for (const Command &c : kCommands) {
        help += "  ";
        help += c.usage;
        help += '\n';
    }
    return help;
}

int reportError(Io io, const std::string &message)
{
    io.err << "error: " << message << '\n';
    return 1;
}

} // namespace atrium::cli
