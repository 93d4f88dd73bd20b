// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Expression grammar of the template parser (jinja2 parser.py: parse_expression ... parse_test).
#include "chat/jinja_parser_impl.h"

namespace atrium::jinja::detail
{

ExprPtr Parser::parseExpression(bool withCondexpr)
{
    DepthGuard guard(*this);
    return withCondexpr ? parseCondexpr() : parseOr();
}

ExprPtr Parser::parseCondexpr()
{
    int line = cur().line;
    ExprPtr expr1 = parseOr();
    while (skipName("if")) {
        auto node = std::make_unique<CondExpr>(line);
        node->test = parseOr();
        if (skipName("else"))
            node->otherwise = parseCondexpr();
        node->then = std::move(expr1);
        expr1 = std::move(node);
        line = cur().line;
    }
    return expr1;
}

ExprPtr Parser::parseOr()
{
    int line = cur().line;
    ExprPtr left = parseAnd();
    while (skipName("or")) {
        left = std::make_unique<BinaryExpr>(BinaryOp::Or, std::move(left), parseAnd(), line);
        line = cur().line;
    }
    return left;
}

ExprPtr Parser::parseAnd()
{
    int line = cur().line;
    ExprPtr left = parseNot();
    while (skipName("and")) {
        left = std::make_unique<BinaryExpr>(BinaryOp::And, std::move(left), parseNot(), line);
        line = cur().line;
    }
    return left;
}

ExprPtr Parser::parseNot()
{
    if (cur().isName("not")) {
        DepthGuard guard(*this);
        const int line = next().line;
        return std::make_unique<UnaryExpr>(UnaryOp::Not, parseNot(), line);
    }
    return parseCompare();
}

ExprPtr Parser::parseCompare()
{
    const int line = cur().line;
    ExprPtr expr = parseMath1();
    std::unique_ptr<CompareExpr> cmp;
    for (;;) {
        const Token &t = cur();
        CompareOp op;
        if (t.isOp("=="))
            op = CompareOp::Eq;
        else if (t.isOp("!="))
            op = CompareOp::Ne;
        else if (t.isOp("<"))
            op = CompareOp::Lt;
        else if (t.isOp("<="))
            op = CompareOp::Le;
        else if (t.isOp(">"))
            op = CompareOp::Gt;
        else if (t.isOp(">="))
            op = CompareOp::Ge;
        else if (t.isName("in"))
            op = CompareOp::In;
        else if (t.isName("not") && look().isName("in")) {
            op = CompareOp::NotIn;
            next();
        } else
            break;
        next();
        if (!cmp) {
            cmp = std::make_unique<CompareExpr>(line);
            cmp->first = std::move(expr);
        }
        cmp->rest.emplace_back(op, parseMath1());
    }
    if (cmp)
        return cmp;
    return expr;
}

ExprPtr Parser::parseMath1()
{
    int line = cur().line;
    ExprPtr left = parseConcat();
    while (cur().isOp("+") || cur().isOp("-")) {
        const BinaryOp op = next().value == "+" ? BinaryOp::Add : BinaryOp::Sub;
        left = std::make_unique<BinaryExpr>(op, std::move(left), parseConcat(), line);
        line = cur().line;
    }
    return left;
}

ExprPtr Parser::parseConcat()
{
    const int line = cur().line;
    ExprPtr first = parseMath2();
    if (!cur().isOp("~"))
        return first;
    auto node = std::make_unique<SeqExpr>(ExprKind::Concat, line);
    node->items.push_back(std::move(first));
    while (skipOp("~"))
        node->items.push_back(parseMath2());
    return node;
}

ExprPtr Parser::parseMath2()
{
    int line = cur().line;
    ExprPtr left = parsePow();
    for (;;) {
        BinaryOp op;
        if (cur().isOp("*"))
            op = BinaryOp::Mul;
        else if (cur().isOp("/"))
            op = BinaryOp::Div;
        else if (cur().isOp("//"))
            op = BinaryOp::FloorDiv;
        else if (cur().isOp("%"))
            op = BinaryOp::Mod;
        else
            break;
        next();
        left = std::make_unique<BinaryExpr>(op, std::move(left), parsePow(), line);
        line = cur().line;
    }
    return left;
}

ExprPtr Parser::parsePow()
{
    int line = cur().line;
    ExprPtr left = parseUnary();
    while (skipOp("**")) {
        left = std::make_unique<BinaryExpr>(BinaryOp::Pow, std::move(left), parseUnary(), line);
        line = cur().line;
    }
    return left;
}

ExprPtr Parser::parseUnary(bool withFilter)
{
    DepthGuard guard(*this);
    const int line = cur().line;
    ExprPtr node;
    if (skipOp("-"))
        node = std::make_unique<UnaryExpr>(UnaryOp::Neg, parseUnary(false), line);
    else if (skipOp("+"))
        node = std::make_unique<UnaryExpr>(UnaryOp::Pos, parseUnary(false), line);
    else
        node = parsePrimary();
    node = parsePostfix(std::move(node));
    if (withFilter)
        node = parseFilterExpr(std::move(node));
    return node;
}

ExprPtr Parser::parsePrimary(bool withNamespace)
{
    const Token &t = cur();
    const int line = t.line;
    switch (t.type) {
    case TokenType::Name: {
        const std::string name = next().value;
        if (name == "true" || name == "True")
            return std::make_unique<ConstExpr>(Value::boolean(true), line);
        if (name == "false" || name == "False")
            return std::make_unique<ConstExpr>(Value::boolean(false), line);
        if (name == "none" || name == "None")
            return std::make_unique<ConstExpr>(Value::none(), line);
        if (withNamespace && cur().isOp(".")) {
            next();
            auto ref = std::make_unique<AccessExpr>(ExprKind::NsRef, line);
            ref->object = std::make_unique<NameExpr>(name, line);
            ref->name = expect(TokenType::Name, "name").value;
            return ref;
        }
        return std::make_unique<NameExpr>(name, line);
    }
    case TokenType::String: {
        std::string text = next().value;
        while (cur().type == TokenType::String)
            text += next().value;
        return std::make_unique<ConstExpr>(Value::string(std::move(text)), line);
    }
    case TokenType::Integer:
        return std::make_unique<ConstExpr>(Value::integer(next().intValue), line);
    case TokenType::Float:
        return std::make_unique<ConstExpr>(Value::number(next().floatValue), line);
    case TokenType::Operator:
        if (t.value == "(") {
            next();
            ExprPtr node = parseTuple(false, true, {}, true);
            expectOp(")");
            return node;
        }
        if (t.value == "[")
            return parseList();
        if (t.value == "{")
            return parseDict();
        break;
    default:
        break;
    }
    if (t.type == TokenType::Eof)
        fail("unexpected end of template");
    fail("unexpected '" + describeToken(t) + "'", line);
}

bool Parser::isTupleEnd(std::initializer_list<std::string_view> extraEnd) const
{
    const Token &t = cur();
    if (t.type == TokenType::VariableEnd || t.type == TokenType::BlockEnd || t.isOp(")"))
        return true;
    for (std::string_view e : extraEnd)
        if (t.isName(e))
            return true;
    return false;
}

ExprPtr Parser::parseTuple(bool simplified,
    bool withCondexpr,
    std::initializer_list<std::string_view> extraEnd,
    bool explicitParens,
    bool withNamespace)
{
    DepthGuard guard(*this);
    int line = cur().line;
    std::vector<ExprPtr> args;
    bool isTuple = false;
    for (;;) {
        if (!args.empty())
            expectOp(",");
        if (isTupleEnd(extraEnd))
            break;
        args.push_back(simplified ? parsePrimary(withNamespace) : parseExpression(withCondexpr));
        if (cur().isOp(","))
            isTuple = true;
        else
            break;
        line = cur().line;
    }
    if (!isTuple) {
        if (!args.empty())
            return std::move(args[0]);
        if (!explicitParens)
            fail("Expected an expression, got '" + describeToken(cur()) + "'");
    }
    auto node = std::make_unique<SeqExpr>(ExprKind::Tuple, line);
    node->items = std::move(args);
    return node;
}

ExprPtr Parser::parseList()
{
    DepthGuard guard(*this);
    auto node = std::make_unique<SeqExpr>(ExprKind::List, next().line);
    while (!cur().isOp("]")) {
        if (!node->items.empty())
            expectOp(",");
        if (cur().isOp("]"))
            break;
        node->items.push_back(parseExpression());
    }
    expectOp("]");
    return node;
}

ExprPtr Parser::parseDict()
{
    DepthGuard guard(*this);
    auto node = std::make_unique<DictExpr>(next().line);
    while (!cur().isOp("}")) {
        if (!node->pairs.empty())
            expectOp(",");
        if (cur().isOp("}"))
            break;
        ExprPtr key = parseExpression();
        expectOp(":");
        node->pairs.emplace_back(std::move(key), parseExpression());
    }
    expectOp("}");
    return node;
}

ExprPtr Parser::parsePostfix(ExprPtr node)
{
    for (;;) {
        if (cur().isOp(".") || cur().isOp("["))
            node = parseSubscript(std::move(node));
        else if (cur().isOp("(")) {
            auto call = std::make_unique<CallExpr>(cur().line);
            call->args = parseCallArgs();
            call->callee = std::move(node);
            node = std::move(call);
        } else
            break;
    }
    return node;
}

ExprPtr Parser::parseFilterExpr(ExprPtr node)
{
    for (;;) {
        if (cur().isOp("|"))
            node = parseFilter(std::move(node), false);
        else if (cur().isName("is"))
            node = parseTest(std::move(node));
        else if (cur().isOp("(")) {
            auto call = std::make_unique<CallExpr>(cur().line);
            call->args = parseCallArgs();
            call->callee = std::move(node);
            node = std::move(call);
        } else
            break;
    }
    return node;
}

ExprPtr Parser::parseSubscript(ExprPtr node)
{
    DepthGuard guard(*this);
    const Token &t = next();
    const int line = t.line;
    if (t.value == ".") {
        const Token &attr = next();
        if (attr.type == TokenType::Name) {
            auto access = std::make_unique<AccessExpr>(ExprKind::GetAttr, line);
            access->object = std::move(node);
            access->name = attr.value;
            return access;
        }
        if (attr.type != TokenType::Integer)
            fail("expected name or number", attr.line);
        auto access = std::make_unique<AccessExpr>(ExprKind::GetItem, line);
        access->object = std::move(node);
        access->index = std::make_unique<ConstExpr>(Value::integer(attr.intValue), attr.line);
        return access;
    }
    std::vector<ExprPtr> args;
    while (!cur().isOp("]")) {
        if (!args.empty())
            expectOp(",");
        args.push_back(parseSubscribed());
    }
    expectOp("]");
    auto access = std::make_unique<AccessExpr>(ExprKind::GetItem, line);
    access->object = std::move(node);
    if (args.size() == 1) {
        access->index = std::move(args[0]);
    } else {
        auto tuple = std::make_unique<SeqExpr>(ExprKind::Tuple, line);
        tuple->items = std::move(args);
        access->index = std::move(tuple);
    }
    return access;
}

ExprPtr Parser::parseSubscribed()
{
    const int line = cur().line;
    auto slice = std::make_unique<SliceExpr>(line);
    if (cur().isOp(":")) {
        next();
    } else {
        ExprPtr node = parseExpression();
        if (!cur().isOp(":"))
            return node;
        next();
        slice->start = std::move(node);
    }
    if (!cur().isOp(":") && !cur().isOp("]") && !cur().isOp(","))
        slice->stop = parseExpression();
    if (skipOp(":")) {
        if (!cur().isOp("]") && !cur().isOp(","))
            slice->step = parseExpression();
    }
    return slice;
}

CallArgsExpr Parser::parseCallArgs()
{
    DepthGuard guard(*this);
    const int line = cur().line;
    expectOp("(");
    CallArgsExpr out;
    bool requireComma = false;
    auto ensure = [&](bool ok) {
        if (!ok)
            fail("invalid syntax for function call expression", line);
    };
    while (!cur().isOp(")")) {
        if (requireComma) {
            expectOp(",");
            if (cur().isOp(")"))
                break;
        }
        if (skipOp("*")) {
            ensure(!out.starArgs && !out.starKwargs);
            out.starArgs = parseExpression();
        } else if (skipOp("**")) {
            ensure(!out.starKwargs);
            out.starKwargs = parseExpression();
        } else if (cur().type == TokenType::Name && look().isOp("=")) {
            ensure(!out.starKwargs);
            std::string key = next().value;
            next();
            out.keyword.emplace_back(std::move(key), parseExpression());
        } else {
            ensure(!out.starArgs && !out.starKwargs && out.keyword.empty());
            out.positional.push_back(parseExpression());
        }
        requireComma = true;
    }
    expectOp(")");
    return out;
}

ExprPtr Parser::parseFilter(ExprPtr node, bool startInline)
{
    while (cur().isOp("|") || startInline) {
        DepthGuard guard(*this);
        if (!startInline)
            next();
        const Token &nameTok = expect(TokenType::Name, "name");
        auto filter = std::make_unique<FilterExpr>(ExprKind::Filter, nameTok.line);
        filter->name = nameTok.value;
        while (skipOp("."))
            filter->name += "." + expect(TokenType::Name, "name").value;
        if (cur().isOp("("))
            filter->args = parseCallArgs();
        filter->object = std::move(node);
        node = std::move(filter);
        startInline = false;
    }
    return node;
}

ExprPtr Parser::parseTest(ExprPtr node)
{
    DepthGuard guard(*this);
    const int line = next().line;
    const bool negated = skipName("not");
    auto test = std::make_unique<FilterExpr>(ExprKind::Test, line);
    test->name = expect(TokenType::Name, "name").value;
    while (skipOp("."))
        test->name += "." + expect(TokenType::Name, "name").value;
    const Token &t = cur();
    if (t.isOp("(")) {
        test->args = parseCallArgs();
    } else if ((t.type == TokenType::Name || t.type == TokenType::String || t.type == TokenType::Integer
                   || t.type == TokenType::Float || t.isOp("[") || t.isOp("{"))
        && !t.isName("else") && !t.isName("or") && !t.isName("and")) {
        if (t.isName("is"))
            fail("You cannot chain multiple tests with is");
        test->args.positional.push_back(parsePostfix(parsePrimary()));
    }
    test->object = std::move(node);
    if (negated)
        return std::make_unique<UnaryExpr>(UnaryOp::Not, std::move(test), line);
    return test;
}

} // namespace atrium::jinja::detail
