// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "chat/jinja_lexer.h"

#include <cctype>
#include <cstdlib>
#include <cstring>

#include "chat/jinja_value.h"
#include "chat/unicode_data.h"

namespace atrium::jinja
{

namespace
{

[[noreturn]] void syntaxError(std::string message, int line)
{
    throw TemplateException {ErrorCode::TemplateSyntax, std::move(message), line};
}

/// Newlines (\r\n, \r, \n) become \n; one trailing newline is dropped.
std::string normalizeNewlines(std::string_view source)
{
    std::string out;
    out.reserve(source.size());
    for (size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < source.size() && source[i + 1] == '\n')
                ++i;
        } else {
            out.push_back(source[i]);
        }
    }
    if (!out.empty() && out.back() == '\n')
        out.pop_back();
    return out;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

class Lexer
{
public:
    explicit Lexer(std::string source)
        : m_src(std::move(source))
    {
    }

    std::vector<Token> run()
    {
        while (m_pos < m_src.size())
            lexRoot();
        Token eof;
        eof.type = TokenType::Eof;
        eof.line = m_line;
        m_tokens.push_back(eof);
        return std::move(m_tokens);
    }

private:
    // --- helpers --------------------------------------------------------------------------------------------
    bool startsWith(size_t pos, std::string_view s) const
    {
        return m_src.compare(pos, s.size(), s) == 0;
    }
    /// Length of the run of (Unicode) whitespace at `pos`.
    size_t spaceRun(size_t pos) const
    {
        size_t p = pos;
        while (p < m_src.size()) {
            size_t q = p;
            if (!unicode::isSpace(unicode::decode(m_src, q)))
                break;
            p = q;
        }
        return p - pos;
    }
    void advance(size_t to)
    {
        for (size_t i = m_pos; i < to; ++i)
            if (m_src[i] == '\n')
                ++m_line;
        m_pos = to;
    }
    void push(TokenType type, std::string value, int line)
    {
        Token t;
        t.type = type;
        t.value = std::move(value);
        t.line = line;
        m_tokens.push_back(std::move(t));
    }
    static std::string rstripSpace(std::string_view text)
    {
        size_t end = text.size();
        while (end > 0) {
            size_t start = end - 1;
            while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
                --start;
            size_t q = start;
            if (!unicode::isSpace(unicode::decode(text, q)) || q != end)
                break;
            end = start;
        }
        return std::string(text.substr(0, end));
    }
    /// jinja2's OptionalLStrip handling of the text before a tag.
    std::string stripBefore(std::string_view text, char sign, bool isVariable, size_t textStart) const
    {
        if (sign == '-')
            return rstripSpace(text);
        if (sign == '+' || isVariable)
            return std::string(text);
        const size_t nl = text.rfind('\n');
        const size_t lPos = nl == std::string_view::npos ? 0 : nl + 1;
        const bool lineStarting = textStart == 0 || m_src[textStart - 1] == '\n';
        if (lPos > 0 || lineStarting) {
            const std::string_view tail = text.substr(lPos);
            size_t p = 0;
            bool allSpace = !tail.empty();
            while (p < tail.size() && allSpace)
                allSpace = unicode::isSpace(unicode::decode(tail, p));
            if (allSpace)
                return std::string(text.substr(0, lPos));
        }
        return std::string(text);
    }
    /// Matches `{%[-+]?\s*raw\s*(-%}\s*|%})` at pos; returns the end or npos.
    size_t matchRawBegin(size_t pos) const
    {
        size_t p = pos + 2;
        if (p < m_src.size() && (m_src[p] == '-' || m_src[p] == '+'))
            ++p;
        p += spaceRun(p);
        if (!startsWith(p, "raw"))
            return std::string::npos;
        p += 3;
        p += spaceRun(p);
        if (startsWith(p, "-%}"))
            return p + 3 + spaceRun(p + 3);
        if (startsWith(p, "%}"))
            return p + 2;
        return std::string::npos;
    }
    /// Matches a block end (`+%}`, `-%}\s*`, `%}\n?`) at pos; returns the end or npos.
    size_t matchBlockEnd(size_t pos, std::string_view close) const
    {
        if (m_src.compare(pos, 1, "+") == 0 && startsWith(pos + 1, close))
            return pos + 1 + close.size();
        if (m_src.compare(pos, 1, "-") == 0 && startsWith(pos + 1, close))
            return pos + 1 + close.size() + spaceRun(pos + 1 + close.size());
        if (startsWith(pos, close)) {
            size_t end = pos + close.size();
            if (end < m_src.size() && m_src[end] == '\n')
                ++end;
            return end;
        }
        return std::string::npos;
    }

