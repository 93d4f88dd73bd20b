// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Methods of str, dict and list that templates call (`s.strip()`, `d.items()`, `l.index(x)`), as the immutable
// sandbox allows them.
#include <algorithm>
#include <iterator>

#include "chat/jinja_args.h"
#include "chat/jinja_format.h"
#include "chat/jinja_interpreter.h"
#include "chat/jinja_operators.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

namespace
{

using MethodFn = Value (*)(Interpreter &, const Value &, CallArgs &);

Value escapeArg(const Value &v)
{
    return v.isMarkup() ? v : Value::string(htmlEscape(v.toStr()), true);
}

Value asMarkup(const Value &v)
{
    if (v.isString())
        return Value::string(v.str(), true);
    if (v.isList() && !v.isGenerator()) {
        std::vector<Value> items;
        for (const Value &item : v.items())
            items.push_back(asMarkup(item));
        return Value::list(std::move(items), v.flags());
    }
    return v;
}

/// markupsafe.Markup's overrides: results stay Markup, inserted text (join items, replace's `new`, fill
/// characters, format arguments) is escaped first.
Value callOnMarkup(Interpreter &interp, const Value &self, const std::string &name, MethodFn fn, CallArgs &args)
{
    static constexpr std::string_view kWrapped[] = {"split",
        "rsplit",
        "splitlines",
        "capitalize",
        "title",
        "lower",
        "upper",
        "replace",
        "ljust",
        "rjust",
        "lstrip",
        "rstrip",
        "center",
        "strip",
        "swapcase",
        "zfill",
        "casefold",
        "removeprefix",
        "removesuffix",
        "partition",
        "rpartition",
        "format",
        "join"};
    if (std::find(std::begin(kWrapped), std::end(kWrapped), name) == std::end(kWrapped))
        return fn(interp, self, args);
    if (name == "join" && !args.positional.empty()) {
        std::vector<Value> items;
        for (const Value &item : interp.iterate(args.positional[0]))
            items.push_back(escapeArg(item));
        args.positional[0] = Value::list(std::move(items));
    } else if ((name == "replace" || name == "ljust" || name == "rjust" || name == "center")
        && args.positional.size() > 1 && args.positional[1].isString()) {
        args.positional[1] = escapeArg(args.positional[1]);
    } else if (name == "format") {
        for (Value &v : args.positional)
            v = escapeArg(v);
        for (auto &[k, v] : args.keyword)
            v = escapeArg(v);
    }
    return asMarkup(fn(interp, self, args));
}

struct BoundMethod : CallableObject {
    Value self;
    MethodFn fn = nullptr;
    Value call(Interpreter &interp, CallArgs &args) override
    {
        if (self.isMarkup())
            return callOnMarkup(interp, self, name, fn, args);
        return fn(interp, self, args);
    }
};

struct MethodEntry {
    std::string_view name;
    MethodFn fn;
};

Value str(std::string s, const Value &self)
{
    return Value::string(std::move(s), self.isMarkup());
}

Value stringList(std::vector<std::string> parts)
{
    std::vector<Value> out;
    out.reserve(parts.size());
    for (auto &p : parts)
        out.push_back(Value::string(std::move(p)));
    return Value::list(std::move(out));
}

/// Byte offset of code point index `cp` (clamped like a Python slice bound) in `s`.
size_t byteOffset(std::string_view s, int64_t cp)
{
    if (unicode::isAscii(s)) {
        if (cp < 0)
            cp = std::max<int64_t>(0, cp + static_cast<int64_t>(s.size()));
        return static_cast<size_t>(std::min<int64_t>(cp, static_cast<int64_t>(s.size())));
    }
    if (cp < 0)
        cp = std::max<int64_t>(0, cp + static_cast<int64_t>(unicode::length(s)));
    size_t i = 0;
    for (int64_t k = 0; k < cp && i < s.size(); ++k)
        unicode::decode(s, i);
    return i;
}

int64_t cpIndex(std::string_view s, size_t byte)
{
    return static_cast<int64_t>(unicode::length(s.substr(0, byte)));
}

/// The [start, end) byte window of optional start/end arguments at positions i, i+1.
std::pair<size_t, size_t> window(std::string_view s, const ArgReader &r, size_t i)
{
    const size_t begin = r.get(i).isNone() ? 0 : byteOffset(s, r.integer(i, 0));
    const size_t end = r.get(i + 1).isNone() ? s.size() : byteOffset(s, r.integer(i + 1, 0));
    return {begin, std::max(begin, end)};
}

Value strStrip(const Value &self, CallArgs &args, bool left, bool right, const char *name)
{
    ArgReader r(name, args, {"chars"});
    return str(pyStrip(self.str(), r.optString(0), left, right), self);
}

Value affix(const Value &self, CallArgs &args, bool prefix)
{
    ArgReader r(prefix ? "startswith" : "endswith", args, {"prefix", "start", "end"});
    const std::string &s = self.str();
    const auto [begin, end] = window(s, r, 1);
    const std::string_view text = std::string_view(s).substr(begin, end - begin);
    const Value &arg = r.required(0);
    std::vector<Value> candidates;
    if (arg.isTuple())
        candidates = arg.items();
    else
        candidates.push_back(arg);
    for (const Value &c : candidates) {
        if (!c.isString())
            throwTypeError(std::string(prefix ? "startswith" : "endswith")
                + " first arg must be str or a tuple of str, not " + c.typeName());
        const std::string &p = c.str();
        if (p.size() <= text.size()
            && (prefix ? text.compare(0, p.size(), p) == 0 : text.compare(text.size() - p.size(), p.size(), p) == 0))
            return Value::boolean(true);
    }
    return Value::boolean(false);
}

Value findImpl(const Value &self, CallArgs &args, const char *name, bool reverse, bool raise)
{
    ArgReader r(name, args, {"sub", "start", "end"});
    const std::string &s = self.str();
    const std::string sub = r.string(0);
    const auto [begin, end] = window(s, r, 1);
    const std::string_view text = std::string_view(s).substr(begin, end - begin);
    const size_t pos = reverse ? text.rfind(sub) : text.find(sub);
    if (pos == std::string_view::npos) {
        if (raise)
            throwRuntime("ValueError: substring not found");
        return Value::integer(-1);
    }
    return Value::integer(cpIndex(s, begin + pos));
}

Value countImpl(Interpreter &, const Value &self, CallArgs &args)
{
    ArgReader r("count", args, {"sub", "start", "end"});
    const std::string &s = self.str();
    const std::string sub = r.string(0);
    const auto [begin, end] = window(s, r, 1);
    const std::string_view text = std::string_view(s).substr(begin, end - begin);
    if (sub.empty())
        return Value::integer(static_cast<int64_t>(unicode::length(text)) + 1);
    int64_t n = 0;
    for (size_t pos = text.find(sub); pos != std::string_view::npos; pos = text.find(sub, pos + sub.size()))
        ++n;
    return Value::integer(n);
}

Value justify(const Value &self, CallArgs &args, const char *name, char how)
{
    ArgReader r(name, args, {"width", "fillchar"});
    const int64_t width = std::min<int64_t>(r.integer(0, 0), 1 << 20);
    std::string fill = " ";
    if (r.has(1)) {
        fill = r.string(1);
        if (unicode::length(fill) != 1)
            throwTypeError("The fill character must be exactly one character long");
    }
    const std::string &s = self.str();
    const int64_t len = static_cast<int64_t>(unicode::length(s));
    if (width <= len)
        return self;
    const int64_t marg = width - len;
    int64_t left = how == '<' ? 0 : how == '>' ? marg : marg / 2 + (marg & width & 1);
    std::string out;
    for (int64_t i = 0; i < left; ++i)
        out += fill;
    out += s;
    for (int64_t i = 0; i < marg - left; ++i)
        out += fill;
    return str(std::move(out), self);
}

template <bool (*Pred)(char32_t)>
Value classify(Interpreter &, const Value &self, CallArgs &args)
{
    ArgReader r("is", args, {});
    const std::string &s = self.str();
    if (s.empty())
        return Value::boolean(false);
    for (size_t i = 0; i < s.size();)
        if (!Pred(unicode::decode(s, i)))
            return Value::boolean(false);
    return Value::boolean(true);
}

bool isAlnum(char32_t c)
{
    return unicode::isAlpha(c) || unicode::isDecimal(c) || unicode::isDigit(c) || unicode::isNumeric(c);
}

/// islower / isupper: at least one cased character, and no cased character of the other kind.
Value caseCheck(const Value &self, bool lower)
{
    bool cased = false;
    const std::string &s = self.str();
    for (size_t i = 0; i < s.size();) {
        const char32_t c = unicode::decode(s, i);
        if (lower ? (unicode::isUpper(c) || unicode::isTitle(c)) : (unicode::isLower(c) || unicode::isTitle(c)))
            return Value::boolean(false);
        cased = cased || (lower ? unicode::isLower(c) : unicode::isUpper(c));
    }
    return Value::boolean(cased);
}

Value partition(const Value &self, CallArgs &args, bool reverse)
{
    ArgReader r(reverse ? "rpartition" : "partition", args, {"sep"});
    const std::string sep = r.string(0);
    if (sep.empty())
        throwRuntime("ValueError: empty separator");
    const std::string &s = self.str();
    const size_t pos = reverse ? s.rfind(sep) : s.find(sep);
    if (pos == std::string::npos) {
        if (reverse)
            return Value::tuple({Value::string(""), Value::string(""), Value::string(s)});
        return Value::tuple({Value::string(s), Value::string(""), Value::string("")});
    }
    return Value::tuple(
        {Value::string(s.substr(0, pos)), Value::string(sep), Value::string(s.substr(pos + sep.size()))});
}

Value joinImpl(Interpreter &interp, const Value &self, CallArgs &args)
{
    ArgReader r("join", args, {"iterable"});
    std::string out;
    size_t index = 0;
    for (const Value &item : interp.iterate(r.required(0))) {
        if (!item.isString())
            throwTypeError(
                "sequence item " + std::to_string(index) + ": expected str instance, " + item.typeName() + " found");
        if (index++)
            out += self.str();
        out += item.str();
        interp.checkSize(out.size());
    }
    return str(std::move(out), self);
}

const MethodEntry kStringMethods[] = {
    {"strip", [](Interpreter &, const Value &s, CallArgs &a) { return strStrip(s, a, true, true, "strip"); }},
    {"lstrip", [](Interpreter &, const Value &s, CallArgs &a) { return strStrip(s, a, true, false, "lstrip"); }},
    {"rstrip", [](Interpreter &, const Value &s, CallArgs &a) { return strStrip(s, a, false, true, "rstrip"); }},
    {"split",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("split", a, {"sep", "maxsplit"});
            return stringList(pySplit(s.str(), r.optString(0), r.integer(1, -1)));
        }},
    {"rsplit",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("rsplit", a, {"sep", "maxsplit"});
            return stringList(pyRSplit(s.str(), r.optString(0), r.integer(1, -1)));
        }},
    {"splitlines",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("splitlines", a, {"keepends"});
            return stringList(pySplitLines(s.str(), r.flag(0, false)));
        }},
    {"startswith", [](Interpreter &, const Value &s, CallArgs &a) { return affix(s, a, true); }},
    {"endswith", [](Interpreter &, const Value &s, CallArgs &a) { return affix(s, a, false); }},
    {"upper",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("upper", a, {});
            return str(unicode::upper(s.str()), s);
        }},
    {"lower",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("lower", a, {});
            return str(unicode::lower(s.str()), s);
        }},
    {"casefold",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("casefold", a, {});
            return str(unicode::lower(s.str()), s);
        }},
    {"title",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("title", a, {});
            return str(unicode::title(s.str()), s);
        }},
    {"capitalize",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("capitalize", a, {});
            return str(unicode::capitalize(s.str()), s);
        }},
    {"swapcase",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("swapcase", a, {});
            return str(unicode::swapcase(s.str()), s);
        }},
    {"replace",
        [](Interpreter &i, const Value &s, CallArgs &a) {
            ArgReader r("replace", a, {"old", "new", "count"});
            std::string out = pyReplace(s.str(), r.string(0), r.string(1), r.integer(2, -1));
            i.checkSize(out.size());
            return str(std::move(out), s);
        }},
    {"find", [](Interpreter &, const Value &s, CallArgs &a) { return findImpl(s, a, "find", false, false); }},
    {"rfind", [](Interpreter &, const Value &s, CallArgs &a) { return findImpl(s, a, "rfind", true, false); }},
    {"index", [](Interpreter &, const Value &s, CallArgs &a) { return findImpl(s, a, "index", false, true); }},
    {"rindex", [](Interpreter &, const Value &s, CallArgs &a) { return findImpl(s, a, "rindex", true, true); }},
    {"count", countImpl},
    {"format", [](Interpreter &i, const Value &s, CallArgs &a) { return str(strFormat(s.str(), a, i), s); }},
    {"join", joinImpl},
    {"center", [](Interpreter &, const Value &s, CallArgs &a) { return justify(s, a, "center", '^'); }},
    {"ljust", [](Interpreter &, const Value &s, CallArgs &a) { return justify(s, a, "ljust", '<'); }},
    {"rjust", [](Interpreter &, const Value &s, CallArgs &a) { return justify(s, a, "rjust", '>'); }},
    {"zfill",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("zfill", a, {"width"});
            std::string text = s.str();
            const int64_t width = std::min<int64_t>(r.integer(0, 0), 1 << 20);
            const int64_t len = static_cast<int64_t>(unicode::length(text));
            if (width > len) {
                const size_t at = !text.empty() && (text[0] == '+' || text[0] == '-') ? 1 : 0;
                text.insert(at, static_cast<size_t>(width - len), '0');
            }
            return str(std::move(text), s);
        }},
    {"partition", [](Interpreter &, const Value &s, CallArgs &a) { return partition(s, a, false); }},
    {"rpartition", [](Interpreter &, const Value &s, CallArgs &a) { return partition(s, a, true); }},
    {"removeprefix",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("removeprefix", a, {"prefix"});
            const std::string p = r.string(0);
            const std::string &text = s.str();
            return str(text.rfind(p, 0) == 0 ? text.substr(p.size()) : text, s);
        }},
    {"removesuffix",
        [](Interpreter &, const Value &s, CallArgs &a) {
            ArgReader r("removesuffix", a, {"suffix"});
            const std::string p = r.string(0);
            const std::string &text = s.str();
            const bool has =
                !p.empty() && text.size() >= p.size() && text.compare(text.size() - p.size(), p.size(), p) == 0;
            return str(has ? text.substr(0, text.size() - p.size()) : text, s);
        }},
    {"isalpha", classify<unicode::isAlpha>},
    {"isdigit", classify<unicode::isDigit>},
    {"isdecimal", classify<unicode::isDecimal>},
    {"isnumeric", classify<unicode::isNumeric>},
    {"isalnum", classify<isAlnum>},
    {"isspace", classify<unicode::isSpace>},
    {"isprintable",
        [](Interpreter &, const Value &s, CallArgs &) {
            const std::string &t = s.str();
            for (size_t i = 0; i < t.size();)
                if (!unicode::isPrintable(unicode::decode(t, i)))
                    return Value::boolean(false);
            return Value::boolean(true);
        }},
    {"isascii", [](Interpreter &, const Value &s, CallArgs &) { return Value::boolean(unicode::isAscii(s.str())); }},
    {"islower", [](Interpreter &, const Value &s, CallArgs &) { return caseCheck(s, true); }},
    {"isupper", [](Interpreter &, const Value &s, CallArgs &) { return caseCheck(s, false); }},
    {"istitle",
        [](Interpreter &, const Value &s, CallArgs &) {
            return Value::boolean(!s.str().empty() && unicode::title(s.str()) == s.str()
                && caseCheck(Value::string(unicode::lower(s.str())), true).boolValue());
        }},
};

