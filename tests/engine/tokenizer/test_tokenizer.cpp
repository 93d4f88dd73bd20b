// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Tokenizer behaviour beyond the llama.cpp goldens: the tiny architecture models' tokenizers, end-of-generation
// sets, special-token injection, BOS/EOS rules, streaming decoding, errors for unsupported vocabularies, and speed.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include <QTest>

#include "engine/tokenizer/tokenizer_test_util.h"
#include "tokenizer/pre_tokenizer.h"
#include "tokenizer/pre_type.h"
#include "tokenizer/stream_decoder.h"
#include "tokenizer/utf8.h"

using namespace atrium;
using namespace tokenizertest;

namespace
{

bool isValidUtf8(const std::string &s)
{
    return utf8::toValid(s) == s;
}

bool contains(const std::vector<int32_t> &ids, int32_t id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

/// A minimal vocabulary in GGUF form for error and flag tests.
std::vector<uint8_t> syntheticVocab(
    const std::string &model, const std::string &pre, bool withMerges, bool addEos = false)
{
    GgufWriter writer;
    writer.setString("general.architecture", "llama");
    writer.setString("tokenizer.ggml.model", model);
    if (!pre.empty())
        writer.setString("tokenizer.ggml.pre", pre);
    if (model == "gpt2") {
        std::vector<std::string> tokens;
        for (int b = 0; b < 256; ++b)
            tokens.push_back(utf8::byteToText(static_cast<uint8_t>(b)));
        tokens.push_back("Ġt");
        writer.setStringArray("tokenizer.ggml.tokens", tokens);
        if (withMerges)
            writer.setStringArray("tokenizer.ggml.merges", {"Ġ t"});
    } else {
        writer.setStringArray("tokenizer.ggml.tokens",
            {"<unk>",
                "<s>",
                "</s>",
                "\xE2\x96\x81",
                "a",
                "\xE2\x96\x81"
                "a"});
        writer.setFloat32Array("tokenizer.ggml.scores", {0, 0, 0, -1, -2, -0.5f});
        writer.setInt32Array("tokenizer.ggml.token_type", {2, 3, 3, 1, 1, 1});
        writer.setBool("tokenizer.ggml.add_eos_token", addEos);
    }
    return writer.toBytes();
}

Expected<Tokenizer> tokenizerFromBytes(const std::vector<uint8_t> &bytes)
{
    ATRIUM_TRY(GgufFile file, GgufFile::fromBytes(bytes));
    return Tokenizer::fromGguf(file);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define ATRIUM_TEST_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ATRIUM_TEST_SANITIZED 1
#endif
#if defined(NDEBUG) && !defined(ATRIUM_TEST_SANITIZED)
constexpr double kEncodeBoundMs = 1000.0;
#else
constexpr double kEncodeBoundMs = 20000.0;
#endif

/// About 100 KB of mixed text: prose, code, numbers, white-space runs, accents, CJK and emoji.
std::string benchmarkText()
{
    const std::string chunk =
        "Once upon a time, there was a little girl named Lily. She loved to play outside in the "
        "park!  It's 3.14159 o'clock; 1,000,000 ducks   flew by.\n\tdef f(x): return x ** 2  # "
        "squares\nCafé naïve façade — Ω ß, 你好，世界 🙂🚀👍🏽 <b>bold</b> {\"k\": [1, 2, 3]}\r\n";
    std::string text;
    while (text.size() < 100 * 1024)
        text += chunk;
    return text;
}

} // namespace

class TestTokenizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void archTokenizers_data();
    void archTokenizers();
    void specialTextIsPlainUnlessParsed();
    void longestSpecialTokenWins();
    void bosAndEosFollowMetadata();
    void streamingNeverSplitsCharacters_data();
    void streamingNeverSplitsCharacters();
    void streamingReplacesInvalidBytes();
    void everyPreTypeCompiles();
    void preTokenizerSplits_data();
    void preTokenizerSplits();
    void rejectsUnsupportedVocabularies();
    void missingPreFallsBackWithWarning();
    void encodes100KbQuickly_data();
    void encodes100KbQuickly();
};

void TestTokenizer::initTestCase()
{
    if (!QFileInfo::exists(kModels))
        QSKIP("shared models folder not present");
}

void TestTokenizer::archTokenizers_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("pre");
    QTest::addColumn<QStringList>("eogTexts");
    QTest::addColumn<QStringList>("notEogTexts");
    const int spm = static_cast<int>(TokenizerKind::Spm);
    const int bpe = static_cast<int>(TokenizerKind::Bpe);
    QTest::newRow("gemma") << "gemma-tiny-F32.gguf" << spm << "default" << QStringList {"<eos>", "<end_of_turn>"}
                           << QStringList {"<start_of_turn>", "<bos>"};
    QTest::newRow("gemma2") << "gemma2-tiny-F32.gguf" << spm << "default" << QStringList {"<eos>", "<end_of_turn>"}
                            << QStringList {"<start_of_turn>"};
    QTest::newRow("phi3") << "phi3-tiny-F32.gguf" << spm << "default" << QStringList {"<|endoftext|>", "<|end|>"}
                          << QStringList {"<|assistant|>", "<s>"};
    QTest::newRow("llama3") << "llama3-tiny-F32.gguf" << bpe << "llama-bpe"
                            << QStringList {"<|end_of_text|>", "<|eot_id|>", "<|eom_id|>"}
                            << QStringList {"<|begin_of_text|>", "<|start_header_id|>"};
    QTest::newRow("qwen2") << "qwen2-tiny-F32.gguf" << bpe << "qwen2" << QStringList {"<|endoftext|>", "<|im_end|>"}
                           << QStringList {"<|im_start|>"};
    QTest::newRow("stablelm2") << "stablelm-tiny-F32.gguf" << bpe << "stablelm2"
                               << QStringList {"<|endoftext|>", "<|im_end|>"} << QStringList {"<|im_start|>"};
    QTest::newRow("starcoder") << "starcoder2-tiny-F32.gguf" << bpe << "starcoder" << QStringList {"<|endoftext|>"}
                               << QStringList {"<fim_prefix>"};
}

