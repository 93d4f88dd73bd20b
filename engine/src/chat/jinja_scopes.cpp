// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// jinja2's static name resolution (idtracking.py), reduced to the one effect templates can observe: a scope that
// assigns a name before reading it binds that name to undefined on entry (VAR_LOAD_UNDEFINED), so reads of it from
// nested scopes that run before the assignment do not see an outer or context value of the same name.
#include <functional>
#include <set>

#include "chat/jinja_parser.h"

namespace atrium::jinja
{

using namespace ast;

namespace
{

using NameSet = std::set<std::string, std::less<>>;

/// One frame's symbols while its own statements are visited (nested frames are analysed afterwards, with this
/// frame's complete references as their outer ones, like jinja2 compiles them).
class FrameSymbols
{
public:
    explicit FrameSymbols(const NameSet &outer)
        : m_outer(&outer)
    {
    }

    void load(const std::string &name)
    {
        if (!m_refs.count(name) && !m_outer->count(name))
            m_refs.insert(name);
    }
    void store(const std::string &name)
    {
        m_stores.insert(name);
        if (m_refs.insert(name).second && !m_outer->count(name))
            m_undefined.insert(name);
    }
    void param(const std::string &name)
    {
        m_stores.insert(name);
        m_refs.insert(name);
    }

    void visitBody(const Body &body)
    {
        for (const auto &s : body)
            visitStmt(*s);
    }

    /// Nested frames found while visiting, analysed once this frame is complete.
    struct Nested {
        const Body *body;
        Shadowed *shadowed;
        std::vector<std::string> params;
    };
    std::vector<Nested> nested;

    const NameSet &refs() const
    {
        return m_refs;
    }
    Shadowed shadowed() const
    {
        return Shadowed(m_undefined.begin(), m_undefined.end());
    }

private:
    void visitExpr(const Expr *e);
    void visitArgs(const CallArgsExpr &a)
    {
        for (const auto &p : a.positional)
            visitExpr(p.get());
        for (const auto &[k, v] : a.keyword)
            visitExpr(v.get());
        visitExpr(a.starArgs.get());
        visitExpr(a.starKwargs.get());
    }
    void visitTarget(const Expr &target)
    {
        if (target.kind == ExprKind::Name)
            store(static_cast<const NameExpr &>(target).name);
        else if (target.kind == ExprKind::NsRef)
            visitExpr(static_cast<const AccessExpr &>(target).object.get());
        else if (target.kind == ExprKind::Tuple)
            for (const auto &item : static_cast<const SeqExpr &>(target).items)
                visitTarget(*item);
    }
    static void targetNames(const Expr &target, std::vector<std::string> &out)
    {
        if (target.kind == ExprKind::Name)
            out.push_back(static_cast<const NameExpr &>(target).name);
        else if (target.kind == ExprKind::Tuple)
            for (const auto &item : static_cast<const SeqExpr &>(target).items)
                targetNames(*item, out);
    }
    static std::vector<std::string> macroParams(const MacroStmt &m)
    {
        std::vector<std::string> params;
        for (const auto &p : m.params)
            params.push_back(p.name);
        if (m.usesCaller)
            params.emplace_back("caller");
        if (m.usesVarargs)
            params.emplace_back("varargs");
        if (m.usesKwargs)
            params.emplace_back("kwargs");
        return params;
    }
    void visitStmt(Stmt &s);
    void visitIf(IfStmt &s);

