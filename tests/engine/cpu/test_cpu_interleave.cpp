// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Weights stored in groups of eight rows (cpu_interleave.h; Q4_0, Q5_0, Q4_K and Q5_K): the layout round-trips, every
// SIMD level's group kernel gives what the portable row kernel gives for each row, and a backend that interleaves its
// matrices gives what one reading them in place gives, on every path (decode, prompts, embedding rows).
#include <cmath>
#include <vector>

#include <QtTest>

#include "cpu/cpu_act_quant.h"
#include "cpu/cpu_interleave.h"
#include "cpu/cpu_kernels.h"
#include "cpu_test_support.h"
#include "intdot_test_support.h"

using namespace atrium;
using namespace atrium::cpu;
using namespace atrium::test;

Q_DECLARE_METATYPE(atrium::TensorType)

namespace
{

/// The matrix in groups (rows a multiple of kGroupRows).
std::vector<uint8_t> interleaved(const HostWeight &w)
{
    const size_t rb = rowBytes(w.type, w.cols);
    const size_t gb = groupBytes(w.type, w.cols);
    std::vector<uint8_t> out(w.rows / kGroupRows * gb);
    for (uint64_t g = 0; g < w.rows / kGroupRows; ++g)
        interleaveGroup(w.type, w.bytes.data() + g * kGroupRows * rb, rb, w.cols, out.data() + g * gb);
    return out;
}

/// Row lengths to cover per type: one block, several, and (Q4_0) lengths that are not multiples of 256.
std::vector<uint64_t> kValuesFor(TensorType type)
{
    if (tensorTypeInfo(type).blockElements == 256)
        return {256, 768, 2048};
    return {32, 96, 544, 1568};
}

void addTypeRows()
{
    QTest::addColumn<TensorType>("type");
    for (const TensorType type : {TensorType::Q4_0, TensorType::Q5_0, TensorType::Q4_K, TensorType::Q5_K})
        QTest::newRow(tensorTypeInfo(type).name.data()) << type;
}

} // namespace

