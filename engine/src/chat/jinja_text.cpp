// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Python text helpers: json.dumps, strftime, strip / split / splitlines / replace.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "chat/jinja_format.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

// --- json.dumps --------------------------------------------------------------------------------------------------

namespace
{

void jsonString(std::string &out, std::string_view s, bool ensureAscii)
{
    out.push_back('"');
    for (size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        char buf[16];
        if (b < 0x80) {
            ++i;
            switch (b) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (b < 0x20) {
                    std::snprintf(buf, sizeof(buf), "\\u%04x", b);
                    out += buf;
                } else {
                    out.push_back(static_cast<char>(b));
                }
            }
            continue;
        }
        const size_t start = i;
        const char32_t c = unicode::decode(s, i);
        if (!ensureAscii) {
            out.append(s.substr(start, i - start));
        } else if (c >= 0x10000) {
            const char32_t v = c - 0x10000;
            std::snprintf(buf,
                sizeof(buf),
                "\\u%04x\\u%04x",
                static_cast<unsigned>(0xD800 + (v >> 10)),
                static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
            out += buf;
        } else {
            std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
            out += buf;
        }
    }
    out.push_back('"');
}

std::string jsonFloat(double d)
{
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d < 0 ? "-Infinity" : "Infinity";
    return floatRepr(d);
}

std::string jsonKey(const Value &k)
{
    switch (k.kind()) {
    case ValueKind::String:
        return k.str();
    case ValueKind::Int:
        return std::to_string(k.intValue());
    case ValueKind::Float:
        return jsonFloat(k.floatValue());
    case ValueKind::Bool:
        return k.boolValue() ? "true" : "false";
    case ValueKind::None:
        return "null";
    default:
        throwTypeError("keys must be str, int, float, bool or None, not " + k.typeName());
    }
}

void dump(std::string &out, const Value &v, const JsonOptions &o, int level)
{
    auto newline = [&](int lvl) {
        out.push_back('\n');
        for (int i = 0; i < lvl; ++i)
            out += *o.indent;
    };
    switch (v.kind()) {
    case ValueKind::None:
        out += "null";
        return;
    case ValueKind::Bool:
        out += v.boolValue() ? "true" : "false";
        return;
    case ValueKind::Int:
        out += std::to_string(v.intValue());
        return;
    case ValueKind::Float:
        out += jsonFloat(v.floatValue());
        return;
    case ValueKind::String:
        jsonString(out, v.str(), o.ensureAscii);
        return;
    case ValueKind::List: {
        if (v.isGenerator())
            break;
        const auto &items = v.items();
        if (items.empty()) {
            out += "[]";
            return;
        }
        out.push_back('[');
        for (size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += o.itemSeparator;
            if (o.indent)
                newline(level + 1);
            dump(out, items[i], o, level + 1);
        }
        if (o.indent)
            newline(level);
        out.push_back(']');
        return;
    }
    case ValueKind::Dict: {
        std::vector<const std::pair<Value, Value> *> entries;
        for (const auto &e : v.dictObj().entries)
            entries.push_back(&e);
        if (entries.empty()) {
            out += "{}";
            return;
        }
        if (o.sortKeys)
            std::stable_sort(entries.begin(), entries.end(), [](const auto *a, const auto *b) {
                return lessThan(a->first, b->first);
            });
        out.push_back('{');
        for (size_t i = 0; i < entries.size(); ++i) {
            if (i)
                out += o.itemSeparator;
            if (o.indent)
                newline(level + 1);
            jsonString(out, jsonKey(entries[i]->first), o.ensureAscii);
            out += o.keySeparator;
            dump(out, entries[i]->second, o, level + 1);
        }
        if (o.indent)
            newline(level);
        out.push_back('}');
        return;
    }
    default:
        break;
    }
    throwTypeError("Object of type " + v.typeName() + " is not JSON serializable");
}

} // namespace

std::string toJson(const Value &value, const JsonOptions &options)
{
    std::string out;
    dump(out, value, options, 0);
    return out;
}

// --- str methods -------------------------------------------------------------------------------------------------

std::string pyStrip(std::string_view s, const std::optional<std::string> &chars, bool left, bool right)
{
    std::u32string set;
    if (chars)
        set = unicode::toCodePoints(*chars);
    auto strip = [&](char32_t c) { return chars ? set.find(c) != std::u32string::npos : unicode::isSpace(c); };
    if (unicode::isAscii(s) && (!chars || unicode::isAscii(*chars))) {
        size_t begin = 0;
        size_t end = s.size();
        while (left && begin < end && strip(static_cast<unsigned char>(s[begin])))
            ++begin;
        while (right && end > begin && strip(static_cast<unsigned char>(s[end - 1])))
            --end;
        return std::string(s.substr(begin, end - begin));
    }
    const std::u32string cps = unicode::toCodePoints(s);
    size_t begin = 0;
    size_t end = cps.size();
    while (left && begin < end && strip(cps[begin]))
        ++begin;
    while (right && end > begin && strip(cps[end - 1]))
        --end;
    return unicode::fromCodePoints(std::u32string_view(cps).substr(begin, end - begin));
}

