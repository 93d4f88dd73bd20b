// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// jinja2's builtin filters on strings and numbers (filters.py), plus transformers' tojson.
#include "chat/jinja_filters.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "chat/jinja_args.h"
#include "chat/jinja_format.h"
#include "chat/jinja_operators.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

namespace
{

/// jinja2's soft_str: strings (and Markup) unchanged, anything else through str().
Value softStr(const Value &v)
{
    return v.isString() ? v : Value::string(v.toStr());
}

Value keepMarkup(std::string s, const Value &from)
{
    return Value::string(std::move(s), from.isMarkup());
}

Value filterTrim(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("trim", args, {"chars"});
    const Value s = softStr(v);
    return keepMarkup(pyStrip(s.str(), r.optString(0), true, true), s);
}

Value filterUpper(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("upper", args, {});
    const Value s = softStr(v);
    return keepMarkup(unicode::upper(s.str()), s);
}

Value filterLower(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("lower", args, {});
    const Value s = softStr(v);
    return keepMarkup(unicode::lower(s.str()), s);
}

Value filterCapitalize(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("capitalize", args, {});
    const Value s = softStr(v);
    return keepMarkup(unicode::capitalize(s.str()), s);
}

/// jinja2's title: every run after `-`, whitespace, `(`, `{`, `[` or `<` gets its first character upper-cased and
/// the rest lower-cased.
Value filterTitle(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("title", args, {});
    const Value s = softStr(v);
    const std::u32string cps = unicode::toCodePoints(s.str());
    auto isBoundary = [](char32_t c) {
        return c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || unicode::isSpace(c);
    };
    std::u32string out;
    size_t i = 0;
    while (i < cps.size()) {
        if (isBoundary(cps[i])) {
            out.push_back(cps[i++]);
            continue;
        }
        size_t end = i;
        while (end < cps.size() && !isBoundary(cps[end]))
            ++end;
        unicode::appendUpper(out, cps[i]);
        const std::string rest =
            unicode::lower(unicode::fromCodePoints(std::u32string_view(cps).substr(i + 1, end - i - 1)));
        out += unicode::toCodePoints(rest);
        i = end;
    }
    return keepMarkup(unicode::fromCodePoints(out), s);
}

Value filterReplace(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("replace", args, {"old", "new", "count"});
    const int64_t count = r.get(2).isNone() ? -1 : r.integer(2, -1);
    std::string out = pyReplace(v.toStr(), r.required(0).toStr(), r.required(1).toStr(), count);
    interp.checkSize(out.size());
    return Value::string(std::move(out));
}

Value filterIndent(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("indent", args, {"width", "first", "blank"});
    requireDefined(v);
    if (!v.isString())
        throwTypeError("unsupported operand type(s) for +=: '" + v.typeName() + "' and 'str'");
    std::string indention;
    const Value &width = r.getOr(0, Value::integer(4));
    if (width.isString())
        indention = width.str();
    else if (width.isIntegral())
        indention = std::string(static_cast<size_t>(std::clamp<int64_t>(width.intValue(), 0, 1 << 16)), ' ');
    else
        throwTypeError("can't multiply sequence by non-int of type '" + width.typeName() + "'");
    const std::vector<std::string> lines = pySplitLines(v.str() + "\n");
    std::string out;
    if (r.flag(2, false)) {
        for (size_t i = 0; i < lines.size(); ++i) {
            if (i)
                out += "\n" + indention;
            out += lines[i];
            interp.checkSize(out.size());
        }
    } else {
        for (size_t i = 0; i < lines.size(); ++i) {
            if (i) {
                out += "\n";
                if (!lines[i].empty())
                    out += indention;
            }
            out += lines[i];
            interp.checkSize(out.size());
        }
    }
    if (r.flag(1, false))
        out = indention + out;
    return keepMarkup(std::move(out), v);
}

Value filterCenter(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("center", args, {"width"});
    const std::string s = v.toStr();
    const int64_t width = std::min<int64_t>(r.integer(0, 80), 1 << 20);
    const int64_t len = static_cast<int64_t>(unicode::length(s));
    if (width <= len)
        return Value::string(s);
    const int64_t marg = width - len;
    const int64_t left = marg / 2 + (marg & width & 1);
    return Value::string(
        std::string(static_cast<size_t>(left), ' ') + s + std::string(static_cast<size_t>(marg - left), ' '));
}

Value filterWordcount(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("wordcount", args, {});
    const std::string s = v.toStr();
    int64_t words = 0;
    bool inWord = false;
    for (size_t i = 0; i < s.size();) {
        const char32_t c = unicode::decode(s, i);
        const bool w =
            c == '_' || unicode::isAlpha(c) || unicode::isDecimal(c) || unicode::isDigit(c) || unicode::isNumeric(c);
        if (w && !inWord)
            ++words;
        inWord = w;
    }
    return Value::integer(words);
}

Value filterTruncate(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("truncate", args, {"length", "killwords", "end", "leeway"});
    const std::u32string s = unicode::toCodePoints(v.toStr());
    const int64_t length = r.integer(0, 255);
    const std::string end = r.has(2) ? r.string(2) : std::string("...");
    const int64_t leeway = r.get(3).isNone() ? 5 : r.integer(3, 5);
    const auto endLen = static_cast<int64_t>(unicode::length(end));
    if (length < endLen)
        throwRuntime(
            "AssertionError: expected length >= " + std::to_string(endLen) + ", got " + std::to_string(length));
    if (leeway < 0)
        throwRuntime("AssertionError: expected leeway >= 0, got " + std::to_string(leeway));
    if (static_cast<int64_t>(s.size()) <= length + leeway)
        return Value::string(unicode::fromCodePoints(s));
    std::u32string head = s.substr(0, static_cast<size_t>(length - endLen));
    if (!r.flag(1, false)) {
        const size_t sp = head.rfind(U' ');
        if (sp != std::u32string::npos)
            head = head.substr(0, sp);
    }
    return Value::string(unicode::fromCodePoints(head) + end);
}

Value filterFormat(Interpreter &interp, const Value &v, CallArgs &args)
{
    if (!args.positional.empty() && !args.keyword.empty())
        throwRuntime("FilterArgumentError: can't handle positional and keyword arguments at the same time");
    const Value s = softStr(v);
    Value params;
    if (!args.keyword.empty()) {
        auto d = std::make_shared<DictObject>();
        for (auto &[k, val] : args.keyword)
            d->set(Value::string(k), val);
        params = Value::dict(std::move(d));
    } else {
        params = Value::tuple(args.positional);
    }
    return keepMarkup(percentFormat(s.str(), params, s.isMarkup(), interp), s);
}

Value filterTojson(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("tojson", args, {"ensure_ascii", "indent", "separators", "sort_keys"});
    JsonOptions o;
    o.ensureAscii = r.flag(0, false);
    const Value &indent = r.get(1);
    if (indent.isString())
        o.indent = indent.str();
    else if (indent.isIntegral())
        o.indent = std::string(static_cast<size_t>(std::clamp<int64_t>(indent.intValue(), 0, 1 << 10)), ' ');
    else if (!indent.isNone())
        throwTypeError("indent must be an int or a str");
    if (o.indent)
        o.itemSeparator = ",";
    const Value &seps = r.get(2);
    if (!seps.isNone()) {
        const std::vector<Value> parts = interp.iterate(seps);
        if (parts.size() != 2 || !parts[0].isString() || !parts[1].isString())
            throwRuntime("ValueError: separators must be a pair of strings");
        o.itemSeparator = parts[0].str();
        o.keySeparator = parts[1].str();
    }
    o.sortKeys = r.flag(3, false);
    std::string out = toJson(v, o);
    interp.checkSize(out.size());
    return Value::string(std::move(out));
}

Value filterString(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("string", args, {});
    return softStr(v);
}

Value filterSafe(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("safe", args, {});
    return Value::string(v.toStr(), true);
}

Value filterEscape(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("escape", args, {});
    if (v.isMarkup())
        return v;
    return Value::string(htmlEscape(v.toStr()), true);
}

Value filterForceescape(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("forceescape", args, {});
    return Value::string(htmlEscape(v.toStr()), true);
}

Value filterDefault(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("default", args, {"default_value", "boolean"});
    if (v.isUndefined() || (r.flag(1, false) && !v.truthy()))
        return r.getOr(0, Value::string(""));
    return v;
}

/// Python int() of a string: optional sign, digits with single underscores, surrounding whitespace.
std::optional<int64_t> parseInt(std::string_view s, int base)
{
    const std::string t = pyStrip(s, std::nullopt, true, true);
    size_t i = 0;
    bool negative = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-'))
        negative = t[i++] == '-';
    if (base == 0 || base == 16 || base == 8 || base == 2) {
        if (i + 1 < t.size() && t[i] == '0') {
            const char p = static_cast<char>(t[i + 1] | 0x20);
            const int b = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
            if (b && (base == 0 || base == b)) {
                base = b;
                i += 2;
            }
        }
        if (base == 0)
            base = 10;
    }
    if (base < 2 || base > 36 || i >= t.size())
        return std::nullopt;
    uint64_t v = 0;
    bool lastUnderscore = true;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '_') {
            if (lastUnderscore)
                return std::nullopt;
            lastUnderscore = true;
            continue;
        }
        int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : std::isalpha(static_cast<unsigned char>(c))   ? (c | 0x20) - 'a' + 10
                                                            : 99;
        if (d >= base)
            return std::nullopt;
        if (v > (static_cast<uint64_t>(INT64_MAX) - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base))
            throwRuntime("OverflowError: integer too large");
        v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
        lastUnderscore = false;
    }
    if (lastUnderscore)
        return std::nullopt;
    return negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
}

