// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// The object model as the sandbox exposes it: calls, attribute and item lookup (jinja2's getattr / getitem order),
// iteration, and the `loop` variable.
#include "chat/jinja_interpreter.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

// --- object model -------------------------------------------------------------------------------------------------

Value Interpreter::call(const Value &callee, CallArgs &args)
{
    if (callee.isCallable())
        return callee.callableObj().call(*this, args);
    if (callee.isLoop() && callee.loopObj().recurse)
        return callee.loopObj().recurse->call(*this, args);
    requireDefined(callee);
    throwTypeError("'" + callee.typeName() + "' object is not callable");
}

namespace
{

Value loopAttribute(LoopObject &loop, std::string_view name, const Value &self)
{
    const size_t n = loop.items->size();
    const size_t i = loop.index0;
    if (name == "index")
        return Value::integer(static_cast<int64_t>(i + 1));
    if (name == "index0")
        return Value::integer(static_cast<int64_t>(i));
    if (name == "revindex")
        return Value::integer(static_cast<int64_t>(n - i));
    if (name == "revindex0")
        return Value::integer(static_cast<int64_t>(n - i - 1));
    if (name == "first")
        return Value::boolean(i == 0);
    if (name == "last")
        return Value::boolean(i + 1 == n);
    if (name == "length")
        return Value::integer(static_cast<int64_t>(n));
    if (name == "depth")
        return Value::integer(loop.depth0 + 1);
    if (name == "depth0")
        return Value::integer(loop.depth0);
    if (name == "previtem")
        return i > 0 ? (*loop.items)[i - 1] : Value::undefined("there is no previous item");
    if (name == "nextitem")
        return i + 1 < n ? (*loop.items)[i + 1] : Value::undefined("there is no next item");
    if (name == "cycle") {
        return nativeFunction("cycle", [self](Interpreter &, CallArgs &a) {
            if (a.positional.empty())
                throwTypeError("no items for cycling given");
            return a.positional[self.loopObj().index0 % a.positional.size()];
        });
    }
    if (name == "changed") {
        return nativeFunction("changed", [self](Interpreter &, CallArgs &a) {
            LoopObject &l = self.loopObj();
            if (l.hasChanged && l.lastChanged.size() == a.positional.size()
                && std::equal(l.lastChanged.begin(), l.lastChanged.end(), a.positional.begin(), equals))
                return Value::boolean(false);
            l.lastChanged = a.positional;
            l.hasChanged = true;
            return Value::boolean(true);
        });
    }
    return Value::undefined("'LoopContext object' has no attribute '" + std::string(name) + "'");
}

Value noAttribute(const Value &object, std::string_view name)
{
    return Value::missingAttribute(object.typeName(), name);
}

} // namespace

Value Interpreter::getAttr(const Value &object, std::string_view name)
{
    switch (object.kind()) {
    case ValueKind::Undefined:
        requireDefined(object);
        break;
    case ValueKind::Dict:
        if (auto method = findMethod(object, name))
            return *method;
        if (const Value *v = object.dictObj().find(name))
            return *v;
        return noAttribute(object, name);
    case ValueKind::Namespace:
        if (const Value *v = object.namespaceObj().find(name))
            return *v;
        return noAttribute(object, name);
    case ValueKind::Loop:
        return loopAttribute(object.loopObj(), name, object);
    case ValueKind::String:
    case ValueKind::List:
        if (auto method = findMethod(object, name))
            return *method;
        return noAttribute(object, name);
    default:
        break;
    }
    return noAttribute(object, name);
}

Value Interpreter::getItem(const Value &object, const Value &key)
{
    requireDefined(object);
    switch (object.kind()) {
    case ValueKind::Dict:
        if (const Value *v = object.dictObj().find(key))
            return *v;
        break;
    case ValueKind::List:
        if (key.isIntegral() && !object.isGenerator()) {
            const auto &items = object.items();
            int64_t i = key.intValue();
            if (i < 0)
                i += static_cast<int64_t>(items.size());
            if (i >= 0 && i < static_cast<int64_t>(items.size()))
                return items[static_cast<size_t>(i)];
            return Value::undefined("'" + object.typeName() + " object' has no element " + key.toStr());
        }
        break;
    case ValueKind::String:
        if (key.isIntegral()) {
            const std::string &s = object.str();
            int64_t i = key.intValue();
            if (unicode::isAscii(s)) {
                if (i < 0)
                    i += static_cast<int64_t>(s.size());
                if (i >= 0 && i < static_cast<int64_t>(s.size()))
                    return Value::string(std::string(1, s[static_cast<size_t>(i)]), object.isMarkup());
            } else {
                const std::u32string cps = unicode::toCodePoints(s);
                if (i < 0)
                    i += static_cast<int64_t>(cps.size());
                if (i >= 0 && i < static_cast<int64_t>(cps.size())) {
                    std::string out;
                    unicode::append(out, cps[static_cast<size_t>(i)]);
                    return Value::string(std::move(out), object.isMarkup());
                }
            }
            return Value::undefined("'str object' has no element " + key.toStr());
        }
        break;
    default:
        break;
    }
    if (key.isString())
        return getAttr(object, key.str());
    return Value::undefined("'" + object.typeName() + " object' has no element " + key.repr());
}

std::vector<Value> Interpreter::iterate(const Value &v)
{
    switch (v.kind()) {
    case ValueKind::Undefined:
        return {};
    case ValueKind::List:
        return v.consume();
    case ValueKind::Dict: {
        std::vector<Value> keys;
        keys.reserve(v.dictObj().entries.size());
        for (const auto &[k, value] : v.dictObj().entries)
            keys.push_back(k);
        return keys;
    }
    case ValueKind::String: {
        std::vector<Value> chars;
        const std::string &s = v.str();
        // Iterating Markup yields plain str. One-byte strings are shared: character loops are common.
        static const std::vector<Value> kAscii = [] {
            std::vector<Value> table;
            for (int c = 0; c < 128; ++c)
                table.push_back(Value::string(std::string(1, static_cast<char>(c))));
            return table;
        }();
        chars.reserve(s.size());
        for (size_t i = 0; i < s.size();) {
            const auto b = static_cast<unsigned char>(s[i]);
            if (b < 0x80) {
                chars.push_back(kAscii[b]);
                ++i;
                continue;
            }
            const size_t start = i;
            unicode::decode(s, i);
            chars.push_back(Value::string(s.substr(start, i - start)));
        }
        return chars;
    }
    default:
        throwTypeError("'" + v.typeName() + "' object is not iterable");
    }
}

Value Interpreter::applyFilter(const std::string &name, const Value &value, CallArgs &args)
{
    FilterFn fn = findFilter(name);
    if (!fn)
        throwRuntime("No filter named '" + name + "' found.");
    return fn(*this, value, args);
}

bool Interpreter::applyTest(const std::string &name, const Value &value, CallArgs &args)
{
    TestFn fn = findTest(name);
    if (!fn)
        throwRuntime("No test named '" + name + "' found.");
    return fn(*this, value, args);
}

} // namespace atrium::jinja
