// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Python's printf-style `%` formatting, str.format() and the format-spec mini-language.
#include "chat/jinja_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "chat/jinja_interpreter.h"
#include "chat/jinja_operators.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

namespace
{

[[noreturn]] void valueError(const std::string &msg)
{
    throwRuntime("ValueError: " + msg);
}

std::string intDigits(int64_t v, int base, bool upper)
{
    uint64_t u = v < 0 ? static_cast<uint64_t>(0) - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    do {
        out.insert(out.begin(), digits[u % static_cast<uint64_t>(base)]);
        u /= static_cast<uint64_t>(base);
    } while (u);
    return out;
}

int printDouble(char *buf, size_t n, char type, bool alt, int precision, double v)
{
    switch (type) {
    case 'e':
        return alt ? std::snprintf(buf, n, "%#.*e", precision, v) : std::snprintf(buf, n, "%.*e", precision, v);
    case 'E':
        return alt ? std::snprintf(buf, n, "%#.*E", precision, v) : std::snprintf(buf, n, "%.*E", precision, v);
    case 'f':
    case 'F':
        return alt ? std::snprintf(buf, n, "%#.*f", precision, v) : std::snprintf(buf, n, "%.*f", precision, v);
    case 'G':
        return alt ? std::snprintf(buf, n, "%#.*G", precision, v) : std::snprintf(buf, n, "%.*G", precision, v);
    default:
        return alt ? std::snprintf(buf, n, "%#.*g", precision, v) : std::snprintf(buf, n, "%.*g", precision, v);
    }
}

/// C printf of the magnitude of one double; Python's float formatting agrees with glibc's for e, f, g.
std::string cFormat(double v, char type, int precision, bool alt)
{
    if (std::isinf(v) || std::isnan(v)) {
        std::string s = std::isnan(v) ? "nan" : "inf";
        if (type == 'E' || type == 'F' || type == 'G')
            s = std::isnan(v) ? "NAN" : "INF";
        return s;
    }
    const double magnitude = std::fabs(v);
    const int n = printDouble(nullptr, 0, type, alt, precision, magnitude);
    std::string out(static_cast<size_t>(std::max(n, 0)), '\0');
    printDouble(out.data(), out.size() + 1, type, alt, precision, magnitude);
    return out;
}

std::string groupDigits(const std::string &digits, char sep, size_t every)
{
    std::string out;
    const size_t n = digits.size();
    for (size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % every == 0)
            out.push_back(sep);
        out.push_back(digits[i]);
    }
    return out;
}

struct Spec {
    std::string fill = " ";
    char align = '\0';
    char sign = '-';
    bool alt = false;
    bool zero = false;
    size_t width = 0;
    char grouping = '\0';
    int precision = -1;
    char type = '\0';
};

Spec parseSpec(std::string_view s)
{
    Spec spec;
    size_t i = 0;
    auto isAlign = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
    // fill may be any (UTF-8) character followed by an align char
    size_t q = 0;
    if (!s.empty())
        unicode::decode(s, q);
    if (q < s.size() && isAlign(s[q])) {
        spec.fill = std::string(s.substr(0, q));
        spec.align = s[q];
        i = q + 1;
    } else if (!s.empty() && isAlign(s[0])) {
        spec.align = s[0];
        i = 1;
    }
    if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' '))
        spec.sign = s[i++];
    if (i < s.size() && s[i] == 'z')
        ++i;
    if (i < s.size() && s[i] == '#') {
        spec.alt = true;
        ++i;
    }
    if (i < s.size() && s[i] == '0') {
        spec.zero = true;
        ++i;
    }
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        spec.width = spec.width * 10 + static_cast<size_t>(s[i++] - '0');
        if (spec.width > 100000)
            valueError("Too many decimal digits in format string");
    }
    if (i < s.size() && (s[i] == ',' || s[i] == '_'))
        spec.grouping = s[i++];
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i])))
            valueError("Format specifier missing precision");
        spec.precision = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            spec.precision = spec.precision * 10 + (s[i++] - '0');
            if (spec.precision > 10000)
                valueError("precision too big");
        }
    }
    if (i < s.size())
        spec.type = s[i++];
    if (i < s.size())
        valueError("Invalid format specifier");
    return spec;
}

/// Pads `body` (with `sign` in front) to the spec's width.
std::string pad(const std::string &sign, const std::string &body, const Spec &spec, char defaultAlign)
{
    char align = spec.align ? spec.align : defaultAlign;
    std::string fill = spec.fill;
    if (spec.zero && !spec.align) {
        align = defaultAlign == '<' ? '<' : '=';
        fill = "0";
    }
    const size_t len = unicode::length(sign) + unicode::length(body);
    if (len >= spec.width)
        return sign + body;
    const size_t n = spec.width - len;
    auto repeatFill = [&](size_t k) {
        std::string out;
        for (size_t i = 0; i < k; ++i)
            out += fill;
        return out;
    };
    switch (align) {
    case '<':
        return sign + body + repeatFill(n);
    case '^':
        return repeatFill(n / 2) + sign + body + repeatFill(n - n / 2);
    case '=':
        return sign + repeatFill(n) + body;
    default:
        return repeatFill(n) + sign + body;
    }
}

