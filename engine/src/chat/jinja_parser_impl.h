// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "chat/jinja_ast.h"
#include "chat/jinja_lexer.h"

namespace atrium::jinja::detail
{

using namespace atrium::jinja::ast;

/// Limits parser recursion (deeply nested expressions or blocks) so hostile input cannot exhaust the stack.
constexpr int kMaxParseDepth = 200;

std::string describeToken(const Token &t);

/// Recursive-descent parser following jinja2's parser.py method by method (same precedence and error messages).
class Parser
{
public:
    explicit Parser(std::vector<Token> tokens)
        : m_tokens(std::move(tokens))
    {
    }

    std::unique_ptr<ast::Template> parse()
    {
        auto t = std::make_unique<ast::Template>();
        t->body = subparse({});
        return t;
    }

private:
    // --- token stream ---------------------------------------------------------------------------------------
    const Token &cur() const
    {
        return m_tokens[m_pos];
    }
    const Token &look() const
    {
        return m_tokens[std::min(m_pos + 1, m_tokens.size() - 1)];
    }
    const Token &next()
    {
        const Token &t = m_tokens[m_pos];
        if (m_pos + 1 < m_tokens.size())
            ++m_pos;
        return t;
    }
    [[noreturn]] void fail(const std::string &msg, int line = -1) const
    {
        throw TemplateException {ErrorCode::TemplateSyntax, msg, line < 0 ? cur().line : line};
    }
    bool skipOp(std::string_view op)
    {
        if (cur().isOp(op)) {
            next();
            return true;
        }
        return false;
    }
    bool skipName(std::string_view name)
    {
        if (cur().isName(name)) {
            next();
            return true;
        }
        return false;
    }
    const Token &expect(TokenType type, std::string_view what)
    {
        if (cur().type != type) {
            if (cur().type == TokenType::Eof)
                fail("unexpected end of template, expected '" + std::string(what) + "'.");
            fail("expected token '" + std::string(what) + "', got '" + describeToken(cur()) + "'");
        }
        return next();
    }
    void expectOp(std::string_view op)
    {
        if (!cur().isOp(op)) {
            if (cur().type == TokenType::Eof)
                fail("unexpected end of template, expected '" + std::string(op) + "'.");
            fail("expected token '" + std::string(op) + "', got '" + describeToken(cur()) + "'");
        }
        next();
    }
    void expectName(std::string_view name)
    {
        if (!cur().isName(name)) {
            if (cur().type == TokenType::Eof)
                fail("unexpected end of template, expected '" + std::string(name) + "'.");
            fail("expected token '" + std::string(name) + "', got '" + describeToken(cur()) + "'");
        }
        next();
    }

    struct DepthGuard {
        explicit DepthGuard(Parser &p)
            : parser(p)
        {
            if (++parser.m_depth > kMaxParseDepth)
                parser.fail("template nesting is too deep");
        }
        ~DepthGuard()
        {
            --parser.m_depth;
        }
        Parser &parser;
    };

    // --- statements -----------------------------------------------------------------------------------------
    [[noreturn]] void failUnknownTag(const std::string &name, int line, bool eof);
    Body subparse(std::initializer_list<std::string_view> endTokens);
    Body parseStatements(std::initializer_list<std::string_view> endTokens, bool dropNeedle);
    StmtPtr parseStatement();
    StmtPtr parseFor();
    StmtPtr parseIf();
    StmtPtr parseSet();
    std::unique_ptr<MacroStmt> parseMacro(bool isCaller);
    void parseSignature(MacroStmt &m);
    StmtPtr parseCallBlock();
    StmtPtr parseFilterBlock();
    StmtPtr parseWith();
    StmtPtr parseScopedBody(std::string_view endTag, bool named);
    ExprPtr parseAssignTarget(
        bool withTuple, bool nameOnly, std::initializer_list<std::string_view> extraEnd, bool withNamespace);

    // --- expressions ----------------------------------------------------------------------------------------
    ExprPtr parseExpression(bool withCondexpr = true);
    ExprPtr parseCondexpr();
    ExprPtr parseOr();
    ExprPtr parseAnd();
    ExprPtr parseNot();
    ExprPtr parseCompare();
    ExprPtr parseMath1();
    ExprPtr parseConcat();
    ExprPtr parseMath2();
    ExprPtr parsePow();
    ExprPtr parseUnary(bool withFilter = true);
    ExprPtr parsePrimary(bool withNamespace = false);
    ExprPtr parseTuple(bool simplified,
        bool withCondexpr,
        std::initializer_list<std::string_view> extraEnd,
        bool explicitParens,
        bool withNamespace = false);
    bool isTupleEnd(std::initializer_list<std::string_view> extraEnd) const;
    ExprPtr parseList();
    ExprPtr parseDict();
    ExprPtr parsePostfix(ExprPtr node);
    ExprPtr parseFilterExpr(ExprPtr node);
    ExprPtr parseSubscript(ExprPtr node);
    ExprPtr parseSubscribed();
    CallArgsExpr parseCallArgs();
    ExprPtr parseFilter(ExprPtr node, bool startInline);
    ExprPtr parseTest(ExprPtr node);

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    int m_depth = 0;
    int m_loopDepth = 0; ///< enclosing for loops in the current function body (break/continue check)
    std::vector<std::string> m_tagStack;
    std::vector<std::vector<std::string>> m_endTokenStack;
    friend struct DepthGuard;
};

} // namespace atrium::jinja::detail
