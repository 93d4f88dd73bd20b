// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include <QTest>

#include "gguf/gguf_file.h"
#include "gguf/tensor_type.h"

using namespace atrium;

namespace
{

const std::string kModels = ATRIUM_SHARED_DIR "/models/";

// --- an independent reading of engine-notes §2, one element at a time ----------------------------------------------

constexpr int kIq4[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

/// binary16 decoded with ldexp, not bit manipulation.
float refHalf(uint16_t h)
{
    const int sign = (h >> 15) ? -1 : 1;
    const int e = (h >> 10) & 31;
    const int m = h & 1023;
    if (e == 31)
        return m == 0 ? float(sign) * std::numeric_limits<float>::infinity() : std::numeric_limits<float>::quiet_NaN();
    if (e == 0)
        return float(sign) * std::ldexp(float(m), -24);
    return float(sign) * std::ldexp(float(1024 + m), e - 25);
}

float h16(const uint8_t *b, int off)
{
    return refHalf(uint16_t(b[off] | (b[off + 1] << 8)));
}

int lo(uint8_t v)
{
    return v & 15;
}

int hi(uint8_t v)
{
    return v >> 4;
}

// 6-bit scale and min of sub-block s of a Q4_K / Q5_K block (scales at byte 4).
void k4Scale(const uint8_t *b, int s, int &sc, int &mn)
{
    const uint8_t *q = b + 4;
    if (s < 4) {
        sc = q[s] & 63;
        mn = q[s + 4] & 63;
    } else {
        sc = lo(q[s + 4]) | ((q[s - 4] >> 6) << 4);
        mn = hi(q[s + 4]) | ((q[s] >> 6) << 4);
    }
}

/// Element i of one block of type t, from the formulas of engine-notes §2.
float refElement(TensorType t, const uint8_t *b, int i)
{
    switch (t) {
    case TensorType::Q4_0:
        return float((i < 16 ? lo(b[2 + i % 16]) : hi(b[2 + i % 16])) - 8) * h16(b, 0);
    case TensorType::Q4_1:
        return float(i < 16 ? lo(b[4 + i % 16]) : hi(b[4 + i % 16])) * h16(b, 0) + h16(b, 2);
    case TensorType::Q5_0: {
        const uint32_t qh = uint32_t(b[2]) | uint32_t(b[3]) << 8 | uint32_t(b[4]) << 16 | uint32_t(b[5]) << 24;
        const int q = (i < 16 ? lo(b[6 + i % 16]) : hi(b[6 + i % 16])) | int((qh >> i) & 1) << 4;
        return float(q - 16) * h16(b, 0);
    }
    case TensorType::Q5_1: {
        const uint32_t qh = uint32_t(b[4]) | uint32_t(b[5]) << 8 | uint32_t(b[6]) << 16 | uint32_t(b[7]) << 24;
        const int q = (i < 16 ? lo(b[8 + i % 16]) : hi(b[8 + i % 16])) | int((qh >> i) & 1) << 4;
        return float(q) * h16(b, 0) + h16(b, 2);
    }
    case TensorType::Q8_0:
        return float(int8_t(b[2 + i])) * h16(b, 0);
    case TensorType::IQ4_NL:
        return h16(b, 0) * float(kIq4[i < 16 ? lo(b[2 + i % 16]) : hi(b[2 + i % 16])]);
    case TensorType::Q2_K: {
        const int h = i / 128, r = i % 128, step = r / 32, part = (r % 32) / 16, l = r % 16;
        const uint8_t sc = b[8 * h + 2 * step + part];
        const int q = (b[16 + 32 * h + 16 * part + l] >> (2 * step)) & 3;
        return h16(b, 80) * float(sc & 15) * float(q) - h16(b, 82) * float(sc >> 4);
    }
    case TensorType::Q3_K: {
        const int h = i / 128, r = i % 128, step = r / 32, part = (r % 32) / 16, l = r % 16;
        const int k = 8 * h + 2 * step + part; // scale index 0..15
        const uint8_t *s = b + 96;
        const int j = k % 4;
        int scale = 0;
        if (k < 4)
            scale = lo(s[j]) | (s[8 + j] & 3) << 4;
        else if (k < 8)
            scale = lo(s[4 + j]) | ((s[8 + j] >> 2) & 3) << 4;
        else if (k < 12)
            scale = hi(s[j]) | ((s[8 + j] >> 4) & 3) << 4;
        else
            scale = hi(s[4 + j]) | ((s[8 + j] >> 6) & 3) << 4;
        const int bit = (b[16 * part + l] >> (4 * h + step)) & 1;
        const int q = ((b[32 + 32 * h + 16 * part + l] >> (2 * step)) & 3) - (bit ? 0 : 4);
        return h16(b, 108) * float(scale - 32) * float(q);
    }
    case TensorType::Q4_K:
    case TensorType::Q5_K: {
        const bool five = t == TensorType::Q5_K;
        const int c = i / 64, w = i % 64, l = i % 32;
        int sc = 0, mn = 0;
        k4Scale(b, i / 32, sc, mn);
        const uint8_t byte = b[(five ? 48 : 16) + 32 * c + l];
        int q = w < 32 ? lo(byte) : hi(byte);
        if (five)
            q += 16 * ((b[16 + l] >> (2 * c + (w < 32 ? 0 : 1))) & 1);
        return h16(b, 0) * float(sc) * float(q) - h16(b, 2) * float(mn);
    }
    case TensorType::Q6_K: {
        const int h = i / 128, r = i % 128, k = r / 32, l = r % 32;
        const uint8_t qlByte = b[64 * h + l + (k & 1) * 32];
        const int q = ((k < 2 ? lo(qlByte) : hi(qlByte)) | ((b[128 + 32 * h + l] >> (2 * k)) & 3) << 4) - 32;
        return h16(b, 208) * float(int8_t(b[192 + i / 16])) * float(q);
    }
    case TensorType::IQ4_XS: {
        const int ib = i / 32, j = i % 32;
        const int scalesH = b[2] | b[3] << 8;
        const int ls = ((b[4 + ib / 2] >> (4 * (ib % 2))) & 15) | ((scalesH >> (2 * ib)) & 3) << 4;
        const uint8_t byte = b[8 + 16 * ib + j % 16];
        return h16(b, 0) * float(ls - 32) * float(kIq4[j < 16 ? lo(byte) : hi(byte)]);
    }
    default:
        return std::numeric_limits<float>::quiet_NaN();
    }
}

/// Offsets of the f16 scale fields of a block (set to finite values in [1e-4, 1] so blocks are realistic).
std::vector<int> halfFields(TensorType t)
{
    switch (t) {
    case TensorType::Q4_1:
    case TensorType::Q5_1:
    case TensorType::Q4_K:
    case TensorType::Q5_K:
        return {0, 2};
    case TensorType::Q2_K:
        return {80, 82};
    case TensorType::Q3_K:
        return {108};
    case TensorType::Q6_K:
        return {208};
    default:
        return {0};
    }
}

std::vector<float> dequantTensor(const GgufTensor &t)
{
    std::vector<float> out(t.elements());
    const size_t rb = rowBytes(t.type, t.ne[0]);
    for (uint64_t r = 0; r < t.rows(); ++r)
        dequantizeRow(t.type, t.data + r * rb, out.data() + r * t.ne[0], t.ne[0]);
    return out;
}

double nmse(const std::vector<float> &ref, const std::vector<float> &got)
{
    double err = 0, norm = 0;
    for (size_t i = 0; i < ref.size(); ++i) {
        err += (double(ref[i]) - got[i]) * (double(ref[i]) - got[i]);
        norm += double(ref[i]) * ref[i];
    }
    return norm == 0 ? err : err / norm;
}

GgufFile openModel(const std::string &name)
{
    auto f = GgufFile::open(kModels + name);
    if (!f)
        qFatal("%s", f.error().message.c_str());
    return std::move(f).value();
}

} // namespace

class TestDequant : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typeTableMatchesTheFormat();
    void halfToFloatDecodesEveryHalf();
    void floatToHalfRoundsToNearestEven_data();
    void floatToHalfRoundsToNearestEven();
    void floatToHalfMatchesAnIndependentRounding();
    void bf16ConversionsRoundToNearestEven();
    void dequantMatchesTheSpecFormulas_data();
    void dequantMatchesTheSpecFormulas();
    void quantizeRoundTripStaysWithinBounds_data();
    void quantizeRoundTripStaysWithinBounds();
    void f16FileEqualsRoundedF32File();
    void legacyQuantizersMatchLlamaQuantize();
    void kQuantFilesMatchTheF32Weights();
};

