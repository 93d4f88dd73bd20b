// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Python semantics of values: truthiness, str() and repr(), ==, <.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "chat/jinja_value.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

namespace
{

/// Namespaces can be linked after they are made, so containers reached through them may nest deeper than their
/// recorded depth: printing bounds its own recursion.
thread_local uint32_t t_printDepth = 0;

struct PrintDepth {
    PrintDepth()
    {
        if (++t_printDepth > 2 * kMaxNesting) {
            --t_printDepth;
            throwRuntime("values are nested too deeply to print");
        }
    }
    ~PrintDepth()
    {
        --t_printDepth;
    }
    PrintDepth(const PrintDepth &) = delete;
    PrintDepth &operator=(const PrintDepth &) = delete;
};

} // namespace

// --- Python semantics -----------------------------------------------------------------------------------------

bool Value::truthy() const
{
    switch (m_kind) {
    case ValueKind::Undefined:
    case ValueKind::None:
        return false;
    case ValueKind::Bool:
        return m_bool;
    case ValueKind::Int:
        return m_int != 0;
    case ValueKind::Float:
        return m_float != 0.0;
    case ValueKind::String:
        return !str().empty();
    case ValueKind::List:
        return (m_flags & kGenerator) || !items().empty();
    case ValueKind::Dict:
        return !dictObj().entries.empty();
    default:
        return true;
    }
}

std::string floatRepr(double d)
{
    if (std::isnan(d))
        return "nan";
    if (std::isinf(d))
        return d < 0 ? "-inf" : "inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    // sci = [-]D[.DDD]e[+-]XX
    std::string out;
    size_t pos = 0;
    if (sci[0] == '-') {
        out.push_back('-');
        pos = 1;
    }
    const size_t ePos = sci.find('e');
    std::string digits;
    for (size_t i = pos; i < ePos; ++i)
        if (sci[i] != '.')
            digits.push_back(sci[i]);
    const int exp = std::stoi(sci.substr(ePos + 1));
    if (exp >= -5 + 1 && exp < 16) {
        if (exp < 0) {
            out += "0.";
            out.append(static_cast<size_t>(-exp - 1), '0');
            out += digits;
        } else {
            const size_t intLen = static_cast<size_t>(exp) + 1;
            if (digits.size() <= intLen) {
                out += digits;
                out.append(intLen - digits.size(), '0');
                out += ".0";
            } else {
                out += digits.substr(0, intLen);
                out.push_back('.');
                out += digits.substr(intLen);
            }
        }
        return out;
    }
    out.push_back(digits[0]);
    if (digits.size() > 1) {
        out.push_back('.');
        out += digits.substr(1);
    }
    char expBuf[16];
    std::snprintf(expBuf, sizeof(expBuf), "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += expBuf;
    return out;
}

void appendStringRepr(std::string &out, std::string_view s)
{
    const bool hasSingle = s.find('\'') != std::string_view::npos;
    const bool hasDouble = s.find('"') != std::string_view::npos;
    const char quote = hasSingle && !hasDouble ? '"' : '\'';
    out.push_back(quote);
    for (size_t i = 0; i < s.size();) {
        const char32_t c = unicode::decode(s, i);
        char buf[16];
        if (c == static_cast<char32_t>(quote) || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            std::snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned>(c));
            out += buf;
        } else if (c < 0x7F || unicode::isPrintable(c)) {
            unicode::append(out, c);
        } else {
            if (c <= 0xFF)
                std::snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned>(c));
            else if (c <= 0xFFFF)
                std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
            else
                std::snprintf(buf, sizeof(buf), "\\U%08x", static_cast<unsigned>(c));
            out += buf;
        }
    }
    out.push_back(quote);
}

void Value::appendStr(std::string &out) const
{
    switch (m_kind) {
    case ValueKind::Undefined:
        return;
    case ValueKind::String:
        out += str();
        return;
    case ValueKind::Namespace: {
        const PrintDepth guard;
        out += "<Namespace {";
        bool first = true;
        for (const auto &[k, v] : namespaceObj().entries) {
            if (!first)
                out += ", ";
            first = false;
            k.appendRepr(out);
            out += ": ";
            v.appendRepr(out);
        }
        out += "}>";
        return;
    }
    default:
        appendRepr(out);
    }
}

std::string Value::toStr() const
{
    if (m_kind == ValueKind::String)
        return str();
    std::string out;
    appendStr(out);
    return out;
}

