// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

#include "atrium/expected.h"
#include "atrium/model.h"
#include "atrium/sampler.h"
#include "atrium/session.h"

namespace atrium
{

/// One turn of a chat: role ("system", "user", "assistant") and its text.
struct ChatMessage {
    std::string role;
    std::string content;
};

/// What happens when a conversation no longer fits in the model's context.
enum class ContextPolicy {
    Stop, ///< fail with ContextFull and a message; the caller decides (new conversation, larger context)
    DropOldest, ///< drop the oldest turns, keeping the system prompt and the newest user turn
};

struct ConversationOptions {
    /// Jinja source to use instead of the model's own template (the user's override); empty = the model's.
    std::string templateOverride;
    ContextPolicy contextPolicy = ContextPolicy::Stop;
    /// Tokens kept free for the reply when deciding whether the prompt fits.
    uint32_t replyReserve = 256;
};

/// A multi-turn chat on one Model with the model's own chat template. The prompt is rendered from the messages,
/// tokenized with the template's own special tokens parsed but message text kept as text (a user who types
/// "<|im_end|>" gets those characters, not a control token), and evaluated through Session::prefill(), so a new
/// turn evaluates only the tokens after the prefix the KV cache already holds; regenerate and edit roll back to
/// the shared prefix the same way. Thread-confined like Session.
class Conversation
{
public:
    /// Parses the template (override, else the model's, else a documented fallback chosen from the
    /// architecture and vocabulary; usesFallbackTemplate() tells which).
    static Expected<std::unique_ptr<Conversation>> create(
        std::shared_ptr<Model> model, const ConversationOptions &options = {});
    ~Conversation();

    /// The prompt text for `messages` (exactly what is tokenized).
    Expected<std::string> render(std::span<const ChatMessage> messages, bool addGenerationPrompt = true) const;
    /// The prompt tokens for `messages`: BOS as the model wants it (never twice), template specials parsed,
    /// message contents plain text.
    Expected<std::vector<int32_t>> tokenize(
        std::span<const ChatMessage> messages, bool addGenerationPrompt = true) const;

    /// Appends a user message and generates the assistant's reply, which is appended to messages() as it ends
    /// (also when stopped early, so a partial reply is kept).
    Expected<GenerationResult> send(std::string userText,
        const SamplerParams &params,
        int maxTokens,
        const TokenCallback &onToken = {},
        std::stop_token stop = {});
    /// Generates a reply to the current messages (the last one must be the user's): regenerate after
    /// truncateMessages(), or answer after an edit.
    Expected<GenerationResult> respond(
        const SamplerParams &params, int maxTokens, const TokenCallback &onToken = {}, std::stop_token stop = {});

    const std::vector<ChatMessage> &messages() const;
    void setMessages(std::vector<ChatMessage> messages);
    /// Keeps the first n messages (regenerate: drop the last reply; edit: drop from the edited message on).
    void truncateMessages(size_t n);

    /// Tokens the last respond()/send() had to evaluate for its prompt (the rest came from the KV cache).
    uint32_t lastPromptEvaluated() const;
    /// Messages dropped from the start by ContextPolicy::DropOldest so far.
    size_t droppedMessages() const;
    bool usesFallbackTemplate() const;
    const std::string &templateSource() const;
    Session &session();

private:
    Conversation();
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace atrium
