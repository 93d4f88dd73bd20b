// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "atrium/error.h"

/// The value model of the template interpreter: Python's object semantics as jinja2 exposes them.
namespace atrium::jinja
{

class Value;
class Interpreter;

/// A failure inside the interpreter. Thrown internally and turned into an atrium::Error at the public entry points
/// (ChatTemplate::parse / render); it never crosses the engine API.
struct TemplateException {
    ErrorCode code = ErrorCode::TemplateRuntime;
    std::string message;
    int line = 0; ///< 0: not known where it was raised; the interpreter fills in the current line
    bool raised = false; ///< raised by the template itself (raise_exception)
};
[[noreturn]] void throwRuntime(std::string message);
[[noreturn]] void throwTypeError(std::string message);

enum class ValueKind : uint8_t { Undefined, None, Bool, Int, Float, String, List, Dict, Callable, Namespace, Loop };

struct Object {
    virtual ~Object() = default;
    uint32_t depth = 0; ///< nesting depth of a container (bounded, so printing and comparing cannot overflow)
    bool holdsNamespace = false; ///< a namespace is reachable from here (checked before storing into a namespace)
};

/// Containers nested deeper than this are an error (Python's repr would hit its recursion limit too).
inline constexpr uint32_t kMaxNesting = 400;

struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keyword;
};

/// Something a template can call: builtins, macros, bound methods.
struct CallableObject : Object {
    std::string name;
    virtual Value call(Interpreter &interp, CallArgs &args) = 0;
};

struct DictObject;
struct LoopObject;

class Value
{
public:
    enum Flag : uint8_t {
        kMarkup = 1, ///< String: a markupsafe.Markup (from |safe); `Markup + str` escapes the str
        kTuple = 2, ///< List: a Python tuple (prints with parentheses)
        kGenerator = 4, ///< List: a lazy generator (map/select results): no len(), no JSON, consumed once
    };

    Value() = default; ///< undefined
    static Value undefined(std::string hint = {});
    /// The undefined result of looking up a missing attribute (`'dict object' has no attribute 'x'`).
    static Value missingAttribute(std::string typeName, std::string_view attribute);
    static Value none();
    static Value boolean(bool b);
    static Value integer(int64_t i);
    static Value number(double d);
    static Value string(std::string s, bool markup = false);
    static Value list(std::vector<Value> items, uint8_t flags = 0);
    static Value tuple(std::vector<Value> items)
    {
        return list(std::move(items), kTuple);
    }
    static Value dict(std::shared_ptr<DictObject> d);
    static Value emptyDict();
    static Value callable(std::shared_ptr<CallableObject> c);
    static Value nameSpace(std::shared_ptr<DictObject> attrs);
    static Value loop(std::shared_ptr<LoopObject> l);
    static Value fromJson(const nlohmann::ordered_json &j);
    static Value fromJson(const nlohmann::ordered_json &j, uint32_t depth);

    ValueKind kind() const
    {
        return m_kind;
    }
    uint8_t flags() const
    {
        return m_flags;
    }
    bool isUndefined() const
    {
        return m_kind == ValueKind::Undefined;
    }
    bool isNone() const
    {
        return m_kind == ValueKind::None;
    }
    bool isBool() const
    {
        return m_kind == ValueKind::Bool;
    }
    bool isInt() const
    {
        return m_kind == ValueKind::Int;
    }
    bool isFloat() const
    {
        return m_kind == ValueKind::Float;
    }
    /// int, float or bool (Python's numbers.Number)
    bool isNumber() const
    {
        return m_kind == ValueKind::Int || m_kind == ValueKind::Float || m_kind == ValueKind::Bool;
    }
    /// int or bool (Python's int, of which bool is a subclass)
    bool isIntegral() const
    {
        return m_kind == ValueKind::Int || m_kind == ValueKind::Bool;
    }
    bool isString() const
    {
        return m_kind == ValueKind::String;
    }
    bool isMarkup() const
    {
        return m_kind == ValueKind::String && (m_flags & kMarkup);
    }
    bool isList() const
    {
        return m_kind == ValueKind::List;
    }
    bool isTuple() const
    {
        return m_kind == ValueKind::List && (m_flags & kTuple);
    }
    bool isGenerator() const
    {
        return m_kind == ValueKind::List && (m_flags & kGenerator);
    }
    bool isDict() const
    {
        return m_kind == ValueKind::Dict;
    }
    bool isCallable() const
    {
        return m_kind == ValueKind::Callable;
    }
    bool isNamespace() const
    {
        return m_kind == ValueKind::Namespace;
    }
    bool isLoop() const
    {
        return m_kind == ValueKind::Loop;
    }

    bool boolValue() const
    {
        return m_bool;
    }
    int64_t intValue() const ///< Int or Bool
    {
        return m_kind == ValueKind::Bool ? (m_bool ? 1 : 0) : m_int;
    }
    double floatValue() const ///< any number
    {
        return m_kind == ValueKind::Float ? m_float : static_cast<double>(intValue());
    }
    const std::string &str() const;
    const std::vector<Value> &items() const;
    /// Iterating a generator consumes it: the first call returns its items, later calls nothing.
    std::vector<Value> consume() const;
    const DictObject &dictObj() const;
    DictObject &namespaceObj() const;
    LoopObject &loopObj() const;
    CallableObject &callableObj() const;
    const std::string &undefinedHint() const;
    const Object *identity() const
    {
        return m_obj.get();
    }

    /// Python truthiness.
    bool truthy() const;
    /// Python str(): what {{ value }} prints.
    std::string toStr() const;
    void appendStr(std::string &out) const;
    /// Python repr().
    std::string repr() const;
    void appendRepr(std::string &out) const;
    /// Python's type name, for error messages ("str", "int", "dict", ...).
    std::string typeName() const;

private:
    ValueKind m_kind = ValueKind::Undefined;
    uint8_t m_flags = 0;
    union {
        bool m_bool;
        int64_t m_int = 0;
        double m_float;
    };
    std::shared_ptr<Object> m_obj;
};

/// An insertion-ordered dict (Python dict) with any hashable keys; also a namespace's attributes.
struct DictObject : Object {
    std::vector<std::pair<Value, Value>> entries;

    const Value *find(const Value &key) const;
    const Value *find(std::string_view key) const;
    void set(Value key, Value value);
};

/// The `loop` variable of a for loop.
struct LoopObject : Object {
    std::shared_ptr<const std::vector<Value>> items;
    size_t index0 = 0;
    int depth0 = 0;
    std::vector<Value> lastChanged; ///< loop.changed() state
    bool hasChanged = false;
    std::shared_ptr<CallableObject> recurse; ///< loop(...) in a recursive loop, else null
};

/// Python ==.
bool equals(const Value &a, const Value &b);
/// Python <; throws a TypeError for incomparable types.
bool lessThan(const Value &a, const Value &b);
/// Python repr of a string.
void appendStringRepr(std::string &out, std::string_view s);
/// Python repr of a float ("1.0", "0.1", "1e+16", "inf").
std::string floatRepr(double d);
/// Throws UndefinedError when `v` is undefined (any use but printing, iterating, testing).
void requireDefined(const Value &v);

} // namespace atrium::jinja