std::vector<std::string> pySplitLines(std::string_view s, bool keepEnds)
{
    std::vector<std::string> out;
    size_t lineStart = 0;
    size_t i = 0;
    while (i < s.size()) {
        const size_t at = i;
        const char32_t c = unicode::decode(s, i);
        const bool br = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E
            || c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!br)
            continue;
        if (c == '\r' && i < s.size() && s[i] == '\n')
            ++i;
        out.emplace_back(s.substr(lineStart, (keepEnds ? i : at) - lineStart));
        lineStart = i;
    }
    if (lineStart < s.size())
        out.emplace_back(s.substr(lineStart));
    return out;
}

std::vector<std::string> pySplit(std::string_view s, const std::optional<std::string> &sep, int64_t maxSplit)
{
    std::vector<std::string> out;
    if (sep) {
        if (sep->empty())
            throwRuntime("ValueError: empty separator");
        size_t start = 0;
        while (maxSplit < 0 || static_cast<int64_t>(out.size()) < maxSplit) {
            const size_t pos = s.find(*sep, start);
            if (pos == std::string_view::npos)
                break;
            out.emplace_back(s.substr(start, pos - start));
            start = pos + sep->size();
        }
        out.emplace_back(s.substr(start));
        return out;
    }
    size_t i = 0;
    auto skipSpace = [&]() {
        while (i < s.size()) {
            size_t q = i;
            if (!unicode::isSpace(unicode::decode(s, q)))
                break;
            i = q;
        }
    };
    skipSpace();
    while (i < s.size()) {
        if (maxSplit >= 0 && static_cast<int64_t>(out.size()) >= maxSplit) {
            out.emplace_back(pyStrip(s.substr(i), std::nullopt, false, true));
            return out;
        }
        const size_t start = i;
        while (i < s.size()) {
            size_t q = i;
            if (unicode::isSpace(unicode::decode(s, q)))
                break;
            i = q;
        }
        out.emplace_back(s.substr(start, i - start));
        skipSpace();
    }
    return out;
}

std::vector<std::string> pyRSplit(std::string_view s, const std::optional<std::string> &sep, int64_t maxSplit)
{
    if (maxSplit < 0)
        return pySplit(s, sep, maxSplit);
    std::vector<std::string> out;
    if (sep) {
        if (sep->empty())
            throwRuntime("ValueError: empty separator");
        size_t end = s.size();
        while (static_cast<int64_t>(out.size()) < maxSplit) {
            if (end < sep->size())
                break;
            const size_t pos = s.rfind(*sep, end - sep->size());
            if (pos == std::string_view::npos)
                break;
            out.emplace_back(s.substr(pos + sep->size(), end - pos - sep->size()));
            end = pos;
        }
        out.emplace_back(s.substr(0, end));
        std::reverse(out.begin(), out.end());
        return out;
    }
    std::u32string cps = unicode::toCodePoints(s);
    size_t end = cps.size();
    while (end > 0 && unicode::isSpace(cps[end - 1]))
        --end;
    while (end > 0) {
        if (static_cast<int64_t>(out.size()) >= maxSplit) {
            out.push_back(unicode::fromCodePoints(std::u32string_view(cps).substr(0, end)));
            break;
        }
        size_t start = end;
        while (start > 0 && !unicode::isSpace(cps[start - 1]))
            --start;
        out.push_back(unicode::fromCodePoints(std::u32string_view(cps).substr(start, end - start)));
        end = start;
        while (end > 0 && unicode::isSpace(cps[end - 1]))
            --end;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::string pyReplace(std::string_view s, std::string_view from, std::string_view to, int64_t count)
{
    std::string out;
    if (from.empty()) {
        int64_t done = 0;
        size_t i = 0;
        if (count != 0) {
            out += to;
            ++done;
        }
        while (i < s.size()) {
            const size_t start = i;
            unicode::decode(s, i);
            out.append(s.substr(start, i - start));
            if (i < s.size() && (count < 0 || done < count)) {
                out += to;
                ++done;
            } else if (i == s.size() && (count < 0 || done < count)) {
                out += to;
                ++done;
            }
        }
        return out;
    }
    size_t start = 0;
    int64_t done = 0;
    while (count < 0 || done < count) {
        const size_t pos = s.find(from, start);
        if (pos == std::string_view::npos)
            break;
        out.append(s.substr(start, pos - start));
        out.append(to);
        start = pos + from.size();
        ++done;
    }
    out.append(s.substr(start));
    return out;
}

} // namespace atrium::jinja