void Value::appendRepr(std::string &out) const
{
    switch (m_kind) {
    case ValueKind::Undefined:
        out += "Undefined";
        return;
    case ValueKind::None:
        out += "None";
        return;
    case ValueKind::Bool:
        out += m_bool ? "True" : "False";
        return;
    case ValueKind::Int:
        out += std::to_string(m_int);
        return;
    case ValueKind::Float:
        out += floatRepr(m_float);
        return;
    case ValueKind::String:
        if (m_flags & kMarkup) {
            out += "Markup(";
            appendStringRepr(out, str());
            out += ")";
        } else {
            appendStringRepr(out, str());
        }
        return;
    case ValueKind::List: {
        if (m_flags & kGenerator) {
            out += "<generator object>";
            return;
        }
        const PrintDepth guard;
        const bool isTuple = m_flags & kTuple;
        out.push_back(isTuple ? '(' : '[');
        const auto &v = items();
        for (size_t i = 0; i < v.size(); ++i) {
            if (i)
                out += ", ";
            v[i].appendRepr(out);
        }
        if (isTuple && v.size() == 1)
            out.push_back(',');
        out.push_back(isTuple ? ')' : ']');
        return;
    }
    case ValueKind::Dict: {
        const PrintDepth guard;
        out.push_back('{');
        bool first = true;
        for (const auto &[k, v] : dictObj().entries) {
            if (!first)
                out += ", ";
            first = false;
            k.appendRepr(out);
            out += ": ";
            v.appendRepr(out);
        }
        out.push_back('}');
        return;
    }
    case ValueKind::Callable:
        out += "<function " + callableObj().name + ">";
        return;
    case ValueKind::Namespace:
        appendStr(out);
        return;
    case ValueKind::Loop: {
        const auto &l = loopObj();
        out += "<LoopContext " + std::to_string(l.index0 + 1) + "/" + std::to_string(l.items->size()) + ">";
        return;
    }
    }
}

std::string Value::repr() const
{
    std::string out;
    appendRepr(out);
    return out;
}

std::string Value::typeName() const
{
    switch (m_kind) {
    case ValueKind::Undefined:
        return "Undefined";
    case ValueKind::None:
        return "NoneType";
    case ValueKind::Bool:
        return "bool";
    case ValueKind::Int:
        return "int";
    case ValueKind::Float:
        return "float";
    case ValueKind::String:
        return (m_flags & kMarkup) ? "Markup" : "str";
    case ValueKind::List:
        return (m_flags & kGenerator) ? "generator" : (m_flags & kTuple) ? "tuple" : "list";
    case ValueKind::Dict:
        return "dict";
    case ValueKind::Callable:
        return "function";
    case ValueKind::Namespace:
        return "Namespace";
    case ValueKind::Loop:
        return "LoopContext";
    }
    return "object";
}

bool equals(const Value &a, const Value &b)
{
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat())
            return a.floatValue() == b.floatValue();
        return a.intValue() == b.intValue();
    }
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case ValueKind::Undefined:
    case ValueKind::None:
        return true;
    case ValueKind::String:
        return a.str() == b.str();
    case ValueKind::List: {
        if (a.isGenerator() || b.isGenerator())
            return a.identity() == b.identity();
        if (a.isTuple() != b.isTuple())
            return false;
        const auto &x = a.items();
        const auto &y = b.items();
        if (x.size() != y.size())
            return false;
        for (size_t i = 0; i < x.size(); ++i)
            if (!equals(x[i], y[i]))
                return false;
        return true;
    }
    case ValueKind::Dict: {
        const auto &x = a.dictObj().entries;
        const auto &y = b.dictObj();
        if (x.size() != y.entries.size())
            return false;
        for (const auto &[k, v] : x) {
            const Value *other = y.find(k);
            if (!other || !equals(v, *other))
                return false;
        }
        return true;
    }
    default:
        return a.identity() == b.identity();
    }
}

bool lessThan(const Value &a, const Value &b)
{
    requireDefined(a);
    requireDefined(b);
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat())
            return a.floatValue() < b.floatValue();
        return a.intValue() < b.intValue();
    }
    if (a.isString() && b.isString())
        return a.str() < b.str();
    if (a.isList() && b.isList() && a.isTuple() == b.isTuple() && !a.isGenerator() && !b.isGenerator()) {
        const auto &x = a.items();
        const auto &y = b.items();
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (!equals(x[i], y[i]))
                return lessThan(x[i], y[i]);
        }
        return x.size() < y.size();
    }
    throwTypeError("'<' not supported between instances of '" + a.typeName() + "' and '" + b.typeName() + "'");
}

} // namespace atrium::jinja