void TestDequant::typeTableMatchesTheFormat()
{
    struct Row {
        uint32_t id;
        const char *name;
        uint32_t block, bytes;
    };
    const Row rows[] = {{0, "F32", 1, 4},
        {1, "F16", 1, 2},
        {30, "BF16", 1, 2},
        {2, "Q4_0", 32, 18},
        {3, "Q4_1", 32, 20},
        {6, "Q5_0", 32, 22},
        {7, "Q5_1", 32, 24},
        {8, "Q8_0", 32, 34},
        {10, "Q2_K", 256, 84},
        {11, "Q3_K", 256, 110},
        {12, "Q4_K", 256, 144},
        {13, "Q5_K", 256, 176},
        {14, "Q6_K", 256, 210},
        {15, "Q8_K", 256, 292},
        {20, "IQ4_NL", 32, 18},
        {23, "IQ4_XS", 256, 136},
        {34, "TQ1_0", 256, 54},
        {35, "TQ2_0", 256, 66},
        {39, "MXFP4", 32, 17}};
    for (const Row &r : rows) {
        const auto info = tensorTypeInfo(r.id);
        QVERIFY2(info.has_value(), r.name);
        QCOMPARE(info->name, std::string_view(r.name));
        QCOMPARE(info->blockElements, r.block);
        QCOMPARE(info->blockBytes, r.bytes);
        QCOMPARE(tensorTypeFromName(r.name), std::optional<TensorType>(info->type));
    }
    for (uint32_t removed : {4u, 5u, 31u, 32u, 33u, 36u, 37u, 38u, 40u, 1000u})
        QVERIFY(!tensorTypeInfo(removed).has_value());
    QCOMPARE(tensorTypeFromName("q4_k"), std::optional<TensorType>(TensorType::Q4_K));
    QVERIFY(!tensorTypeFromName("Q4_2").has_value());
    QCOMPARE(rowBytes(TensorType::Q4_K, 4096), size_t(16 * 144));
    QCOMPARE(rowBytes(TensorType::F16, 172), size_t(344));
    QCOMPARE(tensorTypeName(31), std::string("type 31"));
}

