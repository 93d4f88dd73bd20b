// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The integer-dot path of the fast CPU backend: activation quantization (Q8_0 / Q8_1 / Q8_K) against a
// straightforward per-element statement of ggml's rules (bit-exact), the portable integer-dot kernels against a
// double-precision sum over the dequantized operands, every SIMD kernel against the portable one (within f32
// summation rounding), and the backend's matmul on that path against the portable kernel.
#include <algorithm>
#include <cmath>
#include <vector>

#include <QtTest>

#include "cpu/cpu_act_quant.h"
#include "cpu/cpu_kernels.h"
#include "cpu_test_support.h"
#include "intdot_test_support.h"

using namespace atrium;
using namespace atrium::cpu;
using namespace atrium::test;

Q_DECLARE_METATYPE(atrium::TensorType)

namespace
{

/// The weight types with integer-dot kernels.
std::vector<TensorType> intDotTypes()
{
    return {TensorType::Q8_0,
        TensorType::Q4_0,
        TensorType::Q4_1,
        TensorType::Q5_0,
        TensorType::Q5_1,
        TensorType::Q4_K,
        TensorType::Q5_K,
        TensorType::Q6_K};
}

/// Activations with the cases quantization must get right: an all-zero block, exact halves after scaling (ties),
/// a block whose largest magnitude appears with both signs, and ordinary normal values.
std::vector<float> testActivations(uint64_t K, uint32_t seed)
{
    std::vector<float> x = randomFloats(K, seed, 2.f);
    std::fill(x.begin(), x.begin() + 32, 0.f);
    if (K >= 96) {
        for (int j = 0; j < 32; ++j)
            x[32 + j] = (j % 2 ? -0.5f : 0.5f) * static_cast<float>(j) / 127.f * 31.f; // amax 15.25 → id = 127 / 15.25
        x[64] = 3.f;
        x[65] = -3.f;
    }
    return x;
}

int roundHalfEven(float v)
{
    return static_cast<int>(std::nearbyint(v)); // default rounding mode: to nearest, ties to even
}

std::vector<uint64_t> kValuesFor(TensorType type)
{
    if (tensorTypeInfo(type).blockElements == 256)
        return {256, 768, 2048};
    // 544, 1568: not multiples of 256; 96, 544, 1568 and 576 end in 3, 1 and 2 blocks past a group of four.
    return {32, 96, 544, 576, 1568};
}

} // namespace

