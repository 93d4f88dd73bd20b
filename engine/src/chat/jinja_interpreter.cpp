// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Statement execution: output, control flow, scopes, macros and loops.
#include "chat/jinja_interpreter.h"

#include <algorithm>

namespace atrium::jinja
{

using namespace ast;

namespace
{

/// Stack a render may use below its entry point (threads get at least 8 MiB on the platforms we ship on).
constexpr size_t kMaxStackBytes = 2u << 20;
/// A macro call costs as much of the loop budget as this many loop iterations (a call does far more work).
constexpr size_t kCallCost = 10;

/// Binds the names a scope assigns before reading them (see ast::Shadowed).
void bindShadowed(Frame &frame, const Shadowed &names)
{
    for (const std::string &name : names)
        frame.set(name, Value::undefined("'" + name + "' is undefined"));
}

/// A user macro, or the `caller` of a call block, closed over the frame it was defined in.
struct MacroObject : CallableObject {
    const MacroStmt *stmt = nullptr;
    Frame *closure = nullptr;

    Value call(Interpreter &interp, CallArgs &args) override
    {
        Interpreter::CallGuard guard(interp);
        Frame *frame = interp.newFrame(closure);
        const auto &params = stmt->params;
        size_t positional = std::min(args.positional.size(), params.size());
        auto takeKeyword = [&](const std::string &key, Value &out) {
            for (auto it = args.keyword.begin(); it != args.keyword.end(); ++it) {
                if (it->first == key) {
                    out = std::move(it->second);
                    args.keyword.erase(it);
                    return true;
                }
            }
            return false;
        };
        bool foundCaller = false;
        for (size_t i = 0; i < params.size(); ++i) {
            Value v;
            bool given = i < positional;
            if (given)
                v = args.positional[i];
            else if (positional != params.size())
                given = takeKeyword(params[i].name, v);
            foundCaller |= params[i].name == "caller" && i >= positional;
            if (!given) {
                if (params[i].defaultValue)
                    v = interp.evalDefault(*params[i].defaultValue, *frame);
                else
                    v = Value::undefined("parameter '" + params[i].name + "' was not provided");
            }
            frame->set(params[i].name, std::move(v));
        }
        bindShadowed(*frame, stmt->shadowed);
        if (stmt->usesCaller && !foundCaller) {
            Value caller;
            if (!takeKeyword("caller", caller))
                caller = Value::undefined("No caller defined");
            frame->set("caller", std::move(caller));
        }
        if (stmt->usesKwargs) {
            auto kw = std::make_shared<DictObject>();
            for (auto &[k, v] : args.keyword)
                kw->entries.emplace_back(Value::string(k), std::move(v));
            frame->set("kwargs", Value::dict(std::move(kw)));
        } else if (!args.keyword.empty()) {
            if (args.keyword.front().first == "caller")
                throwTypeError("macro '" + name + "' was invoked with two values for the special caller argument");
            throwTypeError("macro '" + name + "' takes no keyword argument '" + args.keyword.front().first + "'");
        }
        if (stmt->usesVarargs) {
            std::vector<Value> rest;
            for (size_t i = params.size(); i < args.positional.size(); ++i)
                rest.push_back(args.positional[i]);
            frame->set("varargs", Value::tuple(std::move(rest)));
        } else if (args.positional.size() > params.size()) {
            throwTypeError(
                "macro '" + name + "' takes not more than " + std::to_string(params.size()) + " argument(s)");
        }
        std::string out;
        interp.execBody(stmt->body, *frame, out);
        interp.releaseFrame(frame);
        return Value::string(std::move(out));
    }
};

/// `loop(items)` inside a recursive for loop: renders the loop body again, one level deeper.
struct RecursiveLoop : CallableObject {
    const ForStmt *stmt = nullptr;
    Frame *frame = nullptr;
    int depth = 0;

