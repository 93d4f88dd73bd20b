// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

#include "engine/gguf/gguf_bytes.h"
#include "gguf/gguf_file.h"

using namespace atrium;
using ggufbytes::File;

namespace
{

const QString kModels = QStringLiteral(ATRIUM_SHARED_DIR "/models");

std::string modelPath(const char *name)
{
    return (kModels + u'/' + QLatin1String(name)).toStdString();
}

Expected<GgufFile> parse(const std::vector<uint8_t> &bytes)
{
    return GgufFile::fromBytes(bytes);
}

std::vector<uint8_t> readAll(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

class TestGgufReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensEverySharedModel();
    void readsStories260kMetadata();
    void readsPerTensorTypesOfMixedFiles();
    void typedAccessorsConvertOnlyWhenTheValueFits();
    void writerRoundTripKeepsMetadataAndBytes();
    void rewritingARealFileReproducesItsBytes();
    void rejectsMalformedFiles_data();
    void rejectsMalformedFiles();
    void rejectsEveryTruncation();
    void rejectsTruncatedRealFile();
    void reportsMissingFile();
};

void TestGgufReader::opensEverySharedModel()
{
    if (!QFileInfo::exists(kModels))
        QSKIP("shared models folder not present");
    QDirIterator it(kModels, {QStringLiteral("*.gguf")}, QDir::Files, QDirIterator::Subdirectories);
    int opened = 0;
    while (it.hasNext()) {
        const std::string path = it.next().toStdString();
        auto file = GgufFile::open(path);
        QVERIFY2(file.has_value(), file ? "" : (path + ": " + file.error().message).c_str());
        QVERIFY(file->version() == 2 || file->version() == 3);
        QVERIFY(file->getString("general.architecture").has_value());
        const uint8_t *begin = nullptr;
        for (const GgufTensor &t : file->tensors()) {
            QVERIFY(t.offset % file->alignment() == 0);
            QVERIFY(t.offset + t.nbytes <= file->fileSize());
            QCOMPARE(t.nbytes, t.rows() * rowBytes(t.type, t.ne[0]));
            QCOMPARE(file->findTensor(t.name), &t);
            begin = begin == nullptr ? t.data - t.offset : begin;
            QCOMPARE(t.data - t.offset, begin); // every data pointer sits at its offset in one mapping
            // Dequantizing the first and last rows reads only inside the tensor and gives finite values.
            std::vector<float> row(t.ne[0]);
            const size_t rb = rowBytes(t.type, t.ne[0]);
            for (uint64_t r : {uint64_t(0), t.rows() - 1}) {
                dequantizeRow(t.type, t.data + r * rb, row.data(), t.ne[0]);
                for (float v : row)
                    QVERIFY(std::isfinite(v));
            }
        }
        ++opened;
    }
    QVERIFY(opened >= 10);
}

void TestGgufReader::readsStories260kMetadata()
{
    auto file = GgufFile::open(modelPath("stories260K.gguf"));
    QVERIFY2(file.has_value(), file ? "" : file.error().message.c_str());
    QCOMPARE(file->version(), 3u);
    QCOMPARE(file->alignment(), 32u);
    QCOMPARE(file->fileSize(), uint64_t(1185376));
    QCOMPARE(file->getString("general.architecture").value_or(""), std::string_view("llama"));
    QCOMPARE(file->getUint("llama.block_count").value_or(0), uint64_t(5));
    QCOMPARE(file->getUint("llama.embedding_length").value_or(0), uint64_t(64));
    QCOMPARE(file->getUint("llama.feed_forward_length").value_or(0), uint64_t(172));
    QCOMPARE(file->getUint("llama.attention.head_count").value_or(0), uint64_t(8));
    QCOMPARE(file->getUint("llama.attention.head_count_kv").value_or(0), uint64_t(4));
    QCOMPARE(file->getUint("llama.context_length").value_or(0), uint64_t(2048));
    QCOMPARE(file->getFloat("llama.attention.layer_norm_rms_epsilon").value_or(0), double(1e-5f));
    QCOMPARE(file->getString("tokenizer.ggml.model").value_or(""), std::string_view("llama"));
    const GgufArray *tokens = file->getArray("tokenizer.ggml.tokens");
    QVERIFY(tokens != nullptr);
    QCOMPARE(tokens->elementType, GgufValueType::String);
    QCOMPARE(tokens->items.size(), size_t(512));
    QCOMPARE(std::get<std::string>(tokens->items[1].data), std::string("<s>"));
    QCOMPARE(std::get<std::string>(tokens->items[3].data), std::string("<0x00>"));
    const GgufArray *types = file->getArray("tokenizer.ggml.token_type");
    QVERIFY(types != nullptr);
    QCOMPARE(types->elementType, GgufValueType::I32);
    QCOMPARE(std::get<int64_t>(types->items[0].data), int64_t(2));

    QCOMPARE(file->tensors().size(), size_t(48)); // 5 layers × 9 + token_embd, output_norm, output
    const GgufTensor *embd = file->findTensor("token_embd.weight");
    QVERIFY(embd != nullptr);
    QCOMPARE(embd->type, TensorType::F32);
    QCOMPARE(embd->nDims, 2u);
    QCOMPARE(embd->ne[0], uint64_t(64));
    QCOMPARE(embd->ne[1], uint64_t(512));
    const GgufTensor *down = file->findTensor("blk.4.ffn_down.weight");
    QVERIFY(down != nullptr);
    QCOMPARE(down->ne[0], uint64_t(172));
    QCOMPARE(down->ne[1], uint64_t(64));
    const GgufTensor *norm = file->findTensor("output_norm.weight");
    QVERIFY(norm != nullptr);
    QCOMPARE(norm->nDims, 1u);
    QCOMPARE(norm->nbytes, uint64_t(256));
    QVERIFY(file->findTensor("blk.5.attn_q.weight") == nullptr);
}

void TestGgufReader::readsPerTensorTypesOfMixedFiles()
{
    // llama-quantize fell back per tensor; the header's file_type (Q4_K_M) is not the truth (models/SOURCES.md).
    auto file = GgufFile::open(modelPath("stories260K-Q5_0mix.gguf"));
    QVERIFY(file.has_value());
    QCOMPARE(file->getUint("general.file_type").value_or(0), uint64_t(15));
    std::map<TensorType, int> counts;
    for (const GgufTensor &t : file->tensors())
        ++counts[t.type];
    QCOMPARE(counts[TensorType::Q5_0], 29);
    QCOMPARE(counts[TensorType::Q8_0], 3);
    QCOMPARE(counts[TensorType::F16], 5);
    QCOMPARE(counts[TensorType::F32], 11);
    QCOMPARE(file->findTensor("output.weight")->type, TensorType::Q8_0);
    QCOMPARE(file->findTensor("blk.0.ffn_down.weight")->type, TensorType::F16);
}

void TestGgufReader::typedAccessorsConvertOnlyWhenTheValueFits()
{
    GgufWriter w;
    w.setUint32("u", 7);
    w.setInt32("negative", -3);
    w.setInt32("positive", 5);
    w.setFloat32("f", 0.5f);
    w.setBool("b", true);
    w.setString("s", "text");
    auto file = parse(w.toBytes());
    QVERIFY(file.has_value());
    QCOMPARE(file->getUint("u").value_or(0), uint64_t(7));
    QCOMPARE(file->getInt("u").value_or(0), int64_t(7));
    QCOMPARE(file->getFloat("u").value_or(0), 7.0);
    QVERIFY(!file->getUint("negative").has_value());
    QCOMPARE(file->getInt("negative").value_or(0), int64_t(-3));
    QCOMPARE(file->getUint("positive").value_or(0), uint64_t(5));
    QCOMPARE(file->getFloat("f").value_or(0), 0.5);
    QVERIFY(!file->getUint("f").has_value());
    QCOMPARE(file->getBool("b").value_or(false), true);
    QVERIFY(!file->getBool("u").has_value());
    QVERIFY(!file->getString("u").has_value());
    QCOMPARE(file->getString("s").value_or(""), std::string_view("text"));
    QVERIFY(!file->getUint("missing").has_value());
    QVERIFY(file->getArray("s") == nullptr);
    QVERIFY(file->find("missing") == nullptr);
}

void TestGgufReader::writerRoundTripKeepsMetadataAndBytes()
{
    GgufWriter w(64);
    w.setString("general.architecture", "llama");
    w.setUint32("a.u32", 4000000000u);
    w.setInt32("a.i32", -12);
    w.setFloat32("a.f32", 1.25f);
    w.setBool("a.bool", false);
    w.setStringArray("a.strings", {"x", "", "Ġhello"});
    w.setFloat32Array("a.floats", {1.0f, -2.5f});
    w.setInt32Array("a.ints", {3, -4});
    GgufArray inner {GgufValueType::U8, {GgufValue {GgufValueType::U8, uint64_t(9)}}};
    GgufArray outer {
        GgufValueType::Array, {GgufValue {GgufValueType::Array, inner}, GgufValue {GgufValueType::Array, inner}}};
    w.setValue("a.nested", GgufValue {GgufValueType::Array, outer});
    w.setValue("a.u64", GgufValue {GgufValueType::U64, uint64_t(1) << 40});
    w.setValue("a.i16", GgufValue {GgufValueType::I16, int64_t(-300)});
    w.setValue("a.f64", GgufValue {GgufValueType::F64, 0.1});
    std::vector<uint8_t> raw(rowBytes(TensorType::Q4_K, 256) * 3);
    for (size_t i = 0; i < raw.size(); ++i)
        raw[i] = static_cast<uint8_t>(i * 31);
    w.addTensor("q4k", TensorType::Q4_K, {256, 3}, raw);
    const std::vector<float> values {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f};
    QVERIFY(w.addTensorFromFloats("f32", TensorType::F32, {3, 2}, values).has_value());
    w.addTensorProducer(
        "made", TensorType::F16, {4}, [](uint64_t, uint64_t rows, uint8_t *dst) { std::memset(dst, 0x3C, rows * 8); });

    const std::vector<uint8_t> bytes = w.toBytes();
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("rt.gguf")).toStdString();
    QVERIFY(w.writeFile(path).has_value());
    QCOMPARE(readAll(path), bytes);

