// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "chat/jinja_parser.h"

#include <initializer_list>
#include <set>

#include "chat/jinja_parser_impl.h"

namespace atrium::jinja
{

using namespace ast;
using detail::Parser;

std::string detail::describeToken(const Token &t)
{
    switch (t.type) {
    case TokenType::Name:
    case TokenType::Operator:
        return t.value;
    case TokenType::String:
        return "string";
    case TokenType::Integer:
        return "integer";
    case TokenType::Float:
        return "float";
    case TokenType::Data:
        return "template data / text";
    case TokenType::VariableBegin:
        return "begin of print statement";
    case TokenType::VariableEnd:
        return "end of print statement";
    case TokenType::BlockBegin:
        return "begin of statement block";
    case TokenType::BlockEnd:
        return "end of statement block";
    case TokenType::Eof:
        return "end of template";
    }
    return "token";
}

namespace
{

/// Records whether a macro body mentions caller / varargs / kwargs (jinja2's find_undeclared).
void scanExpr(const Expr *e, MacroStmt &m);
void scanBody(const Body &body, MacroStmt &m);

void scanArgs(const CallArgsExpr &a, MacroStmt &m)
{
    for (const auto &p : a.positional)
        scanExpr(p.get(), m);
    for (const auto &[k, v] : a.keyword)
        scanExpr(v.get(), m);
    scanExpr(a.starArgs.get(), m);
    scanExpr(a.starKwargs.get(), m);
}

void scanExpr(const Expr *e, MacroStmt &m)
{
    if (!e)
        return;
    switch (e->kind) {
    case ExprKind::Name: {
        const auto &n = static_cast<const NameExpr *>(e)->name;
        m.usesCaller |= n == "caller";
        m.usesVarargs |= n == "varargs";
        m.usesKwargs |= n == "kwargs";
        return;
    }
    case ExprKind::List:
    case ExprKind::Tuple:
    case ExprKind::Concat:
        for (const auto &i : static_cast<const SeqExpr *>(e)->items)
            scanExpr(i.get(), m);
        return;
    case ExprKind::Dict:
        for (const auto &[k, v] : static_cast<const DictExpr *>(e)->pairs) {
            scanExpr(k.get(), m);
            scanExpr(v.get(), m);
        }
        return;
    case ExprKind::GetAttr:
    case ExprKind::GetItem:
    case ExprKind::NsRef: {
        auto *a = static_cast<const AccessExpr *>(e);
        scanExpr(a->object.get(), m);
        scanExpr(a->index.get(), m);
        return;
    }
    case ExprKind::Slice: {
        auto *s = static_cast<const SliceExpr *>(e);
        scanExpr(s->start.get(), m);
        scanExpr(s->stop.get(), m);
        scanExpr(s->step.get(), m);
        return;
    }
    case ExprKind::Call: {
        auto *c = static_cast<const CallExpr *>(e);
        scanExpr(c->callee.get(), m);
        scanArgs(c->args, m);
        return;
    }
    case ExprKind::Filter:
    case ExprKind::Test: {
        auto *f = static_cast<const FilterExpr *>(e);
        scanExpr(f->object.get(), m);
        scanArgs(f->args, m);
        return;
    }
    case ExprKind::Unary:
        scanExpr(static_cast<const UnaryExpr *>(e)->operand.get(), m);
        return;
    case ExprKind::Binary:
        scanExpr(static_cast<const BinaryExpr *>(e)->left.get(), m);
        scanExpr(static_cast<const BinaryExpr *>(e)->right.get(), m);
        return;
    case ExprKind::Compare: {
        auto *c = static_cast<const CompareExpr *>(e);
        scanExpr(c->first.get(), m);
        for (const auto &[op, x] : c->rest)
            scanExpr(x.get(), m);
        return;
    }
    case ExprKind::CondExpr: {
        auto *c = static_cast<const CondExpr *>(e);
        scanExpr(c->test.get(), m);
        scanExpr(c->then.get(), m);
        scanExpr(c->otherwise.get(), m);
        return;
    }
    case ExprKind::Const:
        return;
    }
}

void scanStmt(const Stmt *s, MacroStmt &m)
{
    switch (s->kind) {
    case StmtKind::Print:
        scanExpr(static_cast<const PrintStmt *>(s)->expr.get(), m);
        break;
    case StmtKind::If: {
        auto *i = static_cast<const IfStmt *>(s);
        scanExpr(i->test.get(), m);
        scanBody(i->body, m);
        scanBody(i->otherwise, m);
        break;
    }
    case StmtKind::For: {
        auto *f = static_cast<const ForStmt *>(s);
        scanExpr(f->iter.get(), m);
        scanExpr(f->filter.get(), m);
        scanBody(f->body, m);
        scanBody(f->otherwise, m);
        break;
    }
    case StmtKind::Set:
        scanExpr(static_cast<const SetStmt *>(s)->value.get(), m);
        break;
    case StmtKind::SetBlock:
        scanExpr(static_cast<const SetBlockStmt *>(s)->filter.get(), m);
        scanBody(static_cast<const SetBlockStmt *>(s)->body, m);
        break;
    case StmtKind::Macro:
        scanBody(static_cast<const MacroStmt *>(s)->body, m);
        break;
    case StmtKind::CallBlock:
        scanExpr(static_cast<const CallBlockStmt *>(s)->call.get(), m);
        scanBody(static_cast<const CallBlockStmt *>(s)->caller->body, m);
        break;
    case StmtKind::FilterBlock:
        scanExpr(static_cast<const FilterBlockStmt *>(s)->filter.get(), m);
        scanBody(static_cast<const FilterBlockStmt *>(s)->body, m);
        break;
    case StmtKind::Scope: {
        auto *sc = static_cast<const ScopeStmt *>(s);
        for (const auto &[t, v] : sc->assignments)
            scanExpr(v.get(), m);
        scanBody(sc->body, m);
        break;
    }
    default:
        break;
    }
}

void scanBody(const Body &body, MacroStmt &m)
{
    for (const auto &s : body)
        scanStmt(s.get(), m);
}

} // namespace

// --- statements (jinja2 parser.py: subparse, parse_statement, parse_for, ...) -------------------------------------

namespace detail
{

void Parser::failUnknownTag(const std::string &name, int line, bool eof)
{
    std::set<std::string> expected;
    for (const auto &tokens : m_endTokenStack)
        expected.insert(tokens.begin(), tokens.end());
    std::string looking;
    if (!m_endTokenStack.empty()) {
        for (const auto &t : m_endTokenStack.back())
            looking += (looking.empty() ? "'" : " or '") + t + "'";
    }
    std::string msg = eof ? "Unexpected end of template." : "Encountered unknown tag '" + name + "'.";
    if (!looking.empty()) {
        if (!eof && expected.count(name))
            msg += " You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for "
                + looking + ".";
        else
            msg += " Jinja was looking for the following tags: " + looking + ".";
    }
    if (!m_tagStack.empty())
        msg += " The innermost block that needs to be closed is '" + m_tagStack.back() + "'.";
    fail(msg, line);
}

Body Parser::subparse(std::initializer_list<std::string_view> endTokens)
{
    DepthGuard guard(*this);
    Body body;
    const bool hasEnd = endTokens.size() > 0;
    if (hasEnd)
        m_endTokenStack.emplace_back(endTokens.begin(), endTokens.end());
    while (cur().type != TokenType::Eof) {
        const Token &t = cur();
        if (t.type == TokenType::Data) {
            body.push_back(std::make_unique<TextStmt>(t.value, t.line));
            next();
        } else if (t.type == TokenType::VariableBegin) {
            next();
            const int line = cur().line;
            ExprPtr e = parseTuple(false, true, {}, false);
            expect(TokenType::VariableEnd, "end of print statement");
            body.push_back(std::make_unique<PrintStmt>(std::move(e), line));
        } else if (t.type == TokenType::BlockBegin) {
            next();
            for (std::string_view end : endTokens) {
                if (cur().isName(end)) {
                    m_endTokenStack.pop_back();
                    return body;
                }
            }
            body.push_back(parseStatement());
            expect(TokenType::BlockEnd, "end of statement block");
        } else {
            fail("unexpected '" + describeToken(t) + "'");
        }
    }
    if (hasEnd)
        m_endTokenStack.pop_back();
    return body;
}

Body Parser::parseStatements(std::initializer_list<std::string_view> endTokens, bool dropNeedle)
{
    skipOp(":");
    expect(TokenType::BlockEnd, "end of statement block");
    Body body = subparse(endTokens);
    if (cur().type == TokenType::Eof) {
        m_endTokenStack.emplace_back(endTokens.begin(), endTokens.end());
        failUnknownTag({}, cur().line, true);
    }
    if (dropNeedle)
        next();
    return body;
}

StmtPtr Parser::parseStatement()
{
    const Token &t = cur();
    if (t.type != TokenType::Name)
        fail("tag name expected", t.line);
    const std::string tag = t.value;
    const int line = t.line;
    m_tagStack.push_back(tag);
    StmtPtr result;
    if (tag == "for")
        result = parseFor();
    else if (tag == "if")
        result = parseIf();
    else if (tag == "set")
        result = parseSet();
    else if (tag == "macro")
        result = parseMacro(false);
    else if (tag == "call")
        result = parseCallBlock();
    else if (tag == "filter")
        result = parseFilterBlock();
    else if (tag == "with")
        result = parseWith();
    else if (tag == "block")
        result = parseScopedBody("endblock", true);
    else if (tag == "generation")
        result = parseScopedBody("endgeneration", false);
    else if (tag == "print") {
        next();
        auto seq = std::make_unique<SeqExpr>(ExprKind::Concat, line);
        while (cur().type != TokenType::BlockEnd) {
            if (!seq->items.empty())
                expectOp(",");
            seq->items.push_back(parseExpression());
        }
        result = std::make_unique<PrintStmt>(std::move(seq), line);
    } else if (tag == "break" || tag == "continue") {
        if (m_loopDepth == 0)
            fail("'" + tag + "' outside loop", line);
        next();
        result = std::make_unique<Stmt>(tag == "break" ? StmtKind::Break : StmtKind::Continue, line);
    } else if (tag == "extends" || tag == "include" || tag == "import" || tag == "from") {
        fail("'" + tag + "' needs a template loader, which chat templates do not have", line);
    } else if (tag == "autoescape") {
        fail("'autoescape' blocks are not supported", line);
    } else {
        m_tagStack.pop_back();
        failUnknownTag(tag, line, false);
    }
    m_tagStack.pop_back();
    return result;
}

StmtPtr Parser::parseFor()
{
    auto node = std::make_unique<ForStmt>(next().line);
    node->target = parseAssignTarget(true, false, {"in"}, false);
    expectName("in");
    node->iter = parseTuple(false, false, {"recursive"}, false);
    if (skipName("if"))
        node->filter = parseExpression();
    node->recursive = skipName("recursive");
    ++m_loopDepth;
    node->body = parseStatements({"endfor", "else"}, false);
    --m_loopDepth;
    if (next().value != "endfor")
        node->otherwise = parseStatements({"endfor"}, true);
    return node;
}

StmtPtr Parser::parseIf()
{
    auto result = std::make_unique<IfStmt>(next().line);
    IfStmt *node = result.get();
    for (;;) {
        node->test = parseTuple(false, false, {}, false);
        node->body = parseStatements({"elif", "else", "endif"}, false);
        const Token &t = next();
        if (t.isName("elif")) {
            auto elif = std::make_unique<IfStmt>(cur().line);
            IfStmt *raw = elif.get();
            node->otherwise.push_back(std::move(elif));
            node = raw;
            continue;
        }
        if (t.isName("else"))
            node->otherwise = parseStatements({"endif"}, true);
        break;
    }
    return result;
}

StmtPtr Parser::parseSet()
{
    const int line = next().line;
    ExprPtr target = parseAssignTarget(true, false, {}, true);
    if (skipOp("=")) {
        auto node = std::make_unique<SetStmt>(line);
        node->target = std::move(target);
        node->value = parseTuple(false, true, {}, false);
        return node;
    }
    auto node = std::make_unique<SetBlockStmt>(line);
    node->target = std::move(target);
    if (cur().isOp("|"))
        node->filter = parseFilter(nullptr, false);
    node->body = parseStatements({"endset"}, true);
    return node;
}

void Parser::parseSignature(MacroStmt &m)
{
    expectOp("(");
    while (!cur().isOp(")")) {
        if (!m.params.empty())
            expectOp(",");
        MacroParam p;
        p.name = expect(TokenType::Name, "name").value;
        if (skipOp("="))
            p.defaultValue = parseExpression();
        else if (!m.params.empty() && m.params.back().defaultValue)
            fail("non-default argument follows default argument");
        if (p.name == "caller" && !p.defaultValue)
            fail("When defining macros or call blocks the special \"caller\" argument must be omitted or be given a "
                 "default.");
        m.params.push_back(std::move(p));
    }
    expectOp(")");
}

std::unique_ptr<MacroStmt> Parser::parseMacro(bool isCaller)
{
    auto node = std::make_unique<MacroStmt>(next().line);
    if (isCaller) {
        node->name = "caller";
        if (cur().isOp("("))
            parseSignature(*node);
        return node;
    }
    node->name = expect(TokenType::Name, "name").value;
    parseSignature(*node);
    const int savedLoops = m_loopDepth;
    m_loopDepth = 0;
    node->body = parseStatements({"endmacro"}, true);
    m_loopDepth = savedLoops;
    scanBody(node->body, *node);
    return node;
}

StmtPtr Parser::parseCallBlock()
{
    const int line = cur().line;
    auto node = std::make_unique<CallBlockStmt>(line);
    node->caller = parseMacro(true);
    node->call = parseExpression();
    if (node->call->kind != ExprKind::Call)
        fail("expected call", line);
    const int savedLoops = m_loopDepth;
    m_loopDepth = 0;
    node->caller->body = parseStatements({"endcall"}, true);
    m_loopDepth = savedLoops;
    scanBody(node->caller->body, *node->caller);
    return node;
}

StmtPtr Parser::parseFilterBlock()
{
    auto node = std::make_unique<FilterBlockStmt>(next().line);
    node->filter = parseFilter(nullptr, true);
    node->body = parseStatements({"endfilter"}, true);
    return node;
}

StmtPtr Parser::parseWith()
{
    auto node = std::make_unique<ScopeStmt>(next().line);
    while (cur().type != TokenType::BlockEnd) {
        if (!node->assignments.empty())
            expectOp(",");
        ExprPtr target = parseAssignTarget(true, false, {}, false);
        expectOp("=");
        node->assignments.emplace_back(std::move(target), parseExpression());
    }
    node->body = parseStatements({"endwith"}, true);
    return node;
}

StmtPtr Parser::parseScopedBody(std::string_view endTag, bool named)
{
    auto node = std::make_unique<ScopeStmt>(next().line);
    std::string name;
    if (named) {
        name = expect(TokenType::Name, "name").value;
        skipName("scoped");
        skipName("required");
    }
    const int savedLoops = m_loopDepth;
    if (!named)
        m_loopDepth = 0; // {% generation %} is a call block: its body is a function
    node->body = parseStatements({endTag}, true);
    m_loopDepth = savedLoops;
    if (named && !name.empty())
        skipName(name);
    if (!named) {
        MacroStmt usage(node->line);
        scanBody(node->body, usage);
        node->isCallBody = true;
        node->usesCaller = usage.usesCaller;
        node->usesVarargs = usage.usesVarargs;
        node->usesKwargs = usage.usesKwargs;
    }
    return node;
}

ExprPtr Parser::parseAssignTarget(
    bool withTuple, bool nameOnly, std::initializer_list<std::string_view> extraEnd, bool withNamespace)
{
    ExprPtr target;
    if (nameOnly) {
        const Token &t = expect(TokenType::Name, "name");
        target = std::make_unique<NameExpr>(t.value, t.line);
    } else if (withTuple) {
        target = parseTuple(true, true, extraEnd, false, withNamespace);
    } else {
        target = parsePrimary(withNamespace);
    }
    auto canAssign = [](const Expr *e) { return e->kind == ExprKind::Name || e->kind == ExprKind::NsRef; };
    bool ok = canAssign(target.get());
    if (target->kind == ExprKind::Tuple) {
        ok = true;
        for (const auto &item : static_cast<SeqExpr *>(target.get())->items)
            ok = ok && canAssign(item.get());
    }
    if (!ok) {
        static const char *const kNames[] = {"const",
            "name",
            "list",
            "tuple",
            "dict",
            "getattr",
            "getitem",
            "slice",
            "call",
            "filter",
            "test",
            "unary",
            "binary",
            "concat",
            "compare",
            "condexpr",
            "nsref"};
        fail(std::string("can't assign to '") + kNames[static_cast<int>(target->kind)] + "'", target->line);
    }
    return target;
}

} // namespace detail

std::unique_ptr<Template> parseTemplate(std::string_view source)
{
    auto tmpl = Parser(tokenize(source)).parse();
    resolveScopes(*tmpl);
    return tmpl;
}

} // namespace atrium::jinja
