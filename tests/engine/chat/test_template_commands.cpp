// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// The render-template and chat-template commands of atrium-cli: exact output, errors, and reading the template and
// the BOS/EOS texts from a GGUF file (written here with GgufWriter).
#include <fstream>
#include <sstream>

#include <QTemporaryDir>
#include <QTest>

#include "engine_cli.h"
#include "gguf/gguf_file.h"

using namespace atrium;

namespace
{

struct Result {
    int code;
    std::string out;
    std::string err;
};

Result run(const std::string &command, const std::vector<std::string> &args)
{
    std::ostringstream out;
    std::ostringstream err;
    const int code = cli::runEngineCommand(command, args, cli::Io {out, err});
    return {code, out.str(), err.str()};
}

void writeFile(const std::string &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

/// A vocabulary-only GGUF: tokens, BOS/EOS ids and optionally a chat template.
std::string writeModel(const QTemporaryDir &dir, const std::string &name, const std::string &chatTemplate)
{
    GgufWriter w;
    w.setString("general.architecture", "llama");
    w.setString("tokenizer.ggml.model", "llama");
    w.setStringArray("tokenizer.ggml.tokens", {"<unk>", "<|begin_of_text|>", "<|eot_id|>", "a"});
    w.setInt32Array("tokenizer.ggml.token_type", {2, 3, 3, 1});
    w.setUint32("tokenizer.ggml.bos_token_id", 1);
    w.setUint32("tokenizer.ggml.eos_token_id", 2);
    if (!chatTemplate.empty())
        w.setString("tokenizer.chat_template", chatTemplate);
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    const auto written = w.writeFile(path);
    return written ? path : std::string();
}

} // namespace

class TestTemplateCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void renderTemplatePrintsExactlyTheRenderedText()
    {
        QTemporaryDir dir;
        const std::string tmpl = dir.filePath(QStringLiteral("t.jinja")).toStdString();
        const std::string ctx = dir.filePath(QStringLiteral("c.json")).toStdString();
        writeFile(tmpl,
            "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}{{ tools is none }}"
            "{% if add_generation_prompt %}<assistant>{% endif %}{{ enable_thinking }}\n");
        writeFile(ctx, R"({"messages": [{"role": "user", "content": "héllo {{ x }}"}], "add_generation_prompt": true,
                           "extra_context": {"enable_thinking": false}})");
        const Result r = run("render-template", {"--template", tmpl, "--context", ctx});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, std::string("<user>héllo {{ x }}True<assistant>False"));
        QVERIFY(r.err.empty());
    }

    void renderTemplateReportsErrors()
    {
        QTemporaryDir dir;
        const std::string tmpl = dir.filePath(QStringLiteral("t.jinja")).toStdString();
        const std::string ctx = dir.filePath(QStringLiteral("c.json")).toStdString();
        writeFile(ctx, R"({"messages": []})");
        writeFile(tmpl, "ok\n{{ raise_exception('No messages given') }}");
        Result r = run("render-template", {"--template", tmpl, "--context", ctx});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.empty());
        QVERIFY2(r.err.rfind("error: ", 0) == 0 && r.err.find("line 2: No messages given") != std::string::npos,
            r.err.c_str());

        writeFile(tmpl, "{% if %}");
        r = run("render-template", {"--template", tmpl, "--context", ctx});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.find("line 1") != std::string::npos);

        r = run("render-template", {"--template", tmpl + ".missing", "--context", ctx});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.rfind("error: ", 0) == 0);

        writeFile(ctx, "[1, 2");
        writeFile(tmpl, "x");
        r = run("render-template", {"--template", tmpl, "--context", ctx});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.find("not valid JSON") != std::string::npos);
    }

    void chatTemplateUsesTheModelTemplateAndTokens()
    {
        QTemporaryDir dir;
        const std::string model = writeModel(dir,
            "m.gguf",
            "{{ bos_token }}{% for m in messages %}[{{ m.role }}]{{ m.content }}{{ eos_token }}{% endfor %}"
            "{% if tools %}{{ tools|length }} tools{% endif %}{% if add_generation_prompt %}[assistant]{% endif %}");
        QVERIFY(!model.empty());
        const std::string messages = dir.filePath(QStringLiteral("m.json")).toStdString();
        const std::string tools = dir.filePath(QStringLiteral("t.json")).toStdString();
        writeFile(messages, R"([{"role": "user", "content": "Hi"}])");
        writeFile(tools, R"([{"type": "function", "function": {"name": "f"}}])");

        Result r = run("chat-template", {"-m", model, "--messages", messages});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, std::string("<|begin_of_text|>[user]Hi<|eot_id|>[assistant]"));
        QVERIFY(r.err.empty());

        r = run("chat-template", {"-m", model, "--messages", messages, "--tools", tools, "--no-generation-prompt"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, std::string("<|begin_of_text|>[user]Hi<|eot_id|>1 tools"));
    }

    void chatTemplateFallsBackWithoutATemplate()
    {
        QTemporaryDir dir;
        const std::string model = writeModel(dir, "bare.gguf", "");
        QVERIFY(!model.empty());
        const std::string messages = dir.filePath(QStringLiteral("m.json")).toStdString();
        writeFile(messages, R"([{"role": "user", "content": "Hi"}])");
        const Result r = run("chat-template", {"-m", model, "--messages", messages});
        QCOMPARE(r.code, 0);
        // The vocabulary's control tokens identify the Llama 3 family.
        QCOMPARE(r.out,
            std::string("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                        "<|start_header_id|>assistant<|end_header_id|>\n\n"));
        QVERIFY2(r.err.find("no chat template") != std::string::npos && r.err.find("'llama3'") != std::string::npos,
            r.err.c_str());
    }

    void chatTemplateReportsErrors()
    {
        Result r = run("chat-template", {"-m", "/nonexistent/model.gguf", "--messages", "/nonexistent/m.json"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.rfind("error: ", 0) == 0);
        r = run("chat-template", {"--messages", "m.json"});
        QCOMPARE(r.code, 1);
        r = run("chat-template", {"-m", "x", "--messages", "m.json", "--bogus"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.find("unknown option") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestTemplateCommands)
#include "test_template_commands.moc"
