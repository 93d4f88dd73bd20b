// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "chat/jinja_operators.h"

#include <cmath>
#include <optional>

#include "chat/jinja_format.h"
#include "chat/jinja_interpreter.h"

namespace atrium::jinja
{

using ast::BinaryOp;

namespace
{

const char *opSymbol(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add:
        return "+";
    case BinaryOp::Sub:
        return "-";
    case BinaryOp::Mul:
        return "*";
    case BinaryOp::Div:
        return "/";
    case BinaryOp::FloorDiv:
        return "//";
    case BinaryOp::Mod:
        return "%";
    case BinaryOp::Pow:
        return "** or pow()";
    default:
        return "?";
    }
}

[[noreturn]] void unsupported(BinaryOp op, const Value &a, const Value &b)
{
    throwTypeError(std::string("unsupported operand type(s) for ") + opSymbol(op) + ": '" + a.typeName() + "' and '"
        + b.typeName() + "'");
}

int64_t checkedInt(bool overflow, int64_t v)
{
    if (overflow)
        throwRuntime("OverflowError: integer result too large");
    return v;
}

int64_t floorDiv(int64_t a, int64_t b)
{
    if (b == 0)
        throwRuntime("ZeroDivisionError: integer division or modulo by zero");
    if (a == INT64_MIN && b == -1)
        throwRuntime("OverflowError: integer result too large");
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

int64_t floorMod(int64_t a, int64_t b)
{
    if (b == 0)
        throwRuntime("ZeroDivisionError: integer division or modulo by zero");
    if (b == -1)
        return 0;
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

/// CPython's _float_div_mod: floor quotient and remainder with the sign of the divisor.
std::pair<double, double> floatDivMod(double x, double y)
{
    double mod = std::fmod(x, y);
    double div = (x - mod) / y;
    if (mod != 0) {
        if ((y < 0) != (mod < 0)) {
            mod += y;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, y);
    }
    double floorDiv;
    if (div != 0) {
        floorDiv = std::floor(div);
        if (div - floorDiv > 0.5)
            floorDiv += 1.0;
    } else {
        floorDiv = std::copysign(0.0, x / y);
    }
    return {floorDiv, mod};
}

Value arithmetic(BinaryOp op, const Value &a, const Value &b)
{
    const bool isFloat = a.isFloat() || b.isFloat();
    if (isFloat) {
        const double x = a.floatValue();
        const double y = b.floatValue();
        switch (op) {
        case BinaryOp::Add:
            return Value::number(x + y);
        case BinaryOp::Sub:
            return Value::number(x - y);
        case BinaryOp::Mul:
            return Value::number(x * y);
        case BinaryOp::Div:
            if (y == 0)
                throwRuntime("ZeroDivisionError: float division by zero");
            return Value::number(x / y);
        case BinaryOp::FloorDiv:
        case BinaryOp::Mod: {
            if (y == 0)
                throwRuntime(op == BinaryOp::Mod ? "ZeroDivisionError: float modulo"
                                                 : "ZeroDivisionError: float floor division by zero");
            const auto [quotient, remainder] = floatDivMod(x, y);
            return Value::number(op == BinaryOp::Mod ? remainder : quotient);
        }
        case BinaryOp::Pow:
            if (x == 0 && y < 0)
                throwRuntime("ZeroDivisionError: 0.0 cannot be raised to a negative power");
            if (x < 0 && y != std::floor(y))
                throwRuntime("ValueError: complex results are not supported");
            return Value::number(std::pow(x, y));
        default:
            break;
        }
    }
    const int64_t x = a.intValue();
    const int64_t y = b.intValue();
    int64_t r = 0;
    switch (op) {
    case BinaryOp::Add: {
        const bool overflow = __builtin_add_overflow(x, y, &r);
        return Value::integer(checkedInt(overflow, r));
    }
    case BinaryOp::Sub: {
        const bool overflow = __builtin_sub_overflow(x, y, &r);
        return Value::integer(checkedInt(overflow, r));
    }
    case BinaryOp::Mul: {
        const bool overflow = __builtin_mul_overflow(x, y, &r);
        return Value::integer(checkedInt(overflow, r));
    }
    case BinaryOp::Div:
        if (y == 0)
            throwRuntime("ZeroDivisionError: division by zero");
        return Value::number(static_cast<double>(x) / static_cast<double>(y));
    case BinaryOp::FloorDiv:
        return Value::integer(floorDiv(x, y));
    case BinaryOp::Mod:
        return Value::integer(floorMod(x, y));
    case BinaryOp::Pow: {
        if (y < 0) {
            if (x == 0)
                throwRuntime("ZeroDivisionError: 0.0 cannot be raised to a negative power");
            return Value::number(std::pow(static_cast<double>(x), static_cast<double>(y)));
        }
        int64_t result = 1;
        int64_t base = x;
        int64_t e = y;
        while (e > 0) {
            if (e & 1)
                checkedInt(__builtin_mul_overflow(result, base, &result), 0);
            e >>= 1;
            if (e > 0)
                checkedInt(__builtin_mul_overflow(base, base, &base), 0);
        }
        return Value::integer(result);
    }
    default:
        break;
    }
    return Value::none();
}

Value repeat(const Value &seq, int64_t n, Interpreter &interp)
{
    if (n < 0)
        n = 0;
    if (seq.isString()) {
        const std::string &s = seq.str();
        if (!s.empty())
            interp.checkSize(s.size() * static_cast<size_t>(std::min<int64_t>(n, INT32_MAX)));
        std::string out;
        if (s.empty())
            return Value::string(out, seq.isMarkup());
        interp.charge(s.size() * static_cast<size_t>(n) / 256);
        if (s.size() == 1)
            return Value::string(std::string(static_cast<size_t>(n), s[0]), seq.isMarkup());
        out.reserve(s.size() * static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i)
            out += s;
        return Value::string(std::move(out), seq.isMarkup());
    }
    const auto &items = seq.items();
    if (!items.empty())
        interp.charge(items.size() * static_cast<size_t>(std::min<int64_t>(n, INT32_MAX)));
    std::vector<Value> out;
    for (int64_t i = 0; i < n && !items.empty(); ++i)
        out.insert(out.end(), items.begin(), items.end());
    return Value::list(std::move(out), seq.flags());
}

Value add(const Value &a, const Value &b, Interpreter &interp)
{
    if (a.isString() && b.isString()) {
        interp.checkSize(a.str().size() + b.str().size());
        interp.charge((a.str().size() + b.str().size()) / 256);
        if (a.isMarkup() && !b.isMarkup())
            return Value::string(a.str() + htmlEscape(b.str()), true);
        if (b.isMarkup() && !a.isMarkup())
            return Value::string(htmlEscape(a.str()) + b.str(), true);
        return Value::string(a.str() + b.str(), a.isMarkup());
    }
    if (a.isList() && b.isList() && !a.isGenerator() && !b.isGenerator() && a.isTuple() == b.isTuple()) {
        std::vector<Value> out = a.items();
        interp.charge(out.size() + b.items().size());
        out.insert(out.end(), b.items().begin(), b.items().end());
        return Value::list(std::move(out), a.flags());
    }
    if (a.isString() || (a.isList() && !a.isGenerator()))
        throwTypeError("can only concatenate " + a.typeName() + " (not \"" + b.typeName() + "\") to " + a.typeName());
    unsupported(BinaryOp::Add, a, b);
}

} // namespace

std::string htmlEscape(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&#34;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

Value binaryOp(BinaryOp op, const Value &a, const Value &b, Interpreter &interp)
{
    requireDefined(a);
    requireDefined(b);
    if (a.isNumber() && b.isNumber())
        return arithmetic(op, a, b);
    switch (op) {
    case BinaryOp::Add:
        return add(a, b, interp);
    case BinaryOp::Mul:
        if ((a.isString() || (a.isList() && !a.isGenerator())) && b.isIntegral())
            return repeat(a, b.intValue(), interp);
        if ((b.isString() || (b.isList() && !b.isGenerator())) && a.isIntegral())
            return repeat(b, a.intValue(), interp);
        if (a.isString() || a.isList())
            throwTypeError("can't multiply sequence by non-int of type '" + b.typeName() + "'");
        break;
    case BinaryOp::Mod:
        if (a.isString()) {
            std::string out = percentFormat(a.str(), b, a.isMarkup(), interp);
            interp.checkSize(out.size());
            return Value::string(std::move(out), a.isMarkup());
        }
        break;
    default:
        break;
    }
    unsupported(op, a, b);
}

Value unaryOp(ast::UnaryOp op, const Value &v)
{
    requireDefined(v);
    if (!v.isNumber())
        throwTypeError(std::string("bad operand type for unary ") + (op == ast::UnaryOp::Neg ? "-" : "+") + ": '"
            + v.typeName() + "'");
    if (op == ast::UnaryOp::Pos)
        return v.isBool() ? Value::integer(v.intValue()) : v;
    if (v.isFloat())
        return Value::number(-v.floatValue());
    if (v.intValue() == INT64_MIN)
        throwRuntime("OverflowError: integer result too large");
    return Value::integer(-v.intValue());
}

bool contains(const Value &container, const Value &item, Interpreter &interp)
{
    switch (container.kind()) {
    case ValueKind::String:
        if (!item.isString())
            throwTypeError("'in <string>' requires string as left operand, not " + item.typeName());
        return container.str().find(item.str()) != std::string::npos;
    case ValueKind::List:
        for (const Value &v : container.consume())
            if (equals(v, item))
                return true;
        return false;
    case ValueKind::Dict:
        if (item.isDict() || (item.isList() && !item.isTuple() && !item.isGenerator()))
            throwTypeError("unhashable type: '" + item.typeName() + "'");
        return container.dictObj().find(item) != nullptr;
    case ValueKind::Undefined:
        return false;
    default:
        (void)interp;
        throwTypeError("argument of type '" + container.typeName() + "' is not iterable");
    }
}

std::vector<size_t> sliceIndices(int64_t length, const Value &startV, const Value &stopV, const Value &stepV)
{
    auto toInt = [](const Value &v, const char *what) -> std::optional<int64_t> {
        if (v.isNone() || v.isUndefined())
            return std::nullopt;
        if (!v.isIntegral())
            throwTypeError(std::string("slice ") + what + " must be integers or None or have an __index__ method");
        return v.intValue();
    };
    const int64_t step = toInt(stepV, "indices").value_or(1);
    if (step == 0)
        throwRuntime("ValueError: slice step cannot be zero");
    auto clamp = [&](std::optional<int64_t> v, int64_t dflt, bool forStep) -> int64_t {
        if (!v)
            return dflt;
        int64_t x = *v;
        if (x < 0) {
            x += length;
            if (x < 0)
                x = forStep ? -1 : 0;
        } else if (x >= length) {
            x = forStep ? length - 1 : length;
        }
        return x;
    };
    std::vector<size_t> out;
    if (step > 0) {
        const int64_t start = clamp(toInt(startV, "indices"), 0, false);
        const int64_t stop = clamp(toInt(stopV, "indices"), length, false);
        for (int64_t i = start; i < stop;) {
            out.push_back(static_cast<size_t>(i));
            if (step >= stop - i)
                break;
            i += step;
        }
    } else {
        const int64_t start = clamp(toInt(startV, "indices"), length - 1, true);
        const int64_t stop = clamp(toInt(stopV, "indices"), -1, true);
        for (int64_t i = start; i > stop;) {
            out.push_back(static_cast<size_t>(i));
            if (-(step + 1) >= i - stop - 1)
                break;
            i += step;
        }
    }
    return out;
}

} // namespace atrium::jinja