class TestCpuIntDot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quantizeQ8_0MatchesPerElementRule()
    {
        const uint64_t K = 512;
        const std::vector<float> x = testActivations(K, 3);
        std::vector<int8_t> qs(K);
        std::vector<float> d(K / 32), s(K / 32), d1(K / 32);
        std::vector<int8_t> qs1(K);
        quantizeQ8_0(x.data(), K, qs.data(), d.data());
        quantizeQ8_1(x.data(), K, qs1.data(), d1.data(), s.data());
        for (uint64_t b = 0; b < K / 32; ++b) {
            float amax = 0.f;
            for (int j = 0; j < 32; ++j)
                amax = std::max(amax, std::abs(x[32 * b + j]));
            const float db = amax / 127.f;
            const float id = amax != 0.f ? 127.f / amax : 0.f;
            QCOMPARE(d[b], halfToFloat(floatToHalf(db)));
            QCOMPARE(d1[b], d[b]);
            int sum = 0;
            for (int j = 0; j < 32; ++j) {
                const int q = roundHalfEven(x[32 * b + j] * id);
                QCOMPARE(static_cast<int>(qs[32 * b + j]), q);
                QCOMPARE(static_cast<int>(qs1[32 * b + j]), q);
                sum += q;
            }
            QCOMPARE(s[b], halfToFloat(floatToHalf(db * static_cast<float>(sum))));
        }
    }

    void quantizeQ8_KMatchesPerElementRule()
    {
        const uint64_t K = 768;
        std::vector<float> x = testActivations(K, 4);
        std::fill(x.begin(), x.begin() + 256, 0.f); // an all-zero super-block
        x[300] = -9.f; // the largest magnitude with both signs: the first one sets the sign of d
        x[301] = 9.f;
        std::vector<int8_t> qs(K);
        std::vector<float> d(K / 256);
        std::vector<int16_t> bsums(K / 16);
        quantizeQ8_K(x.data(), K, qs.data(), d.data(), bsums.data());
        for (uint64_t b = 0; b < K / 256; ++b) {
            float max = 0.f, amax = 0.f;
            for (int j = 0; j < 256; ++j) {
                if (std::abs(x[256 * b + j]) > amax) {
                    amax = std::abs(x[256 * b + j]);
                    max = x[256 * b + j];
                }
            }
            const float iscale = amax != 0.f ? -127.f / max : 0.f;
            QCOMPARE(d[b], amax != 0.f ? 1.f / iscale : 0.f);
            for (int g = 0; g < 16; ++g) {
                int sum = 0;
                for (int j = 0; j < 16; ++j) {
                    const int q = std::min(127, roundHalfEven(iscale * x[256 * b + 16 * g + j]));
                    QCOMPARE(static_cast<int>(qs[256 * b + 16 * g + j]), q);
                    sum += q;
                }
                QCOMPARE(static_cast<int>(bsums[16 * b + g]), sum);
            }
        }
        QVERIFY(d[1] > 0.f); // max = -9: d = 1 / (127 / 9)
    }

    void portableKernelsMatchExactSum_data()
    {
        QTest::addColumn<TensorType>("type");
        for (const TensorType type : intDotTypes())
            QTest::newRow(tensorTypeInfo(type).name.data()) << type;
    }

    void portableKernelsMatchExactSum()
    {
        QFETCH(TensorType, type);
        const ActQuant format = actQuantFor(type);
        const IntDotFn dot = genericKernels().intDot[static_cast<unsigned>(type)];
        QVERIFY(dot);
        uint32_t seed = 10;
        for (const uint64_t K : kValuesFor(type)) {
            const HostWeight w = makeWeight(type, 5, K, seed++);
            std::vector<Quantized> xs;
            for (int t = 0; t < 4; ++t)
                xs.push_back(quantize(format, testActivations(K, seed++)));
            std::vector<QuantRow> rows;
            for (const Quantized &q : xs)
                rows.push_back(q.row);
            for (uint64_t r = 0; r < w.rows; ++r) {
                float acc[kMaxDotTokens];
                dot(w.bytes.data() + r * rowBytes(type, K), rows.data(), 4, K, acc);
                for (unsigned t = 0; t < 4; ++t) {
                    const ExactDot e = exactDot(w, r, rows[t], format);
                    // Q4_1 / Q5_1 use the f16-rounded activation sums s (2^-11 relative) for the min term.
                    const double tol = 1e-5 * e.magnitude + (format == ActQuant::Q8_1 ? 1e-3 * e.magnitude : 0.0);
                    if (std::abs(acc[t] - e.dot) > tol + 1e-30)
                        QFAIL(qPrintable(QStringLiteral("K=%1 row %2 token %3: %4 vs %5")
                                             .arg(K)
                                             .arg(r)
                                             .arg(t)
                                             .arg(acc[t])
                                             .arg(e.dot)));
                }
            }
        }
    }

    void simdKernelsMatchPortable_data()
    {
        QTest::addColumn<TensorType>("type");
        for (const TensorType type : intDotTypes())
            QTest::newRow(tensorTypeInfo(type).name.data()) << type;
    }

    void simdKernelsMatchPortable()
    {
        QFETCH(TensorType, type);
        const auto tables = simdTables();
        if (tables.empty())
            QSKIP("this CPU has no SIMD kernel level");
        const ActQuant format = actQuantFor(type);
        const IntDotFn portable = genericKernels().intDot[static_cast<unsigned>(type)];
        uint32_t seed = 100;
        for (const uint64_t K : kValuesFor(type)) {
            for (const uint64_t M : {1u, 7u, 33u}) {
                const HostWeight w = makeWeight(type, M, K, seed++);
                std::vector<Quantized> xs;
                for (int t = 0; t < 4; ++t)
                    xs.push_back(quantize(format, testActivations(K, seed++)));
                std::vector<QuantRow> rows;
                for (const Quantized &q : xs)
                    rows.push_back(q.row);
                for (const auto &[name, table] : tables) {
                    const IntDotFn simd = table.intDot[static_cast<unsigned>(type)];
                    QVERIFY2(simd, name.c_str());
                    for (uint64_t r = 0; r < M; ++r) {
                        const uint8_t *row = w.bytes.data() + r * rowBytes(type, K);
                        for (unsigned nt = 1; nt <= kMaxDotTokens; ++nt) {
                            float want[kMaxDotTokens], got[kMaxDotTokens];
                            portable(row, rows.data(), nt, K, want);
                            simd(row, rows.data(), nt, K, got);
                            for (unsigned t = 0; t < nt; ++t) {
                                const double tol = 1e-5 * exactDot(w, r, rows[t], format).magnitude + 1e-30;
                                if (std::abs(static_cast<double>(got[t]) - want[t]) > tol)
                                    QFAIL(qPrintable(QStringLiteral("%1 K=%2 row %3 nt=%4 token %5: %6 vs %7")
                                                         .arg(QString::fromStdString(name))
                                                         .arg(K)
                                                         .arg(r)
                                                         .arg(nt)
                                                         .arg(t)
                                                         .arg(got[t])
                                                         .arg(want[t])));
                            }
                        }
                    }
                }
            }
        }
    }

    void tiledKernelsMatchPortable_data()
    {
        QTest::addColumn<TensorType>("type");
        for (const TensorType type : intDotTypes())
            QTest::newRow(tensorTypeInfo(type).name.data()) << type;
    }

    void tiledKernelsMatchPortable()
    {
        // Every prompt micro-tile shape a level has (full tiles and the row / token remainders that odd row and
        // token counts leave), against the portable kernel one (row, token) at a time.
        QFETCH(TensorType, type);
        const auto tables = simdTables();
        if (tables.empty())
            QSKIP("this CPU has no SIMD kernel level");
        const ActQuant format = actQuantFor(type);
        const IntDotFn portable = genericKernels().intDot[static_cast<unsigned>(type)];
        const size_t rb = rowBytes(type, tensorTypeInfo(type).blockElements);
        uint32_t seed = 300;
        for (const uint64_t K : kValuesFor(type)) {
            const size_t rowStride = rb * (K / tensorTypeInfo(type).blockElements);
            for (const uint64_t M : {1u, 5u, 33u}) {
                const HostWeight w = makeWeight(type, M, K, seed++);
                for (const uint32_t T : {5u, 7u, 17u, 64u}) {
                    std::vector<Quantized> xs;
                    for (uint32_t t = 0; t < T; ++t)
                        xs.push_back(quantize(format, testActivations(K, seed++)));
                    std::vector<QuantRow> rows;
                    for (const Quantized &q : xs)
                        rows.push_back(q.row);
                    // want[t * M + r] and the error scale of each (row, token).
                    std::vector<float> want(static_cast<size_t>(T) * M);
                    std::vector<double> tol(want.size());
                    for (uint64_t r = 0; r < M; ++r) {
                        for (uint32_t t = 0; t < T; ++t) {
                            portable(w.bytes.data() + r * rowStride, &rows[t], 1, K, &want[t * M + r]);
                            tol[t * M + r] = 1e-5 * exactDot(w, r, rows[t], format).magnitude + 1e-30;
                        }
                    }
                    for (const auto &[name, table] : tables) {
                        const IntTile tile = table.intTile[static_cast<unsigned>(type)];
                        QVERIFY2(tile.fn, name.c_str());
                        QVERIFY(tile.rows >= 1 && tile.tokens >= 1);
                        std::vector<float> got(want.size(), std::nanf(""));
                        for (uint64_t r = 0; r < M; r += tile.rows) {
                            const auto mr = static_cast<unsigned>(std::min<uint64_t>(tile.rows, M - r));
                            for (uint32_t t = 0; t < T; t += tile.tokens) {
                                const unsigned nt = std::min(tile.tokens, T - t);
                                tile.fn(w.bytes.data() + r * rowStride,
                                    rowStride,
                                    mr,
                                    &rows[t],
                                    nt,
                                    K,
                                    got.data() + t * M + r,
                                    M);
                            }
                        }
                        for (size_t i = 0; i < want.size(); ++i) {
                            if (!(std::abs(static_cast<double>(got[i]) - want[i]) <= tol[i]))
                                QFAIL(qPrintable(
                                    QStringLiteral("%1 %2x%3 tile, K=%4 M=%5 T=%6 row %7 token %8: %9 vs %10")
                                        .arg(QString::fromStdString(name))
                                        .arg(tile.rows)
                                        .arg(tile.tokens)
                                        .arg(K)
                                        .arg(M)
                                        .arg(T)
                                        .arg(i % M)
                                        .arg(i / M)
                                        .arg(got[i])
                                        .arg(want[i])));
                        }
                    }
                }
            }
        }
    }

    void matmulGroupEqualsSeparateMatmuls()
    {
        // Backend::matmuls over projections of one input (fused into one job for a single token when every target
        // takes the same path: integer with one activation format, or f32; else one after another) gives exactly
        // what separate matmul calls give, with integer or exact activations.
        const uint64_t K = 512;
        const std::vector<std::vector<TensorType>> groups {{TensorType::Q4_0, TensorType::Q8_0, TensorType::Q4_0},
            {TensorType::Q4_K, TensorType::Q6_K},
            {TensorType::F16, TensorType::F32, TensorType::BF16},
            {TensorType::Q4_0, TensorType::Q4_K, TensorType::F16}};
        for (const int config : {0, 1, 2, 3}) {
            const int threads = config % 2 == 0 ? 1 : 3;
            CpuHarness h(threads, CpuIsa::Auto, config < 2, false);
            QVERIFY(h.ok());
            uint32_t seed = 40;
            for (const std::vector<TensorType> &types : groups) {
                std::vector<Weight> weights, biases;
                for (size_t i = 0; i < types.size(); ++i) {
                    const uint64_t M = 13 + 11 * i;
                    weights.push_back(h.upload(makeWeight(types[i], M, K, seed++)));
                    biases.push_back(i == 1 ? Weight {} : h.uploadVector(randomFloats(M, seed++)));
                }
                for (const uint32_t T : {1u, 5u}) {
                    const std::vector<float> x = randomFloats(T * K, seed++);
                    h.backend().beginStep();
                    const Act xa = h.input(x, T, static_cast<uint32_t>(K));
                    std::vector<MatmulTarget> targets;
                    std::vector<Act> separate;
                    for (size_t i = 0; i < weights.size(); ++i) {
                        const auto M = static_cast<uint32_t>(weights[i].rows);
                        targets.push_back({h.backend().newAct(T, M), weights[i], biases[i]});
                        separate.push_back(h.backend().newAct(T, M));
                        h.backend().matmul(separate.back(), weights[i], xa, biases[i]);
                    }
                    h.backend().matmuls(xa, targets);
                    for (size_t i = 0; i < targets.size(); ++i)
                        QVERIFY2(h.read(targets[i].out) == h.read(separate[i]),
                            qPrintable(QStringLiteral("%1 threads, %2 activations, T=%3, target %4 (%5)")
                                           .arg(threads)
                                           .arg(config < 2 ? "exact" : "integer")
                                           .arg(T)
                                           .arg(i)
                                           .arg(tensorTypeInfo(types[i]).name.data())));
                }
            }
        }
    }

    void backendMatmulUsesIntegerPath_data()
    {
        QTest::addColumn<TensorType>("type");
        for (const TensorType type : intDotTypes())
            QTest::newRow(tensorTypeInfo(type).name.data()) << type;
    }

    void backendMatmulUsesIntegerPath()
    {
        // out = x · Wᵀ + bias through the backend's default path equals the portable kernel on the quantized rows,
        // on the decode and prompt token counts (the prompt ones through the micro-tiles), 1 and 3 threads, every
        // level.
        QFETCH(TensorType, type);
        const ActQuant format = actQuantFor(type);
        const uint64_t K = tensorTypeInfo(type).blockElements == 256 ? 512 : 160;
        const uint64_t M = 37;
        const HostWeight w = makeWeight(type, M, K, 7);
        const std::vector<float> bias = randomFloats(M, 8);
        for (const CpuIsa isa : supportedIsas()) {
            for (const int threads : {1, 3}) {
                CpuHarness h(threads, isa, false);
                QVERIFY(h.ok());
                const Weight weight = h.upload(w);
                const Weight b = h.uploadVector(bias);
                for (const uint32_t T : {1u, 3u, 9u, 37u}) {
                    const std::vector<float> x = randomFloats(T * K, 20 + T);
                    h.backend().beginStep();
                    const Act xa = h.input(x, T, static_cast<uint32_t>(K));
                    const Act out = h.backend().newAct(T, static_cast<uint32_t>(M));
                    h.backend().matmul(out, weight, xa, b);
                    const std::vector<float> got = h.read(out);
                    for (uint32_t t = 0; t < T; ++t) {
                        const Quantized q =
                            quantize(format, std::vector<float>(x.begin() + t * K, x.begin() + (t + 1) * K));
                        for (uint64_t r = 0; r < M; ++r) {
                            float want = 0.f;
                            genericKernels().intDot[static_cast<unsigned>(type)](
                                w.bytes.data() + r * rowBytes(type, K), &q.row, 1, K, &want);
                            want += bias[r];
                            const double tol = 1e-5 * exactDot(w, r, q.row, format).magnitude + 1e-6;
                            if (std::abs(static_cast<double>(got[t * M + r]) - want) > tol)
                                QFAIL(qPrintable(QStringLiteral("%1/%2t T=%3 token %4 row %5: %6 vs %7")
                                                     .arg(cpuIsaName(isa).data())
                                                     .arg(threads)
                                                     .arg(T)
                                                     .arg(t)
                                                     .arg(r)
                                                     .arg(got[t * M + r])
                                                     .arg(want)));
                        }
                    }
                }
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestCpuIntDot)
#include "test_cpu_intdot.moc"
