// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// jinja2's builtin tests (tests.py): `x is defined`, `x is string`, `selectattr('a', 'equalto', 1)`, ...
#include "chat/jinja_args.h"
#include "chat/jinja_interpreter.h"
#include "chat/jinja_operators.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

namespace
{

const Value &other(const CallArgs &args, const char *name)
{
    if (args.positional.empty()) {
        if (!args.keyword.empty())
            return args.keyword.front().second;
        throwTypeError(std::string(name) + "() missing 1 required positional argument");
    }
    return args.positional[0];
}

/// jinja2: `value % 2 == remainder`
bool parity(Interpreter &interp, const Value &v, int64_t remainder)
{
    return equals(binaryOp(ast::BinaryOp::Mod, v, Value::integer(2), interp), Value::integer(remainder));
}

bool caseTest(const Value &v, bool lower)
{
    const std::string s = v.toStr();
    bool cased = false;
    for (size_t i = 0; i < s.size();) {
        const char32_t c = unicode::decode(s, i);
        if (lower ? (unicode::isUpper(c) || unicode::isTitle(c)) : (unicode::isLower(c) || unicode::isTitle(c)))
            return false;
        cased = cased || (lower ? unicode::isLower(c) : unicode::isUpper(c));
    }
    return cased;
}

bool sameAs(const Value &a, const Value &b)
{
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case ValueKind::None:
    case ValueKind::Undefined:
        return true;
    case ValueKind::Bool:
        return a.boolValue() == b.boolValue();
    case ValueKind::Int:
        return a.intValue() == b.intValue() && a.intValue() >= -5 && a.intValue() <= 256; // CPython's small ints
    default:
        return a.identity() != nullptr && a.identity() == b.identity();
    }
}

struct TestEntry {
    std::string_view name;
    TestFn fn;
};

const TestEntry kTests[] = {
    {"defined", [](Interpreter &, const Value &v, CallArgs &) { return !v.isUndefined(); }},
    {"undefined", [](Interpreter &, const Value &v, CallArgs &) { return v.isUndefined(); }},
    {"none", [](Interpreter &, const Value &v, CallArgs &) { return v.isNone(); }},
    {"boolean", [](Interpreter &, const Value &v, CallArgs &) { return v.isBool(); }},
    {"false", [](Interpreter &, const Value &v, CallArgs &) { return v.isBool() && !v.boolValue(); }},
    {"true", [](Interpreter &, const Value &v, CallArgs &) { return v.isBool() && v.boolValue(); }},
    {"integer", [](Interpreter &, const Value &v, CallArgs &) { return v.isInt(); }},
    {"float", [](Interpreter &, const Value &v, CallArgs &) { return v.isFloat(); }},
    {"number", [](Interpreter &, const Value &v, CallArgs &) { return v.isNumber(); }},
    {"string", [](Interpreter &, const Value &v, CallArgs &) { return v.isString(); }},
    {"mapping", [](Interpreter &, const Value &v, CallArgs &) { return v.isDict(); }},
    {"sequence",
        [](Interpreter &, const Value &v, CallArgs &) {
            return v.isString() || v.isDict() || v.isUndefined() || (v.isList() && !v.isGenerator());
        }},
    {"iterable",
        [](Interpreter &, const Value &v, CallArgs &) {
            return v.isString() || v.isDict() || v.isList() || v.isUndefined();
        }},
    {"callable", [](Interpreter &, const Value &v, CallArgs &) { return v.isCallable() || v.isUndefined(); }},
    {"escaped", [](Interpreter &, const Value &v, CallArgs &) { return v.isMarkup(); }},
    {"even", [](Interpreter &i, const Value &v, CallArgs &) { return parity(i, v, 0); }},
    {"odd", [](Interpreter &i, const Value &v, CallArgs &) { return parity(i, v, 1); }},
    {"divisibleby",
        [](Interpreter &i, const Value &v, CallArgs &a) {
            return equals(binaryOp(ast::BinaryOp::Mod, v, other(a, "divisibleby"), i), Value::integer(0));
        }},
    {"lower", [](Interpreter &, const Value &v, CallArgs &) { return caseTest(v, true); }},
    {"upper", [](Interpreter &, const Value &v, CallArgs &) { return caseTest(v, false); }},
    {"eq", [](Interpreter &, const Value &v, CallArgs &a) { return equals(v, other(a, "eq")); }},
    {"equalto", [](Interpreter &, const Value &v, CallArgs &a) { return equals(v, other(a, "equalto")); }},
    {"==", [](Interpreter &, const Value &v, CallArgs &a) { return equals(v, other(a, "eq")); }},
    {"ne", [](Interpreter &, const Value &v, CallArgs &a) { return !equals(v, other(a, "ne")); }},
    {"!=", [](Interpreter &, const Value &v, CallArgs &a) { return !equals(v, other(a, "ne")); }},
    {"lt", [](Interpreter &, const Value &v, CallArgs &a) { return lessThan(v, other(a, "lt")); }},
    {"lessthan", [](Interpreter &, const Value &v, CallArgs &a) { return lessThan(v, other(a, "lt")); }},
    {"<", [](Interpreter &, const Value &v, CallArgs &a) { return lessThan(v, other(a, "lt")); }},
    {"gt", [](Interpreter &, const Value &v, CallArgs &a) { return lessThan(other(a, "gt"), v); }},
    {"greaterthan", [](Interpreter &, const Value &v, CallArgs &a) { return lessThan(other(a, "gt"), v); }},
    {">", [](Interpreter &, const Value &v, CallArgs &a) { return lessThan(other(a, "gt"), v); }},
    {"le",
        [](Interpreter &, const Value &v, CallArgs &a) {
            return lessThan(v, other(a, "le")) || equals(v, other(a, "le"));
        }},
    {"<=",
        [](Interpreter &, const Value &v, CallArgs &a) {
            return lessThan(v, other(a, "le")) || equals(v, other(a, "le"));
        }},
    {"ge",
        [](Interpreter &, const Value &v, CallArgs &a) {
            return lessThan(other(a, "ge"), v) || equals(v, other(a, "ge"));
        }},
    {">=",
        [](Interpreter &, const Value &v, CallArgs &a) {
            return lessThan(other(a, "ge"), v) || equals(v, other(a, "ge"));
        }},
    {"in", [](Interpreter &i, const Value &v, CallArgs &a) { return contains(other(a, "in"), v, i); }},
    {"sameas", [](Interpreter &, const Value &v, CallArgs &a) { return sameAs(v, other(a, "sameas")); }},
    {"filter",
        [](Interpreter &, const Value &v, CallArgs &) { return v.isString() && findFilter(v.str()) != nullptr; }},
    {"test", [](Interpreter &, const Value &v, CallArgs &) { return v.isString() && findTest(v.str()) != nullptr; }},
};

} // namespace

TestFn findTest(std::string_view name)
{
    for (const auto &t : kTests)
        if (t.name == name)
            return t.fn;
    return nullptr;
}

} // namespace atrium::jinja
