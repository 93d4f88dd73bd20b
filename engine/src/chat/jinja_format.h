// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "chat/jinja_value.h"

/// Python's text formatting as templates reach it: `str % args`, str.format(), json.dumps(), strftime().
namespace atrium::jinja
{

class Interpreter;

/// `fmt % args` (printf-style). A tuple gives positional arguments, a dict named ones (`%(name)s`), anything else
/// is the single argument. With `markup`, the arguments are HTML-escaped (Markup.__mod__).
std::string percentFormat(std::string_view fmt, const Value &args, bool markup, Interpreter &interp);
/// str.format(*args, **kwargs) with the format-spec mini-language.
std::string strFormat(std::string_view fmt, const CallArgs &args, Interpreter &interp);
/// format(value, spec): one replacement field's formatting.
std::string formatSpec(const Value &value, std::string_view spec);

/// json.dumps options (transformers' tojson filter passes these through).
struct JsonOptions {
    std::optional<std::string> indent; ///< nullopt: one line
    std::string itemSeparator = ", ";
    std::string keySeparator = ": ";
    bool sortKeys = false;
    bool ensureAscii = false;
};
/// json.dumps(value, ...); TypeError for values JSON cannot hold (undefined, generators, namespaces, ...).
std::string toJson(const Value &value, const JsonOptions &options);

/// time.strftime with the C locale (glibc flags `-`, `_`, `0`, `^` supported). Naive time: %z and %Z are empty.
std::string formatTime(std::string_view fmt, const std::tm &time);

/// Python's str.strip / lstrip / rstrip: Unicode whitespace, or any of `chars`.
std::string pyStrip(std::string_view s, const std::optional<std::string> &chars, bool left, bool right);
/// Python's str.splitlines(keepends=False).
std::vector<std::string> pySplitLines(std::string_view s, bool keepEnds = false);
/// Python's str.split(sep=None / sep, maxsplit).
std::vector<std::string> pySplit(std::string_view s, const std::optional<std::string> &sep, int64_t maxSplit);
/// Python's str.rsplit.
std::vector<std::string> pyRSplit(std::string_view s, const std::optional<std::string> &sep, int64_t maxSplit);
/// Python's str.replace(old, new, count).
std::string pyReplace(std::string_view s, std::string_view from, std::string_view to, int64_t count);

} // namespace atrium::jinja
