// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <array>
#include <initializer_list>
#include <optional>
#include <string>

#include "chat/jinja_value.h"

namespace atrium::jinja
{

/// Binds call arguments to a Python-style parameter list (positional first, then keywords by name), with the
/// TypeErrors Python raises for extra or unknown arguments.
class ArgReader
{
public:
    static constexpr size_t kMaxParams = 8;

    ArgReader(const char *function, const CallArgs &args, std::initializer_list<const char *> names)
        : m_function(function)
    {
        size_t n = 0;
        for (const char *name : names)
            if (n < kMaxParams)
                m_names[n++] = name;
        m_count = n;
        if (args.positional.size() > m_count)
            throwTypeError(std::string(function) + "() takes at most " + std::to_string(m_count) + " argument(s) ("
                + std::to_string(args.positional.size()) + " given)");
        for (size_t i = 0; i < args.positional.size(); ++i)
            m_values[i] = &args.positional[i];
        for (const auto &[key, value] : args.keyword) {
            size_t i = 0;
            while (i < m_count && key != m_names[i])
                ++i;
            if (i == m_count)
                throwTypeError(std::string(function) + "() got an unexpected keyword argument '" + key + "'");
            if (m_values[i])
                throwTypeError(std::string(function) + "() got multiple values for argument '" + key + "'");
            m_values[i] = &value;
        }
    }

    bool has(size_t i) const
    {
        return m_values[i] != nullptr;
    }
    const Value &get(size_t i) const
    {
        static const Value kNone = Value::none();
        return m_values[i] ? *m_values[i] : kNone;
    }
    Value getOr(size_t i, Value fallback) const
    {
        return m_values[i] ? *m_values[i] : std::move(fallback);
    }
    const Value &required(size_t i) const
    {
        if (!m_values[i])
            throwTypeError(std::string(m_function) + "() missing required argument '" + m_names[i] + "'");
        return *m_values[i];
    }
    /// A string argument; nullopt when absent or None.
    std::optional<std::string> optString(size_t i) const
    {
        if (!m_values[i] || m_values[i]->isNone())
            return std::nullopt;
        if (!m_values[i]->isString())
            throwTypeError(std::string(m_function) + "() argument '" + m_names[i] + "' must be str, not "
                + m_values[i]->typeName());
        return m_values[i]->str();
    }
    std::string string(size_t i) const
    {
        const Value &v = required(i);
        if (!v.isString())
            throwTypeError(
                std::string(m_function) + "() argument '" + m_names[i] + "' must be str, not " + v.typeName());
        return v.str();
    }
    int64_t integer(size_t i, int64_t fallback) const
    {
        if (!m_values[i])
            return fallback;
        if (!m_values[i]->isIntegral())
            throwTypeError("'" + m_values[i]->typeName() + "' object cannot be interpreted as an integer");
        return m_values[i]->intValue();
    }
    bool flag(size_t i, bool fallback) const
    {
        return m_values[i] ? m_values[i]->truthy() : fallback;
    }

private:
    const char *m_function;
    std::array<const char *, kMaxParams> m_names {};
    std::array<const Value *, kMaxParams> m_values {};
    size_t m_count = 0;
};

} // namespace atrium::jinja
