// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// jinja2's builtin filters on sequences and mappings. map / select / reject / unique / items / reverse / batch /
// slice return generators, as in jinja2 (so `| tojson` on them fails like it does there).
#include <algorithm>

#include "chat/jinja_args.h"
#include "chat/jinja_filters.h"
#include "chat/jinja_operators.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

namespace
{

Value generator(std::vector<Value> items)
{
    return Value::list(std::move(items), Value::kGenerator);
}

Value lowerIfString(const Value &v)
{
    return v.isString() ? Value::string(unicode::lower(v.str())) : v;
}

/// "a.b.0" → ["a", "b", 0]
std::vector<Value> attributeParts(const Value &attribute)
{
    std::vector<Value> parts;
    if (attribute.isNone() || attribute.isUndefined())
        return parts;
    if (!attribute.isString()) {
        parts.push_back(attribute);
        return parts;
    }
    const std::string &s = attribute.str();
    size_t start = 0;
    for (;;) {
        const size_t dot = s.find('.', start);
        const std::string part = s.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        const bool digits = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
        parts.push_back(digits && part.size() < 18 ? Value::integer(std::stoll(part)) : Value::string(part));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return parts;
}

Value filterLength(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("length", args, {});
    switch (v.kind()) {
    case ValueKind::Undefined:
        return Value::integer(0);
    case ValueKind::String:
        return Value::integer(static_cast<int64_t>(unicode::length(v.str())));
    case ValueKind::List:
        if (!v.isGenerator())
            return Value::integer(static_cast<int64_t>(v.items().size()));
        break;
    case ValueKind::Dict:
        return Value::integer(static_cast<int64_t>(v.dictObj().entries.size()));
    default:
        break;
    }
    throwTypeError("object of type '" + v.typeName() + "' has no len()");
}

Value filterList(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("list", args, {});
    return Value::list(interp.iterate(v));
}

Value filterFirst(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("first", args, {});
    std::vector<Value> items = interp.iterate(v);
    if (items.empty())
        return Value::undefined("No first item, sequence was empty.");
    return items.front();
}

Value filterLast(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("last", args, {});
    if (v.isGenerator())
        throwTypeError("'generator' object is not reversible");
    std::vector<Value> items = interp.iterate(v);
    if (items.empty())
        return Value::undefined("No last item, sequence was empty.");
    return items.back();
}

Value filterJoin(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("join", args, {"d", "attribute"});
    const std::string sep = r.has(0) ? r.get(0).toStr() : std::string();
    std::function<Value(const Value &)> get;
    if (!r.get(1).isNone())
        get = makeAttrGetter(interp, r.get(1), false);
    std::string out;
    bool first = true;
    for (const Value &item : interp.iterate(v)) {
        if (!first)
            out += sep;
        first = false;
        (get ? get(item) : item).appendStr(out);
        interp.checkSize(out.size());
    }
    return Value::string(std::move(out));
}

Value filterItems(Interpreter &, const Value &v, CallArgs &args)
{
    ArgReader r("items", args, {});
    if (v.isUndefined())
        return generator({});
    if (!v.isDict())
        throwTypeError("Can only get item pairs from a mapping.");
    std::vector<Value> out;
    for (const auto &[k, val] : v.dictObj().entries)
        out.push_back(Value::tuple({k, val}));
    return generator(std::move(out));
}

Value filterMap(Interpreter &interp, const Value &v, CallArgs &args)
{
    if (!v.truthy())
        return generator({});
    std::function<Value(const Value &)> fn;
    if (args.positional.empty()) {
        Value attribute;
        Value fallback = Value::none();
        bool haveAttribute = false;
        for (auto &[k, val] : args.keyword) {
            if (k == "attribute") {
                attribute = val;
                haveAttribute = true;
            } else if (k == "default") {
                fallback = val;
            } else {
                throwRuntime("FilterArgumentError: Unexpected keyword argument '" + k + "'");
            }
        }
        if (!haveAttribute)
            throwRuntime("FilterArgumentError: map requires a filter argument");
        fn = makeAttrGetter(interp, attribute, false, fallback);
    } else {
        if (!args.positional[0].isString())
            throwRuntime("No filter named '" + args.positional[0].toStr() + "'.");
        const std::string name = args.positional[0].str();
        CallArgs rest;
        rest.positional.assign(args.positional.begin() + 1, args.positional.end());
        rest.keyword = args.keyword;
        fn = [&interp, name, rest](const Value &item) {
            CallArgs a = rest;
            return interp.applyFilter(name, item, a);
        };
    }
    std::vector<Value> out;
    for (const Value &item : interp.iterate(v))
        out.push_back(fn(item));
    return generator(std::move(out));
}

Value selectOrReject(Interpreter &interp, const Value &v, CallArgs &args, bool select, bool byAttribute)
{
    if (!v.truthy())
        return generator({});
    size_t offset = 0;
    std::function<Value(const Value &)> transform = [](const Value &x) { return x; };
    if (byAttribute) {
        if (args.positional.empty())
            throwRuntime("FilterArgumentError: Missing parameter for attribute name");
        transform = makeAttrGetter(interp, args.positional[0], false);
        offset = 1;
    }
    std::function<bool(const Value &)> test = [](const Value &x) { return x.truthy(); };
    if (args.positional.size() > offset) {
        const std::string name = args.positional[offset].toStr();
        CallArgs rest;
        rest.positional.assign(
            args.positional.begin() + static_cast<std::ptrdiff_t>(offset + 1), args.positional.end());
        rest.keyword = args.keyword;
        test = [&interp, name, rest](const Value &x) {
            CallArgs a = rest;
            return interp.applyTest(name, x, a);
        };
    }
    std::vector<Value> out;
    for (const Value &item : interp.iterate(v))
        if (test(transform(item)) == select)
            out.push_back(item);
    return generator(std::move(out));
}

Value filterUnique(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("unique", args, {"case_sensitive", "attribute"});
    auto key = makeAttrGetter(interp, r.get(1), !r.flag(0, false));
    std::vector<Value> seen;
    std::vector<Value> out;
    for (const Value &item : interp.iterate(v)) {
        const Value k = key(item);
        if (k.isDict() || (k.isList() && !k.isTuple() && !k.isGenerator()))
            throwTypeError("unhashable type: '" + k.typeName() + "'");
        if (std::none_of(seen.begin(), seen.end(), [&](const Value &s) { return equals(s, k); })) {
            seen.push_back(k);
            out.push_back(item);
        }
    }
    return generator(std::move(out));
}

/// make_multi_attrgetter: "a,b" sorts by a then b.
std::function<Value(const Value &)> multiKey(Interpreter &interp, const Value &attribute, bool ignoreCase)
{
    std::vector<std::function<Value(const Value &)>> getters;
    if (attribute.isString()) {
        const std::string &s = attribute.str();
        size_t start = 0;
        for (;;) {
            const size_t comma = s.find(',', start);
            getters.push_back(makeAttrGetter(interp,
                Value::string(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start)),
                ignoreCase));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    } else {
        getters.push_back(makeAttrGetter(interp, attribute, ignoreCase));
    }
    return [getters](const Value &item) {
        std::vector<Value> keys;
        for (const auto &g : getters)
            keys.push_back(g(item));
        return Value::list(std::move(keys));
    };
}

std::vector<Value> sortedBy(std::vector<Value> items, const std::function<Value(const Value &)> &key, bool reverse)
{
    std::vector<std::pair<Value, Value>> keyed;
    keyed.reserve(items.size());
    for (Value &item : items)
        keyed.emplace_back(key(item), std::move(item));
    std::stable_sort(keyed.begin(), keyed.end(), [reverse](const auto &a, const auto &b) {
        return reverse ? lessThan(b.first, a.first) : lessThan(a.first, b.first);
    });
    std::vector<Value> out;
    out.reserve(keyed.size());
    for (auto &kv : keyed)
        out.push_back(std::move(kv.second));
    return out;
}

Value filterSort(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("sort", args, {"reverse", "case_sensitive", "attribute"});
    std::vector<Value> items = interp.iterate(v);
    interp.charge(items.size());
    return Value::list(sortedBy(std::move(items), multiKey(interp, r.get(2), !r.flag(1, false)), r.flag(0, false)));
}

Value filterDictsort(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("dictsort", args, {"case_sensitive", "by", "reverse"});
    if (!v.isDict())
        throwTypeError("dictsort expects a mapping");
    const std::string by = r.has(1) ? r.string(1) : std::string("key");
    if (by != "key" && by != "value")
        throwRuntime("FilterArgumentError: You can only sort by either \"key\" or \"value\"");
    const size_t pos = by == "key" ? 0 : 1;
    const bool ignoreCase = !r.flag(0, false);
    std::vector<Value> items;
    for (const auto &[k, val] : v.dictObj().entries)
        items.push_back(Value::tuple({k, val}));
    interp.charge(items.size());
    auto key = [pos, ignoreCase](const Value &pair) {
        const Value &x = pair.items()[pos];
        return ignoreCase ? lowerIfString(x) : x;
    };
    return Value::list(sortedBy(std::move(items), key, r.flag(2, false)));
}

Value filterReverse(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("reverse", args, {});
    if (v.isString()) {
        std::u32string cps = unicode::toCodePoints(v.str());
        std::reverse(cps.begin(), cps.end());
        return Value::string(unicode::fromCodePoints(cps), v.isMarkup());
    }
    std::vector<Value> items = interp.iterate(v);
    std::reverse(items.begin(), items.end());
    if (v.isGenerator())
        return Value::list(std::move(items));
    return generator(std::move(items));
}

Value filterSum(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("sum", args, {"attribute", "start"});
    std::function<Value(const Value &)> get;
    if (!r.get(0).isNone())
        get = makeAttrGetter(interp, r.get(0), false);
    Value total = r.getOr(1, Value::integer(0));
    for (const Value &item : interp.iterate(v))
        total = binaryOp(ast::BinaryOp::Add, total, get ? get(item) : item, interp);
    return total;
}

Value minMax(Interpreter &interp, const Value &v, CallArgs &args, bool max)
{
    ArgReader r(max ? "max" : "min", args, {"case_sensitive", "attribute"});
    std::vector<Value> items = interp.iterate(v);
    if (items.empty())
        return Value::undefined("No aggregated item, sequence was empty.");
    auto key = makeAttrGetter(interp, r.get(1), !r.flag(0, false));
    size_t best = 0;
    Value bestKey = key(items[0]);
    for (size_t i = 1; i < items.size(); ++i) {
        Value k = key(items[i]);
        if (max ? lessThan(bestKey, k) : lessThan(k, bestKey)) {
            best = i;
            bestKey = std::move(k);
        }
    }
    return items[best];
}

Value filterBatch(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("batch", args, {"linecount", "fill_with"});
    const int64_t n = r.integer(0, 0);
    if (n <= 0)
        throwRuntime("ValueError: batch size must be positive");
    std::vector<Value> out;
    std::vector<Value> tmp;
    for (const Value &item : interp.iterate(v)) {
        if (static_cast<int64_t>(tmp.size()) == n)
            out.push_back(Value::list(std::exchange(tmp, {})));
        tmp.push_back(item);
    }
    if (!tmp.empty()) {
        if (r.has(1) && !r.get(1).isNone())
            while (static_cast<int64_t>(tmp.size()) < n)
                tmp.push_back(r.get(1));
        out.push_back(Value::list(std::move(tmp)));
    }
    return generator(std::move(out));
}

Value filterSlice(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("slice", args, {"slices", "fill_with"});
    const int64_t slices = r.integer(0, 0);
    if (slices <= 0)
        throwRuntime("ZeroDivisionError: integer division or modulo by zero");
    const std::vector<Value> seq = interp.iterate(v);
    const auto length = static_cast<int64_t>(seq.size());
    const int64_t perSlice = length / slices;
    const int64_t withExtra = length % slices;
    int64_t offset = 0;
    std::vector<Value> out;
    for (int64_t i = 0; i < slices; ++i) {
        const int64_t start = offset + i * perSlice;
        if (i < withExtra)
            ++offset;
        const int64_t end = offset + (i + 1) * perSlice;
        std::vector<Value> part(seq.begin() + start, seq.begin() + end);
        if (r.has(1) && !r.get(1).isNone() && i >= withExtra)
            part.push_back(r.get(1));
        out.push_back(Value::list(std::move(part)));
        interp.charge(1);
    }
    return generator(std::move(out));
}

Value filterGroupby(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("groupby", args, {"attribute", "default", "case_sensitive"});
    const bool ignoreCase = !r.flag(2, false);
    auto key = makeAttrGetter(interp, r.required(0), ignoreCase, r.get(1));
    auto outputKey = makeAttrGetter(interp, r.required(0), false, r.get(1));
    std::vector<Value> sorted = sortedBy(interp.iterate(v), key, false);
    std::vector<Value> out;
    size_t i = 0;
    while (i < sorted.size()) {
        const Value k = key(sorted[i]);
        std::vector<Value> group;
        while (i < sorted.size() && equals(key(sorted[i]), k))
            group.push_back(sorted[i++]);
        Value grouper = ignoreCase ? outputKey(group.front()) : k;
        out.push_back(Value::tuple({std::move(grouper), Value::list(std::move(group))}));
    }
    return Value::list(std::move(out));
}

Value filterAttr(Interpreter &interp, const Value &v, CallArgs &args)
{
    ArgReader r("attr", args, {"name"});
    const std::string name = r.string(0);
    if (v.isDict()) {
        if (auto m = findMethod(v, name))
            return *m;
        return Value::undefined("'dict object' has no attribute '" + name + "'");
    }
    return interp.getAttr(v, name);
}

struct FilterEntry {
    std::string_view name;
    FilterFn fn;
};

const FilterEntry kSequenceFilters[] = {
    {"attr", filterAttr},
    {"batch", filterBatch},
    {"count", filterLength},
    {"dictsort", filterDictsort},
    {"first", filterFirst},
    {"groupby", filterGroupby},
    {"items", filterItems},
    {"join", filterJoin},
    {"last", filterLast},
    {"length", filterLength},
    {"list", filterList},
    {"map", filterMap},
    {"max", [](Interpreter &i, const Value &v, CallArgs &a) { return minMax(i, v, a, true); }},
    {"min", [](Interpreter &i, const Value &v, CallArgs &a) { return minMax(i, v, a, false); }},
    {"reject", [](Interpreter &i, const Value &v, CallArgs &a) { return selectOrReject(i, v, a, false, false); }},
    {"rejectattr", [](Interpreter &i, const Value &v, CallArgs &a) { return selectOrReject(i, v, a, false, true); }},
    {"reverse", filterReverse},
    {"select", [](Interpreter &i, const Value &v, CallArgs &a) { return selectOrReject(i, v, a, true, false); }},
    {"selectattr", [](Interpreter &i, const Value &v, CallArgs &a) { return selectOrReject(i, v, a, true, true); }},
    {"slice", filterSlice},
    {"sort", filterSort},
    {"sum", filterSum},
    {"unique", filterUnique},
};

} // namespace

std::function<Value(const Value &)> makeAttrGetter(
    Interpreter &interp, const Value &attribute, bool ignoreCase, const Value &fallback)
{
    std::vector<Value> parts = attributeParts(attribute);
    return [&interp, parts, ignoreCase, fallback](const Value &item) {
        Value v = item;
        for (const Value &part : parts)
            v = interp.getItem(v, part);
        if (v.isUndefined() && !fallback.isUndefined() && !fallback.isNone())
            v = fallback;
        return ignoreCase ? lowerIfString(v) : v;
    };
}

FilterFn findSequenceFilter(std::string_view name)
{
    for (const auto &f : kSequenceFilters)
        if (f.name == name)
            return f.fn;
    return nullptr;
}

} // namespace atrium::jinja