Value dictItems(Interpreter &, const Value &d, CallArgs &a)
{
    ArgReader r("items", a, {});
    std::vector<Value> out;
    for (const auto &[k, v] : d.dictObj().entries)
        out.push_back(Value::tuple({k, v}));
    return Value::list(std::move(out));
}

const MethodEntry kDictMethods[] = {
    {"items", dictItems},
    {"keys",
        [](Interpreter &i, const Value &d, CallArgs &a) {
            ArgReader r("keys", a, {});
            return Value::list(i.iterate(d));
        }},
    {"values",
        [](Interpreter &, const Value &d, CallArgs &a) {
            ArgReader r("values", a, {});
            std::vector<Value> out;
            for (const auto &[k, v] : d.dictObj().entries)
                out.push_back(v);
            return Value::list(std::move(out));
        }},
    {"get",
        [](Interpreter &, const Value &d, CallArgs &a) {
            ArgReader r("get", a, {"key", "default"});
            if (const Value *v = d.dictObj().find(r.required(0)))
                return *v;
            return r.getOr(1, Value::none());
        }},
    {"copy",
        [](Interpreter &, const Value &d, CallArgs &) {
            return Value::dict(std::make_shared<DictObject>(d.dictObj()));
        }},
};

const MethodEntry kListMethods[] = {
    {"index",
        [](Interpreter &, const Value &l, CallArgs &a) {
            ArgReader r("index", a, {"value", "start", "stop"});
            const auto &items = l.items();
            for (size_t i = static_cast<size_t>(std::max<int64_t>(0, r.integer(1, 0))); i < items.size(); ++i)
                if (equals(items[i], r.required(0)))
                    return Value::integer(static_cast<int64_t>(i));
            throwRuntime("ValueError: " + r.required(0).repr() + " is not in list");
        }},
    {"count",
        [](Interpreter &, const Value &l, CallArgs &a) {
            ArgReader r("count", a, {"value"});
            return Value::integer(static_cast<int64_t>(std::count_if(
                l.items().begin(), l.items().end(), [&](const Value &v) { return equals(v, r.required(0)); })));
        }},
    {"copy",
        [](Interpreter &, const Value &l, CallArgs &) {
            return Value::list(l.items(), l.flags() & ~Value::kGenerator);
        }},
};

