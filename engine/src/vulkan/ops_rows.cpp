// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
// Row-wise ops of VulkanBackend: getRows, norms, elementwise ops and copies (shaders get_rows, rms_norm, layer_norm,
// add, unary, glu, copy).
#include <algorithm>
#include <array>
#include <cctype>

#include "gguf/tensor_type.h"
#include "shaders/common/push_constants.h"
#include "vulkan/vulkan_backend_impl.h"

namespace atrium
{

namespace
{

constexpr uint32_t kUnaryScale = 0;
constexpr uint32_t kUnarySoftcap = 1;
constexpr uint32_t kUnaryGelu = 2;

std::string lowerTypeName(TensorType type)
{
    std::string s(tensorTypeInfo(type).name);
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

Expected<void> sameShape(const char *op, uint32_t rows, uint32_t cols, uint32_t rows2, uint32_t cols2)
{
    if (rows != rows2 || cols != cols2)
        return fail(ErrorCode::InvalidArgument,
            std::string(op) + ": shape mismatch (" + std::to_string(rows) + "x" + std::to_string(cols) + " vs "
                + std::to_string(rows2) + "x" + std::to_string(cols2) + ")");
    return {};
}

} // namespace

Expected<void> VulkanBackend::rowOp(std::string_view kernelName,
    std::initializer_list<uint32_t> spec,
    std::initializer_list<Role> layout,
    uint32_t rows,
    uint32_t cols,
    Mat a,
    Mat b,
    Mat d,
    const vkrt::Slice *w,
    const vkrt::Slice *bias,
    float p0,
    uint32_t flags,
    bool perRow,
    Mat e)
{
    if (rows == 0 || cols == 0)
        return {};
    ATRIUM_TRY(const vk::Pipeline pipe, kernel(kernelName, spec));
    const bool inPlace = std::find(layout.begin(), layout.end(), Role::D) == layout.end();
    uint32_t chunk = 65535;
    for (const Mat *m : {&a, &b, &d, &e}) {
        if (m->slice && m->stride > 0)
            chunk = std::min(chunk, rowsPerBinding(m->stride));
    }
    for (uint32_t r0 = 0; r0 < rows; r0 += chunk) {
        const uint32_t n = std::min(chunk, rows - r0);
        const auto bind = [&](const Mat &m, bool write) -> View {
            if (!m.slice)
                return View {whole(m_dummy, false), 0};
            if (m.stride == 0)
                return view(*m.slice, m.base, cols, write);
            return view(*m.slice,
                m.base + static_cast<uint64_t>(r0) * m.stride,
                static_cast<uint64_t>(n - 1) * m.stride + cols,
                write);
        };
        const View va = bind(a, inPlace);
        const View vb = bind(b, false);
        const View vd = bind(d, true);
        const View ve = bind(e, true);
        const pc::RowOpPush push {
            n, cols, va.offset, a.stride, vb.offset, b.stride, vd.offset, d.stride, flags, p0, ve.offset, e.stride};
        std::array<vkrt::Binding, 6> bindings;
        size_t count = 0;
        for (Role role : layout) {
            switch (role) {
            case Role::A:
                bindings[count++] = va.binding;
                break;
            case Role::B:
                bindings[count++] = vb.binding;
                break;
            case Role::D:
                bindings[count++] = vd.binding;
                break;
            case Role::E:
                bindings[count++] = ve.binding;
                break;
            case Role::W:
                bindings[count++] = whole(w ? *w : m_dummy, false);
                break;
            case Role::Bias:
                bindings[count++] = whole(bias ? *bias : m_dummy, false);
                break;
            }
        }
        const uint32_t gx = perRow ? n : (cols + 255) / 256;
        const uint32_t gy = perRow ? 1 : n;
        m_recorder->dispatch(
            pipe, std::span(bindings.data(), count), &push, sizeof push, gx, gy, 1, static_cast<double>(n) * cols);
    }
    return {};
}

void VulkanBackend::getRows(Act out, Weight table, std::span<const int32_t> ids)
{
    record("getRows", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *o, act(out, "getRows"));
        ATRIUM_TRY(const WeightRecord *w, weight(table, "getRows"));
        const uint32_t n = static_cast<uint32_t>(ids.size());
        ATRIUM_TRY_VOID(sameShape("getRows", o->rows, o->cols, n, static_cast<uint32_t>(w->cols)));
        for (int32_t id : ids) {
            if (id < 0 || static_cast<uint64_t>(id) >= w->rows)
                return fail(ErrorCode::InvalidArgument, "getRows: id " + std::to_string(id) + " is out of range");
        }
        if (n == 0)
            return {};
        // The ids travel inline in the command buffer (vkCmdUpdateBuffer takes <= 64 KiB per call).
        ATRIUM_TRY(const vkrt::Slice idSlice, scratch(static_cast<uint64_t>(n) * sizeof(int32_t)));
        for (uint32_t i = 0; i < n; i += 16384) {
            const uint32_t m = std::min<uint32_t>(16384, n - i);
            m_recorder->updateBuffer(
                idSlice.buffer, idSlice.offset + i * sizeof(int32_t), ids.data() + i, m * sizeof(int32_t));
        }
        ATRIUM_TRY(const vk::Pipeline pipe, kernel("get_rows_" + lowerTypeName(w->type)));
        const uint32_t cols = o->cols;
        const uint32_t chunk = rowsPerBinding(cols);
        for (uint32_t i0 = 0; i0 < n; i0 += chunk) {
            const uint32_t ni = std::min(chunk, n - i0);
            const View vd = view(o->slice, static_cast<uint64_t>(i0) * cols, static_cast<uint64_t>(ni) * cols, true);
            const View vi = view(idSlice, i0, ni, false);
            for (const WeightChunk &c : w->chunks) {
                const bool used = std::any_of(ids.begin() + i0, ids.begin() + i0 + ni, [&](int32_t id) {
                    return static_cast<uint64_t>(id) >= c.row0 && static_cast<uint64_t>(id) < c.row0 + c.rows;
                });
                if (!used)
                    continue;
                const pc::GetRowsPush push {
                    ni, cols, static_cast<uint32_t>(c.row0), static_cast<uint32_t>(c.rows), vi.offset, vd.offset, cols};
                const std::array<vkrt::Binding, 3> bindings {whole(c.slice, false), vi.binding, vd.binding};
                m_recorder->dispatch(
                    pipe, bindings, &push, sizeof push, (cols + 255) / 256, ni, 1, static_cast<double>(ni) * cols);
            }
        }
        return {};
    });
}