    auto file = GgufFile::open(path);
    QVERIFY2(file.has_value(), file ? "" : file.error().message.c_str());
    QCOMPARE(file->alignment(), 64u);
    QCOMPARE(file->metadata().size(), size_t(13)); // general.alignment first, then in insertion order
    QCOMPARE(file->metadata()[0].first, std::string("general.alignment"));
    QCOMPARE(file->metadata()[1].first, std::string("general.architecture"));
    QCOMPARE(file->getUint("a.u32").value_or(0), uint64_t(4000000000u));
    QCOMPARE(file->getInt("a.i32").value_or(0), int64_t(-12));
    QCOMPARE(file->getFloat("a.f32").value_or(0), 1.25);
    QCOMPARE(file->getBool("a.bool").value_or(true), false);
    QCOMPARE(file->getUint("a.u64").value_or(0), uint64_t(1) << 40);
    QCOMPARE(file->getInt("a.i16").value_or(0), int64_t(-300));
    QCOMPARE(file->find("a.i16")->type, GgufValueType::I16);
    QCOMPARE(file->getFloat("a.f64").value_or(0), 0.1);
    const GgufArray *strings = file->getArray("a.strings");
    QVERIFY(strings != nullptr);
    QCOMPARE(strings->items.size(), size_t(3));
    QCOMPARE(std::get<std::string>(strings->items[2].data), std::string("Ġhello"));
    QCOMPARE(std::get<double>(file->getArray("a.floats")->items[1].data), -2.5);
    QCOMPARE(std::get<int64_t>(file->getArray("a.ints")->items[1].data), int64_t(-4));
    const GgufArray *nested = file->getArray("a.nested");
    QVERIFY(nested != nullptr);
    QCOMPARE(nested->elementType, GgufValueType::Array);
    QCOMPARE(std::get<uint64_t>(std::get<GgufArray>(nested->items[1].data).items[0].data), uint64_t(9));