constexpr std::string_view kUnsafeList[] = {"append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear"};
constexpr std::string_view kUnsafeDict[] = {"update", "pop", "popitem", "setdefault", "clear"};

template <size_t N>
std::optional<Value> lookup(const MethodEntry (&table)[N], const Value &self, std::string_view name)
{
    for (const auto &entry : table) {
        if (entry.name == name) {
            auto m = std::make_shared<BoundMethod>();
            m->name = std::string(name);
            m->self = self;
            m->fn = entry.fn;
            return Value::callable(std::move(m));
        }
    }
    return std::nullopt;
}

template <size_t N>
std::optional<Value> unsafe(const std::string_view (&names)[N], const Value &self, std::string_view name)
{
    for (std::string_view n : names)
        if (n == name)
            return Value::undefined("SecurityError: access to attribute '" + std::string(name) + "' of '"
                + self.typeName() + "' object is unsafe.");
    return std::nullopt;
}

} // namespace

std::optional<Value> findMethod(const Value &object, std::string_view name)
{
    switch (object.kind()) {
    case ValueKind::String:
        return lookup(kStringMethods, object, name);
    case ValueKind::Dict:
        if (auto m = lookup(kDictMethods, object, name))
            return m;
        return unsafe(kUnsafeDict, object, name);
    case ValueKind::List:
        if (object.isGenerator())
            return std::nullopt;
        if (!object.isTuple())
            if (auto m = unsafe(kUnsafeList, object, name))
                return m;
        return lookup(kListMethods, object, name);
    default:
        return std::nullopt;
    }
}

} // namespace atrium::jinja
