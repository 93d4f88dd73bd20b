// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Sessions and generation on the real stories260K model (reference backend): stopping rules, cancellation, a full
// context, UTF-8-safe streaming, prefix reuse, rollback, and several sessions on one model.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <stop_token>

#include <QTemporaryDir>
#include <QtTest>

#include "atrium/model.h"
#include "atrium/session.h"
#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

using namespace atrium;

namespace
{

const std::string kStories = ATRIUM_SHARED_DIR "/models/stories260K.gguf";

std::shared_ptr<Model> load(const std::string &path, uint32_t ctx)
{
    LoadOptions options;
    options.backend = BackendKind::Reference;
    options.contextLength = ctx;
    auto model = Model::load(path, options);
    if (!model)
        qWarning("%s", model.error().message.c_str());
    return model ? *model : nullptr;
}

SamplerParams greedy()
{
    SamplerParams p;
    p.temperature = 0.f;
    return p;
}

double maxAbsDiff(std::span<const float> a, std::span<const float> b)
{
    if (a.size() != b.size())
        return INFINITY;
    double m = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(static_cast<double>(a[i]) - b[i]));
    return m;
}

bool isValidUtf8(std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        const size_t len = b < 0x80    ? 1
            : (b >= 0xC2 && b <= 0xDF) ? 2
            : (b >= 0xE0 && b <= 0xEF) ? 3
            : (b >= 0xF0 && b <= 0xF4) ? 4
                                       : 0;
        if (len == 0 || i + len > s.size())
            return false;
        for (size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        }
        i += len;
    }
    return true;
}

/// A copy of stories260K whose EOS row of the LM head is 1.05 × the row of '.', so greedy decoding ends the first
/// sentence with EOS instead of '.': a real model that reaches end-of-generation after a few tokens.
bool writeEosModel(const std::string &path, int32_t eos, int32_t period)
{
    auto file = GgufFile::open(kStories);
    if (!file)
        return false;
    GgufWriter writer(file->alignment());
    for (const auto &[key, value] : file->metadata())
        writer.setValue(key, value);
    for (const GgufTensor &t : file->tensors()) {
        std::vector<uint8_t> bytes(t.data, t.data + t.nbytes);
        if (t.name == "output.weight") {
            if (t.type != TensorType::F32)
                return false;
            const size_t n = t.ne[0];
            auto *rows = reinterpret_cast<float *>(bytes.data());
            for (size_t i = 0; i < n; ++i)
                rows[eos * n + i] = 1.05f * rows[period * n + i];
        }
        writer.addTensor(t.name, t.type, std::vector<uint64_t>(t.ne.begin(), t.ne.begin() + t.nDims), bytes);
    }
    return writer.writeFile(path).has_value();
}

} // namespace

