// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <functional>
#include <string_view>

#include "chat/jinja_interpreter.h"

namespace atrium::jinja
{

/// Filters over sequences and mappings (jinja_filters_seq.cpp); null when unknown.
FilterFn findSequenceFilter(std::string_view name);

/// jinja2's make_attrgetter: "a.b.0" looked up item-first on each element, optionally lower-cased (for
/// case-insensitive comparisons) and with a default for undefined results.
std::function<Value(const Value &)> makeAttrGetter(
    Interpreter &interp, const Value &attribute, bool ignoreCase, const Value &fallback = Value());

} // namespace atrium::jinja