void TestTokenizer::archTokenizers()
{
    QFETCH(QString, file);
    QFETCH(int, kind);
    QFETCH(QString, pre);
    QFETCH(QStringList, eogTexts);
    QFETCH(QStringList, notEogTexts);

    std::optional<Tokenizer> tok;
    {
        // The tokenizer must not depend on the mapping: the file is closed before it is used.
        auto gguf = GgufFile::open((kModels + QStringLiteral("/arch/") + file).toStdString());
        QVERIFY2(gguf, gguf ? "" : gguf.error().message.c_str());
        auto loaded = Tokenizer::fromGguf(*gguf);
        QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
        tok.emplace(std::move(loaded).value());
    }
    QCOMPARE(static_cast<int>(tok->kind()), kind);
    QCOMPARE(QString::fromUtf8(tok->preName().data(), qsizetype(tok->preName().size())), pre);
    for (const QString &text : eogTexts) {
        const int32_t id = tok->findToken(text.toStdString());
        QVERIFY2(id >= 0 && tok->isEog(id), qPrintable(text));
        QVERIFY2(tok->isControl(id), qPrintable(text));
    }
    for (const QString &text : notEogTexts) {
        const int32_t id = tok->findToken(text.toStdString());
        QVERIFY2(id >= 0 && !tok->isEog(id), qPrintable(text));
    }
    QVERIFY(tok->isEog(tok->eos()));

    // Plain text survives a round trip (these tiny vocabularies fall back to bytes for most of it).
    for (const std::string text : {"Hello world", "the cat sat on the mat.\n\n  indented", "Ünïcödé 🙂 你好"}) {
        const auto ids = tok->encode(text, false, false);
        QVERIFY(ids);
        QVERIFY(!ids->empty());
        QCOMPARE(QString::fromStdString(tok->decode(*ids, true)), QString::fromStdString(text));
    }
    const auto withBos = tok->encode("hi", true, false);
    QVERIFY(withBos);
    QCOMPARE(!withBos->empty() && withBos->front() == tok->bos(), tok->addBos());
}

void TestTokenizer::specialTextIsPlainUnlessParsed()
{
    const Tokenizer *tok = tokenizerFor(kModels + QStringLiteral("/vocab/ggml-vocab-llama3.2-reconstructed.gguf"));
    QVERIFY(tok);
    const std::string text = "<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>";
    const int32_t header = tok->findToken("<|start_header_id|>");
    const int32_t eot = tok->findToken("<|eot_id|>");
    QCOMPARE(eot, 128009);

    const auto parsed = tok->encode(text, false, true);
    QVERIFY(parsed);
    QCOMPARE(parsed->front(), header);
    QCOMPARE(parsed->back(), eot);
    QCOMPARE(QString::fromStdString(tok->decode(*parsed, true, true)), QString::fromStdString(text));
    QCOMPARE(QString::fromStdString(tok->decode(*parsed, true, false)), QStringLiteral("user\n\nhi"));

    // User text that spells a control token stays text: no turn can be forged.
    const auto plain = tok->encode(text, false, false);
    QVERIFY(plain);
    for (const int32_t id : *plain)
        QVERIFY2(!tok->isControl(id), qPrintable(QString::number(id)));
    QCOMPARE(QString::fromStdString(tok->decode(*plain, true)), QString::fromStdString(text));

    // Qwen2 ChatML markers.
    const Tokenizer *qwen = tokenizerFor(kModels + QStringLiteral("/arch/qwen2-tiny-F32.gguf"));
    QVERIFY(qwen);
    const int32_t imEnd = qwen->findToken("<|im_end|>");
    QVERIFY(contains(*qwen->encode("a<|im_end|>b", false, true), imEnd));
    QVERIFY(!contains(*qwen->encode("a<|im_end|>b", false, false), imEnd));
}

