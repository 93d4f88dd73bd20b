// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/app_error.h"
#include "inference/generation_types.h"

namespace atrium
{
class ChatTemplate;
class Model;
} // namespace atrium

/// Turns the chat turns into the token ids the model expects: through the chat template stored in the GGUF file
/// when it has one, otherwise as plain text the model continues (base models such as TinyStories have no template).
class PromptBuilder
{
public:
    explicit PromptBuilder(const atrium::Model &model);
    ~PromptBuilder();

    /// True when a chat template (the model's own, or a built-in format when the model's does not parse) formats
    /// the conversation.
    bool usesTemplate() const;
    /// Why the model's own template is not used ("" when it is, or when the model has none).
    QString templateWarning() const;
    /// The text the model sees for `turns`, with the assistant's turn opened.
    AppExpected<std::string> render(const QList<ChatTurn> &turns) const;
    /// render() tokenized.
    AppExpected<std::vector<int32_t>> tokenize(const QList<ChatTurn> &turns) const;

private:
    const atrium::Model &m_model;
    std::unique_ptr<atrium::ChatTemplate> m_template;
    QString m_warning;
};