    const NameSet *m_outer;
    NameSet m_refs;
    NameSet m_stores;
    NameSet m_undefined;
};

void FrameSymbols::visitExpr(const Expr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case ExprKind::Name:
        load(static_cast<const NameExpr *>(e)->name);
        return;
    case ExprKind::List:
    case ExprKind::Tuple:
    case ExprKind::Concat:
        for (const auto &i : static_cast<const SeqExpr *>(e)->items)
            visitExpr(i.get());
        return;
    case ExprKind::Dict:
        for (const auto &[k, v] : static_cast<const DictExpr *>(e)->pairs) {
            visitExpr(k.get());
            visitExpr(v.get());
        }
        return;
    case ExprKind::GetAttr:
    case ExprKind::GetItem:
    case ExprKind::NsRef:
        visitExpr(static_cast<const AccessExpr *>(e)->object.get());
        visitExpr(static_cast<const AccessExpr *>(e)->index.get());
        return;
    case ExprKind::Slice: {
        auto *sl = static_cast<const SliceExpr *>(e);
        visitExpr(sl->start.get());
        visitExpr(sl->stop.get());
        visitExpr(sl->step.get());
        return;
    }
    case ExprKind::Call:
        visitExpr(static_cast<const CallExpr *>(e)->callee.get());
        visitArgs(static_cast<const CallExpr *>(e)->args);
        return;
    case ExprKind::Filter:
    case ExprKind::Test:
        visitExpr(static_cast<const FilterExpr *>(e)->object.get());
        visitArgs(static_cast<const FilterExpr *>(e)->args);
        return;
    case ExprKind::Unary:
        visitExpr(static_cast<const UnaryExpr *>(e)->operand.get());
        return;
    case ExprKind::Binary:
        visitExpr(static_cast<const BinaryExpr *>(e)->left.get());
        visitExpr(static_cast<const BinaryExpr *>(e)->right.get());
        return;
    case ExprKind::Compare:
        visitExpr(static_cast<const CompareExpr *>(e)->first.get());
        for (const auto &[op, x] : static_cast<const CompareExpr *>(e)->rest)
            visitExpr(x.get());
        return;
    case ExprKind::CondExpr: {
        auto *c = static_cast<const CondExpr *>(e);
        visitExpr(c->test.get());
        visitExpr(c->then.get());
        visitExpr(c->otherwise.get());
        return;
    }
    case ExprKind::Const:
        return;
    }
}

/// An if statement does not open a frame, but names first assigned in one of its branches are resolved from the
/// outside at frame entry (jinja2's branch_update), so they are never shadowed.
void FrameSymbols::visitIf(IfStmt &s)
{
    visitExpr(s.test.get());
    const NameSet baseStores = m_stores;
    const NameSet baseRefs = m_refs;
    const NameSet baseUndefined = m_undefined;
    NameSet refs = baseRefs, stores = baseStores, undefined = baseUndefined;
    for (Body *branch : {&s.body, &s.otherwise}) {
        m_refs = baseRefs;
        m_stores = baseStores;
        m_undefined = baseUndefined;
        visitBody(*branch);
        refs.insert(m_refs.begin(), m_refs.end());
        stores.insert(m_stores.begin(), m_stores.end());
        undefined.insert(m_undefined.begin(), m_undefined.end());
    }
    for (const auto &name : stores)
        if (!baseStores.count(name))
            undefined.erase(name);
    m_refs = std::move(refs);
    m_stores = std::move(stores);
    m_undefined = std::move(undefined);
}

void FrameSymbols::visitStmt(Stmt &s)
{
    switch (s.kind) {
    case StmtKind::Print:
        visitExpr(static_cast<PrintStmt &>(s).expr.get());
        break;
    case StmtKind::If:
        visitIf(static_cast<IfStmt &>(s));
        break;
    case StmtKind::For: {
        auto &f = static_cast<ForStmt &>(s);
        visitExpr(f.iter.get());
        std::vector<std::string> params {"loop"};
        targetNames(*f.target, params);
        nested.push_back({&f.body, &f.bodyShadowed, params});
        nested.push_back({&f.otherwise, &f.otherwiseShadowed, {}});
        break;
    }
    case StmtKind::Set: {
        auto &set = static_cast<SetStmt &>(s);
        visitExpr(set.value.get());
        visitTarget(*set.target);
        break;
    }
    case StmtKind::SetBlock: {
        auto &set = static_cast<SetBlockStmt &>(s);
        visitTarget(*set.target);
        nested.push_back({&set.body, &set.shadowed, {}});
        break;
    }
    case StmtKind::Macro: {
        auto &m = static_cast<MacroStmt &>(s);
        store(m.name);
        nested.push_back({&m.body, &m.shadowed, macroParams(m)});
        break;
    }
    case StmtKind::CallBlock: {
        auto &c = static_cast<CallBlockStmt &>(s);
        visitExpr(c.call.get());
        nested.push_back({&c.caller->body, &c.caller->shadowed, macroParams(*c.caller)});
        break;
    }
    case StmtKind::FilterBlock: {
        auto &f = static_cast<FilterBlockStmt &>(s);
        visitExpr(f.filter.get());
        nested.push_back({&f.body, &f.shadowed, {}});
        break;
    }
    case StmtKind::Scope: {
        auto &sc = static_cast<ScopeStmt &>(s);
        std::vector<std::string> params;
        for (const auto &[target, value] : sc.assignments) {
            visitExpr(value.get());
            targetNames(*target, params);
        }
        if (sc.usesCaller)
            params.emplace_back("caller");
        if (sc.usesVarargs)
            params.emplace_back("varargs");
        if (sc.usesKwargs)
            params.emplace_back("kwargs");
        nested.push_back({&sc.body, &sc.shadowed, params});
        break;
    }
    default:
        break;
    }
}

void analyzeFrame(const Body &body, Shadowed &shadowed, const std::vector<std::string> &params, const NameSet &outer)
{
    FrameSymbols frame(outer);
    for (const auto &p : params)
        frame.param(p);
    frame.visitBody(body);
    shadowed = frame.shadowed();
    NameSet inner = outer;
    inner.insert(frame.refs().begin(), frame.refs().end());
    for (const auto &n : frame.nested)
        analyzeFrame(*n.body, *n.shadowed, n.params, inner);
}

} // namespace

void resolveScopes(Template &tmpl)
{
    analyzeFrame(tmpl.body, tmpl.shadowed, {}, NameSet());
}

} // namespace atrium::jinja