/// Python float() of a string.
std::optional<double> parseFloat(std::string_view s)
{
    std::string t = pyStrip(s, std::nullopt, true, true);
    std::string clean;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '_') {
            if (i == 0 || i + 1 >= t.size() || !std::isdigit(static_cast<unsigned char>(t[i - 1]))
                || !std::isdigit(static_cast<unsigned char>(t[i + 1])))
                return std::nullopt;
            continue;
        }
        clean.push_back(t[i]);
    }
    std::string lower = unicode::lower(clean);
    const std::string body = (!lower.empty() && (lower[0] == '+' || lower[0] == '-')) ? lower.substr(1) : lower;
    if (body == "inf" || body == "infinity" || body == "nan") {
        const double x = body == "nan" ? NAN : INFINITY;
        return lower[0] == '-' ? -x : x;
    }
    if (clean.empty() || clean.find_first_not_of("0123456789+-.eE") != std::string::npos)
        return std::nullopt;
    char *end = nullptr;
    const double d = std::strtod(clean.c_str(), &end);
    if (end != clean.c_str() + clean.size())
        return std::nullopt;
    return d;
}

Value toIntValue(const Value &v, int base)
{
    if (v.isIntegral())
        return Value::integer(v.intValue());
    if (v.isFloat()) {
        const double d = v.floatValue();
        if (!std::isfinite(d))
            throwRuntime(std::isnan(d) ? "ValueError: cannot convert float NaN to integer"
                                       : "OverflowError: cannot convert float infinity to integer");
        if (std::fabs(d) >= 9.2e18)
            throwRuntime("OverflowError: integer too large");
        return Value::integer(static_cast<int64_t>(d));
    }
    if (v.isString()) {
        if (auto i = parseInt(v.str(), base))
            return Value::integer(*i);
    }
    return Value();
}

