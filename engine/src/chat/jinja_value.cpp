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

} // namespace atrium::jinja