void TestTokenizer::longestSpecialTokenWins()
{
    const Tokenizer *tok = tokenizerFor(kModels + QStringLiteral("/vocab/ggml-vocab-llama3.2-reconstructed.gguf"));
    QVERIFY(tok);
    const int32_t ten = tok->findToken("<|reserved_special_token_10|>");
    const int32_t one = tok->findToken("<|reserved_special_token_1|>");
    QVERIFY(ten >= 0 && one >= 0);
    const auto ids = tok->encode("<|reserved_special_token_10|><|reserved_special_token_1|>", false, true);
    QVERIFY(ids);
    QCOMPARE(*ids, (std::vector<int32_t> {ten, one}));
}

void TestTokenizer::bosAndEosFollowMetadata()
{
    const struct {
        const char *path;
        bool addBos;
        int32_t bos;
    } cases[] = {
        {"/stories260K.gguf", true, 1}, // SPM default
        {"/vocab/ggml-vocab-llama3.2-reconstructed.gguf", true, 128000}, // llama3 pre type
        {"/vocab/ggml-vocab-gpt-2.gguf", false, 50256}, // BPE default
        {"/arch/qwen2-tiny-F32.gguf", false, 296}, // metadata says no
        {"/arch/phi3-tiny-F32.gguf", false, 1}, // metadata overrides the SPM default
    };
    for (const auto &c : cases) {
        const Tokenizer *tok = tokenizerFor(kModels + QLatin1String(c.path));
        QVERIFY2(tok, c.path);
        QCOMPARE(tok->addBos(), c.addBos);
        QCOMPARE(tok->bos(), c.bos);
        const auto ids = tok->encode("Hello", true, false);
        QVERIFY(ids);
        QCOMPARE(ids->front() == c.bos, c.addBos);
        QVERIFY(ids->back() != tok->eos());
    }

    const auto withEos = tokenizerFromBytes(syntheticVocab("llama", "", false, true));
    QVERIFY2(withEos, withEos ? "" : withEos.error().message.c_str());
    QCOMPARE(*withEos->encode("a a", true, false), (std::vector<int32_t> {1, 5, 5, 2}));
    QCOMPARE(*withEos->encode("a a", false, false), (std::vector<int32_t> {5, 5}));
    QCOMPARE(QString::fromStdString(withEos->decode(std::vector<int32_t> {1, 5, 5, 2})), QStringLiteral(" a a"));
    QCOMPARE(QString::fromStdString(withEos->decode(std::vector<int32_t> {5, 5})), QStringLiteral("a a"));
}

void TestTokenizer::streamingNeverSplitsCharacters_data()
{
    QTest::addColumn<QString>("vocab");
    QTest::addColumn<QString>("text");
    const QString text =
        QStringLiteral("Emoji: 🙂🚀👍🏽 and CJK: 你好，世界 — naïve Ω 😶‍🌫️ 🦙");
    QTest::newRow("spm-byte-fallback") << "/stories260K.gguf" << text;
    QTest::newRow("spm-llama") << "/vocab/ggml-vocab-llama-spm.gguf" << text;
    QTest::newRow("bpe-llama3") << "/vocab/ggml-vocab-llama3.2-reconstructed.gguf" << text;
    QTest::newRow("bpe-gpt2") << "/vocab/ggml-vocab-gpt-2.gguf" << text;
    QTest::newRow("bpe-deepseek") << "/vocab/ggml-vocab-deepseek-coder.gguf" << text;
}