void TestDequant::halfToFloatDecodesEveryHalf()
{
    for (uint32_t h = 0; h < 65536; ++h) {
        const float got = halfToFloat(uint16_t(h));
        const float want = refHalf(uint16_t(h));
        if (std::isnan(want)) {
            QVERIFY(std::isnan(got));
            QCOMPARE(floatToHalf(got) & 0x7E00, 0x7E00); // stays a (quiet) NaN
            continue;
        }
        QCOMPARE(std::bit_cast<uint32_t>(got), std::bit_cast<uint32_t>(want));
        QCOMPARE(floatToHalf(got), uint16_t(h)); // exact round trip, denormals and -0 included
    }
}

void TestDequant::floatToHalfRoundsToNearestEven_data()
{
    QTest::addColumn<float>("value");
    QTest::addColumn<int>("half");
    QTest::newRow("one") << 1.0f << 0x3C00;
    QTest::newRow("minus two") << -2.0f << 0xC000;
    QTest::newRow("max") << 65504.0f << 0x7BFF;
    QTest::newRow("just below overflow") << 65519.0f << 0x7BFF;
    QTest::newRow("overflow tie") << 65520.0f << 0x7C00;
    QTest::newRow("huge") << 1e10f << 0x7C00;
    QTest::newRow("minus inf") << -std::numeric_limits<float>::infinity() << 0xFC00;
    QTest::newRow("tie to even down") << 1.0f + std::ldexp(1.0f, -11) << 0x3C00;
    QTest::newRow("tie to even up") << 1.0f + 3 * std::ldexp(1.0f, -11) << 0x3C02;
    QTest::newRow("smallest normal") << std::ldexp(1.0f, -14) << 0x0400;
    QTest::newRow("smallest denormal") << std::ldexp(1.0f, -24) << 0x0001;
    QTest::newRow("half of smallest denormal") << std::ldexp(1.0f, -25) << 0x0000;
    QTest::newRow("above half of smallest") << std::ldexp(1.0f, -25) * 1.0001f << 0x0001;
    QTest::newRow("denormal tie 1.5") << 3 * std::ldexp(1.0f, -25) << 0x0002;
    QTest::newRow("denormal tie 2.5") << 5 * std::ldexp(1.0f, -25) << 0x0002;
    QTest::newRow("largest denormal") << 1023 * std::ldexp(1.0f, -24) << 0x03FF;
    QTest::newRow("denormal rounds to normal") << 1023.5f * std::ldexp(1.0f, -24) << 0x0400;
    QTest::newRow("tiny") << 1e-10f << 0x0000;
    QTest::newRow("minus zero") << -0.0f << 0x8000;
}

