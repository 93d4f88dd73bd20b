// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "chat/jinja_value.h"

/// The syntax tree of a parsed template: jinja2's node types, reduced to what a sandboxed chat template can use.
namespace atrium::jinja::ast
{

enum class ExprKind : uint8_t {
    Const,
    Name,
    List,
    Tuple,
    Dict,
    GetAttr,
    GetItem,
    Slice,
    Call,
    Filter,
    Test,
    Unary,
    Binary,
    Concat,
    Compare,
    CondExpr,
    NsRef, ///< `ns.attr` as an assignment target
};

struct Expr {
    explicit Expr(ExprKind k, int l)
        : kind(k)
        , line(l)
    {
    }
    virtual ~Expr() = default;
    ExprKind kind;
    int line;
};
using ExprPtr = std::unique_ptr<Expr>;

struct ConstExpr : Expr {
    ConstExpr(Value v, int l)
        : Expr(ExprKind::Const, l)
        , value(std::move(v))
    {
    }
    Value value;
};

struct NameExpr : Expr {
    NameExpr(std::string n, int l)
        : Expr(ExprKind::Name, l)
        , name(std::move(n))
    {
    }
    std::string name;
};

/// List, Tuple and Concat share this shape.
struct SeqExpr : Expr {
    using Expr::Expr;
    std::vector<ExprPtr> items;
};

struct DictExpr : Expr {
    explicit DictExpr(int l)
        : Expr(ExprKind::Dict, l)
    {
    }
    std::vector<std::pair<ExprPtr, ExprPtr>> pairs;
};

/// `obj.name` (GetAttr, NsRef) or `obj[index]` (GetItem).
struct AccessExpr : Expr {
    using Expr::Expr;
    ExprPtr object;
    std::string name; ///< GetAttr / NsRef
    ExprPtr index; ///< GetItem
};

struct SliceExpr : Expr {
    explicit SliceExpr(int l)
        : Expr(ExprKind::Slice, l)
    {
    }
    ExprPtr start, stop, step; // each may be null
};

struct CallArgsExpr {
    std::vector<ExprPtr> positional;
    std::vector<std::pair<std::string, ExprPtr>> keyword;
    ExprPtr starArgs; ///< *args
    ExprPtr starKwargs; ///< **kwargs
};

struct CallExpr : Expr {
    explicit CallExpr(int l)
        : Expr(ExprKind::Call, l)
    {
    }
    ExprPtr callee;
    CallArgsExpr args;
};

/// `value | name(args)` (Filter) or `value is name(args)` (Test). `object` is null for filter blocks.
struct FilterExpr : Expr {
    using Expr::Expr;
    ExprPtr object;
    std::string name;
    CallArgsExpr args;
};

enum class UnaryOp : uint8_t { Not, Neg, Pos };
struct UnaryExpr : Expr {
    UnaryExpr(UnaryOp o, ExprPtr x, int l)
        : Expr(ExprKind::Unary, l)
        , op(o)
        , operand(std::move(x))
    {
    }
    UnaryOp op;
    ExprPtr operand;
};

enum class BinaryOp : uint8_t { Add, Sub, Mul, Div, FloorDiv, Mod, Pow, And, Or };
struct BinaryExpr : Expr {
    BinaryExpr(BinaryOp o, ExprPtr a, ExprPtr b, int l)
        : Expr(ExprKind::Binary, l)
        , op(o)
        , left(std::move(a))
        , right(std::move(b))
    {
    }
    BinaryOp op;
    ExprPtr left, right;
};

enum class CompareOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn };
struct CompareExpr : Expr {
    explicit CompareExpr(int l)
        : Expr(ExprKind::Compare, l)
    {
    }
    ExprPtr first;
    std::vector<std::pair<CompareOp, ExprPtr>> rest;
};

struct CondExpr : Expr {
    explicit CondExpr(int l)
        : Expr(ExprKind::CondExpr, l)
    {
    }
    ExprPtr test, then, otherwise; // otherwise may be null (→ undefined)
};

