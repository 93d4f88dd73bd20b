// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstddef>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "atrium/expected.h"

namespace atrium
{

namespace jinja::ast
{
struct Template;
}

/// Options of one render. The limits keep a hostile template from running away; hitting one is a
/// TemplateRuntime error naming the limit.
struct RenderOptions {
    /// The local time strftime_now() formats. Unset: the system clock.
    std::optional<std::tm> now;
    size_t maxOutputBytes = 16u << 20; ///< rendered text and any single string value
    size_t maxLoopIterations = 1'000'000; ///< loop iterations and generated items, in total (a macro call counts 10)
    int maxRecursionDepth = 100; ///< nested macro / caller calls
};

/// A parsed `tokenizer.chat_template`: a Jinja template rendered exactly as Hugging Face transformers renders it
/// (Python jinja2's ImmutableSandboxedEnvironment with trim_blocks, lstrip_blocks and loop controls; globals
/// raise_exception and strftime_now; transformers' tojson). Rendering is sandboxed: templates reach no files, no
/// environment and no host objects, and message text is data that is never evaluated as Jinja.
/// Immutable after parse(); render() may run concurrently from several threads.
class ChatTemplate
{
public:
    /// Parses template source. A syntax error is ErrorCode::TemplateSyntax with "line N: message".
    static Expected<ChatTemplate> parse(std::string_view source);

    /// Renders with `context` as the template's variables (an object; keys keep their order, which `tojson` and
    /// `items` expose). Failures, including the template's own raise_exception(), are ErrorCode::TemplateRuntime
    /// with "line N: message".
    Expected<std::string> render(const nlohmann::ordered_json &context, const RenderOptions &options = {}) const;
    /// Same, from an nlohmann::json (whose objects are sorted by key, so key order is not the original one).
    Expected<std::string> render(const nlohmann::json &context, const RenderOptions &options = {}) const;

    /// Renders a conversation the way transformers' apply_chat_template does: `messages`, `tools` (null when
    /// `tools` is null), `documents` (null), `add_generation_prompt`, `bos_token`, `eos_token`, then every key of
    /// `extra` (for example `enable_thinking`).
    Expected<std::string> renderChat(const nlohmann::ordered_json &messages,
        const nlohmann::ordered_json &tools,
        bool addGenerationPrompt,
        std::string_view bosToken,
        std::string_view eosToken,
        const nlohmann::ordered_json &extra = nlohmann::ordered_json::object(),
        const RenderOptions &options = {}) const;

    const std::string &source() const;

private:
    ChatTemplate() = default;
    struct Impl;
    std::shared_ptr<const Impl> m_impl;
};

/// A built-in chat format, for models whose GGUF has no template (or one that does not parse).
struct FallbackTemplate {
    std::string name; ///< "chatml", "llama3", "gemma", ...
    std::string source; ///< Jinja source, rendered by ChatTemplate like any model template
};

/// Chooses a built-in format the way llama.cpp's llm_chat_detect_template does: first by markers in `hint` (the
/// model's template text when it has one that failed, or the special tokens of its vocabulary joined by spaces),
/// then by `architecture` (general.architecture); ChatML when nothing matches.
FallbackTemplate fallbackTemplate(std::string_view architecture, std::string_view hint);

} // namespace atrium