Value filterInt(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("int", args, {"default", "base"});
    requireDefined(v); // Undefined.__int__ raises
    if (v.isFloat() && std::isnan(v.floatValue()))
        return r.getOr(0, Value::integer(0));
    const Value i = toIntValue(v, static_cast<int>(r.integer(1, 10)));
    if (!i.isUndefined())
        return i;
    if (v.isString())
        if (auto d = parseFloat(v.str()))
            return toIntValue(Value::number(*d), 10);
    return r.getOr(0, Value::integer(0));
}

Value filterFloat(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("float", args, {"default"});
    requireDefined(v); // Undefined.__float__ raises
    if (v.isNumber())
        return Value::number(v.floatValue());
    if (v.isString())
        if (auto d = parseFloat(v.str()))
            return Value::number(*d);
    return r.getOr(0, Value::number(0.0));
}

Value filterAbs(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("abs", args, {});
    requireDefined(v);
    if (v.isFloat())
        return Value::number(std::fabs(v.floatValue()));
    if (v.isIntegral()) {
        if (v.intValue() == INT64_MIN)
            throwRuntime("OverflowError: integer result too large");
        return Value::integer(v.intValue() < 0 ? -v.intValue() : v.intValue());
    }
    throwTypeError("bad operand type for abs(): '" + v.typeName() + "'");
}

