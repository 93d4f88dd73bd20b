// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Tokenizer parity with llama.cpp: the shared goldens (12 strings per vocabulary, three id variants, pieces and two
// detokenizations) and llama.cpp's own test-tokenizer-0 vectors (ggml-vocab-*.gguf.inp / .out).
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "engine/tokenizer/tokenizer_test_util.h"

using namespace atrium;
using namespace tokenizertest;

namespace
{

std::vector<int32_t> jsonIds(const QJsonValue &value)
{
    std::vector<int32_t> ids;
    for (const QJsonValue &v : value.toArray())
        ids.push_back(v.toInt());
    return ids;
}

/// The vocabulary GGUF a reference file or vector set belongs to, or an empty string when none is available.
QString vocabFileFor(const QString &vocabName)
{
    if (vocabName == u"stories260K")
        return kModels + QStringLiteral("/stories260K.gguf");
    // llama.cpp's llama-bpe vectors are the Llama 3 tokenizer; the reconstructed Llama 3.2 vocabulary passes them.
    const QString name =
        vocabName == u"ggml-vocab-llama-bpe" ? QStringLiteral("ggml-vocab-llama3.2-reconstructed") : vocabName;
    const QString path = kModels + QStringLiteral("/vocab/") + name + QStringLiteral(".gguf");
    return QFileInfo::exists(path) ? path : QString();
}

} // namespace

class TestTokenizerGolden : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sharedGoldens_data();
    void sharedGoldens();
    void llamaCppVectors_data();
    void llamaCppVectors();
};

