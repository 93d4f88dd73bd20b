// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace atrium::jinja
{

enum class TokenType : uint8_t {
    Data, ///< template text outside tags
    VariableBegin, ///< {{
    VariableEnd, ///< }}
    BlockBegin, ///< {%
    BlockEnd, ///< %}
    Name,
    String,
    Integer,
    Float,
    Operator, ///< `value` holds the operator text ("+", "//", "==", "(", ...)
    Eof,
};

struct Token {
    TokenType type = TokenType::Eof;
    std::string value; ///< text of data, names, operators; the unescaped text of string literals
    int64_t intValue = 0;
    double floatValue = 0.0;
    int line = 1;

    bool isOp(std::string_view op) const
    {
        return type == TokenType::Operator && value == op;
    }
    bool isName(std::string_view name) const
    {
        return type == TokenType::Name && value == name;
    }
};

/// Splits a template into tokens exactly as jinja2's lexer does under transformers' settings (trim_blocks,
/// lstrip_blocks, keep_trailing_newline=False): newlines normalised to "\n", one trailing newline dropped,
/// whitespace control with `-` and `+`, raw blocks, comments removed. Throws TemplateException (TemplateSyntax).
std::vector<Token> tokenize(std::string_view source);

} // namespace atrium::jinja