    // --- states ---------------------------------------------------------------------------------------------
    void lexRoot()
    {
        size_t open = m_pos;
        for (;; ++open) {
            open = m_src.find('{', open);
            if (open == std::string::npos || open + 1 >= m_src.size()) {
                open = std::string::npos;
                break;
            }
            const char c = m_src[open + 1];
            if (c == '{' || c == '%' || c == '#')
                break;
        }
        if (open == std::string::npos) {
            const int line = m_line;
            std::string text = m_src.substr(m_pos);
            advance(m_src.size());
            push(TokenType::Data, std::move(text), line);
            return;
        }
        const char kind = m_src[open + 1];
        const char sign = open + 2 < m_src.size() ? m_src[open + 2] : '\0';
        const char ctl = (sign == '-' || sign == '+') ? sign : '\0';
        const size_t rawEnd = kind == '%' ? matchRawBegin(open) : std::string::npos;
        std::string text = stripBefore(std::string_view(m_src).substr(m_pos, open - m_pos), ctl, kind == '{', m_pos);
        const int line = m_line;
        if (!text.empty())
            push(TokenType::Data, std::move(text), line);
        advance(open);
        if (rawEnd != std::string::npos) {
            advance(rawEnd);
            lexRaw();
        } else if (kind == '#') {
            advance(open + 2 + (ctl ? 1 : 0));
            lexComment();
        } else {
            push(kind == '{' ? TokenType::VariableBegin : TokenType::BlockBegin, {}, m_line);
            advance(open + 2 + (ctl ? 1 : 0));
            lexTag(kind == '{' ? "}}" : "%}", kind == '{');
        }
    }

    void lexComment()
    {
        const int startLine = m_line;
        for (size_t p = m_pos; p < m_src.size(); ++p) {
            if (m_src[p] == '+' && startsWith(p + 1, "#}")) {
                advance(p + 3);
                return;
            }
            if (m_src[p] == '-' && startsWith(p + 1, "#}")) {
                advance(p + 3 + spaceRun(p + 3));
                return;
            }
            if (startsWith(p, "#}")) {
                size_t end = p + 2;
                if (end < m_src.size() && m_src[end] == '\n')
                    ++end;
                advance(end);
                return;
            }
        }
        syntaxError("Missing end of comment tag", startLine);
    }

    void lexRaw()
    {
        for (size_t p = m_pos; p < m_src.size(); ++p) {
            if (!startsWith(p, "{%"))
                continue;
            size_t q = p + 2;
            char ctl = '\0';
            if (q < m_src.size() && (m_src[q] == '-' || m_src[q] == '+'))
                ctl = m_src[q++];
            q += spaceRun(q);
            if (!startsWith(q, "endraw"))
                continue;
            q += 6;
            q += spaceRun(q);
            const size_t end = matchBlockEnd(q, "%}");
            if (end == std::string::npos)
                continue;
            std::string text = stripBefore(std::string_view(m_src).substr(m_pos, p - m_pos), ctl, false, m_pos);
            const int line = m_line;
            if (!text.empty())
                push(TokenType::Data, std::move(text), line);
            advance(end);
            return;
        }
        syntaxError("Missing end of raw directive", m_line);
    }

    void lexTag(std::string_view close, bool isVariable)
    {
        std::vector<char> balance;
        while (m_pos < m_src.size()) {
            if (balance.empty()) {
                size_t end = std::string::npos;
                if (isVariable) {
                    if (startsWith(m_pos, "-}}"))
                        end = m_pos + 3 + spaceRun(m_pos + 3);
                    else if (startsWith(m_pos, "}}"))
                        end = m_pos + 2;
                } else {
                    end = matchBlockEnd(m_pos, close);
                }
                if (end != std::string::npos) {
                    push(isVariable ? TokenType::VariableEnd : TokenType::BlockEnd, {}, m_line);
                    advance(end);
                    return;
                }
            }
            if (const size_t ws = spaceRun(m_pos)) {
                advance(m_pos + ws);
                continue;
            }
            if (lexNumber() || lexName() || lexString())
                continue;
            lexOperator(balance);
        }
        // Source ended inside a tag: the parser reports the unexpected end.
    }

