// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "chat/jinja_interpreter.h"
#include "chat/jinja_parser.h"

namespace atrium::jinja
{

using namespace ast;

namespace
{

[[noreturn]] void fail(const std::string &msg, int line)
{
    throw TemplateException {ErrorCode::TemplateSyntax, msg, line};
}

/// `soft` mirrors jinja2's soft frames: inside an if statement or an inline if, unknown names are runtime errors.
void checkExpr(const Expr *e, bool soft);

void checkArgs(const CallArgsExpr &a, bool soft)
{
    for (const auto &p : a.positional)
        checkExpr(p.get(), soft);
    for (const auto &[k, v] : a.keyword)
        checkExpr(v.get(), soft);
    checkExpr(a.starArgs.get(), soft);
    checkExpr(a.starKwargs.get(), soft);
}

void checkExpr(const Expr *e, bool soft)
{
    if (!e)
        return;
    switch (e->kind) {
    case ExprKind::List:
    case ExprKind::Tuple:
    case ExprKind::Concat:
        for (const auto &i : static_cast<const SeqExpr *>(e)->items)
            checkExpr(i.get(), soft);
        return;
    case ExprKind::Dict:
        for (const auto &[k, v] : static_cast<const DictExpr *>(e)->pairs) {
            checkExpr(k.get(), soft);
            checkExpr(v.get(), soft);
        }
        return;
    case ExprKind::GetAttr:
    case ExprKind::GetItem:
    case ExprKind::NsRef:
        checkExpr(static_cast<const AccessExpr *>(e)->object.get(), soft);
        checkExpr(static_cast<const AccessExpr *>(e)->index.get(), soft);
        return;
    case ExprKind::Slice: {
        auto *s = static_cast<const SliceExpr *>(e);
        checkExpr(s->start.get(), soft);
        checkExpr(s->stop.get(), soft);
        checkExpr(s->step.get(), soft);
        return;
    }
    case ExprKind::Call:
        checkExpr(static_cast<const CallExpr *>(e)->callee.get(), soft);
        checkArgs(static_cast<const CallExpr *>(e)->args, soft);
        return;
    case ExprKind::Filter:
    case ExprKind::Test: {
        auto *f = static_cast<const FilterExpr *>(e);
        const bool isFilter = e->kind == ExprKind::Filter;
        if (!soft && (isFilter ? findFilter(f->name) == nullptr : findTest(f->name) == nullptr))
            fail(std::string("No ") + (isFilter ? "filter" : "test") + " named '" + f->name + "'.", e->line);
        checkExpr(f->object.get(), soft);
        checkArgs(f->args, soft);
        return;
    }
    case ExprKind::Unary:
        checkExpr(static_cast<const UnaryExpr *>(e)->operand.get(), soft);
        return;
    case ExprKind::Binary:
        checkExpr(static_cast<const BinaryExpr *>(e)->left.get(), soft);
        checkExpr(static_cast<const BinaryExpr *>(e)->right.get(), soft);
        return;
    case ExprKind::Compare:
        checkExpr(static_cast<const CompareExpr *>(e)->first.get(), soft);
        for (const auto &[op, x] : static_cast<const CompareExpr *>(e)->rest)
            checkExpr(x.get(), soft);
        return;
    case ExprKind::CondExpr: {
        auto *c = static_cast<const CondExpr *>(e);
        checkExpr(c->test.get(), true);
        checkExpr(c->then.get(), true);
        checkExpr(c->otherwise.get(), true);
        return;
    }
    case ExprKind::Const:
    case ExprKind::Name:
        return;
    }
}

bool assignsLoop(const Expr *target)
{
    if (target->kind == ExprKind::Name)
        return static_cast<const NameExpr *>(target)->name == "loop";
    if (target->kind == ExprKind::Tuple)
        for (const auto &item : static_cast<const SeqExpr *>(target)->items)
            if (assignsLoop(item.get()))
                return true;
    return false;
}

void checkBody(const Body &body, bool soft);

void checkStmt(const Stmt *s, bool soft)
{
    switch (s->kind) {
    case StmtKind::Print:
        checkExpr(static_cast<const PrintStmt *>(s)->expr.get(), soft);
        break;
    case StmtKind::If: {
        auto *i = static_cast<const IfStmt *>(s);
        checkExpr(i->test.get(), true);
        checkBody(i->body, true);
        checkBody(i->otherwise, true);
        break;
    }
    case StmtKind::For: {
        auto *f = static_cast<const ForStmt *>(s);
        if (assignsLoop(f->target.get()))
            fail("Can't assign to special loop variable in for-loop target", s->line);
        checkExpr(f->iter.get(), soft);
        checkExpr(f->filter.get(), false);
        checkBody(f->body, false);
        checkBody(f->otherwise, false);
        break;
    }
    case StmtKind::Set:
        checkExpr(static_cast<const SetStmt *>(s)->value.get(), soft);
        break;
    case StmtKind::SetBlock:
        checkExpr(static_cast<const SetBlockStmt *>(s)->filter.get(), false);
        checkBody(static_cast<const SetBlockStmt *>(s)->body, false);
        break;
    case StmtKind::Macro: {
        auto *m = static_cast<const MacroStmt *>(s);
        for (const auto &p : m->params)
            checkExpr(p.defaultValue.get(), false);
        checkBody(m->body, false);
        break;
    }
    case StmtKind::CallBlock: {
        auto *c = static_cast<const CallBlockStmt *>(s);
        checkExpr(c->call.get(), soft);
        checkBody(c->caller->body, false);
        break;
    }
    case StmtKind::FilterBlock:
        checkExpr(static_cast<const FilterBlockStmt *>(s)->filter.get(), false);
        checkBody(static_cast<const FilterBlockStmt *>(s)->body, false);
        break;
    case StmtKind::Scope: {
        auto *sc = static_cast<const ScopeStmt *>(s);
        for (const auto &[t, v] : sc->assignments)
            checkExpr(v.get(), soft);
        checkBody(sc->body, false);
        break;
    }
    default:
        break;
    }
}

void checkBody(const Body &body, bool soft)
{
    for (const auto &s : body)
        checkStmt(s.get(), soft);
}

} // namespace

void validateTemplate(const Template &tmpl)
{
    checkBody(tmpl.body, false);
}

} // namespace atrium::jinja