void TestDequant::floatToHalfRoundsToNearestEven()
{
    QFETCH(float, value);
    QFETCH(int, half);
    QCOMPARE(int(floatToHalf(value)), half);
    QVERIFY(std::isnan(halfToFloat(floatToHalf(std::numeric_limits<float>::quiet_NaN()))));
}

void TestDequant::floatToHalfMatchesAnIndependentRounding()
{
    // Round in double: the half grid spacing is 2^(e-10) for |x| in [2^e, 2^(e+1)), e >= -14; nearbyint rounds to
    // nearest even in the default rounding mode.
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> mant(1.0f, 2.0f);
    std::uniform_int_distribution<int> exp(-27, 16);
    for (int n = 0; n < 200000; ++n) {
        const float x = (n % 2 ? -1.0f : 1.0f) * std::ldexp(mant(rng), exp(rng));
        int e = std::ilogb(x);
        e = std::max(e, -14);
        const double ulp = std::ldexp(1.0, e - 10);
        double want = std::nearbyint(double(x) / ulp) * ulp;
        if (std::fabs(want) >= 65520.0)
            want = std::copysign(std::numeric_limits<double>::infinity(), want);
        const float got = halfToFloat(floatToHalf(x));
        QVERIFY2(double(got) == want || (want == 0 && got == 0), qPrintable(QString::number(double(x), 'g', 10)));
    }
}

void TestDequant::bf16ConversionsRoundToNearestEven()
{
    QCOMPARE(floatToBf16(1.0f), uint16_t(0x3F80));
    QCOMPARE(floatToBf16(std::bit_cast<float>(0x3F808000u)), uint16_t(0x3F80)); // tie, even stays
    QCOMPARE(floatToBf16(std::bit_cast<float>(0x3F818000u)), uint16_t(0x3F82)); // tie, odd rounds up
    QCOMPARE(floatToBf16(std::bit_cast<float>(0x3F808001u)), uint16_t(0x3F81));
    QCOMPARE(floatToBf16(std::bit_cast<float>(0x00000001u)), uint16_t(0x0000)); // denormals are kept, not flushed
    QCOMPARE(floatToBf16(std::bit_cast<float>(0x00018000u)), uint16_t(0x0002));
    QCOMPARE(floatToBf16(std::bit_cast<float>(0x7F7FFFFFu)), uint16_t(0x7F80)); // rounds up to inf
    const uint16_t nan = floatToBf16(std::bit_cast<float>(0x7F800001u));
    QVERIFY(std::isnan(bf16ToFloat(nan)));
    QCOMPARE(nan & 0x0040, 0x0040); // quiet
    for (uint32_t b = 0; b < 65536; ++b) {
        const float f = bf16ToFloat(uint16_t(b));
        QCOMPARE(std::bit_cast<uint32_t>(f), b << 16);
        if (!std::isnan(f))
            QCOMPARE(floatToBf16(f), uint16_t(b));
    }
}

void TestDequant::dequantMatchesTheSpecFormulas_data()
{
    QTest::addColumn<int>("type");
    for (TensorType t : {TensorType::Q4_0,
             TensorType::Q4_1,
             TensorType::Q5_0,
             TensorType::Q5_1,
             TensorType::Q8_0,
             TensorType::IQ4_NL,
             TensorType::Q2_K,
             TensorType::Q3_K,
             TensorType::Q4_K,
             TensorType::Q5_K,
             TensorType::Q6_K,
             TensorType::IQ4_XS})
        QTest::newRow(std::string(tensorTypeInfo(t).name).c_str()) << int(t);
}