    bool lexNumber()
    {
        const char c = m_src[m_pos];
        if (!isDigit(c))
            return false;
        if (lexFloat())
            return true;
        size_t p = m_pos;
        int base = 10;
        std::string digits;
        auto digitOk = [&](char ch) {
            if (base == 2)
                return ch == '0' || ch == '1';
            if (base == 8)
                return ch >= '0' && ch <= '7';
            if (base == 16)
                return isDigit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
            return isDigit(ch);
        };
        const char prefix = p + 1 < m_src.size() ? static_cast<char>(m_src[p + 1] | 0x20) : '\0';
        if (c == '0' && (prefix == 'b' || prefix == 'o' || prefix == 'x')) {
            base = prefix == 'b' ? 2 : prefix == 'o' ? 8 : 16;
            size_t q = p + 2;
            while (q < m_src.size()) {
                if (m_src[q] == '_' && q + 1 < m_src.size() && digitOk(m_src[q + 1]))
                    ++q;
                if (!digitOk(m_src[q]))
                    break;
                digits.push_back(m_src[q++]);
            }
            if (!digits.empty())
                p = q;
            else
                base = 10;
        }
        if (base == 10) {
            digits.clear();
            const bool zero = c == '0';
            size_t q = p;
            digits.push_back(m_src[q++]);
            while (q < m_src.size()) {
                size_t r = q;
                if (m_src[r] == '_')
                    ++r;
                if (r >= m_src.size() || !isDigit(m_src[r]) || (zero && m_src[r] != '0'))
                    break;
                digits.push_back(m_src[r]);
                q = r + 1;
            }
            p = q;
        }
        Token t;
        t.type = TokenType::Integer;
        t.line = m_line;
        t.value = m_src.substr(m_pos, p - m_pos);
        uint64_t v = 0;
        for (char d : digits) {
            const int dv = isDigit(d) ? d - '0' : (d | 0x20) - 'a' + 10;
            if (v > (static_cast<uint64_t>(INT64_MAX) - static_cast<uint64_t>(dv)) / static_cast<uint64_t>(base))
                syntaxError("integer literal too large", m_line);
            v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(dv);
        }
        t.intValue = static_cast<int64_t>(v);
        m_tokens.push_back(std::move(t));
        advance(p);
        return true;
    }

    /// `(\d+_)*\d+` at p; returns the end (== p when absent) and appends the digits.
    size_t digitRun(size_t p, std::string &out) const
    {
        size_t q = p;
        while (q < m_src.size() && isDigit(m_src[q])) {
            out.push_back(m_src[q++]);
            if (q + 1 < m_src.size() && m_src[q] == '_' && isDigit(m_src[q + 1]))
                ++q;
        }
        return q;
    }

    bool lexFloat()
    {
        if (m_pos > 0 && m_src[m_pos - 1] == '.')
            return false;
        std::string text;
        size_t p = digitRun(m_pos, text);
        bool isFloat = false;
        if (p + 1 < m_src.size() && m_src[p] == '.' && isDigit(m_src[p + 1])) {
            text.push_back('.');
            p = digitRun(p + 1, text);
            isFloat = true;
        }
        if (p < m_src.size() && (m_src[p] | 0x20) == 'e') {
            size_t q = p + 1;
            std::string exp = "e";
            if (q < m_src.size() && (m_src[q] == '+' || m_src[q] == '-'))
                exp.push_back(m_src[q++]);
            if (q < m_src.size() && isDigit(m_src[q])) {
                p = digitRun(q, exp);
                text += exp;
                isFloat = true;
            }
        }
        if (!isFloat)
            return false;
        Token t;
        t.type = TokenType::Float;
        t.line = m_line;
        t.value = text;
        t.floatValue = std::strtod(text.c_str(), nullptr);
        m_tokens.push_back(std::move(t));
        advance(p);
        return true;
    }

    bool lexName()
    {
        size_t p = m_pos;
        size_t q = p;
        char32_t c = unicode::decode(m_src, q);
        if (!(c == '_' || (c < 0x80 ? std::isalpha(static_cast<int>(c)) != 0 : unicode::isAlpha(c))))
            return false;
        p = q;
        while (p < m_src.size()) {
            q = p;
            c = unicode::decode(m_src, q);
            const bool ok = c == '_'
                || (c < 0x80 ? std::isalnum(static_cast<int>(c)) != 0 : unicode::isAlpha(c) || unicode::isDecimal(c));
            if (!ok)
                break;
            p = q;
        }
        push(TokenType::Name, m_src.substr(m_pos, p - m_pos), m_line);
        advance(p);
        return true;
    }

