// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "atrium/conversation.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "chat/chat_template.h"
#include "tokenizer/tokenizer.h"

namespace atrium
{

struct Conversation::Impl {
    std::shared_ptr<Model> model;
    ConversationOptions options;
    std::optional<ChatTemplate> chatTemplate;
    bool fallback = false;
    std::unique_ptr<Session> session;
    std::vector<ChatMessage> messages;
    uint32_t lastEvaluated = 0;
    size_t dropped = 0;
};

namespace
{

// The special tokens of a vocabulary as one string: the hint the fallback chooser matches markers in.
std::string specialTokenHint(const Tokenizer &tok)
{
    std::string hint;
    for (int32_t id = 0; id < static_cast<int32_t>(tok.vocabSize()); ++id) {
        if (tok.isControl(id)) {
            hint += tok.tokenText(id);
            hint += ' ';
        }
    }
    return hint;
}

std::string specialText(const Tokenizer &tok, int32_t id)
{
    return id >= 0 ? tok.tokenText(id) : std::string();
}

// Where each message's text sits in the rendered prompt, in order. Templates copy content verbatim or trimmed;
// a content the template rewrote beyond that is not found and gets no protection (it was not copied as typed).
std::vector<TextRange> contentRanges(std::string_view rendered, std::span<const ChatMessage> messages)
{
    std::vector<TextRange> ranges;
    size_t from = 0;
    for (const ChatMessage &m : messages) {
        std::string_view content = m.content;
        size_t at = content.empty() ? std::string_view::npos : rendered.find(content, from);
        if (at == std::string_view::npos) {
            const size_t first = content.find_first_not_of(" \t\r\n");
            const size_t last = content.find_last_not_of(" \t\r\n");
            if (first == std::string_view::npos)
                continue;
            content = content.substr(first, last - first + 1);
            at = rendered.find(content, from);
            if (at == std::string_view::npos)
                continue;
        }
        ranges.push_back(TextRange {at, content.size()});
        from = at + content.size();
    }
    return ranges;
}

} // namespace

Conversation::Conversation()
    : m_impl(std::make_unique<Impl>())
{
}

Conversation::~Conversation() = default;

Expected<std::unique_ptr<Conversation>> Conversation::create(
    std::shared_ptr<Model> model, const ConversationOptions &options)
{
    std::unique_ptr<Conversation> c(new Conversation());
    Impl &d = *c->m_impl;
    d.options = options;
    std::string source = options.templateOverride;
    if (source.empty())
        source = model->chatTemplate().value_or(std::string());
    if (!source.empty()) {
        auto parsed = ChatTemplate::parse(source);
        if (!parsed && !options.templateOverride.empty())
            return fail(parsed.error().code, "the chat template override does not parse: " + parsed.error().message);
        if (parsed)
            d.chatTemplate = std::move(parsed).value();
    }
    if (!d.chatTemplate) {
        // No template, or the model's own does not parse: a built-in format chosen like llama.cpp does.
        const std::string hint = source.empty() ? specialTokenHint(model->tokenizer()) : source;
        FallbackTemplate fb = fallbackTemplate(model->info().architecture, hint);
        ATRIUM_TRY(ChatTemplate parsed, ChatTemplate::parse(fb.source));
        d.chatTemplate = std::move(parsed);
        d.fallback = true;
    }
    d.session = std::make_unique<Session>(model);
    d.model = std::move(model);
    return c;
}

Expected<std::string> Conversation::render(std::span<const ChatMessage> messages, bool addGenerationPrompt) const
{
    const Tokenizer &tok = m_impl->model->tokenizer();
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ChatMessage &m : messages)
        list.push_back({{"role", m.role}, {"content", m.content}});
    return m_impl->chatTemplate->renderChat(
        list, nullptr, addGenerationPrompt, specialText(tok, tok.bos()), specialText(tok, tok.eos()));
}

