// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "chat/jinja_value.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "chat/unicode_data.h"

namespace atrium::jinja
{

namespace
{

struct StringObject : Object {
    explicit StringObject(std::string s)
        : text(std::move(s))
    {
    }
    std::string text;
};

struct ListObject : Object {
    explicit ListObject(std::vector<Value> v)
        : items(std::move(v))
    {
    }
    std::vector<Value> items;
    mutable bool consumed = false; // generators only
};

struct UndefinedObject : Object {
    explicit UndefinedObject(std::string h)
        : hint(std::move(h))
    {
    }
    UndefinedObject(std::string type, std::string name)
        : typeName(std::move(type))
        , attribute(std::move(name))
    {
    }
    // A missing attribute formats its message only when an error needs it.
    mutable std::string hint;
    std::string typeName;
    std::string attribute;
};

const std::string kEmpty;
const std::vector<Value> kNoItems;

void noteChild(Object &parent, const Value &child)
{
    const Object *o = child.identity();
    if (!o)
        return;
    if (o->depth + 1 > parent.depth)
        parent.depth = o->depth + 1;
    if (o->holdsNamespace)
        parent.holdsNamespace = true;
}

void checkDepth(const Object &o)
{
    if (o.depth > kMaxNesting)
        throwRuntime("values are nested too deeply");
}

} // namespace

void throwRuntime(std::string message)
{
    throw TemplateException {ErrorCode::TemplateRuntime, std::move(message)};
}

void throwTypeError(std::string message)
{
    throw TemplateException {ErrorCode::TemplateRuntime, "TypeError: " + message};
}

void requireDefined(const Value &v)
{
    if (v.isUndefined()) {
        const std::string &hint = v.undefinedHint();
        if (hint.rfind("SecurityError:", 0) == 0)
            throw TemplateException {ErrorCode::TemplateRuntime, hint};
        throw TemplateException {ErrorCode::TemplateRuntime, "UndefinedError: " + hint};
    }
}

// --- construction ---------------------------------------------------------------------------------------------

Value Value::undefined(std::string hint)
{
    Value v;
    if (!hint.empty())
        v.m_obj = std::make_shared<UndefinedObject>(std::move(hint));
    return v;
}

Value Value::missingAttribute(std::string typeName, std::string_view attribute)
{
    Value v;
    v.m_obj = std::make_shared<UndefinedObject>(std::move(typeName), std::string(attribute));
    return v;
}

Value Value::none()
{
    Value v;
    v.m_kind = ValueKind::None;
    return v;
}

Value Value::boolean(bool b)
{
    Value v;
    v.m_kind = ValueKind::Bool;
    v.m_bool = b;
    return v;
}

Value Value::integer(int64_t i)
{
    Value v;
    v.m_kind = ValueKind::Int;
    v.m_int = i;
    return v;
}

Value Value::number(double d)
{
    Value v;
    v.m_kind = ValueKind::Float;
    v.m_float = d;
    return v;
}

Value Value::string(std::string s, bool markup)
{
    Value v;
    v.m_kind = ValueKind::String;
    v.m_flags = markup ? kMarkup : 0;
    v.m_obj = std::make_shared<StringObject>(std::move(s));
    return v;
}

Value Value::list(std::vector<Value> items, uint8_t flags)
{
    auto obj = std::make_shared<ListObject>(std::move(items));
    for (const Value &item : obj->items)
        noteChild(*obj, item);
    obj->depth = std::max<uint32_t>(obj->depth, 1);
    checkDepth(*obj);
    Value v;
    v.m_kind = ValueKind::List;
    v.m_flags = flags;
    v.m_obj = std::move(obj);
    return v;
}

Value Value::dict(std::shared_ptr<DictObject> d)
{
    for (const auto &[key, value] : d->entries) {
        noteChild(*d, key);
        noteChild(*d, value);
    }
    d->depth = std::max<uint32_t>(d->depth, 1);
    checkDepth(*d);
    Value v;
    v.m_kind = ValueKind::Dict;
    v.m_obj = std::move(d);
    return v;
}

Value Value::emptyDict()
{
    return dict(std::make_shared<DictObject>());
}

Value Value::callable(std::shared_ptr<CallableObject> c)
{
    Value v;
    v.m_kind = ValueKind::Callable;
    v.m_obj = std::move(c);
    return v;
}

Value Value::nameSpace(std::shared_ptr<DictObject> attrs)
{
    for (const auto &[key, value] : attrs->entries)
        noteChild(*attrs, value);
    attrs->depth = std::max<uint32_t>(attrs->depth, 1);
    attrs->holdsNamespace = true;
    checkDepth(*attrs);
    Value v;
    v.m_kind = ValueKind::Namespace;
    v.m_obj = std::move(attrs);
    return v;
}

Value Value::loop(std::shared_ptr<LoopObject> l)
{
    Value v;
    v.m_kind = ValueKind::Loop;
    v.m_obj = std::move(l);
    return v;
}

Value Value::fromJson(const nlohmann::ordered_json &j)
{
    return fromJson(j, 0);
}

Value Value::fromJson(const nlohmann::ordered_json &j, uint32_t depth)
{
    if (depth > kMaxNesting)
        throwRuntime("the context is nested too deeply");
    switch (j.type()) {
    case nlohmann::ordered_json::value_t::null:
        return none();
    case nlohmann::ordered_json::value_t::boolean:
        return boolean(j.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer:
        return integer(j.get<int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: {
        const auto u = j.get<uint64_t>();
        if (u > static_cast<uint64_t>(INT64_MAX))
            return number(static_cast<double>(u));
        return integer(static_cast<int64_t>(u));
    }
    case nlohmann::ordered_json::value_t::number_float:
        return number(j.get<double>());
    case nlohmann::ordered_json::value_t::string:
        return string(j.get<std::string>());
    case nlohmann::ordered_json::value_t::array: {
        std::vector<Value> items;
        items.reserve(j.size());
        for (const auto &e : j)
            items.push_back(fromJson(e, depth + 1));
        return list(std::move(items));
    }
    case nlohmann::ordered_json::value_t::object: {
        auto d = std::make_shared<DictObject>();
        d->entries.reserve(j.size());
        for (const auto &[key, e] : j.items())
            d->entries.emplace_back(string(key), fromJson(e, depth + 1));
        return dict(std::move(d));
    }
    default:
        return none(); // binary / discarded: not produced by JSON text
    }
}

// --- access -----------------------------------------------------------------------------------------------------

const std::string &Value::str() const
{
    if (m_kind != ValueKind::String)
        return kEmpty;
    return static_cast<const StringObject *>(m_obj.get())->text;
}

const std::vector<Value> &Value::items() const
{
    if (m_kind != ValueKind::List)
        return kNoItems;
    return static_cast<const ListObject *>(m_obj.get())->items;
}

std::vector<Value> Value::consume() const
{
    if (m_kind != ValueKind::List)
        return {};
    auto *l = static_cast<const ListObject *>(m_obj.get());
    if (m_flags & kGenerator) {
        if (l->consumed)
            return {};
        l->consumed = true;
    }
    return l->items;
}

const DictObject &Value::dictObj() const
{
    return *static_cast<const DictObject *>(m_obj.get());
}

DictObject &Value::namespaceObj() const
{
    return *static_cast<DictObject *>(m_obj.get());
}

LoopObject &Value::loopObj() const
{
    return *static_cast<LoopObject *>(m_obj.get());
}

CallableObject &Value::callableObj() const
{
    return *static_cast<CallableObject *>(m_obj.get());
}

const std::string &Value::undefinedHint() const
{
    static const std::string kGeneric = "value is undefined";
    if (m_kind == ValueKind::Undefined && m_obj) {
        const auto *u = static_cast<const UndefinedObject *>(m_obj.get());
        if (u->hint.empty() && !u->attribute.empty())
            u->hint = "'" + u->typeName + " object' has no attribute '" + u->attribute + "'";
        return u->hint;
    }
    return kGeneric;
}

// --- dict -------------------------------------------------------------------------------------------------------

const Value *DictObject::find(std::string_view key) const
{
    for (const auto &[k, v] : entries)
        if (k.isString() && k.str() == key)
            return &v;
    return nullptr;
}

const Value *DictObject::find(const Value &key) const
{
    if (key.isString())
        return find(std::string_view(key.str()));
    for (const auto &[k, v] : entries)
        if (equals(k, key))
            return &v;
    return nullptr;
}

void DictObject::set(Value key, Value value)
{
    noteChild(*this, value);
    checkDepth(*this);
    for (auto &[k, v] : entries) {
        if (equals(k, key)) {
            v = std::move(value);
            return;
        }
    }
    entries.emplace_back(std::move(key), std::move(value));
}

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
    case ValueKind::Namespace:
        out += "<Namespace ";
        Value::dict(std::make_shared<DictObject>(namespaceObj())).appendRepr(out);
        out += ">";
        return;
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