std::string signOf(bool negative, char sign)
{
    if (negative)
        return "-";
    if (sign == '+')
        return "+";
    if (sign == ' ')
        return " ";
    return "";
}

std::string formatFloatSpec(double v, const Spec &spec)
{
    char type = spec.type;
    int precision = spec.precision;
    std::string body;
    const bool negative = std::signbit(v) && !std::isnan(v);
    if (type == '\0') {
        if (precision < 0) {
            body = floatRepr(std::fabs(v));
        } else {
            body = cFormat(v, 'g', precision == 0 ? 1 : precision, spec.alt);
            if (body.find_first_of(".eyn") == std::string::npos)
                body += ".0";
        }
    } else if (type == '%') {
        body = cFormat(v * 100, 'f', precision < 0 ? 6 : precision, spec.alt) + "%";
    } else {
        if (type == 'n')
            type = 'g';
        body = cFormat(v, type, precision < 0 ? 6 : precision, spec.alt);
    }
    if (spec.grouping) {
        const size_t end = body.find_first_not_of("0123456789");
        body = groupDigits(body.substr(0, end), spec.grouping, 3) + (end == std::string::npos ? "" : body.substr(end));
    }
    return pad(signOf(negative, spec.sign), body, spec, '>');
}

} // namespace

std::string formatSpec(const Value &value, std::string_view specText)
{
    if (specText.empty())
        return value.toStr();
    const Spec spec = parseSpec(specText);
    if (value.isString()) {
        if (spec.type != '\0' && spec.type != 's')
            valueError(std::string("Unknown format code '") + spec.type + "' for object of type 'str'");
        if (spec.sign != '-')
            valueError("Sign not allowed in string format specifier");
        if (spec.align == '=')
            valueError("'=' alignment not allowed in string format specifier");
        std::string body = value.str();
        if (spec.precision >= 0) {
            std::u32string cps = unicode::toCodePoints(body);
            if (cps.size() > static_cast<size_t>(spec.precision))
                cps.resize(static_cast<size_t>(spec.precision));
            body = unicode::fromCodePoints(cps);
        }
        return pad("", body, spec, '<');
    }
    if (value.isIntegral()) {
        const int64_t v = value.intValue();
        switch (spec.type) {
        case '\0':
        case 'd':
        case 'n':
        case 'b':
        case 'o':
        case 'x':
        case 'X': {
            if (spec.precision >= 0)
                valueError("Precision not allowed in integer format specifier");
            const int base = spec.type == 'b'            ? 2
                : spec.type == 'o'                       ? 8
                : (spec.type == 'x' || spec.type == 'X') ? 16
                                                         : 10;
            std::string digits = intDigits(v, base, spec.type == 'X');
            if (spec.grouping)
                digits = groupDigits(digits, spec.grouping, base == 10 ? 3 : 4);
            std::string prefix;
            if (spec.alt && base != 10)
                prefix = std::string("0") + (spec.type == 'X' ? 'X' : spec.type);
            return pad(signOf(v < 0, spec.sign) + prefix, digits, spec, '>');
        }
        case 'c': {
            std::string s;
            if (v < 0 || v > 0x10FFFF)
                throwRuntime("OverflowError: %c arg not in range(0x110000)");
            unicode::append(s, static_cast<char32_t>(v));
            return pad("", s, spec, '>');
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
        case '%':
            return formatFloatSpec(static_cast<double>(v), spec);
        default:
            valueError(std::string("Unknown format code '") + spec.type + "' for object of type 'int'");
        }
    }
    if (value.isFloat()) {
        if (std::string_view("eEfFgGn%").find(spec.type) == std::string_view::npos && spec.type != '\0')
            valueError(std::string("Unknown format code '") + spec.type + "' for object of type 'float'");
        return formatFloatSpec(value.floatValue(), spec);
    }
    throwTypeError("unsupported format string passed to " + value.typeName() + ".__format__");
}

// --- printf-style ------------------------------------------------------------------------------------------------

std::string percentFormat(std::string_view fmt, const Value &args, bool markup, Interpreter &interp)
{
    std::vector<Value> positional;
    const Value *mapping = nullptr;
    bool mappingLike = false; // Python treats any non-tuple, non-str object with __getitem__ as a mapping here
    if (args.isTuple()) {
        positional = args.items();
    } else {
        if (args.isDict())
            mapping = &args;
        mappingLike = args.isDict() || (args.isList() && !args.isGenerator());
        positional.push_back(args);
    }
    size_t next = 0;
    bool usedMapping = false;
    auto nextArg = [&]() -> Value {
        if (next >= positional.size())
            throwTypeError("not enough arguments for format string");
        return positional[next++];
    };
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') {
            out.push_back(fmt[i]);
            continue;
        }
        if (++i >= fmt.size())
            valueError("incomplete format");
        Value arg;
        bool haveArg = false;
        if (fmt[i] == '(') {
            if (!mapping)
                throwTypeError("format requires a mapping");
            int depth = 1;
            const size_t start = ++i;
            while (i < fmt.size() && depth > 0) {
                depth += fmt[i] == '(' ? 1 : fmt[i] == ')' ? -1 : 0;
                ++i;
            }
            if (depth > 0)
                valueError("incomplete format key");
            const std::string key(fmt.substr(start, i - 1 - start));
            const Value *found = mapping->dictObj().find(std::string_view(key));
            if (!found)
                throwRuntime("KeyError: '" + key + "'");
            arg = *found;
            haveArg = usedMapping = true;
        }
        Spec spec;
        spec.align = '>';
        for (; i < fmt.size(); ++i) {
            const char c = fmt[i];
            if (c == '-')
                spec.align = '<';
            else if (c == '+' || c == ' ')
                spec.sign = spec.sign == '+' ? '+' : c;
            else if (c == '#')
                spec.alt = true;
            else if (c == '0')
                spec.zero = true;
            else
                break;
        }
        auto readNumber = [&](bool allowStar) -> int64_t {
            if (allowStar && i < fmt.size() && fmt[i] == '*') {
                ++i;
                const Value w = nextArg();
                if (!w.isIntegral())
                    throwTypeError("* wants int");
                return w.intValue();
            }
            int64_t n = 0;
            while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) {
                n = n * 10 + (fmt[i++] - '0');
                if (n > 100000)
                    valueError("width too big");
            }
            return n;
        };
        int64_t width = readNumber(true);
        if (width < 0) {
            spec.align = '<';
            width = -width;
        }
        spec.width = static_cast<size_t>(std::min<int64_t>(width, 100000));
        if (i < fmt.size() && fmt[i] == '.') {
            ++i;
            spec.precision = static_cast<int>(std::clamp<int64_t>(readNumber(true), 0, 10000));
        }
        while (i < fmt.size() && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L'))
            ++i;
        if (i >= fmt.size())
            valueError("incomplete format");
        const char conv = fmt[i];
        if (conv == '%') {
            out.push_back('%');
            continue;
        }
        if (!haveArg)
            arg = nextArg();
        if (spec.zero && spec.align != '<') {
            spec.fill = "0";
            spec.align = '=';
        }
        spec.zero = false;
        std::string piece;
        switch (conv) {
        case 's':
        case 'r':
        case 'a': {
            std::string s = conv == 's' ? arg.toStr() : arg.repr();
            if (markup && !arg.isMarkup())
                s = htmlEscape(s);
            if (spec.precision >= 0) {
                std::u32string cps = unicode::toCodePoints(s);
                if (cps.size() > static_cast<size_t>(spec.precision))
                    cps.resize(static_cast<size_t>(spec.precision));
                s = unicode::fromCodePoints(cps);
            }
            Spec textSpec = spec;
            textSpec.fill = " ";
            if (textSpec.align == '=')
                textSpec.align = '>';
            piece = pad("", s, textSpec, '>');
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            if (!arg.isNumber())
                throwTypeError(std::string("%") + conv + " format: a real number is required, not " + arg.typeName());
            if (arg.isFloat() && (conv == 'x' || conv == 'X' || conv == 'o'))
                throwTypeError(std::string("%") + conv + " format: an integer is required, not float");
            if (arg.isFloat() && !std::isfinite(arg.floatValue()))
                throwRuntime("OverflowError: cannot convert float infinity to integer");
            const int64_t v = arg.isFloat() ? static_cast<int64_t>(arg.floatValue()) : arg.intValue();
            const int base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X') ? 16 : 10;
            std::string digits = intDigits(v, base, conv == 'X');
            if (spec.precision > 0 && digits.size() < static_cast<size_t>(spec.precision))
                digits.insert(0, static_cast<size_t>(spec.precision) - digits.size(), '0');
            std::string prefix = spec.alt && base != 10 ? std::string("0") + (conv == 'X' ? 'X' : conv) : "";
            piece = pad(signOf(v < 0, spec.sign) + prefix, digits, spec, '>');
            break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': {
            if (!arg.isNumber())
                throwTypeError("must be real number, not " + arg.typeName());
            spec.type = conv;
            if (spec.precision < 0)
                spec.precision = 6;
            piece = formatFloatSpec(arg.floatValue(), spec);
            break;
        }
        case 'c': {
            std::string s;
            if (arg.isString() && unicode::length(arg.str()) == 1)
                s = arg.str();
            else if (arg.isIntegral() && arg.intValue() >= 0 && arg.intValue() <= 0x10FFFF)
                unicode::append(s, static_cast<char32_t>(arg.intValue()));
            else
                throwTypeError("%c requires int or char");
            piece = pad("", s, spec, '>');
            break;
        }
        default:
            valueError(std::string("unsupported format character '") + conv + "'");
        }
        out += piece;
        interp.checkSize(out.size());
    }
    if (!usedMapping && next < positional.size() && !mappingLike)
        throwTypeError("not all arguments converted during string formatting");
    return out;
}

} // namespace atrium::jinja