Value filterRound(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("round", args, {"precision", "method"});
    const int64_t precision = std::clamp<int64_t>(r.integer(0, 0), -308, 308);
    const std::string method = r.has(1) ? r.string(1) : std::string("common");
    if (method != "common" && method != "ceil" && method != "floor")
        throwRuntime("FilterArgumentError: method must be common, ceil or floor");
    requireDefined(v);
    if (!v.isNumber())
        throwTypeError("type " + v.typeName() + " doesn't define __round__ method");
    if (method == "common") {
        if (v.isIntegral() && precision >= 0)
            return Value::integer(v.intValue());
        const double x = v.floatValue();
        if (!std::isfinite(x))
            return Value::number(x);
        if (precision >= 0) {
            char buf[512];
            std::snprintf(buf, sizeof(buf), "%.*f", static_cast<int>(std::min<int64_t>(precision, 300)), x);
            return Value::number(std::strtod(buf, nullptr));
        }
        const double scale = std::pow(10.0, static_cast<double>(-precision));
        return Value::number(std::nearbyint(x / scale) * scale);
    }
    const double scale = std::pow(10.0, static_cast<double>(precision));
    const double x = v.floatValue() * scale;
    return Value::number((method == "ceil" ? std::ceil(x) : std::floor(x)) / scale);
}

Value filterPprint(Interpreter &, const Value &v, CallArgs &)
{
    return Value::string(v.repr());
}

struct FilterEntry {
    std::string_view name;
    FilterFn fn;
};

const FilterEntry kFilters[] = {
    {"abs", filterAbs},
    {"capitalize", filterCapitalize},
    {"center", filterCenter},
    {"d", filterDefault},
    {"default", filterDefault},
    {"e", filterEscape},
    {"escape", filterEscape},
    {"float", filterFloat},
    {"forceescape", filterForceescape},
    {"format", filterFormat},
    {"indent", filterIndent},
    {"int", filterInt},
    {"lower", filterLower},
    {"pprint", filterPprint},
    {"replace", filterReplace},
    {"round", filterRound},
    {"safe", filterSafe},
    {"string", filterString},
    {"title", filterTitle},
    {"tojson", filterTojson},
    {"trim", filterTrim},
    {"truncate", filterTruncate},
    {"upper", filterUpper},
    {"wordcount", filterWordcount},
};

} // namespace

FilterFn findFilter(std::string_view name)
{
    for (const auto &f : kFilters)
        if (f.name == name)
            return f.fn;
    return findSequenceFilter(name);
}

} // namespace atrium::jinja