Expected<std::vector<int32_t>> Conversation::tokenize(
    std::span<const ChatMessage> messages, bool addGenerationPrompt) const
{
    const Tokenizer &tok = m_impl->model->tokenizer();
    ATRIUM_TRY(const std::string prompt, render(messages, addGenerationPrompt));
    // Templates that write BOS themselves (Llama 3, Gemma, …) must not get a second one from the tokenizer.
    const std::string bosText = specialText(tok, tok.bos());
    const bool templateHasBos = !bosText.empty() && prompt.rfind(bosText, 0) == 0;
    const std::vector<TextRange> plain = contentRanges(prompt, messages);
    return tok.encode(prompt, tok.addBos() && !templateHasBos, true, plain);
}

Expected<GenerationResult> Conversation::send(std::string userText,
    const SamplerParams &params,
    int maxTokens,
    const TokenCallback &onToken,
    std::stop_token stop)
{
    m_impl->messages.push_back(ChatMessage {"user", std::move(userText)});
    return respond(params, maxTokens, onToken, std::move(stop));
}

Expected<GenerationResult> Conversation::respond(
    const SamplerParams &params, int maxTokens, const TokenCallback &onToken, std::stop_token stop)
{
    Impl &d = *m_impl;
    if (d.messages.empty() || d.messages.back().role != "user")
        return fail(ErrorCode::InvalidArgument, "a reply needs a user message last");
    const uint32_t ctx = d.model->contextLength();
    const uint32_t reserve = std::min<uint32_t>(d.options.replyReserve, ctx / 2);

    ATRIUM_TRY(std::vector<int32_t> prompt, tokenize(d.messages));
    while (prompt.size() + reserve > ctx) {
        // The first message stays when it is the system prompt; the newest user turn always stays.
        const size_t keep = d.messages.front().role == "system" ? 1 : 0;
        if (d.options.contextPolicy == ContextPolicy::Stop || d.messages.size() <= keep + 1) {
            return fail(ErrorCode::ContextFull,
                "the conversation needs " + std::to_string(prompt.size())
                    + " tokens plus room for a reply, but "
                      "the context holds "
                    + std::to_string(ctx)
                    + ": start a new conversation or choose a larger "
                      "context size");
        }
        // Drop the oldest turn: a user message and the assistant reply that follows it.
        size_t end = keep + 1;
        while (end < d.messages.size() - 1 && d.messages[end].role != "user")
            ++end;
        d.dropped += end - keep;
        d.messages.erase(d.messages.begin() + static_cast<std::ptrdiff_t>(keep),
            d.messages.begin() + static_cast<std::ptrdiff_t>(end));
        ATRIUM_TRY(std::vector<int32_t> shorter, tokenize(d.messages));
        prompt = std::move(shorter);
    }

    const auto start = std::chrono::steady_clock::now();
    ATRIUM_TRY(const uint32_t evaluated, d.session->prefill(prompt));
    const double prefillMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    d.lastEvaluated = evaluated;
    const int room = static_cast<int>(ctx - d.session->nPast());
    ATRIUM_TRY(
        GenerationResult result, d.session->generate({}, params, std::min(maxTokens, room), onToken, std::move(stop)));
    // The prompt went through prefill(), so its time belongs to the prompt and to the first token.
    result.promptMs += prefillMs;
    result.ttftMs += prefillMs;
    result.promptTokens = static_cast<int>(evaluated);
    d.messages.push_back(ChatMessage {"assistant", result.text});
    return result;
}

const std::vector<ChatMessage> &Conversation::messages() const
{
    return m_impl->messages;
}

void Conversation::setMessages(std::vector<ChatMessage> messages)
{
    m_impl->messages = std::move(messages);
}

void Conversation::truncateMessages(size_t n)
{
    if (n < m_impl->messages.size())
        m_impl->messages.resize(n);
}

uint32_t Conversation::lastPromptEvaluated() const
{
    return m_impl->lastEvaluated;
}

size_t Conversation::droppedMessages() const
{
    return m_impl->dropped;
}

bool Conversation::usesFallbackTemplate() const
{
    return m_impl->fallback;
}

const std::string &Conversation::templateSource() const
{
    return m_impl->chatTemplate->source();
}

Session &Conversation::session()
{
    return *m_impl->session;
}

} // namespace atrium