void VulkanBackend::rmsNorm(Act out, Act x, Weight w, float eps)
{
    if (m_pendingAdd && m_pendingAdd->out.id == x.id) {
        const PendingAdd p = *m_pendingAdd;
        m_pendingAdd.reset();
        record(
            "add + rmsNorm",
            [&]() -> Expected<void> {
                ATRIUM_TRY(const ActRecord *s, act(p.out, "add"));
                ATRIUM_TRY(const ActRecord *a, act(p.a, "add"));
                ATRIUM_TRY(const ActRecord *b, act(p.b, "add"));
                ATRIUM_TRY(const ActRecord *o, act(out, "rmsNorm"));
                ATRIUM_TRY_VOID(sameShape("add", s->rows, s->cols, a->rows, a->cols));
                ATRIUM_TRY_VOID(sameShape("rmsNorm", o->rows, o->cols, s->rows, s->cols));
                if (b->cols != a->cols || (b->rows != a->rows && b->rows != 1))
                    return fail(ErrorCode::InvalidArgument, "add: b must have the shape of a, or one row");
                const vkrt::Slice *ws = nullptr;
                if (w.valid()) {
                    ATRIUM_TRY(const WeightRecord *wr, weight(w, "rmsNorm"));
                    if (wr->cols != s->cols || wr->rows != 1)
                        return fail(ErrorCode::InvalidArgument, "rmsNorm: weight does not match the row length");
                    ws = &wr->chunks.front().slice;
                }
                return rowOp(std::string("add_rms_norm") + reduceSuffix(),
                    {m_tuning.normBlock},
                    {Role::A, Role::B, Role::W, Role::D, Role::E},
                    s->rows,
                    s->cols,
                    Mat {&a->slice, 0, a->cols},
                    Mat {&b->slice, 0, b->rows == 1 ? 0u : b->cols},
                    Mat {&s->slice, 0, s->cols},
                    ws,
                    nullptr,
                    eps,
                    ws ? ATRIUM_ROW_OP_HAS_WEIGHT : 0u,
                    true,
                    Mat {&o->slice, 0, o->cols});
            },
            false);
        return;
    }
    record("rmsNorm", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *o, act(out, "rmsNorm"));
        ATRIUM_TRY(const ActRecord *a, act(x, "rmsNorm"));
        ATRIUM_TRY_VOID(sameShape("rmsNorm", o->rows, o->cols, a->rows, a->cols));
        const vkrt::Slice *ws = nullptr;
        if (w.valid()) {
            ATRIUM_TRY(const WeightRecord *wr, weight(w, "rmsNorm"));
            if (wr->cols != a->cols || wr->rows != 1)
                return fail(ErrorCode::InvalidArgument, "rmsNorm: weight does not match the row length");
            ws = &wr->chunks.front().slice;
        }
        return rowOp(std::string("rms_norm") + reduceSuffix(),
            {m_tuning.normBlock},
            {Role::A, Role::W, Role::D},
            a->rows,
            a->cols,
            Mat {&a->slice, 0, a->cols},
            Mat {},
            Mat {&o->slice, 0, o->cols},
            ws,
            nullptr,
            eps,
            ws ? ATRIUM_ROW_OP_HAS_WEIGHT : 0u,
            true);
    });
}

