// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <cstddef>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chat/jinja_ast.h"
#include "chat/jinja_value.h"

namespace atrium::jinja
{

/// Limits and environment of one render.
struct RenderConfig {
    std::tm now {}; ///< what strftime_now() formats
    size_t maxOutputBytes = 16u << 20; ///< any output buffer or string value
    size_t maxLoopIterations = 1'000'000; ///< loop iterations + macro calls + items made, over the whole render
    int maxCallDepth = 100; ///< nested macro / caller calls
};

/// One variable scope: the template's top level, a loop iteration, a macro call, a block.
struct Frame {
    Frame *parent = nullptr;
    std::vector<std::pair<std::string, Value>> vars;
    bool captured = false; ///< a macro or caller closes over this frame: it must outlive the render step

    const Value *find(std::string_view name) const;
    void set(std::string_view name, Value v);
};

/// Executes a parsed template with jinja2's semantics (ImmutableSandboxedEnvironment, autoescape off,
/// Undefined = jinja2.Undefined). Errors are thrown as TemplateException and caught by ChatTemplate.
class Interpreter
{
public:
    explicit Interpreter(const RenderConfig &config);
    ~Interpreter();
    Interpreter(const Interpreter &) = delete;
    Interpreter &operator=(const Interpreter &) = delete;

    std::string render(const ast::Template &tmpl, const nlohmann::ordered_json &context);

    // --- services for filters, tests and methods ------------------------------------------------------------
    Value call(const Value &callee, CallArgs &args);
    Value getAttr(const Value &object, std::string_view name);
    Value getItem(const Value &object, const Value &key);
    /// Python iter(): list items, dict keys, string characters; undefined → nothing; else TypeError.
    std::vector<Value> iterate(const Value &v);
    Value applyFilter(const std::string &name, const Value &value, CallArgs &args);
    bool applyTest(const std::string &name, const Value &value, CallArgs &args);
    /// Charges `n` units against the loop budget (loops, macro calls, generated items).
    void charge(size_t n);
    /// Keeps a namespace made by this render, so that it can be taken apart iteratively at the end.
    void trackNamespace(std::shared_ptr<DictObject> ns);
    /// Fails when a string of `bytes` would exceed the output limit.
    void checkSize(size_t bytes) const;
    const RenderConfig &config() const
    {
        return m_config;
    }
    int currentLine() const
    {
        return m_line;
    }

    // --- used by macros and recursive loops -----------------------------------------------------------------
    struct CallGuard {
        explicit CallGuard(Interpreter &i);
        ~CallGuard();
        Interpreter &interp;
    };
    Frame *newFrame(Frame *parent);
    /// Returns a frame to the pool unless a closure captured it.
    void releaseFrame(Frame *frame);
    Value evalDefault(const ast::Expr &expr, Frame &frame);
    void execBody(const ast::Body &body, Frame &frame, std::string &out);
    void runLoop(const ast::ForStmt &stmt, const Value &iterable, Frame &frame, std::string &out, int depth);

private:
    enum class Flow { Normal, Break, Continue };
    Flow exec(const ast::Stmt &stmt, Frame &frame, std::string &out);
    Flow execBodyFlow(const ast::Body &body, Frame &frame, std::string &out);
    void execFor(const ast::ForStmt &stmt, Frame &frame, std::string &out);
    void execSet(const ast::SetStmt &stmt, Frame &frame);
    void execCallBlock(const ast::CallBlockStmt &stmt, Frame &frame, std::string &out);
    void assign(const ast::Expr &target, const Value &value, Frame &frame);
    Value applyFilterChain(const ast::Expr *filter, Value value, Frame &frame);
    void append(std::string &out, std::string_view text) const;

    Value eval(const ast::Expr &expr, Frame &frame);
    Value evalName(const ast::NameExpr &e, Frame &frame);
    Value evalCompare(const ast::CompareExpr &e, Frame &frame);
    Value evalSlice(const Value &object, const ast::AccessExpr &access, Frame &frame);
    CallArgs evalArgs(const ast::CallArgsExpr &args, Frame &frame);
    Value lookupGlobal(std::string_view name);

    RenderConfig m_config;
    std::vector<std::unique_ptr<Frame>> m_frames; ///< every frame of this render (freed together at the end)
    std::vector<Frame *> m_freeFrames;
    std::vector<std::shared_ptr<DictObject>> m_namespaces;
    Frame *m_root = nullptr;
    size_t m_charged = 0;
    int m_callDepth = 0;
    int m_line = 0;
    const char *m_stackBase = nullptr;
};

/// A callable implemented in C++ (globals such as range() and namespace(), loop.cycle, ...).
Value nativeFunction(std::string name, std::function<Value(Interpreter &, CallArgs &)> fn);

/// Builtin filters and tests (jinja_filters.cpp, jinja_tests.cpp); null when unknown.
using FilterFn = Value (*)(Interpreter &, const Value &, CallArgs &);
using TestFn = bool (*)(Interpreter &, const Value &, CallArgs &);
FilterFn findFilter(std::string_view name);
TestFn findTest(std::string_view name);
/// Attribute lookup of str / dict / list methods (jinja_methods.cpp): a bound method; for the methods the
/// immutable sandbox forbids (list.append, dict.update, ...) an undefined that raises a SecurityError when used;
/// nullopt when `name` is no method of the object.
std::optional<Value> findMethod(const Value &object, std::string_view name);

} // namespace atrium::jinja
