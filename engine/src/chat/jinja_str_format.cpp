// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// str.format(): replacement fields, conversions and nested format specs.
#include <cctype>

#include "chat/jinja_format.h"
#include "chat/jinja_interpreter.h"

namespace atrium::jinja
{

namespace
{

[[noreturn]] void valueError(const std::string &msg)
{
    throwRuntime("ValueError: " + msg);
}

} // namespace

// --- str.format --------------------------------------------------------------------------------------------------

namespace
{

Value resolveField(std::string_view field, const CallArgs &args, size_t &autoIndex, int &mode, Interpreter &interp)
{
    size_t end = field.find_first_of(".[");
    const std::string_view head = field.substr(0, end);
    Value v;
    if (head.empty() || std::isdigit(static_cast<unsigned char>(head[0]))) {
        size_t index;
        if (head.empty()) {
            if (mode == 2)
                valueError("cannot switch from manual field specification to automatic field numbering");
            mode = 1;
            index = autoIndex++;
        } else {
            if (mode == 1)
                valueError("cannot switch from automatic field numbering to manual field specification");
            mode = 2;
            index = 0;
            for (char c : head) {
                if (!std::isdigit(static_cast<unsigned char>(c)))
                    throwRuntime("KeyError: '" + std::string(head) + "'");
                index = index * 10 + static_cast<size_t>(c - '0');
                if (index > 1000000)
                    break;
            }
        }
        if (index >= args.positional.size())
            throwRuntime(
                "IndexError: Replacement index " + std::to_string(index) + " out of range for positional args tuple");
        v = args.positional[index];
    } else {
        bool found = false;
        for (const auto &[k, value] : args.keyword) {
            if (k == head) {
                v = value;
                found = true;
            }
        }
        if (!found)
            throwRuntime("KeyError: '" + std::string(head) + "'");
    }
    while (end != std::string_view::npos && end < field.size()) {
        if (field[end] == '.') {
            const size_t next = field.find_first_of(".[", end + 1);
            v = interp.getAttr(v, field.substr(end + 1, next - end - 1));
            end = next;
        } else {
            const size_t close = field.find(']', end);
            if (close == std::string_view::npos)
                valueError("Missing ']' in format string");
            const std::string_view key = field.substr(end + 1, close - end - 1);
            bool numeric = !key.empty();
            for (char c : key)
                numeric = numeric && std::isdigit(static_cast<unsigned char>(c));
            v = interp.getItem(v,
                numeric ? Value::integer(std::stoll(std::string(key.substr(0, 15)))) : Value::string(std::string(key)));
            end = close + 1;
            if (end < field.size() && field[end] != '.' && field[end] != '[')
                valueError("Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    return v;
}

std::string formatImpl(
    std::string_view fmt, const CallArgs &args, Interpreter &interp, size_t &autoIndex, int &mode, int depth)
{
    if (depth > 2)
        valueError("Max string recursion exceeded");
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        const char c = fmt[i];
        if (c == '}') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
                out.push_back('}');
                ++i;
                continue;
            }
            valueError("Single '}' encountered in format string");
        }
        if (c != '{') {
            out.push_back(c);
            continue;
        }
        if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
            out.push_back('{');
            ++i;
            continue;
        }
        int level = 1;
        size_t j = i + 1;
        for (; j < fmt.size() && level > 0; ++j)
            level += fmt[j] == '{' ? 1 : fmt[j] == '}' ? -1 : 0;
        if (level > 0)
            valueError("expected '}' before end of string");
        const std::string_view body = fmt.substr(i + 1, j - i - 2);
        i = j - 1;
        size_t specPos = std::string_view::npos;
        int bracket = 0;
        for (size_t k = 0; k < body.size(); ++k) {
            bracket += body[k] == '[' ? 1 : body[k] == ']' ? -1 : 0;
            if (bracket == 0 && (body[k] == ':' || body[k] == '!')) {
                specPos = k;
                break;
            }
        }
        std::string_view field = body.substr(0, specPos);
        char conversion = '\0';
        std::string spec;
        if (specPos != std::string_view::npos) {
            std::string_view rest = body.substr(specPos);
            if (rest[0] == '!') {
                if (rest.size() < 2)
                    valueError("end of string while looking for conversion specifier");
                conversion = rest[1];
                rest = rest.substr(2);
                if (!rest.empty() && rest[0] != ':')
                    valueError("expected ':' after conversion specifier");
            }
            if (!rest.empty())
                spec = formatImpl(rest.substr(1), args, interp, autoIndex, mode, depth + 1);
        }
        Value v = resolveField(field, args, autoIndex, mode, interp);
        if (conversion == 'r' || conversion == 'a')
            v = Value::string(v.repr());
        else if (conversion == 's')
            v = Value::string(v.toStr());
        else if (conversion != '\0')
            valueError(std::string("Unknown conversion specifier ") + conversion);
        out += formatSpec(v, spec);
        interp.checkSize(out.size());
    }
    return out;
}

} // namespace

std::string strFormat(std::string_view fmt, const CallArgs &args, Interpreter &interp)
{
    size_t autoIndex = 0;
    int mode = 0;
    return formatImpl(fmt, args, interp, autoIndex, mode, 0);
}

} // namespace atrium::jinja