void VulkanBackend::layerNorm(Act out, Act x, Weight w, Weight b, float eps)
{
    record("layerNorm", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *o, act(out, "layerNorm"));
        ATRIUM_TRY(const ActRecord *a, act(x, "layerNorm"));
        ATRIUM_TRY_VOID(sameShape("layerNorm", o->rows, o->cols, a->rows, a->cols));
        const vkrt::Slice *ws = nullptr;
        const vkrt::Slice *bs = nullptr;
        uint32_t flags = 0;
        if (w.valid()) {
            ATRIUM_TRY(const WeightRecord *wr, weight(w, "layerNorm"));
            if (wr->cols != a->cols || wr->rows != 1)
                return fail(ErrorCode::InvalidArgument, "layerNorm: weight does not match the row length");
            ws = &wr->chunks.front().slice;
            flags |= ATRIUM_ROW_OP_HAS_WEIGHT;
        }
        if (b.valid()) {
            ATRIUM_TRY(const WeightRecord *br, weight(b, "layerNorm"));
            if (br->cols != a->cols || br->rows != 1)
                return fail(ErrorCode::InvalidArgument, "layerNorm: bias does not match the row length");
            bs = &br->chunks.front().slice;
            flags |= ATRIUM_ROW_OP_HAS_BIAS;
        }
        return rowOp(std::string("layer_norm") + reduceSuffix(),
            {m_tuning.normBlock},
            {Role::A, Role::W, Role::D, Role::Bias},
            a->rows,
            a->cols,
            Mat {&a->slice, 0, a->cols},
            Mat {},
            Mat {&o->slice, 0, o->cols},
            ws,
            bs,
            eps,
            flags,
            true);
    });
}

void VulkanBackend::add(Act out, Act a, Act b)
{
    // Recorded by the next op: fused into add_rms_norm when that op normalises the sum.
    flushPending();
    m_pendingAdd = PendingAdd {out, a, b};
}

void VulkanBackend::flushPending()
{
    if (m_pendingAdd) {
        const PendingAdd p = *m_pendingAdd;
        m_pendingAdd.reset();
        record(
            "add", [&]() -> Expected<void> { return recordAdd(p.out, p.a, p.b); }, false);
    }
    if (m_pendingRope) {
        const PendingRope p = *m_pendingRope;
        m_pendingRope.reset();
        record(
            "rope", [&]() -> Expected<void> { return recordRope(p, nullptr, 0); }, false);
    }
}