    QCOMPARE(file->tensors().size(), size_t(3));
    const GgufTensor *q = file->findTensor("q4k");
    QVERIFY(q != nullptr);
    QCOMPARE(q->type, TensorType::Q4_K);
    QCOMPARE(q->ne[1], uint64_t(3));
    QVERIFY(std::memcmp(q->data, raw.data(), raw.size()) == 0);
    const GgufTensor *f = file->findTensor("f32");
    QCOMPARE(f->offset % 64, uint64_t(0));
    QVERIFY(std::memcmp(f->data, values.data(), values.size() * 4) == 0);
    const GgufTensor *made = file->findTensor("made");
    QCOMPARE(halfToFloat(uint16_t(made->data[0] | made->data[1] << 8)), halfToFloat(0x3C3C));
}

void TestGgufReader::rewritingARealFileReproducesItsBytes()
{
    // Feeding every key and tensor of a llama.cpp-written file back through the writer gives the same file: the
    // writer's layout (order, alignment, padding) is ggml's.
    const std::string path = modelPath("stories260K-Q8_0mix.gguf");
    auto file = GgufFile::open(path);
    QVERIFY(file.has_value());
    GgufWriter w(file->alignment());
    for (const auto &[key, value] : file->metadata())
        w.setValue(key, value);
    for (const GgufTensor &t : file->tensors())
        w.addTensor(t.name,
            t.type,
            std::vector<uint64_t>(t.ne.begin(), t.ne.begin() + t.nDims),
            std::vector<uint8_t>(t.data, t.data + t.nbytes));
    QVERIFY(w.toBytes() == readAll(path));
}

