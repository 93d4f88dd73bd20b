// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Expression evaluation: names, attribute and item access, calls, comparisons, and the global functions.
#include <functional>

#include "chat/jinja_format.h"
#include "chat/jinja_interpreter.h"
#include "chat/jinja_operators.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

using namespace ast;

namespace
{

struct NativeFunction : CallableObject {
    std::function<Value(Interpreter &, CallArgs &)> fn;
    Value call(Interpreter &interp, CallArgs &args) override
    {
        return fn(interp, args);
    }
};

} // namespace

Value nativeFunction(std::string name, std::function<Value(Interpreter &, CallArgs &)> fn)
{
    auto f = std::make_shared<NativeFunction>();
    f->name = std::move(name);
    f->fn = std::move(fn);
    return Value::callable(std::move(f));
}

namespace
{

void checkHashable(const Value &v)
{
    if (v.isDict() || (v.isList() && !v.isTuple() && !v.isGenerator()))
        throwTypeError("unhashable type: '" + v.typeName() + "'");
    if (v.isTuple())
        for (const Value &item : v.items())
            checkHashable(item);
}

int64_t rangeArg(const Value &v)
{
    if (!v.isIntegral())
        throwTypeError("'" + v.typeName() + "' object cannot be interpreted as an integer");
    return v.intValue();
}

Value makeRange(Interpreter &interp, CallArgs &args)
{
    if (!args.keyword.empty())
        throwTypeError("range() takes no keyword arguments");
    const auto &a = args.positional;
    if (a.empty() || a.size() > 3)
        throwTypeError("range expected at most 3 arguments, got " + std::to_string(a.size()));
    int64_t start = 0;
    int64_t stop = 0;
    int64_t step = 1;
    if (a.size() == 1) {
        stop = rangeArg(a[0]);
    } else {
        start = rangeArg(a[0]);
        stop = rangeArg(a[1]);
        if (a.size() == 3)
            step = rangeArg(a[2]);
    }
    if (step == 0)
        throwRuntime("ValueError: range() arg 3 must not be zero");
    const long double span = step > 0 ? static_cast<long double>(stop) - start : static_cast<long double>(start) - stop;
    const long double count = span <= 0 ? 0 : (span + (step > 0 ? step : -step) - 1) / (step > 0 ? step : -step);
    constexpr int64_t kMaxRange = 100000; // jinja2.sandbox.MAX_RANGE
    if (count > kMaxRange)
        throwRuntime("OverflowError: Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
    const auto n = static_cast<int64_t>(count);
    interp.charge(static_cast<size_t>(n));
    std::vector<Value> items;
    items.reserve(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        items.push_back(Value::integer(start + i * step));
    return Value::list(std::move(items));
}

/// dict(*args, **kwargs) / namespace(*args, **kwargs)
std::shared_ptr<DictObject> makeDict(Interpreter &interp, CallArgs &args, const char *what)
{
    auto d = std::make_shared<DictObject>();
    if (args.positional.size() > 1)
        throwTypeError(
            std::string(what) + " expected at most 1 argument, got " + std::to_string(args.positional.size()));
    if (!args.positional.empty()) {
        const Value &src = args.positional[0];
        if (src.isDict() || src.isNamespace()) {
            const DictObject &s = src.isDict() ? src.dictObj() : src.namespaceObj();
            d->entries = s.entries;
        } else {
            for (const Value &pair : interp.iterate(src)) {
                const std::vector<Value> kv = interp.iterate(pair);
                if (kv.size() != 2)
                    throwRuntime("ValueError: dictionary update sequence element has length "
                        + std::to_string(kv.size()) + "; 2 is required");
                checkHashable(kv[0]);
                d->set(kv[0], kv[1]);
            }
        }
    }
    for (auto &[k, v] : args.keyword)
        d->set(Value::string(k), v);
    return d;
}

} // namespace

// --- expressions --------------------------------------------------------------------------------------------------

Value Interpreter::eval(const Expr &e, Frame &frame)
{
    switch (e.kind) {
    case ExprKind::Const:
        return static_cast<const ConstExpr &>(e).value;
    case ExprKind::Name:
        return evalName(static_cast<const NameExpr &>(e), frame);
    case ExprKind::List:
    case ExprKind::Tuple: {
        const auto &items = static_cast<const SeqExpr &>(e).items;
        std::vector<Value> values;
        values.reserve(items.size());
        for (const auto &item : items)
            values.push_back(eval(*item, frame));
        return Value::list(std::move(values), e.kind == ExprKind::Tuple ? Value::kTuple : 0);
    }
    case ExprKind::Dict: {
        auto d = std::make_shared<DictObject>();
        for (const auto &[k, v] : static_cast<const DictExpr &>(e).pairs) {
            Value key = eval(*k, frame);
            checkHashable(key);
            d->set(std::move(key), eval(*v, frame));
        }
        return Value::dict(std::move(d));
    }
    case ExprKind::GetAttr: {
        const auto &a = static_cast<const AccessExpr &>(e);
        return getAttr(eval(*a.object, frame), a.name);
    }
    case ExprKind::GetItem: {
        const auto &a = static_cast<const AccessExpr &>(e);
        const Value object = eval(*a.object, frame);
        if (a.index->kind == ExprKind::Slice)
            return evalSlice(object, a, frame);
        return getItem(object, eval(*a.index, frame));
    }
    case ExprKind::Call: {
        const auto &c = static_cast<const CallExpr &>(e);
        const Value callee = eval(*c.callee, frame);
        CallArgs args = evalArgs(c.args, frame);
        m_line = e.line;
        return call(callee, args);
    }
    case ExprKind::Filter:
    case ExprKind::Test: {
        const auto &f = static_cast<const FilterExpr &>(e);
        const Value value = f.object ? eval(*f.object, frame) : Value();
        CallArgs args = evalArgs(f.args, frame);
        m_line = e.line;
        if (e.kind == ExprKind::Filter)
            return applyFilter(f.name, value, args);
        return Value::boolean(applyTest(f.name, value, args));
    }
    case ExprKind::Unary: {
        const auto &u = static_cast<const UnaryExpr &>(e);
        const Value v = eval(*u.operand, frame);
        if (u.op == UnaryOp::Not)
            return Value::boolean(!v.truthy());
        return unaryOp(u.op, v);
    }
    case ExprKind::Binary: {
        const auto &b = static_cast<const BinaryExpr &>(e);
        Value left = eval(*b.left, frame);
        if (b.op == BinaryOp::And)
            return left.truthy() ? eval(*b.right, frame) : left;
        if (b.op == BinaryOp::Or)
            return left.truthy() ? left : eval(*b.right, frame);
        const Value right = eval(*b.right, frame);
        m_line = e.line;
        return binaryOp(b.op, left, right, *this);
    }
    case ExprKind::Concat: {
        std::string out;
        for (const auto &item : static_cast<const SeqExpr &>(e).items) {
            eval(*item, frame).appendStr(out);
            checkSize(out.size());
        }
        charge(out.size() / 256);
        return Value::string(std::move(out));
    }
    case ExprKind::Compare:
        return evalCompare(static_cast<const CompareExpr &>(e), frame);
    case ExprKind::CondExpr: {
        const auto &c = static_cast<const CondExpr &>(e);
        if (eval(*c.test, frame).truthy())
            return eval(*c.then, frame);
        if (c.otherwise)
            return eval(*c.otherwise, frame);
        return Value::undefined("the inline if-expression evaluated to false and no else section was defined.");
    }
    case ExprKind::Slice:
    case ExprKind::NsRef:
        break;
    }
    throwRuntime("invalid expression");
}

Value Interpreter::evalName(const NameExpr &e, Frame &frame)
{
    for (const Frame *f = &frame; f; f = f->parent)
        if (const Value *v = f->find(e.name))
            return *v;
    return lookupGlobal(e.name);
}

Value Interpreter::lookupGlobal(std::string_view name)
{
    if (name == "range")
        return nativeFunction("range", makeRange);
    if (name == "dict")
        return nativeFunction("dict", [](Interpreter &i, CallArgs &a) { return Value::dict(makeDict(i, a, "dict")); });
    if (name == "namespace")
        return nativeFunction("namespace", [](Interpreter &i, CallArgs &a) {
            auto ns = makeDict(i, a, "namespace");
            i.trackNamespace(ns);
            return Value::nameSpace(std::move(ns));
        });
    if (name == "raise_exception")
        return nativeFunction("raise_exception", [](Interpreter &, CallArgs &a) -> Value {
            std::string msg = a.positional.empty() ? std::string() : a.positional[0].toStr();
            throw TemplateException {ErrorCode::TemplateRuntime, std::move(msg), 0, true};
        });
    if (name == "strftime_now")
        return nativeFunction("strftime_now", [](Interpreter &i, CallArgs &a) {
            if (a.positional.size() != 1 || !a.positional[0].isString())
                throwTypeError("strftime_now() takes one format string");
            return Value::string(formatTime(a.positional[0].str(), i.config().now));
        });
    if (name == "joiner") {
        return nativeFunction("joiner", [](Interpreter &, CallArgs &a) {
            const std::string sep = a.positional.empty() ? std::string(", ") : a.positional[0].toStr();
            auto used = std::make_shared<bool>(false);
            return nativeFunction("joiner", [sep, used](Interpreter &, CallArgs &) {
                const bool first = !*used;
                *used = true;
                return Value::string(first ? std::string() : sep);
            });
        });
    }
    return Value::undefined("'" + std::string(name) + "' is undefined");
}

Value Interpreter::evalCompare(const CompareExpr &e, Frame &frame)
{
    Value left = eval(*e.first, frame);
    for (const auto &[op, expr] : e.rest) {
        Value right = eval(*expr, frame);
        m_line = e.line;
        bool ok = false;
        switch (op) {
        case CompareOp::Eq:
            ok = equals(left, right);
            break;
        case CompareOp::Ne:
            ok = !equals(left, right);
            break;
        case CompareOp::Lt:
            ok = lessThan(left, right);
            break;
        case CompareOp::Gt:
            ok = lessThan(right, left);
            break;
        case CompareOp::Le:
            ok = lessThan(left, right) || equals(left, right);
            break;
        case CompareOp::Ge:
            ok = lessThan(right, left) || equals(left, right);
            break;
        case CompareOp::In:
            ok = contains(right, left, *this);
            break;
        case CompareOp::NotIn:
            ok = !contains(right, left, *this);
            break;
        }
        if (!ok)
            return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

namespace
{

/// Whether jinja2's optimizer folds `e` at compile time (its as_const succeeds for literals and operations on them).
bool isConstExpr(const Expr &e)
{
    switch (e.kind) {
    case ExprKind::Const:
        return true;
    case ExprKind::List:
    case ExprKind::Tuple:
    case ExprKind::Concat:
        for (const auto &item : static_cast<const SeqExpr &>(e).items)
            if (!isConstExpr(*item))
                return false;
        return true;
    case ExprKind::Dict:
        for (const auto &[k, v] : static_cast<const DictExpr &>(e).pairs)
            if (!isConstExpr(*k) || !isConstExpr(*v))
                return false;
        return true;
    case ExprKind::Unary:
        return isConstExpr(*static_cast<const UnaryExpr &>(e).operand);
    case ExprKind::Binary:
        return isConstExpr(*static_cast<const BinaryExpr &>(e).left)
            && isConstExpr(*static_cast<const BinaryExpr &>(e).right);
    case ExprKind::Compare: {
        const auto &c = static_cast<const CompareExpr &>(e);
        for (const auto &[op, x] : c.rest)
            if (!isConstExpr(*x))
                return false;
        return isConstExpr(*c.first);
    }
    case ExprKind::CondExpr: {
        const auto &c = static_cast<const CondExpr &>(e);
        return isConstExpr(*c.test) && isConstExpr(*c.then) && (!c.otherwise || isConstExpr(*c.otherwise));
    }
    case ExprKind::Filter:
    case ExprKind::Test: {
        const auto &f = static_cast<const FilterExpr &>(e);
        if (!f.object || !isConstExpr(*f.object) || f.args.starArgs || f.args.starKwargs)
            return false;
        for (const auto &a : f.args.positional)
            if (!isConstExpr(*a))
                return false;
        for (const auto &[k, a] : f.args.keyword)
            if (!isConstExpr(*a))
                return false;
        return true;
    }
    case ExprKind::GetAttr:
    case ExprKind::GetItem: {
        const auto &a = static_cast<const AccessExpr &>(e);
        return isConstExpr(*a.object) && (!a.index || a.index->kind == ExprKind::Slice || isConstExpr(*a.index));
    }
    default:
        return false;
    }
}

} // namespace

Value Interpreter::evalSlice(const Value &object, const AccessExpr &access, Frame &frame)
{
    // jinja2 compiles slices to plain Python subscripts, so errors propagate; but its optimizer folds constant
    // expressions through environment.getitem, which turns the same errors into undefined.
    const auto &slice = static_cast<const SliceExpr &>(*access.index);
    const Value start = slice.start ? eval(*slice.start, frame) : Value::none();
    const Value stop = slice.stop ? eval(*slice.stop, frame) : Value::none();
    const Value step = slice.step ? eval(*slice.step, frame) : Value::none();
    requireDefined(object);
    const bool sliceable = object.isString() || (object.isList() && !object.isGenerator());
    bool indicesOk = true;
    for (const Value *v : {&start, &stop, &step})
        indicesOk = indicesOk && (v->isNone() || v->isIntegral());
    if (!sliceable || !indicesOk) {
        if (isConstExpr(*access.object) && (!slice.start || isConstExpr(*slice.start))
            && (!slice.stop || isConstExpr(*slice.stop)) && (!slice.step || isConstExpr(*slice.step)))
            return Value::undefined("'" + object.typeName() + "' object is not subscriptable");
        if (object.isDict())
            throwTypeError("unhashable type: 'slice'");
        if (!sliceable)
            throwTypeError("'" + object.typeName() + "' object is not subscriptable");
        throwTypeError("slice indices must be integers or None or have an __index__ method");
    }
    if (object.isString()) {
        const std::string &s = object.str();
        if (unicode::isAscii(s)) {
            std::string out;
            for (size_t i : sliceIndices(static_cast<int64_t>(s.size()), start, stop, step))
                out.push_back(s[i]);
            return Value::string(std::move(out), object.isMarkup());
        }
        const std::u32string cps = unicode::toCodePoints(s);
        std::u32string out;
        for (size_t i : sliceIndices(static_cast<int64_t>(cps.size()), start, stop, step))
            out.push_back(cps[i]);
        return Value::string(unicode::fromCodePoints(out), object.isMarkup());
    }
    const auto &items = object.items();
    std::vector<Value> out;
    for (size_t i : sliceIndices(static_cast<int64_t>(items.size()), start, stop, step))
        out.push_back(items[i]);
    return Value::list(std::move(out), object.flags());
}

CallArgs Interpreter::evalArgs(const CallArgsExpr &args, Frame &frame)
{
    CallArgs out;
    out.positional.reserve(args.positional.size());
    for (const auto &p : args.positional)
        out.positional.push_back(eval(*p, frame));
    for (const auto &[k, v] : args.keyword)
        out.keyword.emplace_back(k, eval(*v, frame));
    if (args.starArgs) {
        for (Value &v : iterate(eval(*args.starArgs, frame)))
            out.positional.push_back(std::move(v));
    }
    if (args.starKwargs) {
        const Value kw = eval(*args.starKwargs, frame);
        if (!kw.isDict())
            throwTypeError("argument after ** must be a mapping, not " + kw.typeName());
        for (const auto &[k, v] : kw.dictObj().entries) {
            if (!k.isString())
                throwTypeError("keywords must be strings");
            out.keyword.emplace_back(k.str(), v);
        }
    }
    return out;
}

} // namespace atrium::jinja