void TestDequant::dequantMatchesTheSpecFormulas()
{
    QFETCH(int, type);
    const auto t = static_cast<TensorType>(type);
    const TensorTypeInfo info = tensorTypeInfo(t);
    std::mt19937 rng(uint32_t(type) * 7919u);
    std::uniform_real_distribution<float> logScale(std::log(1e-4f), 0.0f);
    constexpr int kBlocks = 3;
    for (int trial = 0; trial < 40; ++trial) {
        std::vector<uint8_t> bytes(info.blockBytes * kBlocks);
        for (uint8_t &b : bytes)
            b = uint8_t(rng());
        for (int blk = 0; blk < kBlocks; ++blk) {
            for (int off : halfFields(t)) {
                const float sign = (rng() & 1) && off != 0 && t != TensorType::Q2_K ? -1.0f : 1.0f;
                const uint16_t h = floatToHalf(sign * std::exp(logScale(rng)));
                bytes[blk * info.blockBytes + off] = uint8_t(h & 0xFF);
                bytes[blk * info.blockBytes + off + 1] = uint8_t(h >> 8);
            }
        }
        std::vector<float> got(info.blockElements * kBlocks);
        dequantizeRow(t, bytes.data(), got.data(), got.size());
        for (int blk = 0; blk < kBlocks; ++blk) {
            for (uint32_t i = 0; i < info.blockElements; ++i) {
                const float want = refElement(t, bytes.data() + blk * info.blockBytes, int(i));
                const float have = got[blk * info.blockElements + i];
                QVERIFY2(std::bit_cast<uint32_t>(want) == std::bit_cast<uint32_t>(have),
                    qPrintable(QStringLiteral("block %1 element %2: want %3, got %4")
                                   .arg(blk)
                                   .arg(i)
                                   .arg(double(want), 0, 'g', 9)
                                   .arg(double(have), 0, 'g', 9)));
            }
        }
    }
}

void TestDequant::quantizeRoundTripStaysWithinBounds_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<double>("maxNmse");
    QTest::newRow("F32") << int(TensorType::F32) << 0.0;
    QTest::newRow("F16") << int(TensorType::F16) << 1e-7;
    QTest::newRow("BF16") << int(TensorType::BF16) << 1e-5;
    QTest::newRow("Q8_0") << int(TensorType::Q8_0) << 5e-5;
    QTest::newRow("Q6_K") << int(TensorType::Q6_K) << 6e-4;
    QTest::newRow("Q5_0") << int(TensorType::Q5_0) << 3e-3;
    QTest::newRow("Q5_1") << int(TensorType::Q5_1) << 2.5e-3;
    QTest::newRow("Q5_K") << int(TensorType::Q5_K) << 2.5e-3;
    QTest::newRow("Q4_0") << int(TensorType::Q4_0) << 1.2e-2;
    QTest::newRow("Q4_1") << int(TensorType::Q4_1) << 1e-2;
    QTest::newRow("Q4_K") << int(TensorType::Q4_K) << 1e-2;
}

void TestDequant::quantizeRoundTripStaysWithinBounds()
{
    QFETCH(int, type);
    QFETCH(double, maxNmse);
    const auto t = static_cast<TensorType>(type);
    constexpr size_t kN = 256 * 32;
    std::mt19937 rng(11);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> x(kN);
    for (size_t i = 0; i < kN; ++i)
        x[i] = normal(rng) * (i < kN / 2 ? 0.02f : 3.0f) + (i >= 3 * kN / 4 ? 1.5f : 0.0f);
    std::fill(x.begin(), x.begin() + 256, 0.0f); // an all-zero super-block must come back as exact zeros
    std::vector<uint8_t> q(rowBytes(t, kN));
    QVERIFY(quantizeRow(t, x.data(), q.data(), kN));
    std::vector<float> y(kN);
    dequantizeRow(t, q.data(), y.data(), kN);
    for (size_t i = 0; i < 256; ++i)
        QCOMPARE(y[i], 0.0f);
    // Bound the error of each half separately so the small-valued half is checked too.
    for (size_t part = 0; part < 4; ++part) {
        const std::vector<float> a(x.begin() + std::ptrdiff_t(part * kN / 4 + (part == 0 ? 256 : 0)),
            x.begin() + std::ptrdiff_t((part + 1) * kN / 4));
        const std::vector<float> b(y.begin() + std::ptrdiff_t(part * kN / 4 + (part == 0 ? 256 : 0)),
            y.begin() + std::ptrdiff_t((part + 1) * kN / 4));
        const double e = nmse(a, b);
        QVERIFY2(e <= maxNmse, qPrintable(QStringLiteral("part %1: NMSE %2 > %3").arg(part).arg(e).arg(maxNmse)));
    }
    QVERIFY(!quantizeRow(TensorType::Q2_K, x.data(), q.data(), 256));
    QVERIFY(!quantizeRow(TensorType::Q8_0, x.data(), q.data(), 31));
}