void TestTokenizer::streamingNeverSplitsCharacters()
{
    QFETCH(QString, vocab);
    QFETCH(QString, text);
    const Tokenizer *tok = tokenizerFor(kModels + vocab);
    QVERIFY(tok);
    const auto ids = tok->encode(text.toStdString(), false, false);
    QVERIFY(ids);

    StreamDecoder stream(*tok);
    std::string streamed;
    std::string pieces;
    int heldBack = 0;
    for (const int32_t id : *ids) {
        const std::string piece = tok->piece(id);
        pieces += piece;
        if (!isValidUtf8(piece))
            ++heldBack; // this token alone is part of a character
        const std::string out = stream.push(id);
        QVERIFY2(isValidUtf8(out), qPrintable(QString::number(id)));
        QVERIFY(stream.pendingBytes() <= 3);
        streamed += out;
    }
    streamed += stream.flush();
    QVERIFY2(heldBack > 0, "the text must contain characters split across tokens");
    QCOMPARE(QString::fromStdString(streamed), QString::fromStdString(pieces));
    QVERIFY(QString::fromStdString(streamed).endsWith(text));
}

void TestTokenizer::streamingReplacesInvalidBytes()
{
    const Tokenizer *tok = tokenizerFor(kModels + QStringLiteral("/stories260K.gguf"));
    QVERIFY(tok);
    const auto byteToken = [&](int b) {
        char name[8];
        std::snprintf(name, sizeof(name), "<0x%02X>", b);
        return tok->findToken(name);
    };
    QCOMPARE(byteToken(0xE4), 3 + 0xE4);

    StreamDecoder stream(*tok);
    // 你 = E4 BD A0: nothing comes out until the last byte.
    QCOMPARE(QString::fromStdString(stream.push(byteToken(0xE4))), QString());
    QCOMPARE(QString::fromStdString(stream.push(byteToken(0xBD))), QString());
    QCOMPARE(stream.pendingBytes(), size_t(2));
    QCOMPARE(QString::fromStdString(stream.push(byteToken(0xA0))), QStringLiteral("你"));
    // A lead byte followed by ASCII can never complete: U+FFFD, then the ASCII.
    QCOMPARE(QString::fromStdString(stream.push(byteToken(0xF0))), QString());
    QCOMPARE(QString::fromStdString(stream.push(byteToken(0x41))), QStringLiteral("\uFFFDA"));
    // A truncated sequence at the end is flushed as replacement characters.
    QCOMPARE(QString::fromStdString(stream.push(byteToken(0xE4))), QString());
    QCOMPARE(QString::fromStdString(stream.flush()), QStringLiteral("\uFFFD"));
    QCOMPARE(stream.pendingBytes(), size_t(0));
}

void TestTokenizer::everyPreTypeCompiles()
{
    const std::string sample = "Hello, World's 12345 ΩK 你好 🙂\n\n  x\t";
    const auto names = knownPreTypes();
    QVERIFY(names.size() > 50);
    for (const std::string_view name : names) {
        const auto info = resolvePreType(name);
        QVERIFY2(info, std::string(name).c_str());
        const auto pre = PreTokenizer::create(info->patterns);
        QVERIFY2(pre, pre ? std::string(name).c_str() : pre.error().message.c_str());
        const auto words = (*pre)->split(sample);
        QVERIFY2(words, std::string(name).c_str());
        std::string joined;
        for (const std::string &word : *words) {
            QVERIFY2(!word.empty(), std::string(name).c_str());
            joined += word;
        }
        QCOMPARE(QString::fromStdString(joined), QString::fromStdString(sample)); // nothing lost, nothing added
    }
}

void TestTokenizer::preTokenizerSplits_data()
{
    QTest::addColumn<QString>("pre");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("words"); // joined with '|'
    QTest::newRow("llama3-digits") << "llama-bpe"
                                   << "12345 abc's"
                                   << "123|45| abc|'s";
    QTest::newRow("llama3-nonascii-space") << "llama-bpe"
                                           << "a\u3000\u3000b"
                                           << "a|\u3000|\u3000b";
    QTest::newRow("llama3-newlines") << "llama3"
                                     << "x \n\n y"
                                     << "x| \n\n| y";
    QTest::newRow("qwen2-digits") << "qwen2"
                                  << "12345"
                                  << "1|2|3|4|5";
    QTest::newRow("gpt2-spaces") << "gpt-2"
                                 << "Hello  world"
                                 << "Hello| | world";
    QTest::newRow("gpt2-newlines") << "gpt-2"
                                   << "a\n\nb"
                                   << "a|\n|\n|b";
    QTest::newRow("gpt2-case-sensitive") << "gpt-2"
                                         << "it's IT'S"
                                         << "it|'s| IT|'|S";
    QTest::newRow("starcoder-digits") << "starcoder"
                                      << "x=12"
                                      << "x|=|1|2";
    QTest::newRow("deepseek-coder") << "deepseek-coder"
                                    << "Hello 世界123"
                                    << "Hello| |世界|1|2|3";
    QTest::newRow("deepseek-llm") << "deepseek-llm"
                                  << "Hello, 世界!"
                                  << "Hello|,| |世界|!";
    QTest::newRow("deepseek-llm-kelvin") << "deepseek-llm"
                                         << "\u212A\u2126 1"
                                         << "\u212A\u2126| |1";
    QTest::newRow("gpt-4o-case") << "gpt-4o"
                                 << "HelloWorld's ABC"
                                 << "Hello|World's| ABC";
    QTest::newRow("tekken-digits") << "tekken"
                                   << "v12"
                                   << "v|1|2";
    QTest::newRow("default-punct") << "default"
                                   << "a+b 1234"
                                   << "a|+|b| |123|4";
}

