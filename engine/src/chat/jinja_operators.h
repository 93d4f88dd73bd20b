// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <string>
#include <string_view>

#include "chat/jinja_ast.h"
#include "chat/jinja_value.h"

namespace atrium::jinja
{

class Interpreter;

/// Python's + - * / // % ** on template values (including str % args formatting and Markup escaping).
Value binaryOp(ast::BinaryOp op, const Value &a, const Value &b, Interpreter &interp);
/// Unary minus / plus.
Value unaryOp(ast::UnaryOp op, const Value &v);
/// Python's `item in container`.
bool contains(const Value &container, const Value &item, Interpreter &interp);
/// markupsafe.escape of a plain string.
std::string htmlEscape(std::string_view s);
/// Python slicing semantics for a sequence of `length` items: fills the selected indices.
std::vector<size_t> sliceIndices(int64_t length, const Value &start, const Value &stop, const Value &step);

} // namespace atrium::jinja