void TestGgufReader::rejectsMalformedFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("fragment");
    const auto add = [](const char *name, const File &f, const char *fragment) {
        const std::vector<uint8_t> b = f.bytes();
        QTest::newRow(name) << QByteArray(reinterpret_cast<const char *>(b.data()), qsizetype(b.size()))
                            << QString::fromUtf8(fragment);
    };
    File f = File::valid();
    f.magic = 0x46554746u;
    add("bad magic", f, "bad magic 'FGUF'");
    f = File::valid();
    f.version = 1;
    add("version 1", f, "version 1 is not supported");
    f.version = 4;
    add("version 4", f, "unsupported GGUF version 4");
    f.version = 0x03000000u;
    add("big-endian", f, "big-endian");
    f = File::valid();
    f.tensorCount = uint64_t(1) << 62;
    add("absurd tensor count", f, "tensor count 4611686018427387904 is impossible");
    f = File::valid();
    f.kvCount = uint64_t(1) << 40;
    add("absurd kv count", f, "metadata count 1099511627776 is impossible");
    f = File::valid();
    f.kvs[0].first.clear();
    add("empty key", f, "empty key");
    f = File::valid();
    f.kvs.push_back(f.kvs[0]);
    add("duplicate key", f, "duplicate metadata key 'general.architecture'");
    f = File::valid();
    f.kvs.push_back({"x.huge", {8, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}});
    add("absurd string length", f, "length of value of 'x.huge'");
    f = File::valid();
    f.kvs.push_back({"x.type", ggufbytes::u32Value(1)});
    f.kvs.back().second[0] = 13;
    add("unknown value type", f, "unknown value type 13");
    f = File::valid();
    f.kvs.push_back({"x.array", {9, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10}});
    add("absurd array length", f, "array of 1152921504606846976 elements at offset 88 that cannot fit");
    f = File::valid();
    f.kvs.push_back({"x.bool", {7, 0, 0, 0, 2}});
    add("bool not 0 or 1", f, "bool value 2");
    f = File::valid();
    f.kvs.push_back({"general.alignment", ggufbytes::u32Value(48)});
    add("alignment not a power of two", f, "general.alignment is 48");
    f = File::valid();
    f.kvs.push_back({"general.alignment", ggufbytes::stringValue("32")});
    add("alignment not u32", f, "general.alignment must be a u32");
    f = File::valid();
    f.tensors[1].name = f.tensors[0].name; // "a"
    add("duplicate tensor name", f, "duplicate tensor name 'a'");
    f = File::valid();
    f.tensors[1].name.clear();
    add("empty tensor name", f, "empty name");
    f = File::valid();
    f.tensors[1].name = std::string(64, 'n');
    add("tensor name of 64 bytes", f, "name of 64 bytes");
    f = File::valid();
    f.tensors[0].ne = {8, 1, 1, 1, 2};
    add("five dimensions", f, "tensor 'a' has 5 dimensions");
    f = File::valid();
    f.tensors[1].ne = {48, 2};
    add("row not whole blocks", f, "rows of 48 elements, not a multiple of the Q4_0 block size 32");
    f = File::valid();
    f.tensors[0].ne = {uint64_t(1) << 40, uint64_t(1) << 40};
    add("element count overflow", f, "overflows 64 bits");
    f = File::valid();
    f.tensors[0].ne = {8, uint64_t(1) << 63};
    add("negative dimension", f, "negative dimension 1");
    f = File::valid();
    f.tensors[1].type = 99;
    add("unknown type", f, "tensor 'b' has unknown type id 99");
    f = File::valid();
    f.tensors[1].type = 4;
    add("removed type", f, "type id 4 (Q4_2), which ggml has removed");
    f = File::valid();
    f.tensors[1].type = 31;
    add("removed repacked type", f, "type id 31 (Q4_0_4_4)");
    f = File::valid();
    f.tensors[1].offset = 48;
    add("misaligned offset", f, "tensor 'b' has data offset 48, not a multiple of the alignment 32");
    f = File::valid();
    f.tensors[1].offset = 0;
    add("overlapping tensors", f, "overlap");
    f = File::valid();
    f.tensors[1].offset = 96;
    add("tensor past EOF", f, "tensor 'b' extends past end of file (needs 36 bytes at offset ");
    f = File::valid();
    f.tensors[1].offset = ~uint64_t(31);
    add("offset overflow", f, "extends past end of file");
}