// --- statements -----------------------------------------------------------------------------------------------

enum class StmtKind : uint8_t {
    Text,
    Print,
    If,
    For,
    Set,
    SetBlock,
    Macro,
    CallBlock,
    FilterBlock,
    Scope, ///< with / generation / block: a body in its own scope
    Break,
    Continue,
};

struct Stmt {
    Stmt(StmtKind k, int l)
        : kind(k)
        , line(l)
    {
    }
    virtual ~Stmt() = default;
    StmtKind kind;
    int line;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;
/// Names a scope binds to undefined on entry: jinja2 resolves names statically, so a name the scope assigns
/// before any read shadows outer and context values even where it is read before the assignment runs.
using Shadowed = std::vector<std::string>;

struct TextStmt : Stmt {
    TextStmt(std::string t, int l)
        : Stmt(StmtKind::Text, l)
        , text(std::move(t))
    {
    }
    std::string text;
};

struct PrintStmt : Stmt {
    PrintStmt(ExprPtr e, int l)
        : Stmt(StmtKind::Print, l)
        , expr(std::move(e))
    {
    }
    ExprPtr expr;
};

struct IfStmt : Stmt {
    explicit IfStmt(int l)
        : Stmt(StmtKind::If, l)
    {
    }
    ExprPtr test;
    Body body;
    Body otherwise; ///< an elif is an IfStmt alone in here
};

struct ForStmt : Stmt {
    explicit ForStmt(int l)
        : Stmt(StmtKind::For, l)
    {
    }
    ExprPtr target; ///< Name or Tuple of names
    ExprPtr iter;
    ExprPtr filter; ///< `for x in xs if cond`, may be null
    bool recursive = false;
    Body body;
    Body otherwise;
    Shadowed bodyShadowed, otherwiseShadowed;
};

struct SetStmt : Stmt {
    explicit SetStmt(int l)
        : Stmt(StmtKind::Set, l)
    {
    }
    ExprPtr target; ///< Name, NsRef or Tuple
    ExprPtr value;
};

struct SetBlockStmt : Stmt {
    explicit SetBlockStmt(int l)
        : Stmt(StmtKind::SetBlock, l)
    {
    }
    ExprPtr target;
    ExprPtr filter; ///< chain of FilterExpr whose innermost object is null, may be null
    Body body;
    Shadowed shadowed;
};

struct MacroParam {
    std::string name;
    ExprPtr defaultValue; ///< may be null
};

struct MacroStmt : Stmt {
    explicit MacroStmt(int l)
        : Stmt(StmtKind::Macro, l)
    {
    }
    std::string name;
    std::vector<MacroParam> params;
    Body body;
    bool usesCaller = false, usesVarargs = false, usesKwargs = false;
    Shadowed shadowed;
};

struct CallBlockStmt : Stmt {
    explicit CallBlockStmt(int l)
        : Stmt(StmtKind::CallBlock, l)
    {
    }
    std::unique_ptr<MacroStmt> caller; ///< the body, as the `caller` macro
    ExprPtr call; ///< a CallExpr
};

struct FilterBlockStmt : Stmt {
    explicit FilterBlockStmt(int l)
        : Stmt(StmtKind::FilterBlock, l)
    {
    }
    ExprPtr filter; ///< chain of FilterExpr whose innermost object is null
    Body body;
    Shadowed shadowed;
};

struct ScopeStmt : Stmt {
    explicit ScopeStmt(int l)
        : Stmt(StmtKind::Scope, l)
    {
    }
    std::vector<std::pair<ExprPtr, ExprPtr>> assignments; ///< `with a = 1, b = 2`
    Body body;
    Shadowed shadowed;
    /// `{% generation %}` is a call block in transformers: its body is a function with its own caller / varargs
    /// / kwargs (and a boundary for break / continue).
    bool isCallBody = false;
    bool usesCaller = false, usesVarargs = false, usesKwargs = false;
};

struct Template {
    Body body;
    Shadowed shadowed;
};

} // namespace atrium::jinja::ast