void TestTokenizerGolden::sharedGoldens_data()
{
    QTest::addColumn<QString>("vocabPath");
    QTest::addColumn<QByteArray>("caseJson");
    const QStringList files =
        QDir(kReference).entryList({QStringLiteral("*.shared.tokens.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        QSKIP("tokenizer reference data not present");
    for (const QString &file : files) {
        const QString vocabName = file.left(file.indexOf(QStringLiteral(".shared.tokens.json")));
        const QString vocabPath = vocabFileFor(vocabName);
        QVERIFY2(!vocabPath.isEmpty(), qPrintable(QStringLiteral("no vocabulary GGUF for ") + file));
        const QJsonObject root = QJsonDocument::fromJson(readFile(kReference + u'/' + file)).object();
        const QJsonArray cases = root.value(u"cases").toArray();
        QVERIFY2(!cases.isEmpty(), qPrintable(file));
        for (int i = 0; i < cases.size(); ++i) {
            const QByteArray json = QJsonDocument(cases[i].toObject()).toJson(QJsonDocument::Compact);
            QTest::addRow("%s#%d", qPrintable(vocabName), i) << vocabPath << json;
        }
    }
}

void TestTokenizerGolden::sharedGoldens()
{
    QFETCH(QString, vocabPath);
    QFETCH(QByteArray, caseJson);
    QString error;
    const Tokenizer *tok = tokenizerFor(vocabPath, &error);
    QVERIFY2(tok, qPrintable(error));
    const QJsonObject c = QJsonDocument::fromJson(caseJson).object();
    const std::string text = toStd(c.value(u"text").toString().toUtf8());

    const struct {
        const char *field;
        bool addSpecial;
        bool parseSpecial;
    } variants[] = {
        {"ids_add_special", true, false},
        {"ids_no_special", false, false},
        {"ids_add_special_parse_special", true, true},
    };
    for (const auto &variant : variants) {
        const auto ids = tok->encode(text, variant.addSpecial, variant.parseSpecial);
        QVERIFY2(ids, ids ? "" : ids.error().message.c_str());
        const std::vector<int32_t> expected = jsonIds(c.value(QLatin1String(variant.field)));
        QVERIFY2(*ids == expected,
            qPrintable(QString::fromLatin1(variant.field) + QStringLiteral(": got ") + idsToString(*ids)
                + QStringLiteral(" expected ") + idsToString(expected)));
    }

    const std::vector<int32_t> withSpecial = jsonIds(c.value(u"ids_add_special"));
    const QJsonArray piecesHex = c.value(u"pieces_of_ids_add_special_hex").toArray();
    QCOMPARE(static_cast<qsizetype>(withSpecial.size()), piecesHex.size());
    for (size_t i = 0; i < withSpecial.size(); ++i) {
        const std::string piece = tok->piece(withSpecial[i], true);
        const QByteArray hex = QByteArray(piece.data(), static_cast<qsizetype>(piece.size())).toHex();
        QCOMPARE(QString::fromLatin1(hex), piecesHex[static_cast<qsizetype>(i)].toString());
    }

    const std::vector<int32_t> noSpecial = jsonIds(c.value(u"ids_no_special"));
    QCOMPARE(QString::fromStdString(tok->decode(noSpecial, false)), c.value(u"detokenize_ids_no_special").toString());
    QCOMPARE(QString::fromStdString(tok->decode(withSpecial, true)),
        c.value(u"detokenize_ids_add_special_remove_special").toString());
}

void TestTokenizerGolden::llamaCppVectors_data()
{
    QTest::addColumn<QString>("vocabPath");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    const QString dir = kReference + QStringLiteral("/llama.cpp-vectors");
    const QStringList inputs = QDir(dir).entryList({QStringLiteral("*.gguf.inp")}, QDir::Files, QDir::Name);
    if (inputs.isEmpty())
        QSKIP("llama.cpp tokenizer vectors not present");
    for (const QString &input : inputs) {
        const QString vocabName = input.left(input.size() - int(sizeof(".gguf.inp")) + 1);
        const QString vocabPath = vocabFileFor(vocabName);
        if (vocabPath.isEmpty()) {
            QTest::addRow("%s(no vocab)", qPrintable(vocabName))
                << QString() << QByteArray() << QByteArray(vocabName.toUtf8());
            continue;
        }
        const QByteArray separator = "\n__ggml_vocab_test__\n";
        // The .inp file is a list of strings, each followed by the separator line.
        const QByteArray all = readFile(dir + u'/' + input);
        QList<QByteArray> texts;
        qsizetype start = 0;
        while (true) {
            const qsizetype at = all.indexOf(separator, start);
            if (at < 0)
                break;
            texts << all.mid(start, at - start);
            start = at + separator.size();
        }
        const QList<QByteArray> lines =
            readFile(dir + u'/' + input.left(input.size() - 4) + QStringLiteral(".out")).split('\n');
        QVERIFY2(lines.size() >= texts.size(), qPrintable(input));
        for (qsizetype i = 0; i < texts.size(); ++i)
            QTest::addRow("%s#%d", qPrintable(vocabName), int(i)) << vocabPath << texts[i] << lines[i];
    }
}

void TestTokenizerGolden::llamaCppVectors()
{
    QFETCH(QString, vocabPath);
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    if (vocabPath.isEmpty())
        QSKIP(qPrintable(QStringLiteral("no vocabulary GGUF for the llama.cpp vectors of ")
            + QString::fromUtf8(expected) + QStringLiteral(" in the shared models")));
    QString error;
    const Tokenizer *tok = tokenizerFor(vocabPath, &error);
    QVERIFY2(tok, qPrintable(error));
    std::vector<int32_t> want;
    for (const QByteArray &field : expected.simplified().split(' ')) {
        if (!field.isEmpty())
            want.push_back(field.toInt());
    }
    const auto ids = tok->encode(toStd(text), false, false);
    QVERIFY2(ids, ids ? "" : ids.error().message.c_str());
    QVERIFY2(*ids == want,
        qPrintable(QStringLiteral("got ") + idsToString(*ids) + QStringLiteral(" expected ") + idsToString(want)));
}

QTEST_APPLESS_MAIN(TestTokenizerGolden)
#include "test_tokenizer_golden.moc"
