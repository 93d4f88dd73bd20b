// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "inference/prompt_builder.h"

#include <nlohmann/json.hpp>

#include "atrium/model.h"
#include "chat/chat_template.h"
#include "tokenizer/tokenizer.h"

using namespace Qt::StringLiterals;

PromptBuilder::PromptBuilder(const atrium::Model &model)
    : m_model(model)
{
    const std::optional<std::string> source = model.chatTemplate();
    if (!source)
        return; // a base model: the conversation is text to continue
    auto parsed = atrium::ChatTemplate::parse(*source);
    if (parsed) {
        m_template = std::make_unique<atrium::ChatTemplate>(std::move(parsed).value());
        return;
    }
    m_warning = u"The model's chat template could not be read (%1); a built-in format is used instead."_s.arg(
        QString::fromStdString(parsed.error().message));
    const atrium::FallbackTemplate fallback = atrium::fallbackTemplate(model.info().architecture, *source);
    if (auto builtIn = atrium::ChatTemplate::parse(fallback.source))
        m_template = std::make_unique<atrium::ChatTemplate>(std::move(builtIn).value());
}

PromptBuilder::~PromptBuilder() = default;

bool PromptBuilder::usesTemplate() const
{
    return m_template != nullptr;
}

QString PromptBuilder::templateWarning() const
{
    return m_warning;
}

AppExpected<std::string> PromptBuilder::render(const QList<ChatTurn> &turns) const
{
    if (m_template) {
        nlohmann::ordered_json messages = nlohmann::ordered_json::array();
        for (const ChatTurn &turn : turns) {
            if (turn.role == "system"_L1 && turn.content.trimmed().isEmpty())
                continue;
            messages.push_back({{"role", turn.role.toStdString()}, {"content", turn.content.toStdString()}});
        }
        const atrium::Tokenizer &tok = m_model.tokenizer();
        const std::string bos = tok.bos() >= 0 ? tok.tokenText(tok.bos()) : std::string();
        const std::string eos = tok.eos() >= 0 ? tok.tokenText(tok.eos()) : std::string();
        auto text = m_template->renderChat(messages, nullptr, true, bos, eos);
        if (!text)
            return appFail(AppError::Kind::Engine,
                u"The model's chat template failed on this conversation."_s,
                QString::fromStdString(text.error().message));
        return std::move(text).value();
    }
    // Without a template the conversation is a text to continue: the turns' contents one after another.
    std::string text;
    for (const ChatTurn &turn : turns) {
        if (turn.content.isEmpty())
            continue;
        if (!text.empty())
            text += '\n';
        text += turn.content.toStdString();
    }
    if (text.empty())
        return appFail(AppError::Kind::InvalidInput, u"There is nothing to answer yet."_s);
    return text;
}

AppExpected<std::vector<int32_t>> PromptBuilder::tokenize(const QList<ChatTurn> &turns) const
{
    ATRIUM_TRY(const std::string text, render(turns));
    const atrium::Tokenizer &tok = m_model.tokenizer();
    // Templates usually write the BOS text themselves; adding another would give the model two.
    bool addSpecial = true;
    if (m_template && tok.bos() >= 0) {
        const std::string bos = tok.tokenText(tok.bos());
        addSpecial = bos.empty() || text.rfind(bos, 0) != 0;
    }
    auto ids = tok.encode(text, addSpecial, usesTemplate());
    if (!ids)
        return appFail(AppError::Kind::Engine,
            u"The model's tokenizer could not read this text."_s,
            QString::fromStdString(ids.error().message));
    return std::move(ids).value();
}