class TestGeneration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(QString::fromStdString(kStories)))
            QSKIP("stories260K.gguf is not in the shared test data");
        m_model = load(kStories, 256);
        QVERIFY(m_model);
        const auto ids = m_model->tokenizer().encode("Once upon a time", true, true);
        QVERIFY(ids);
        m_prompt = *ids;
    }

    void stopsAtMaxTokens()
    {
        Session s(m_model);
        int calls = 0;
        const auto r = s.generate(m_prompt, greedy(), 5, [&](std::string_view, int32_t) { return ++calls > 0; });
        QVERIFY(r);
        QCOMPARE(r->reason, StopReason::Length);
        QCOMPARE(r->ids.size(), size_t(5));
        QCOMPARE(calls, 5);
        QCOMPARE(r->promptTokens, int(m_prompt.size()));
        QCOMPARE(r->text, std::string(", there was a little"));
        // The last sampled token is not evaluated; a later prefill() will do it.
        QCOMPARE(s.nPast(), uint32_t(m_prompt.size() + 4));
        QVERIFY(r->promptMs >= 0 && r->genMs >= 0 && r->ttftMs >= r->promptMs);
    }

    void stopsAtEndOfGeneration()
    {
        const Tokenizer &tok = m_model->tokenizer();
        const int32_t eos = tok.eos();
        const int32_t period = tok.findToken(".");
        QVERIFY(eos >= 0 && period >= 0);
        QVERIFY(tok.isEog(eos));
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("stories-eos.gguf")).toStdString();
        QVERIFY(writeEosModel(path, eos, period));
        const auto model = load(path, 256);
        QVERIFY(model);
        Session s(model);
        std::string streamed;
        const auto r = s.generate(m_prompt, greedy(), 64, [&](std::string_view piece, int32_t id) {
            streamed += piece;
            return id != eos; // EOG is not streamed: this must never be false
        });
        QVERIFY(r);
        QCOMPARE(r->reason, StopReason::Eog);
        QCOMPARE(r->ids.back(), eos);
        QCOMPARE(r->text, std::string(", there was a little girl named Lily"));
        QCOMPARE(streamed, r->text);
    }

    void cancelsWhenTheCallbackSaysSo()
    {
        Session s(m_model);
        int calls = 0;
        const auto r = s.generate(m_prompt, greedy(), 20, [&](std::string_view, int32_t) { return ++calls < 3; });
        QVERIFY(r);
        QCOMPARE(r->reason, StopReason::Cancelled);
        QCOMPARE(r->ids.size(), size_t(3));
    }

    void cancelsThroughTheStopToken()
    {
        Session s(m_model);
        std::stop_source source;
        int calls = 0;
        const auto r = s.generate(
            m_prompt,
            greedy(),
            20,
            [&](std::string_view, int32_t) {
                if (++calls == 2)
                    source.request_stop(); // e.g. the GUI's Stop button, from another thread
                return true;
            },
            source.get_token());
        QVERIFY(r);
        QCOMPARE(r->reason, StopReason::Cancelled);
        QCOMPARE(r->ids.size(), size_t(2));

        const auto none = s.generate({}, greedy(), 20, {}, source.get_token());
        QVERIFY(none);
        QCOMPARE(none->reason, StopReason::Cancelled);
        QVERIFY(none->ids.empty());
    }

    void reportsAFullContext()
    {
        const auto small = load(kStories, 16);
        QVERIFY(small);
        Session s(small);
        const auto r = s.generate(m_prompt, greedy(), 100);
        QVERIFY(r);
        QCOMPARE(r->reason, StopReason::ContextFull);
        QCOMPARE(s.nPast(), uint32_t(16));
        QCOMPARE(r->ids.size(), size_t(16 - m_prompt.size() + 1));
        QVERIFY(r->message.find("context is full") != std::string::npos);

        // A prompt that cannot fit at all is an error, and leaves the session as it was.
        const std::vector<int32_t> tooLong(20, m_prompt[1]);
        s.reset();
        const auto e = s.evaluate(tooLong);
        QVERIFY(!e);
        QCOMPARE(e.error().code, ErrorCode::ContextFull);
        QVERIFY(e.error().message.find("16") != std::string::npos);
        QCOMPARE(s.nPast(), uint32_t(0));
        const auto g = s.generate(tooLong, greedy(), 4);
        QVERIFY(!g);
        QCOMPARE(g.error().code, ErrorCode::ContextFull);
    }

    void streamsOnlyWholeUtf8Characters()
    {
        // At a high temperature the model emits many byte-fallback tokens (<0xNN>), i.e. pieces of characters.
        SamplerParams hot;
        hot.temperature = 4.f;
        hot.topK = 0;
        hot.topP = 1.f;
        hot.minP = 0.f;
        hot.seed = 1234;
        Session s(m_model);
        std::string streamed;
        int nonEmpty = 0;
        bool allValid = true;
        const auto r = s.generate(m_prompt, hot, 200, [&](std::string_view piece, int32_t) {
            allValid = allValid && isValidUtf8(piece);
            nonEmpty += piece.empty() ? 0 : 1;
            streamed += piece;
            return true;
        });
        QVERIFY(r);
        QVERIFY(allValid);
        QVERIFY(nonEmpty > 10);
        QCOMPARE(streamed, r->text);
        QVERIFY(isValidUtf8(r->text));
        int byteTokens = 0;
        for (const int32_t id : r->ids)
            byteTokens += m_model->tokenizer().tokenText(id).starts_with("<0x") ? 1 : 0;
        QVERIFY2(byteTokens > 5, "the sample should contain byte tokens");
    }

    void prefillReusesTheCommonPrefix()
    {
        const Tokenizer &tok = m_model->tokenizer();
        Session s(m_model);
        QCOMPARE(s.prefill(m_prompt).value(), uint32_t(m_prompt.size()));
        const auto first = s.generate({}, greedy(), 8);
        QVERIFY(first);

        // Second turn: the whole conversation again plus new text; only the new part is evaluated.
        std::vector<int32_t> turn2 = m_prompt;
        turn2.insert(turn2.end(), first->ids.begin(), first->ids.end());
        const auto more = tok.encode(" Then they went home", false, false);
        QVERIFY(more);
        turn2.insert(turn2.end(), more->begin(), more->end());
        const uint32_t cached = s.nPast(); // prompt + 7 (the 8th token was sampled, not evaluated)
        QCOMPARE(cached, uint32_t(m_prompt.size() + 7));
        QCOMPARE(s.prefill(turn2).value(), uint32_t(turn2.size() - cached));
        QCOMPARE(s.tokens(), turn2);

        Session fresh(m_model);
        const auto expected = fresh.evaluate(turn2);
        QVERIFY(expected);
        Session again(m_model); // takes the cache over; prefill from empty evaluates everything
        QCOMPARE(again.prefill(turn2).value(), uint32_t(turn2.size()));
        QVERIFY(maxAbsDiff(again.lastLogits(), *expected) < 1e-4);

        // Same prompt again: nothing to do. A shorter prefix: only its last token is re-evaluated.
        QCOMPARE(again.prefill(turn2).value(), 0u);
        QCOMPARE(again.prefill(m_prompt).value(), 1u);
        QCOMPARE(again.nPast(), uint32_t(m_prompt.size()));
        Session fresh2(m_model);
        const auto expectedPrompt = fresh2.evaluate(m_prompt);
        QVERIFY(expectedPrompt);
        QVERIFY(maxAbsDiff(again.lastLogits(), *expectedPrompt) < 1e-5);
    }

    void truncateRollsTheContextBack()
    {
        const Tokenizer &tok = m_model->tokenizer();
        const auto a = tok.encode("Once upon a time", true, true).value();
        const auto b = tok.encode(" there was a dog", false, false).value();
        const auto c = tok.encode(" the sun was hot", false, false).value();
        Session s(m_model);
        QVERIFY(s.evaluate(a));
        QVERIFY(s.evaluate(b));
        s.truncate(static_cast<uint32_t>(a.size()));
        QCOMPARE(s.nPast(), uint32_t(a.size()));
        QVERIFY(s.lastLogits().empty());
        const auto got = s.evaluate(c, true);
        QVERIFY(got);

        std::vector<int32_t> ac = a;
        ac.insert(ac.end(), c.begin(), c.end());
        Session fresh(m_model);
        const auto all = fresh.evaluate(ac, true);
        QVERIFY(all);
        const size_t nVocab = m_model->vocabSize();
        QVERIFY(maxAbsDiff(*got, std::span<const float>(*all).subspan(a.size() * nVocab)) < 1e-5);
    }

    void chunkedEvaluationMatchesOneBatch()
    {
        // 600 tokens: Session::evaluate splits them 512 + 88; three calls of 200 must give the same logits.
        const auto big = load(kStories, 640);
        QVERIFY(big);
        std::vector<int32_t> ids {1};
        const auto text =
            big->tokenizer().encode(" Once upon a time, there was a little girl named Lily.", false, false);
        QVERIFY(text);
        while (ids.size() < 600)
            ids.insert(ids.end(), text->begin(), text->end());
        ids.resize(600);
        Session s(big);
        const auto whole = s.evaluate(ids, true);
        QVERIFY(whole);
        s.reset();
        std::vector<float> pieces;
        for (size_t i = 0; i < 600; i += 200) {
            const auto part = s.evaluate(std::span<const int32_t>(ids).subspan(i, 200), true);
            QVERIFY(part);
            pieces.insert(pieces.end(), part->begin(), part->end());
        }
        QVERIFY(maxAbsDiff(*whole, pieces) < 1e-4);
        QCOMPARE(s.lastLogits().size(), size_t(big->vocabSize()));
    }

    void aSecondSessionTakesTheCacheOver()
    {
        const Tokenizer &tok = m_model->tokenizer();
        const auto c = tok.encode("The cat sat", true, true).value();
        Session s1(m_model);
        Session s2(m_model);
        QVERIFY(s1.evaluate(m_prompt));
        QVERIFY(s2.evaluate(m_prompt));
        // s1's tokens are no longer in the cache: it starts again from an empty context.
        const auto got = s1.evaluate(c);
        QVERIFY(got);
        QCOMPARE(s1.tokens(), c);
        Session fresh(m_model);
        QVERIFY(maxAbsDiff(*got, fresh.evaluate(c).value()) < 1e-6);
    }

    void rejectsTokensOutsideTheVocabulary()
    {
        Session s(m_model);
        const std::vector<int32_t> bad {1, int32_t(m_model->vocabSize())};
        const auto r = s.evaluate(bad);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(s.nPast(), 0u);
        QVERIFY(!s.generate({}, greedy(), 4)); // nothing evaluated yet: nothing to continue from
    }

private:
    std::shared_ptr<Model> m_model;
    std::vector<int32_t> m_prompt;
};

QTEST_APPLESS_MAIN(TestGeneration)
#include "test_generation.moc"
