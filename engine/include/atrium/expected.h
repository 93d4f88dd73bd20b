// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

#include "atrium/error.h"

namespace atrium
{

/// Wraps an error for construction of an Expected, like std::unexpected.
template <typename E>
class Unexpected
{
public:
    explicit Unexpected(E e)
        : m_error(std::move(e))
    {
    }
    E &error() &
    {
        return m_error;
    }
    E &&error() &&
    {
        return std::move(m_error);
    }

private:
    E m_error;
};

/// Shorthand: `return fail(ErrorCode::InvalidGguf, "…");`
inline Unexpected<Error> fail(ErrorCode code, std::string message)
{
    return Unexpected<Error>(Error {code, std::move(message)});
}
inline Unexpected<Error> fail(Error e)
{
    return Unexpected<Error>(std::move(e));
}

/// The subset of C++23 std::expected the engine uses: a value or an Error, never an exception.
template <typename T, typename E = Error>
class [[nodiscard]] Expected
{
public:
    using value_type = T;
    Expected() requires std::is_default_constructible_v<T> : m_v(std::in_place_index<0>) { }
    Expected(T v)
        : m_v(std::in_place_index<0>, std::move(v))
    {
    }
    template <typename U>
    requires std::is_constructible_v<T, U &&> &&(!std::is_same_v<std::remove_cvref_t<U>, T>)&&(
        !std::is_same_v<std::remove_cvref_t<U>, Unexpected<E>>)Expected(U &&v)
        : m_v(std::in_place_index<0>, T(std::forward<U>(v)))
    {
    }
    Expected(Unexpected<E> u)
        : m_v(std::in_place_index<1>, std::move(u).error())
    {
    }

    bool has_value() const
    {
        return m_v.index() == 0;
    }
    explicit operator bool() const
    {
        return has_value();
    }
    T &value() &
    {
        check();
        return std::get<0>(m_v);
    }
    const T &value() const &
    {
        check();
        return std::get<0>(m_v);
    }
    T &&value() &&
    {
        check();
        return std::get<0>(std::move(m_v));
    }
    T &operator*() &
    {
        return value();
    }
    const T &operator*() const &
    {
        return value();
    }
    T *operator->()
    {
        return &value();
    }
    const T *operator->() const
    {
        return &value();
    }
    const E &error() const &
    {
        return std::get<1>(m_v);
    }
    E &&error() &&
    {
        return std::get<1>(std::move(m_v));
    }
    template <typename F>
    auto and_then(F &&f) &&
    {
        using R = std::invoke_result_t<F, T &&>;
        if (!has_value())
            return R(Unexpected<E>(std::get<1>(std::move(m_v))));
        return std::forward<F>(f)(std::get<0>(std::move(m_v)));
    }

private:
    void check() const
    {
        if (!has_value())
            std::abort(); // NOTE: reading the value of a failed Expected is a bug, not a condition
    }
    std::variant<T, E> m_v;
};

/// Expected<void>: success or an Error.
template <typename E>
class [[nodiscard]] Expected<void, E>
{
public:
    using value_type = void;
    Expected() = default;
    Expected(Unexpected<E> u)
        : m_error(std::move(u).error())
        , m_ok(false)
    {
    }
    bool has_value() const
    {
        return m_ok;
    }
    explicit operator bool() const
    {
        return m_ok;
    }
    void value() const
    {
        if (!m_ok)
            std::abort();
    }
    const E &error() const &
    {
        return m_error;
    }
    E &&error() &&
    {
        return std::move(m_error);
    }

private:
    E m_error {};
    bool m_ok = true;
};

} // namespace atrium

/// Propagates a failed Expected from the current function: `ATRIUM_TRY(auto x, readThing());`
#define ATRIUM_CONCAT_INNER(a, b) a##b
#define ATRIUM_CONCAT(a, b) ATRIUM_CONCAT_INNER(a, b)
#define ATRIUM_TRY(decl, expr)                                                                                         \
    auto ATRIUM_CONCAT(atriumTry_, __LINE__) = (expr);                                                                 \
    if (!ATRIUM_CONCAT(atriumTry_, __LINE__))                                                                          \
        return ::atrium::fail(std::move(ATRIUM_CONCAT(atriumTry_, __LINE__)).error());                                 \
    decl = std::move(ATRIUM_CONCAT(atriumTry_, __LINE__)).value()
#define ATRIUM_TRY_VOID(expr)                                                                                          \
    do {                                                                                                               \
        auto atriumTryVoid_ = (expr);                                                                                  \
        if (!atriumTryVoid_)                                                                                           \
            return ::atrium::fail(std::move(atriumTryVoid_).error());                                                  \
    } while (0)