class TestCpuInterleave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsRoundTrip_data()
    {
        addTypeRows();
    }

    void groupsRoundTrip()
    {
        // Every byte of every row comes back in place, one row at a time and a whole group at once; a group holds
        // exactly its rows' bytes.
        QFETCH(TensorType, type);
        for (const uint64_t K : kValuesFor(type)) {
            const HostWeight w = makeWeight(type, 16, K, static_cast<uint32_t>(K));
            const std::vector<uint8_t> groups = interleaved(w);
            const size_t rb = rowBytes(type, K);
            QCOMPARE(groups.size(), w.bytes.size());
            std::vector<uint8_t> row(rb);
            for (uint64_t r = 0; r < w.rows; ++r) {
                extractGroupRow(type,
                    groups.data() + r / kGroupRows * groupBytes(type, K),
                    K,
                    static_cast<unsigned>(r % kGroupRows),
                    row.data());
                QVERIFY2(std::equal(row.begin(), row.end(), w.bytes.begin() + static_cast<ptrdiff_t>(r * rb)),
                    qPrintable(QStringLiteral("K=%1 row %2").arg(K).arg(r)));
            }
            std::vector<uint8_t> all(w.bytes.size());
            for (uint64_t g = 0; g < w.rows / kGroupRows; ++g)
                extractGroup(type, groups.data() + g * groupBytes(type, K), K, all.data() + g * kGroupRows * rb);
            QVERIFY2(all == w.bytes, qPrintable(QStringLiteral("K=%1, whole groups").arg(K)));
            // Block 0 starts with the eight scales, then the first 4-byte chunk of rows 0..7.
            const size_t chunk0 = tensorTypeInfo(type).blockElements == 256 ? 4 : 2;
            for (unsigned r = 0; r < kGroupRows; ++r) {
                QCOMPARE(groups[2 * r], w.bytes[r * rb]);
                QCOMPARE(groups[chunk0 * kGroupRows + 4 * r], w.bytes[r * rb + chunk0]);
            }
        }
    }

    void groupKernelsMatchRowKernel_data()
    {
        addTypeRows();
    }

    void groupKernelsMatchRowKernel()
    {
        // Each SIMD level's group kernel, for 1..kMaxDotTokens tokens, against the portable row kernel row by row
        // (within f32 summation rounding of the exact sum's magnitude). The portable level keeps rows in place.
        QFETCH(TensorType, type);
        const ActQuant format = actQuantFor(type);
        QVERIFY(!genericKernels().intDotGroup[static_cast<unsigned>(type)]);
        const auto tables = simdTables();
        if (tables.empty())
            QSKIP("this CPU has no SIMD kernel level");
        const IntDotFn rowDot = genericKernels().intDot[static_cast<unsigned>(type)];
        uint32_t seed = 500;
        for (const uint64_t K : kValuesFor(type)) {
            const HostWeight w = makeWeight(type, 2 * kGroupRows, K, seed++);
            const std::vector<uint8_t> groups = interleaved(w);
            std::vector<Quantized> xs;
            std::vector<QuantRow> rows;
            for (unsigned t = 0; t < kMaxDotTokens; ++t)
                xs.push_back(quantize(format, randomFloats(K, seed++, 2.f)));
            for (const Quantized &q : xs)
                rows.push_back(q.row);
            const size_t gb = groupBytes(type, K);
            for (const auto &[name, table] : tables) {
                const IntDotGroupFn groupDot = table.intDotGroup[static_cast<unsigned>(type)];
                QVERIFY2(groupDot, name.c_str());
                for (unsigned nt = 1; nt <= kMaxDotTokens; ++nt) {
                    for (uint64_t g = 0; g < w.rows / kGroupRows; ++g) {
                        float got[kMaxDotTokens * kGroupRows];
                        groupDot(groups.data() + g * gb, rows.data(), nt, K, got);
                        for (unsigned r = 0; r < kGroupRows; ++r) {
                            const uint64_t m = g * kGroupRows + r;
                            float want[kMaxDotTokens];
                            rowDot(w.bytes.data() + m * rowBytes(type, K), rows.data(), nt, K, want);
                            for (unsigned t = 0; t < nt; ++t) {
                                const double tol = 1e-5 * exactDot(w, m, rows[t], format).magnitude + 1e-30;
                                if (std::abs(static_cast<double>(got[t * kGroupRows + r]) - want[t]) > tol)
                                    QFAIL(qPrintable(QStringLiteral("%1 K=%2 nt=%3 row %4 token %5: %6 vs %7")
                                                         .arg(QString::fromStdString(name))
                                                         .arg(K)
                                                         .arg(nt)
                                                         .arg(m)
                                                         .arg(t)
                                                         .arg(got[t * kGroupRows + r])
                                                         .arg(want[t])));
                            }
                        }
                    }
                }
            }
        }
    }

    void backendGivesTheSameWithAndWithoutGroups_data()
    {
        addTypeRows();
    }

    void backendGivesTheSameWithAndWithoutGroups()
    {
        // A backend that interleaves its matrices against one that reads them in place: prompts (default and
        // integer paths) and embedding rows read the same bytes, so they must agree exactly; single tokens go
        // through the group kernel, within f32 summation rounding. 40 rows are interleaved (SIMD levels), 37 are not.
        QFETCH(TensorType, type);
        const ActQuant format = actQuantFor(type);
        const uint64_t K = tensorTypeInfo(type).blockElements == 256 ? 512 : 160;
        for (const uint64_t M : {40u, 37u}) {
            const HostWeight w = makeWeight(type, M, K, static_cast<uint32_t>(M));
            for (const CpuIsa isa : supportedIsas()) {
                for (const bool integerPrompts : {false, true}) {
                    CpuHarness plain(3, isa, false, integerPrompts, false);
                    CpuHarness grouped(3, isa, false, integerPrompts, true);
                    QVERIFY(plain.ok() && grouped.ok());
                    const Weight wp = plain.upload(w);
                    const Weight wg = grouped.upload(w);
                    for (const uint32_t T : {1u, 2u, 9u, 37u}) {
                        const std::vector<float> x = randomFloats(T * K, 30 + T);
                        std::vector<float> outs[2];
                        for (int i = 0; i < 2; ++i) {
                            CpuHarness &h = i == 0 ? plain : grouped;
                            h.backend().beginStep();
                            const Act xa = h.input(x, T, static_cast<uint32_t>(K));
                            const Act out = h.backend().newAct(T, static_cast<uint32_t>(M));
                            h.backend().matmul(out, i == 0 ? wp : wg, xa, Weight {});
                            outs[i] = h.read(out);
                        }
                        const QString where = QStringLiteral("%1 M=%2 T=%3 %4")
                                                  .arg(cpuIsaName(isa).data())
                                                  .arg(M)
                                                  .arg(T)
                                                  .arg(integerPrompts ? "integer prompts" : "default prompts");
                        if (T > 1) {
                            QVERIFY2(outs[0] == outs[1], qPrintable(where));
                            continue;
                        }
                        for (uint64_t r = 0; r < M; ++r) {
                            const Quantized q = quantize(format, x);
                            const double tol = 1e-5 * exactDot(w, r, q.row, format).magnitude + 1e-6;
                            QVERIFY2(std::abs(static_cast<double>(outs[0][r]) - outs[1][r]) <= tol,
                                qPrintable(where
                                    + QStringLiteral(" row %1: %2 vs %3").arg(r).arg(outs[0][r]).arg(outs[1][r])));
                        }
                    }
                    // Embedding rows (a tied output matrix is also the token table).
                    const std::vector<int32_t> ids {0, 7, 8, static_cast<int32_t>(M - 1), 3};
                    std::vector<float> rows[2];
                    for (int i = 0; i < 2; ++i) {
                        CpuHarness &h = i == 0 ? plain : grouped;
                        h.backend().beginStep();
                        const Act out = h.backend().newAct(static_cast<uint32_t>(ids.size()), static_cast<uint32_t>(K));
                        h.backend().getRows(out, i == 0 ? wp : wg, ids);
                        rows[i] = h.read(out);
                    }
                    QVERIFY(rows[0] == rows[1]);
                }
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestCpuInterleave)
#include "test_cpu_interleave.moc"