void TestDequant::f16FileEqualsRoundedF32File()
{
    const GgufFile f32 = openModel("stories260K.gguf");
    const GgufFile f16 = openModel("stories260K-F16.gguf");
    int checked = 0;
    for (const GgufTensor &t : f16.tensors()) {
        const GgufTensor *ref = f32.findTensor(t.name);
        QVERIFY(ref != nullptr);
        QCOMPARE(ref->ne, t.ne);
        const std::vector<float> want = dequantTensor(*ref);
        const std::vector<float> got = dequantTensor(t);
        for (size_t i = 0; i < want.size(); ++i) {
            const float rounded = t.type == TensorType::F16 ? halfToFloat(floatToHalf(want[i])) : want[i];
            QCOMPARE(got[i], rounded);
        }
        checked += t.type == TensorType::F16;
    }
    QCOMPARE(checked, 37);
}

void TestDequant::legacyQuantizersMatchLlamaQuantize()
{
    // llama-quantize without an importance matrix uses ggml's reference quantizers, so quantizing the F32 weights
    // again must give the very bytes of the quantized files; for the pad256 files the F32 source is stories260K
    // zero-padded into the top-left corner of each 256-wide matrix (models/SOURCES.md).
    const GgufFile f32 = openModel("stories260K.gguf");
    int rowsChecked = 0;
    for (const char *name : {"stories260K-Q8_0mix.gguf",
             "stories260K-Q5_0mix.gguf",
             "stories260K-pad256-Q8_0.gguf",
             "stories260K-pad256-Q4_0.gguf"}) {
        const GgufFile file = openModel(name);
        for (const GgufTensor &t : file.tensors()) {
            if (t.type != TensorType::Q8_0 && t.type != TensorType::Q5_0 && t.type != TensorType::Q4_0)
                continue;
            const GgufTensor *src = f32.findTensor(t.name);
            QVERIFY(src != nullptr);
            const std::vector<float> values = dequantTensor(*src);
            const size_t rb = rowBytes(t.type, t.ne[0]);
            std::vector<float> row(t.ne[0]);
            std::vector<uint8_t> q(rb);
            for (uint64_t r = 0; r < t.rows(); ++r) {
                std::fill(row.begin(), row.end(), 0.0f);
                if (r < src->rows())
                    std::copy_n(values.begin() + std::ptrdiff_t(r * src->ne[0]), src->ne[0], row.begin());
                QVERIFY(quantizeRow(t.type, row.data(), q.data(), t.ne[0]));
                QVERIFY2(std::memcmp(q.data(), t.data + r * rb, rb) == 0,
                    qPrintable(QStringLiteral("%1 %2 row %3")
                                   .arg(QLatin1String(name), QString::fromStdString(t.name))
                                   .arg(r)));
                ++rowsChecked;
            }
        }
    }
    QVERIFY(rowsChecked > 10000);
}

void TestDequant::kQuantFilesMatchTheF32Weights()
{
    // The K-quant pad256 files hold stories260K's weights in the top-left corner: dequantized they must match the
    // F32 weights within quantization error, and all-zero padding rows must come back as exact zeros.
    const GgufFile f32 = openModel("stories260K.gguf");
    const std::map<TensorType, double> bound {
        {TensorType::Q4_K, 1e-2}, {TensorType::Q5_K, 3e-3}, {TensorType::Q6_K, 1e-3}};
    int tensorsChecked = 0;
    for (const char *name :
        {"stories260K-pad256-Q4_K_M.gguf", "stories260K-pad256-Q5_K_M.gguf", "stories260K-pad256-Q6_K.gguf"}) {
        const GgufFile file = openModel(name);
        for (const GgufTensor &t : file.tensors()) {
            if (!bound.count(t.type))
                continue;
            const GgufTensor *src = f32.findTensor(t.name);
            QVERIFY(src != nullptr);
            const std::vector<float> want = dequantTensor(*src);
            const std::vector<float> got = dequantTensor(t);
            std::vector<float> corner;
            corner.reserve(want.size());
            for (uint64_t r = 0; r < src->rows(); ++r)
                for (uint64_t c = 0; c < src->ne[0]; ++c)
                    corner.push_back(got[r * t.ne[0] + c]);
            const double e = nmse(want, corner);
            QVERIFY2(e <= bound.at(t.type),
                qPrintable(
                    QStringLiteral("%1 %2: NMSE %3").arg(QLatin1String(name), QString::fromStdString(t.name)).arg(e)));
            for (uint64_t i = src->rows() * t.ne[0]; i < got.size(); ++i)
                QCOMPARE(got[i], 0.0f);
            ++tensorsChecked;
        }
    }
    QCOMPARE(tensorsChecked, 37 * 3);
}

QTEST_APPLESS_MAIN(TestDequant)
#include "test_dequant.moc"
