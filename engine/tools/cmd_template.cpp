// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "args.h"
#include "chat/chat_template.h"
#include "commands.h"
#include "gguf/gguf_file.h"

namespace atrium::cli
{

namespace
{

using Json = nlohmann::ordered_json;

Expected<std::string> readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::FileNotFound, "cannot open " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad())
        return fail(ErrorCode::IoError, "cannot read " + path);
    return ss.str();
}

Expected<Json> readJson(const std::string &path)
{
    ATRIUM_TRY(const std::string text, readText(path));
    Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded())
        return fail(ErrorCode::InvalidArgument, path + " is not valid JSON");
    return j;
}

/// The text of token `idKey` (tokenizer.ggml.bos_token_id / eos_token_id), "" when the model has none.
std::string specialTokenText(const GgufFile &gguf, std::string_view idKey)
{
    const GgufArray *tokens = gguf.getArray("tokenizer.ggml.tokens");
    const auto id = gguf.getUint(idKey);
    if (!tokens || !id || *id >= tokens->items.size())
        return {};
    const auto *text = std::get_if<std::string>(&tokens->items[*id].data);
    return text ? *text : std::string();
}

/// Control tokens of the vocabulary, joined by spaces: what fallbackTemplate() recognises a family by.
std::string controlTokenHint(const GgufFile &gguf)
{
    const GgufArray *tokens = gguf.getArray("tokenizer.ggml.tokens");
    const GgufArray *types = gguf.getArray("tokenizer.ggml.token_type");
    std::string hint;
    if (!tokens || !types || types->items.size() != tokens->items.size())
        return hint;
    constexpr int64_t kControl = 3;
    for (size_t i = 0; i < tokens->items.size() && hint.size() < (1u << 16); ++i) {
        const auto &t = types->items[i].data;
        const int64_t type = std::holds_alternative<int64_t>(t) ? std::get<int64_t>(t)
            : std::holds_alternative<uint64_t>(t)               ? static_cast<int64_t>(std::get<uint64_t>(t))
                                                                : 0;
        if (type != kControl)
            continue;
        if (const auto *text = std::get_if<std::string>(&tokens->items[i].data))
            hint += *text + ' ';
    }
    return hint;
}

} // namespace

int cmdChatTemplate(const std::vector<std::string> &argv, Io io)
{
    auto args = Args::parse(
        argv, {{"model", 'm', true}, {"messages", 0, true}, {"tools", 0, true}, {"no-generation-prompt", 0, false}});
    if (!args)
        return reportError(io, args.error().message);
    const auto modelPath = args->value("model");
    const auto messagesPath = args->value("messages");
    if (!modelPath || !messagesPath)
        return reportError(io, "chat-template needs -m MODEL and --messages FILE.json");

    auto gguf = GgufFile::open(*modelPath);
    if (!gguf)
        return reportError(io, gguf.error().message);
    auto messages = readJson(*messagesPath);
    if (!messages)
        return reportError(io, messages.error().message);
    if (messages->is_object() && messages->contains("messages"))
        *messages = Json((*messages)["messages"]);
    if (!messages->is_array())
        return reportError(io, *messagesPath + ": expected a JSON array of messages");
    Json tools;
    if (const auto toolsPath = args->value("tools")) {
        auto t = readJson(*toolsPath);
        if (!t)
            return reportError(io, t.error().message);
        tools = std::move(*t);
    }

    const std::string source(gguf->getString("tokenizer.chat_template").value_or(std::string_view()));
    Expected<ChatTemplate> tmpl = source.empty()
        ? Expected<ChatTemplate>(fail(ErrorCode::TemplateSyntax, "the model has no tokenizer.chat_template"))
        : ChatTemplate::parse(source);
    if (!tmpl) {
        const std::string architecture(gguf->getString("general.architecture").value_or(std::string_view()));
        const FallbackTemplate fallback =
            fallbackTemplate(architecture, source.empty() ? controlTokenHint(*gguf) : source);
        io.err << "note: "
               << (source.empty() ? std::string("the model has no chat template")
                                  : "the model's chat template does not parse (" + tmpl.error().message + ")")
               << "; using the built-in '" << fallback.name << "' format\n";
        tmpl = ChatTemplate::parse(fallback.source);
        if (!tmpl)
            return reportError(io, tmpl.error().message);
    }
    const auto text = tmpl->renderChat(*messages,
        tools,
        !args->has("no-generation-prompt"),
        specialTokenText(*gguf, "tokenizer.ggml.bos_token_id"),
        specialTokenText(*gguf, "tokenizer.ggml.eos_token_id"));
    if (!text)
        return reportError(io, text.error().message);
    io.out << *text;
    return 0;
}

int cmdRenderTemplate(const std::vector<std::string> &argv, Io io)
{
    auto args = Args::parse(argv, {{"template", 0, true}, {"context", 0, true}});
    if (!args)
        return reportError(io, args.error().message);
    const auto templatePath = args->value("template");
    const auto contextPath = args->value("context");
    if (!templatePath || !contextPath)
        return reportError(io, "render-template needs --template FILE.jinja and --context FILE.json");
    auto source = readText(*templatePath);
    if (!source)
        return reportError(io, source.error().message);
    auto context = readJson(*contextPath);
    if (!context)
        return reportError(io, context.error().message);
    if (!context->is_object())
        return reportError(io, *contextPath + ": expected a JSON object of template variables");
    // As transformers' apply_chat_template: tools and documents are always defined (none when not given), and
    // add_generation_prompt defaults to false. Keys of an "extra_context" object are variables too.
    if (context->contains("extra_context") && (*context)["extra_context"].is_object()) {
        const Json extra = (*context)["extra_context"];
        for (const auto &[key, value] : extra.items())
            if (!context->contains(key))
                (*context)[key] = value;
    }
    for (const char *key : {"tools", "documents"})
        if (!context->contains(key))
            (*context)[key] = nullptr;
    if (!context->contains("add_generation_prompt"))
        (*context)["add_generation_prompt"] = false;

    auto tmpl = ChatTemplate::parse(*source);
    if (!tmpl)
        return reportError(io, *templatePath + ": " + tmpl.error().message);
    const auto text = tmpl->render(*context);
    if (!text)
        return reportError(io, *templatePath + ": " + text.error().message);
    io.out << *text;
    return 0;
}

} // namespace atrium::cli
