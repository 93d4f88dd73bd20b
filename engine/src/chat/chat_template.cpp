// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "chat/chat_template.h"

#include <new>

#include "chat/jinja_interpreter.h"
#include "chat/jinja_parser.h"

namespace atrium
{

struct ChatTemplate::Impl {
    std::string source;
    std::unique_ptr<jinja::ast::Template> tree;
};

namespace
{

Error toError(const jinja::TemplateException &e, int currentLine)
{
    const int line = e.line > 0 ? e.line : currentLine;
    std::string message = line > 0 ? "line " + std::to_string(line) + ": " + e.message : e.message;
    return Error {e.code, std::move(message)};
}

std::tm systemNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm out {};
#ifdef _WIN32
    localtime_s(&out, &t);
#else
    localtime_r(&t, &out);
#endif
    return out;
}

} // namespace

Expected<ChatTemplate> ChatTemplate::parse(std::string_view source)
{
    auto impl = std::make_shared<Impl>();
    impl->source = std::string(source);
    try {
        impl->tree = jinja::parseTemplate(source);
        jinja::validateTemplate(*impl->tree);
    } catch (const jinja::TemplateException &e) {
        return fail(toError(e, 0));
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::OutOfMemory, "out of memory while parsing the chat template");
    }
    ChatTemplate t;
    t.m_impl = std::move(impl);
    return t;
}

const std::string &ChatTemplate::source() const
{
    return m_impl->source;
}

Expected<std::string> ChatTemplate::render(const nlohmann::ordered_json &context, const RenderOptions &options) const
{
    if (!context.is_object())
        return fail(ErrorCode::InvalidArgument, "the template context must be a JSON object");
    jinja::RenderConfig config;
    config.now = options.now ? *options.now : systemNow();
    config.maxOutputBytes = options.maxOutputBytes;
    config.maxLoopIterations = options.maxLoopIterations;
    config.maxCallDepth = options.maxRecursionDepth;
    jinja::Interpreter interp(config);
    try {
        return interp.render(*m_impl->tree, context);
    } catch (const jinja::TemplateException &e) {
        return fail(toError(e, interp.currentLine()));
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::OutOfMemory, "out of memory while rendering the chat template");
    } catch (const std::exception &e) {
        return fail(ErrorCode::TemplateRuntime, "line " + std::to_string(interp.currentLine()) + ": " + e.what());
    }
}

Expected<std::string> ChatTemplate::render(const nlohmann::json &context, const RenderOptions &options) const
{
    return render(nlohmann::ordered_json(context), options);
}

Expected<std::string> ChatTemplate::renderChat(const nlohmann::ordered_json &messages,
    const nlohmann::ordered_json &tools,
    bool addGenerationPrompt,
    std::string_view bosToken,
    std::string_view eosToken,
    const nlohmann::ordered_json &extra,
    const RenderOptions &options) const
{
    nlohmann::ordered_json context = nlohmann::ordered_json::object();
    context["messages"] = messages;
    context["tools"] = tools;
    context["documents"] = nullptr;
    context["add_generation_prompt"] = addGenerationPrompt;
    context["bos_token"] = std::string(bosToken);
    context["eos_token"] = std::string(eosToken);
    if (extra.is_object())
        for (const auto &[key, value] : extra.items())
            context[key] = value;
    return render(context, options);
}

} // namespace atrium