    bool lexString();
    void lexOperator(std::vector<char> &balance);

    std::string m_src;
    size_t m_pos = 0;
    int m_line = 1;
    std::vector<Token> m_tokens;
};

int hexValue(char c)
{
    if (isDigit(c))
        return c - '0';
    c = static_cast<char>(c | 0x20);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/// Python's "unicode-escape" decoding of a string literal body.
std::string unescape(std::string_view body, int line)
{
    std::string out;
    out.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c != '\\' || i + 1 >= body.size()) {
            out.push_back(c);
            continue;
        }
        const char e = body[++i];
        switch (e) {
        case '\n':
            break;
        case '\\':
        case '\'':
        case '"':
            out.push_back(e);
            break;
        case 'a':
            out.push_back('\a');
            break;
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'v':
            out.push_back('\v');
            break;
        case 'x':
        case 'u':
        case 'U': {
            const size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            uint32_t v = 0;
            for (size_t k = 0; k < n; ++k) {
                const int h = i + 1 + k < body.size() ? hexValue(body[i + 1 + k]) : -1;
                if (h < 0)
                    syntaxError(std::string("truncated \\") + e + std::string(n, 'X') + " escape", line);
                v = v * 16 + static_cast<uint32_t>(h);
            }
            if (v > 0x10FFFF)
                syntaxError("illegal Unicode character", line);
            i += n;
            unicode::append(out, v);
            break;
        }
        case 'N':
            syntaxError("named Unicode escapes (\\N{...}) are not supported", line);
        default:
            if (e >= '0' && e <= '7') {
                uint32_t v = static_cast<uint32_t>(e - '0');
                for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
                    v = v * 8 + static_cast<uint32_t>(body[++i] - '0');
                unicode::append(out, v);
            } else {
                out.push_back('\\');
                out.push_back(e);
            }
        }
    }
    return out;
}

bool Lexer::lexString()
{
    const char quote = m_src[m_pos];
    if (quote != '\'' && quote != '"')
        return false;
    size_t p = m_pos + 1;
    while (p < m_src.size() && m_src[p] != quote) {
        if (m_src[p] == '\\') {
            if (p + 1 >= m_src.size())
                break;
            ++p;
        }
        ++p;
    }
    if (p >= m_src.size())
        syntaxError(std::string("unexpected char '") + quote + "' at " + std::to_string(m_pos), m_line);
    Token t;
    t.type = TokenType::String;
    t.line = m_line;
    t.value = unescape(std::string_view(m_src).substr(m_pos + 1, p - m_pos - 1), m_line);
    m_tokens.push_back(std::move(t));
    advance(p + 1);
    return true;
}

void Lexer::lexOperator(std::vector<char> &balance)
{
    static const char *const kTwo[] = {"//", "**", "==", "!=", ">=", "<="};
    std::string op;
    for (const char *two : kTwo)
        if (startsWith(m_pos, two))
            op = two;
    if (op.empty() && std::strchr("+-/*%~[](){}><=.:|,;", m_src[m_pos]) != nullptr && m_src[m_pos] != '\0')
        op = std::string(1, m_src[m_pos]);
    if (op.empty()) {
        size_t q = m_pos;
        std::string ch;
        unicode::append(ch, unicode::decode(m_src, q));
        syntaxError("unexpected char '" + ch + "' at " + std::to_string(m_pos), m_line);
    }
    const char c = op[0];
    if (op.size() == 1 && (c == '(' || c == '[' || c == '{')) {
        balance.push_back(c == '(' ? ')' : c == '[' ? ']' : '}');
    } else if (op.size() == 1 && (c == ')' || c == ']' || c == '}')) {
        if (balance.empty())
            syntaxError("unexpected '" + op + "'", m_line);
        if (balance.back() != c)
            syntaxError("unexpected '" + op + "', expected '" + std::string(1, balance.back()) + "'", m_line);
        balance.pop_back();
    }
    push(TokenType::Operator, op, m_line);
    advance(m_pos + op.size());
}

} // namespace

std::vector<Token> tokenize(std::string_view source)
{
    return Lexer(normalizeNewlines(source)).run();
}

} // namespace atrium::jinja