void TestGgufReader::rejectsMalformedFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, fragment);
    const auto *data = reinterpret_cast<const uint8_t *>(bytes.constData());
    auto file = GgufFile::fromBytes({data, size_t(bytes.size())});
    QVERIFY(!file.has_value());
    QCOMPARE(file.error().code, ErrorCode::InvalidGguf);
    const QString message = QString::fromStdString(file.error().message);
    QVERIFY2(message.contains(fragment), qPrintable(message));
}

void TestGgufReader::rejectsEveryTruncation()
{
    File f = File::valid();
    f.dataBytes = 100; // no padding after the last tensor, so every cut removes something a tensor needs
    f.kvs.push_back({"x.array",
        {9, 0, 0, 0, 8, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 'q', 0, 0, 0, 0, 0, 0, 0, 0}});
    const std::vector<uint8_t> full = f.bytes();
    QVERIFY(parse(full).has_value());
    for (size_t n = 0; n < full.size(); ++n) {
        const std::vector<uint8_t> cut(full.begin(), full.begin() + std::ptrdiff_t(n));
        auto file = parse(cut);
        QVERIFY2(!file.has_value(), qPrintable(QStringLiteral("truncated at %1 was accepted").arg(n)));
        QCOMPARE(file.error().code, ErrorCode::InvalidGguf);
        const std::string &m = file.error().message;
        QVERIFY2(m.find("truncated") != std::string::npos || m.find("past end of file") != std::string::npos
                || m.find("impossible for a file") != std::string::npos
                || m.find("remain in the file") != std::string::npos,
            m.c_str());
    }
}

void TestGgufReader::rejectsTruncatedRealFile()
{
    const std::vector<uint8_t> full = readAll(modelPath("stories260K-Q5_0mix.gguf"));
    QVERIFY(full.size() > 100000);
    auto whole = parse(full);
    QVERIFY(whole.has_value());
    uint64_t header = full.size(); // the first data byte: the header region ends before it
    uint64_t lastEnd = 0; // after the last tensor only padding follows
    for (const GgufTensor &t : whole->tensors()) {
        header = std::min(header, t.offset);
        lastEnd = std::max(lastEnd, t.offset + t.nbytes);
    }
    std::vector<size_t> cuts;
    for (size_t n = 0; n <= header; ++n)
        cuts.push_back(n);
    for (size_t n = header + 1; n < lastEnd; n += 997)
        cuts.push_back(n);
    cuts.push_back(lastEnd - 1);
    for (size_t n : cuts) {
        auto file = parse(std::vector<uint8_t>(full.begin(), full.begin() + std::ptrdiff_t(n)));
        QVERIFY2(!file.has_value(), qPrintable(QStringLiteral("truncated at %1 was accepted").arg(n)));
        QCOMPARE(file.error().code, ErrorCode::InvalidGguf);
        QVERIFY(!file.error().message.empty());
    }
    auto file = parse(std::vector<uint8_t>(full.begin(), full.end() - 1000));
    QVERIFY(!file.has_value());
    QVERIFY2(file.error().message.find("extends past end of file (needs ") != std::string::npos
            && file.error().message.find("truncated download?") != std::string::npos,
        file.error().message.c_str());
}

void TestGgufReader::reportsMissingFile()
{
    auto file = GgufFile::open("/nonexistent/model.gguf");
    QVERIFY(!file.has_value());
    QCOMPARE(file.error().code, ErrorCode::FileNotFound);
    QTemporaryDir dir;
    const std::string empty = dir.filePath(QStringLiteral("empty.gguf")).toStdString();
    std::ofstream(empty).close();
    auto emptyFile = GgufFile::open(empty);
    QVERIFY(!emptyFile.has_value());
    QCOMPARE(emptyFile.error().code, ErrorCode::InvalidGguf);
    QVERIFY(emptyFile.error().message.find("truncated") != std::string::npos);
}

QTEST_APPLESS_MAIN(TestGgufReader)
#include "test_gguf_reader.moc"
