// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <string_view>

#include "chat/jinja_ast.h"

namespace atrium::jinja
{

/// Parses template source into a syntax tree with jinja2's grammar and precedence. Throws TemplateException
/// (ErrorCode::TemplateSyntax, with the line) on a syntax error.
std::unique_ptr<ast::Template> parseTemplate(std::string_view source);

} // namespace atrium::jinja

namespace atrium::jinja
{

/// The compile-time checks jinja2 makes after parsing: unknown filters and tests are errors unless they sit inside
/// an `if` (where jinja2 defers the error to when they run), and a for loop may not assign to `loop`.
void validateTemplate(const ast::Template &tmpl);

} // namespace atrium::jinja

namespace atrium::jinja
{

/// Fills each scope's `shadowed` names (jinja2's static name resolution; see jinja_scopes.cpp).
void resolveScopes(ast::Template &tmpl);

} // namespace atrium::jinja
