// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <fstream>
#include <iostream>
#include <iterator>

#include "args.h"
#include "atrium/conversation.h"
#include "commands.h"
#include "model_args.h"

namespace atrium::cli
{

namespace
{

constexpr std::string_view kChatHelp = "Type a message and press Enter. /regen answers the last message again, /reset "
                                       "starts over, /exit (or end of input) quits.\n";

} // namespace

int cmdChat(const std::vector<std::string> &argv, Io io)
{
    auto args = Args::parse(argv,
        Args::join({modelOptions(),
            samplingOptions(),
            {{"system", 0, true}, {"template", 0, true}, {"n-predict", 'n', true}, {"drop-oldest", 0, false}}}));
    if (!args)
        return reportError(io, args.error().message);
    auto maxTokens = args->intOr("n-predict", 1024);
    if (!maxTokens)
        return reportError(io, maxTokens.error().message);
    auto sampler = samplerFromArgs(*args);
    if (!sampler)
        return reportError(io, sampler.error().message);
    auto model = loadModel(*args);
    if (!model)
        return reportError(io, model.error().message);

    ConversationOptions options;
    options.contextPolicy = args->has("drop-oldest") ? ContextPolicy::DropOldest : ContextPolicy::Stop;
    if (auto path = args->value("template")) {
        std::ifstream in(*path, std::ios::binary);
        if (!in)
            return reportError(io, *path + ": cannot read the template file");
        options.templateOverride.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto conversation = Conversation::create(*model, options);
    if (!conversation)
        return reportError(io, conversation.error().message);
    Conversation &chat = **conversation;
    if (chat.usesFallbackTemplate())
        io.err << "note: the model has no usable chat template; using a built-in format\n";
    const std::vector<ChatMessage> start = args->has("system")
        ? std::vector<ChatMessage> {{"system", *args->value("system")}}
        : std::vector<ChatMessage> {};
    chat.setMessages(start);
    io.err << (*model)->info().name << " on " << (*model)->backendName() << " (" << (*model)->deviceName() << "). "
           << kChatHelp;

    std::string line;
    while (true) {
        io.err << "> " << std::flush;
        if (!std::getline(std::cin, line) || line == "/exit")
            break;
        if (line.empty())
            continue;
        if (line == "/reset") {
            chat.setMessages(start);
            continue;
        }
        Expected<GenerationResult> result = fail(ErrorCode::Internal, "no reply");
        auto stream = [&](std::string_view piece, int32_t) {
            io.out << piece << std::flush;
            return true;
        };
        if (line == "/regen") {
            const auto &messages = chat.messages();
            if (messages.empty() || messages.back().role != "assistant") {
                io.err << "nothing to answer again\n";
                continue;
            }
            chat.truncateMessages(messages.size() - 1);
            result = chat.respond(*sampler, static_cast<int>(*maxTokens), stream);
        } else {
            result = chat.send(line, *sampler, static_cast<int>(*maxTokens), stream);
        }
        io.out << '\n';
        if (!result) {
            io.err << "error: " << result.error().message << '\n';
            if (result.error().code == ErrorCode::ContextFull)
                chat.truncateMessages(chat.messages().size() - 1); // the turn that did not fit
            continue;
        }
        const double tokensPerSecond = result->genMs > 0 ? result->ids.size() * 1000.0 / result->genMs : 0.0;
        io.err << "[" << result->ids.size() << " tokens, " << tokensPerSecond << " tokens/s, first token after "
               << result->ttftMs << " ms, " << chat.lastPromptEvaluated() << " prompt tokens evaluated, context "
               << chat.session().nPast() << "/" << (*model)->contextLength() << "]\n";
        if (!result->message.empty())
            io.err << "note: " << result->message << '\n';
    }
    return 0;
}

} // namespace atrium::cli