    Value call(Interpreter &interp, CallArgs &args) override
    {
        if (args.positional.size() != 1 || !args.keyword.empty())
            throwTypeError("loop() takes exactly one argument");
        Interpreter::CallGuard guard(interp);
        std::string out;
        interp.runLoop(*stmt, args.positional[0], *frame, out, depth + 1);
        return Value::string(std::move(out));
    }
};

void markCaptured(Frame *f)
{
    for (; f && !f->captured; f = f->parent)
        f->captured = true;
}

} // namespace

// --- frames -------------------------------------------------------------------------------------------------------

const Value *Frame::find(std::string_view name) const
{
    for (auto it = vars.rbegin(); it != vars.rend(); ++it)
        if (it->first == name)
            return &it->second;
    return nullptr;
}

void Frame::set(std::string_view name, Value v)
{
    for (auto &[k, value] : vars) {
        if (k == name) {
            value = std::move(v);
            return;
        }
    }
    vars.emplace_back(std::string(name), std::move(v));
}

Interpreter::Interpreter(const RenderConfig &config)
    : m_config(config)
{
}

Interpreter::~Interpreter()
{
    // Values in frames may hold macros whose closures point back at frames: clear the variables first so that
    // no reference cycle outlives the render.
    for (auto &f : m_frames)
        f->vars.clear();
    // Namespaces can be chained after creation; emptying each one first keeps their destruction shallow.
    for (auto &ns : m_namespaces)
        ns->entries.clear();
}

void Interpreter::trackNamespace(std::shared_ptr<DictObject> ns)
{
    m_namespaces.push_back(std::move(ns));
}

Frame *Interpreter::newFrame(Frame *parent)
{
    Frame *f;
    if (!m_freeFrames.empty()) {
        f = m_freeFrames.back();
        m_freeFrames.pop_back();
    } else {
        m_frames.push_back(std::make_unique<Frame>());
        f = m_frames.back().get();
    }
    f->parent = parent;
    return f;
}

void Interpreter::releaseFrame(Frame *frame)
{
    if (frame->captured)
        return; // a closure still refers to it; it lives until the end of the render
    frame->vars.clear();
    m_freeFrames.push_back(frame);
}

Interpreter::CallGuard::CallGuard(Interpreter &i)
    : interp(i)
{
    // Deeply nested expressions inside deep recursion could still exhaust the thread's stack: bound its use too.
    const auto *here = static_cast<const char *>(__builtin_frame_address(0));
    const auto used =
        static_cast<size_t>(interp.m_stackBase > here ? interp.m_stackBase - here : here - interp.m_stackBase);
    if (used > kMaxStackBytes)
        throwRuntime("maximum recursion depth exceeded (stack limit)");
    interp.charge(kCallCost);
    if (interp.m_callDepth + 1 > interp.m_config.maxCallDepth)
        throwRuntime("maximum recursion depth exceeded (" + std::to_string(interp.m_config.maxCallDepth)
            + " nested macro calls)");
    ++interp.m_callDepth;
}

Interpreter::CallGuard::~CallGuard()
{
    --interp.m_callDepth;
}

void Interpreter::charge(size_t n)
{
    m_charged += n;
    if (m_charged > m_config.maxLoopIterations)
        throwRuntime("the template ran too long (more than " + std::to_string(m_config.maxLoopIterations)
            + " loop iterations and calls)");
}

void Interpreter::checkSize(size_t bytes) const
{
    if (bytes > m_config.maxOutputBytes)
        throwRuntime("the output is too large (more than " + std::to_string(m_config.maxOutputBytes) + " bytes)");
}

void Interpreter::append(std::string &out, std::string_view text) const
{
    checkSize(out.size() + text.size());
    out.append(text);
}

// --- rendering ----------------------------------------------------------------------------------------------------

std::string Interpreter::render(const Template &tmpl, const nlohmann::ordered_json &context)
{
    m_stackBase = static_cast<const char *>(__builtin_frame_address(0));
    m_root = newFrame(nullptr);
    m_root->captured = true;
    if (context.is_object()) {
        for (const auto &[key, value] : context.items())
            m_root->set(key, Value::fromJson(value));
    }
    bindShadowed(*m_root, tmpl.shadowed);
    std::string out;
    execBody(tmpl.body, *m_root, out);
    return out;
}

void Interpreter::execBody(const Body &body, Frame &frame, std::string &out)
{
    // break / continue cannot escape a function body: the parser rejects them outside loops
    execBodyFlow(body, frame, out);
}

Interpreter::Flow Interpreter::execBodyFlow(const Body &body, Frame &frame, std::string &out)
{
    for (const auto &stmt : body) {
        const Flow flow = exec(*stmt, frame, out);
        if (flow != Flow::Normal)
            return flow;
    }
    return Flow::Normal;
}

Interpreter::Flow Interpreter::exec(const Stmt &stmt, Frame &frame, std::string &out)
{
    m_line = stmt.line;
    switch (stmt.kind) {
    case StmtKind::Text:
        append(out, static_cast<const TextStmt &>(stmt).text);
        return Flow::Normal;
    case StmtKind::Print: {
        const Value v = eval(*static_cast<const PrintStmt &>(stmt).expr, frame);
        if (v.isString()) {
            append(out, v.str());
        } else {
            std::string s = v.toStr();
            append(out, s);
        }
        return Flow::Normal;
    }
    case StmtKind::If: {
        const auto &s = static_cast<const IfStmt &>(stmt);
        if (eval(*s.test, frame).truthy())
            return execBodyFlow(s.body, frame, out);
        return execBodyFlow(s.otherwise, frame, out);
    }
    case StmtKind::For:
        execFor(static_cast<const ForStmt &>(stmt), frame, out);
        return Flow::Normal;
    case StmtKind::Set:
        execSet(static_cast<const SetStmt &>(stmt), frame);
        return Flow::Normal;
    case StmtKind::SetBlock: {
        const auto &s = static_cast<const SetBlockStmt &>(stmt);
        // Set and filter blocks are inline code in jinja2: a break or continue in them leaves the loop around
        // them, dropping what the block had captured.
        Frame *inner = newFrame(&frame);
        bindShadowed(*inner, s.shadowed);
        std::string captured;
        const Flow flow = execBodyFlow(s.body, *inner, captured);
        releaseFrame(inner);
        if (flow != Flow::Normal)
            return flow;
        Value v = applyFilterChain(s.filter.get(), Value::string(std::move(captured)), frame);
        assign(*s.target, v, frame);
        return Flow::Normal;
    }
    case StmtKind::Macro: {
        const auto &s = static_cast<const MacroStmt &>(stmt);
        auto macro = std::make_shared<MacroObject>();
        macro->name = s.name;
        macro->stmt = &s;
        macro->closure = &frame;
        markCaptured(&frame);
        frame.set(s.name, Value::callable(std::move(macro)));
        return Flow::Normal;
    }
    case StmtKind::CallBlock:
        execCallBlock(static_cast<const CallBlockStmt &>(stmt), frame, out);
        return Flow::Normal;
    case StmtKind::FilterBlock: {
        const auto &s = static_cast<const FilterBlockStmt &>(stmt);
        Frame *inner = newFrame(&frame);
        bindShadowed(*inner, s.shadowed);
        std::string captured;
        const Flow flow = execBodyFlow(s.body, *inner, captured);
        releaseFrame(inner);
        if (flow != Flow::Normal)
            return flow;
        const Value v = applyFilterChain(s.filter.get(), Value::string(std::move(captured)), frame);
        append(out, v.toStr());
        return Flow::Normal;
    }
    case StmtKind::Scope: {
        const auto &s = static_cast<const ScopeStmt &>(stmt);
        std::vector<Value> values;
        for (const auto &[target, value] : s.assignments)
            values.push_back(eval(*value, frame));
        Frame *inner = newFrame(&frame);
        bindShadowed(*inner, s.shadowed);
        for (size_t i = 0; i < values.size(); ++i)
            assign(*s.assignments[i].first, values[i], *inner);
        if (s.isCallBody) {
            if (s.usesVarargs)
                inner->set("varargs", Value::tuple({}));
            if (s.usesKwargs)
                inner->set("kwargs", Value::emptyDict());
            if (s.usesCaller)
                inner->set("caller", Value::undefined("No caller defined"));
            execBody(s.body, *inner, out);
            releaseFrame(inner);
            return Flow::Normal;
        }
        const Flow flow = execBodyFlow(s.body, *inner, out);
        releaseFrame(inner);
        return flow;
    }
    case StmtKind::Break:
        return Flow::Break;
    case StmtKind::Continue:
        return Flow::Continue;
    }
    return Flow::Normal;
}

Value Interpreter::evalDefault(const Expr &expr, Frame &frame)
{
    return eval(expr, frame);
}

void Interpreter::execCallBlock(const CallBlockStmt &stmt, Frame &frame, std::string &out)
{
    auto caller = std::make_shared<MacroObject>();
    caller->name = "caller";
    caller->stmt = stmt.caller.get();
    caller->closure = &frame;
    markCaptured(&frame);
    const auto &call = static_cast<const CallExpr &>(*stmt.call);
    const Value callee = eval(*call.callee, frame);
    CallArgs args = evalArgs(call.args, frame);
    args.keyword.emplace_back("caller", Value::callable(std::move(caller)));
    const Value result = this->call(callee, args);
    append(out, result.toStr());
}

Value Interpreter::applyFilterChain(const Expr *filter, Value value, Frame &frame)
{
    if (!filter)
        return value;
    const auto &f = static_cast<const FilterExpr &>(*filter);
    value = applyFilterChain(f.object.get(), std::move(value), frame);
    CallArgs args = evalArgs(f.args, frame);
    m_line = f.line;
    return applyFilter(f.name, value, args);
}

void Interpreter::execSet(const SetStmt &stmt, Frame &frame)
{
    const Value v = eval(*stmt.value, frame);
    assign(*stmt.target, v, frame);
}

namespace
{

/// True when `v` holds (directly or inside lists, dicts and namespaces) the namespace `target`.
bool reaches(const Value &v, const Object *target, uint32_t depth = 0)
{
    if (v.identity() == target)
        return true;
    const Object *o = v.identity();
    if (!o || !o->holdsNamespace)
        return false;
    if (depth > 2 * kMaxNesting)
        throwRuntime("values are nested too deeply");
    if (v.isList()) {
        for (const Value &item : v.items())
            if (reaches(item, target, depth + 1))
                return true;
    } else if (v.isDict() || v.isNamespace()) {
        const DictObject &d = v.isDict() ? v.dictObj() : v.namespaceObj();
        for (const auto &[key, value] : d.entries)
            if (reaches(value, target, depth + 1))
                return true;
    }
    return false;
}

} // namespace

void Interpreter::assign(const Expr &target, const Value &value, Frame &frame)
{
    switch (target.kind) {
    case ExprKind::Name:
        frame.set(static_cast<const NameExpr &>(target).name, value);
        return;
    case ExprKind::NsRef: {
        const auto &ref = static_cast<const AccessExpr &>(target);
        const Value ns = eval(*ref.object, frame);
        if (!ns.isNamespace())
            throwRuntime("cannot assign attribute on non-namespace object");
        if (reaches(value, ns.identity()))
            throwRuntime("cannot store a namespace inside itself");
        ns.namespaceObj().set(Value::string(ref.name), value);
        return;
    }
    case ExprKind::Tuple: {
        const auto &targets = static_cast<const SeqExpr &>(target).items;
        const std::vector<Value> values = iterate(value);
        if (values.size() > targets.size())
            throwRuntime("ValueError: too many values to unpack (expected " + std::to_string(targets.size()) + ")");
        if (values.size() < targets.size())
            throwRuntime("ValueError: not enough values to unpack (expected " + std::to_string(targets.size())
                + ", got " + std::to_string(values.size()) + ")");
        for (size_t i = 0; i < targets.size(); ++i)
            assign(*targets[i], values[i], frame);
        return;
    }
    default:
        throwRuntime("cannot assign to this expression");
    }
}

// --- loops --------------------------------------------------------------------------------------------------------

void Interpreter::execFor(const ForStmt &stmt, Frame &frame, std::string &out)
{
    const Value iterable = eval(*stmt.iter, frame);
    runLoop(stmt, iterable, frame, out, 0);
}

void Interpreter::runLoop(const ForStmt &stmt, const Value &iterable, Frame &frame, std::string &out, int depth)
{
    std::vector<Value> source = iterate(iterable);
    if (stmt.filter) {
        std::vector<Value> kept;
        Frame *test = newFrame(&frame);
        for (Value &item : source) {
            charge(1);
            test->vars.clear();
            assign(*stmt.target, item, *test);
            if (eval(*stmt.filter, *test).truthy())
                kept.push_back(std::move(item));
        }
        releaseFrame(test);
        source = std::move(kept);
    }
    auto items = std::make_shared<const std::vector<Value>>(std::move(source));
    auto loop = std::make_shared<LoopObject>();
    loop->items = items;
    loop->depth0 = depth;
    if (stmt.recursive) {
        auto rec = std::make_shared<RecursiveLoop>();
        rec->name = "loop";
        rec->stmt = &stmt;
        rec->frame = &frame;
        rec->depth = depth;
        markCaptured(&frame);
        loop->recurse = std::move(rec);
    }
    const Value loopValue = Value::loop(loop);
    Frame *body = newFrame(&frame);
    // jinja2 clears its "no iteration" flag at the end of the loop body, so the else block also runs when every
    // iteration ended in break or continue.
    bool completedIteration = false;
    for (size_t i = 0; i < items->size(); ++i) {
        charge(1);
        if (body->captured)
            body = newFrame(&frame);
        else
            body->vars.clear();
        bindShadowed(*body, stmt.bodyShadowed);
        loop->index0 = i;
        body->set("loop", loopValue);
        assign(*stmt.target, (*items)[i], *body);
        const Flow flow = execBodyFlow(stmt.body, *body, out);
        if (flow == Flow::Normal)
            completedIteration = true;
        if (flow == Flow::Break)
            break;
    }
    releaseFrame(body);
    if (!completedIteration && !stmt.otherwise.empty()) {
        Frame *elseFrame = newFrame(&frame);
        bindShadowed(*elseFrame, stmt.otherwiseShadowed);
        execBody(stmt.otherwise, *elseFrame, out);
        releaseFrame(elseFrame);
    }
}

} // namespace atrium::jinja