Expected<void> VulkanBackend::recordAdd(Act out, Act a, Act b)
{
    ATRIUM_TRY(const ActRecord *o, act(out, "add"));
    ATRIUM_TRY(const ActRecord *x, act(a, "add"));
    ATRIUM_TRY(const ActRecord *y, act(b, "add"));
    ATRIUM_TRY_VOID(sameShape("add", o->rows, o->cols, x->rows, x->cols));
    if (y->cols != x->cols || (y->rows != x->rows && y->rows != 1))
        return fail(ErrorCode::InvalidArgument, "add: b must have the shape of a, or one row");
    const uint32_t bStride = y->rows == 1 ? 0 : y->cols;
    return rowOp("add",
        {},
        {Role::A, Role::B, Role::D},
        x->rows,
        x->cols,
        Mat {&x->slice, 0, x->cols},
        Mat {&y->slice, 0, bStride},
        Mat {&o->slice, 0, o->cols},
        nullptr,
        nullptr,
        0.f,
        0,
        false);
}

void VulkanBackend::scale(Act x, float s)
{
    record("scale", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *a, act(x, "scale"));
        return rowOp("unary",
            {kUnaryScale},
            {Role::A},
            a->rows,
            a->cols,
            Mat {&a->slice, 0, a->cols},
            Mat {},
            Mat {},
            nullptr,
            nullptr,
            s,
            0,
            false);
    });
}

void VulkanBackend::softcap(Act x, float cap)
{
    record("softcap", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *a, act(x, "softcap"));
        return rowOp("unary",
            {kUnarySoftcap},
            {Role::A},
            a->rows,
            a->cols,
            Mat {&a->slice, 0, a->cols},
            Mat {},
            Mat {},
            nullptr,
            nullptr,
            cap,
            0,
            false);
    });
}

void VulkanBackend::gelu(Act x)
{
    record("gelu", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *a, act(x, "gelu"));
        return rowOp("unary",
            {kUnaryGelu},
            {Role::A},
            a->rows,
            a->cols,
            Mat {&a->slice, 0, a->cols},
            Mat {},
            Mat {},
            nullptr,
            nullptr,
            0.f,
            0,
            false);
    });
}

void VulkanBackend::glu(Act out, Act gate, Act up, Activation activation)
{
    record("glu", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *o, act(out, "glu"));
        ATRIUM_TRY(const ActRecord *g, act(gate, "glu"));
        ATRIUM_TRY(const ActRecord *u, act(up, "glu"));
        ATRIUM_TRY_VOID(sameShape("glu", o->rows, o->cols, g->rows, g->cols));
        ATRIUM_TRY_VOID(sameShape("glu", u->rows, u->cols, g->rows, g->cols));
        const uint32_t kind = activation == Activation::Silu ? 0u : 1u;
        return rowOp("glu",
            {kind},
            {Role::A, Role::B, Role::D},
            g->rows,
            g->cols,
            Mat {&g->slice, 0, g->cols},
            Mat {&u->slice, 0, u->cols},
            Mat {&o->slice, 0, o->cols},
            nullptr,
            nullptr,
            0.f,
            0,
            false);
    });
}

void VulkanBackend::copyCols(Act out, Act src, uint32_t colOffset)
{
    record("copyCols", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *o, act(out, "copyCols"));
        ATRIUM_TRY(const ActRecord *s, act(src, "copyCols"));
        if (o->rows != s->rows || colOffset + o->cols > s->cols)
            return fail(ErrorCode::InvalidArgument, "copyCols: columns out of range");
        return rowOp("copy",
            {},
            {Role::A, Role::D},
            o->rows,
            o->cols,
            Mat {&s->slice, colOffset, s->cols},
            Mat {},
            Mat {&o->slice, 0, o->cols},
            nullptr,
            nullptr,
            0.f,
            0,
            false);
    });
}

void VulkanBackend::copyRows(Act out, Act src, uint32_t rowOffset)
{
    record("copyRows", [&]() -> Expected<void> {
        ATRIUM_TRY(const ActRecord *o, act(out, "copyRows"));
        ATRIUM_TRY(const ActRecord *s, act(src, "copyRows"));
        if (o->cols != s->cols || rowOffset + o->rows > s->rows)
            return fail(ErrorCode::InvalidArgument, "copyRows: rows out of range");
        return rowOp("copy",
            {},
            {Role::A, Role::D},
            o->rows,
            o->cols,
            Mat {&s->slice, static_cast<uint64_t>(rowOffset) * s->cols, s->cols},
            Mat {},
            Mat {&o->slice, 0, o->cols},
            nullptr,
            nullptr,
            0.f,
            0,
            false);
    });
}

} // namespace atrium