void TestTokenizer::preTokenizerSplits()
{
    QFETCH(QString, pre);
    QFETCH(QString, text);
    QFETCH(QString, words);
    const auto info = resolvePreType(pre.toStdString());
    QVERIFY(info);
    const auto tokenizer = PreTokenizer::create(info->patterns);
    QVERIFY(tokenizer);
    const auto split = (*tokenizer)->split(text.toStdString());
    QVERIFY(split);
    QStringList got;
    for (const std::string &word : *split)
        got << QString::fromStdString(word);
    QCOMPARE(got.join(u'|'), words);
}

void TestTokenizer::rejectsUnsupportedVocabularies()
{
    const auto unknownPre = tokenizerFromBytes(syntheticVocab("gpt2", "made-up-pre", true));
    QVERIFY(!unknownPre);
    QCOMPARE(unknownPre.error().code, ErrorCode::UnsupportedTokenizer);
    QVERIFY2(unknownPre.error().message.find("made-up-pre") != std::string::npos, unknownPre.error().message.c_str());

    const auto bert = tokenizerFromBytes(syntheticVocab("bert", "", false));
    QVERIFY(!bert);
    QCOMPARE(bert.error().code, ErrorCode::UnsupportedTokenizer);

    const auto noMerges = tokenizerFromBytes(syntheticVocab("gpt2", "gpt-2", false));
    QVERIFY(!noMerges);
    QCOMPARE(noMerges.error().code, ErrorCode::InvalidGguf);

    GgufWriter empty;
    empty.setString("general.architecture", "llama");
    const auto none = tokenizerFromBytes(empty.toBytes());
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::UnsupportedTokenizer);
}

void TestTokenizer::missingPreFallsBackWithWarning()
{
    const auto tok = tokenizerFromBytes(syntheticVocab("gpt2", "", true));
    QVERIFY2(tok, tok ? "" : tok.error().message.c_str());
    QCOMPARE(QString::fromUtf8(tok->preName().data(), qsizetype(tok->preName().size())), QStringLiteral("default"));
    QVERIFY(!tok->warnings().empty());
    // " t" merges into the single token "Ġt" (id 256).
    QCOMPARE(*tok->encode(" t", false, false), (std::vector<int32_t> {256}));
}

void TestTokenizer::encodes100KbQuickly_data()
{
    QTest::addColumn<QString>("vocab");
    QTest::newRow("spm-llama") << "/vocab/ggml-vocab-llama-spm.gguf";
    QTest::newRow("spm-stories") << "/stories260K.gguf";
    QTest::newRow("bpe-llama3") << "/vocab/ggml-vocab-llama3.2-reconstructed.gguf";
    QTest::newRow("bpe-gpt2") << "/vocab/ggml-vocab-gpt-2.gguf";
    QTest::newRow("bpe-deepseek-coder") << "/vocab/ggml-vocab-deepseek-coder.gguf";
}

void TestTokenizer::encodes100KbQuickly()
{
    QFETCH(QString, vocab);
    const Tokenizer *tok = tokenizerFor(kModels + vocab);
    QVERIFY(tok);
    const std::string text = benchmarkText();
    const auto start = std::chrono::steady_clock::now();
    const auto ids = tok->encode(text, true, true);
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    QVERIFY(ids);
    qInfo("%s: %zu bytes -> %zu tokens in %.1f ms", qPrintable(vocab), text.size(), ids->size(), ms);
    // NOTE: optimized builds take 15-50 ms here on a 2-core machine; the bound catches quadratic behaviour.
    // Unoptimized and sanitizer builds are 10-30x slower and get a looser bound.
    QVERIFY2(ms < kEncodeBoundMs, qPrintable(QString::number(ms)));
    QVERIFY(QString::fromStdString(tok->decode(*ids))
                .endsWith(QStringLiteral("🙂🚀👍🏽 <b>bold</b> {\"k\": [1, 2, 3]}\r\n")));
}

QTEST_APPLESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
