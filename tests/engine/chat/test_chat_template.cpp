// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// ChatTemplate's contract beyond jinja2 parity: error values with line numbers, the sandbox and its limits, message
// text as data, the render options, the fallback formats, speed and concurrent use.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <QTest>

#include "chat/chat_template.h"

using namespace atrium;
using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

#ifndef __has_feature
#define __has_feature(x) 0
#endif

namespace
{

/// Time bounds are for optimised builds; sanitizer and unoptimised builds run the same code many times slower.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || __has_feature(address_sanitizer)                  \
    || __has_feature(thread_sanitizer)
constexpr double kSlowdown = 30.0;
#elif !defined(__OPTIMIZE__)
constexpr double kSlowdown = 10.0;
#else
constexpr double kSlowdown = 1.0;
#endif

std::tm fixedNow()
{
    std::tm now {};
    now.tm_year = 2026 - 1900;
    now.tm_mon = 10;
    now.tm_mday = 26;
    return now;
}

Expected<std::string> renderText(
    std::string_view source, const Json &context = Json::object(), RenderOptions options = {})
{
    if (!options.now)
        options.now = fixedNow();
    auto tmpl = ChatTemplate::parse(source);
    if (!tmpl)
        return fail(tmpl.error());
    return tmpl->render(context, options);
}

double millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

Json conversation(int messages)
{
    Json list = Json::array();
    list.push_back({{"role", "system"}, {"content", "You are a helpful assistant. Answer briefly."}});
    for (int i = 1; i < messages; ++i)
        list.push_back({{"role", i % 2 ? "user" : "assistant"},
            {"content",
                "Message " + std::to_string(i)
                    + ": a typical line or two of chat text, long enough to look like a real turn."}});
    return list;
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

class TestChatTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // --- errors -------------------------------------------------------------------------------------------------
    void syntaxErrorsNameTheLine_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unclosed if") << "a\nb\n{% if x %}\nc"
                                     << "line 4:"
                                     << "Unexpected end of template";
        QTest::newRow("stray endfor") << "x\n\n{% endfor %}"
                                      << "line 3:"
                                      << "Encountered unknown tag 'endfor'";
        QTest::newRow("bad expression") << "{{ 1 +\n}}"
                                        << "line 2:"
                                        << "unexpected";
        QTest::newRow("unknown filter") << "\n{{ x | nosuch }}"
                                        << "line 2:"
                                        << "No filter named 'nosuch'";
        QTest::newRow("unterminated string") << "ok\n{{ 'abc }}"
                                             << "line 2:"
                                             << "unexpected char";
        QTest::newRow("unclosed comment") << "{# never closed"
                                          << "line 1:"
                                          << "Missing end of comment tag";
        QTest::newRow("include") << "{% include 'other.jinja' %}"
                                 << "line 1:"
                                 << "template loader";
        QTest::newRow("break outside loop") << "\n\n\n{% break %}"
                                            << "line 4:"
                                            << "outside loop";
    }
    void syntaxErrorsNameTheLine()
    {
        QFETCH(QString, source);
        QFETCH(QString, prefix);
        QFETCH(QString, fragment);
        auto tmpl = ChatTemplate::parse(source.toStdString());
        QVERIFY(!tmpl);
        QCOMPARE(tmpl.error().code, ErrorCode::TemplateSyntax);
        const QString message = QString::fromStdString(tmpl.error().message);
        QVERIFY2(message.startsWith(prefix), qPrintable(message));
        QVERIFY2(message.contains(fragment), qPrintable(message));
    }

    void raiseExceptionCarriesMessageAndLine()
    {
        const auto out = renderText("{% for m in messages %}\n{% if m.role == 'tool' %}\n"
                                    "{{ raise_exception('Tool messages are not supported') }}\n{% endif %}{% endfor %}",
            Json {{"messages", Json::array({{{"role", "tool"}}})}});
        QVERIFY(!out);
        QCOMPARE(out.error().code, ErrorCode::TemplateRuntime);
        QCOMPARE(
            QString::fromStdString(out.error().message), QStringLiteral("line 3: Tool messages are not supported"));
    }

    void runtimeErrorsNameTheLine()
    {
        const auto out = renderText("first\n{{ 'text' + 1 }}");
        QVERIFY(!out);
        QCOMPARE(out.error().code, ErrorCode::TemplateRuntime);
        QVERIFY2(out.error().message.rfind("line 2: TypeError", 0) == 0, out.error().message.c_str());
        const auto undefinedAttr = renderText("\n\n{{ missing.attribute }}");
        QVERIFY(!undefinedAttr);
        QVERIFY2(
            undefinedAttr.error().message.find("line 3") != std::string::npos, undefinedAttr.error().message.c_str());
        QVERIFY(undefinedAttr.error().message.find("'missing' is undefined") != std::string::npos);
    }

    void contextMustBeAnObject()
    {
        auto tmpl = ChatTemplate::parse("x");
        QVERIFY(tmpl);
        const auto out = tmpl->render(Json::array());
        QVERIFY(!out);
        QCOMPARE(out.error().code, ErrorCode::InvalidArgument);
    }

    // --- data is data ---------------------------------------------------------------------------------------------
    void messageTextIsNeverEvaluated()
    {
        const std::string hostile = "{{ 7 * 7 }} {% for x in range(3) %}{{ x }}{% endfor %} {# c #} "
                                    "{{ raise_exception('boom') }} {%- raw %}";
        auto tmpl = ChatTemplate::parse("{% for m in messages %}[{{ m.content }}]{% endfor %}");
        QVERIFY(tmpl);
        const auto out =
            tmpl->renderChat(Json::array({{{"role", "user"}, {"content", hostile}}}), nullptr, false, "", "");
        QVERIFY2(out, out ? "" : out.error().message.c_str());
        QCOMPARE(*out, "[" + hostile + "]");
    }

    void renderChatProvidesTheTransformersContext()
    {
        auto tmpl = ChatTemplate::parse("{{ tools is none }}|{{ documents is none }}|{{ add_generation_prompt }}|"
                                        "{{ bos_token }}|{{ eos_token }}|{{ enable_thinking }}|{{ messages|length }}");
        QVERIFY(tmpl);
        const auto out =
            tmpl->renderChat(conversation(3), nullptr, true, "<s>", "</s>", Json {{"enable_thinking", false}});
        QVERIFY(out);
        QCOMPARE(*out, std::string("True|True|True|<s>|</s>|False|3"));
        const auto withTools = tmpl->renderChat(conversation(1), Json::array({{{"type", "function"}}}), false, "", "");
        QVERIFY(withTools);
        QVERIFY(withTools->rfind("False|True|False", 0) == 0);
    }

    void plainJsonContextWorks()
    {
        auto tmpl = ChatTemplate::parse("{{ a }}-{{ b|tojson }}");
        QVERIFY(tmpl);
        const auto out = tmpl->render(nlohmann::json {{"a", 1}, {"b", {{"z", 1}, {"y", 2}}}});
        QVERIFY(out);
        QCOMPARE(*out, std::string("1-{\"y\": 2, \"z\": 1}")); // nlohmann::json sorts keys; ordered_json keeps them
    }

    void strftimeNowUsesTheGivenClock()
    {
        std::tm then {};
        then.tm_year = 2024 - 1900;
        then.tm_mon = 1;
        then.tm_mday = 29;
        then.tm_hour = 13;
        then.tm_min = 5;
        RenderOptions options;
        options.now = then;
        const auto out = renderText("{{ strftime_now('%d %b %Y %H:%M %A %-d %B %j %I%p') }}", Json::object(), options);
        QVERIFY(out);
        QCOMPARE(*out, std::string("29 Feb 2024 13:05 Thursday 29 February 060 01PM"));
        // Without a clock the system time is used.
        auto tmpl = ChatTemplate::parse("{{ strftime_now('%Y') }}");
        QVERIFY(tmpl);
        const auto year = tmpl->render(Json::object());
        QVERIFY(year);
        QVERIFY(std::stoi(*year) >= 2024);
    }

    // --- sandbox ----------------------------------------------------------------------------------------------------
    void limitsStopRunawayTemplates_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("infinite recursion") << "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"
                                            << "recursion";
        QTest::newRow("exponential recursion")
            << "{% macro f(n) %}{% if n < 60 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}{{ f(0) }}"
            << "too long";
        QTest::newRow("nested loops") << "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
                                         "{% endfor %}"
                                      << "too long";
        QTest::newRow("huge range") << "{% for a in range(1000000000) %}{% endfor %}"
                                    << "Range too big";
        QTest::newRow("huge string") << "{{ 'x' * 1000000000 }}"
                                     << "too large";
        QTest::newRow("doubling string")
            << "{% set ns = namespace(s='abcdefgh') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
            << "too large";
        QTest::newRow("huge output") << "{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}"
                                     << "too large";
        QTest::newRow("huge list") << "{{ ([0] * 100000000)|length }}"
                                   << "too long";
        QTest::newRow("deep nesting")
            << "{% set ns = namespace(l=[]) %}{% for i in range(5000) %}{% set ns.l = [ns.l] %}{% endfor %}"
            << "nested too deeply";
        QTest::newRow("namespace chain")
            << "{% set h = namespace(first=namespace(), last=none) %}{% set h.last = h.first %}"
               "{% for i in range(5000) %}{% set n = namespace(i=i) %}{% set t = h.last %}{% set t.next = n %}"
               "{% set h.last = n %}{% endfor %}{{ h }}"
            << "nested too deeply";
        QTest::newRow("namespace cycle") << "{% set ns = namespace() %}{% set ns.me = [ns] %}"
                                         << "itself";
    }
    void limitsStopRunawayTemplates()
    {
        QFETCH(QString, source);
        QFETCH(QString, fragment);
        const auto start = Clock::now();
        const auto out = renderText(source.toStdString());
        const double ms = millisecondsSince(start);
        QVERIFY(!out);
        QCOMPARE(out.error().code, ErrorCode::TemplateRuntime);
        QVERIFY2(QString::fromStdString(out.error().message).contains(fragment), out.error().message.c_str());
        QVERIFY2(ms < 2000 * kSlowdown, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
    }

    void limitsAreConfigurable()
    {
        RenderOptions tight;
        tight.maxLoopIterations = 10;
        QVERIFY(!renderText("{% for i in range(20) %}{% endfor %}", Json::object(), tight));
        QVERIFY(renderText("{% for i in range(5) %}{% endfor %}", Json::object(), tight));
        tight = {};
        tight.maxOutputBytes = 8;
        QVERIFY(renderText("123456789"));
        QVERIFY(!renderText("123456789", Json::object(), tight));
        tight = {};
        tight.maxRecursionDepth = 3;
        const std::string nested = "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{% endif %}{% endmacro %}";
        QVERIFY(renderText(nested + "{{ f(2) }}", Json::object(), tight));
        QVERIFY(!renderText(nested + "{{ f(5) }}", Json::object(), tight));
    }

    void noHostAccess()
    {
        // Python internals, the environment and other templates are out of reach.
        const auto out = renderText("[{{ ''.__class__ }}][{{ [].__class__ }}][{{ self }}][{{ config }}]"
                                    "[{{ cycler is defined }}][{{ lipsum is defined }}]");
        QVERIFY(out);
        QCOMPARE(*out, std::string("[][][][][False][False]"));
        QVERIFY(!ChatTemplate::parse("{% import 'x.jinja' as x %}"));
        QVERIFY(!ChatTemplate::parse("{% extends 'base.jinja' %}"));
        QVERIFY(!renderText("{% set l = [] %}{{ l.append(1) }}"));
    }

    // --- fallback formats -----------------------------------------------------------------------------------------
    void fallbackDetection_data()
    {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("hint");
        QTest::addColumn<QString>("name");
        QTest::newRow("chatml text") << "llama"
                                     << "{{ '<|im_start|>' + role }}"
                                     << "chatml";
        QTest::newRow("phi4 text") << "phi3"
                                   << "<|im_start|>x<|im_sep|>"
                                   << "phi4";
        QTest::newRow("llama3 text") << "llama"
                                     << "<|start_header_id|>x<|end_header_id|>"
                                     << "llama3";
        QTest::newRow("llama3 vocab") << "llama"
                                      << "<|begin_of_text|> <|eot_id|>"
                                      << "llama3";
        QTest::newRow("mistral v7") << "llama"
                                    << "[SYSTEM_PROMPT] [INST]"
                                    << "mistral-v7";
        QTest::newRow("llama2") << "llama"
                                << "[INST] <<SYS>>"
                                << "llama2";
        QTest::newRow("gemma text") << "llama"
                                    << "<start_of_turn>"
                                    << "gemma";
        QTest::newRow("phi3 text") << "llama"
                                   << "<|assistant|> <|end|>"
                                   << "phi3";
        QTest::newRow("zephyr") << ""
                                << "<|user|> <|endoftext|>"
                                << "zephyr";
        QTest::newRow("command-r") << ""
                                   << "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>"
                                   << "command-r";
        QTest::newRow("gemma arch") << "gemma2"
                                    << ""
                                    << "gemma";
        QTest::newRow("phi3 arch") << "phi3"
                                   << ""
                                   << "phi3";
        QTest::newRow("qwen arch") << "qwen2"
                                   << ""
                                   << "chatml";
        QTest::newRow("unknown") << ""
                                 << ""
                                 << "chatml";
    }
    void fallbackDetection()
    {
        QFETCH(QString, architecture);
        QFETCH(QString, hint);
        QFETCH(QString, name);
        QCOMPARE(QString::fromStdString(fallbackTemplate(architecture.toStdString(), hint.toStdString()).name), name);
    }

    void fallbackTemplatesRender_data()
    {
        QTest::addColumn<QString>("hint");
        for (const char *hint : {"<|im_start|>",
                 "<|im_start|><|im_sep|>",
                 "<|start_header_id|><|end_header_id|>",
                 "[INST]",
                 "[INST] ' [INST] ' + system_message",
                 "[INST] [AVAILABLE_TOOLS]",
                 "[SYSTEM_PROMPT][INST]",
                 "<|assistant|><|end|>",
                 "<|assistant|><|user|></s>",
                 "<|user|><|endoftext|>",
                 "bos_token + message['role']",
                 "<start_of_turn>",
                 "GPT4 Correct ",
                 "USER: ASSISTANT: ",
                 "USER: ASSISTANT: SYSTEM: ",
                 "### Instruction:<|EOT|>",
                 "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>",
                 "'Assistant: ' + message['content'] + eos_token",
                 "\xef\xbd\x9c"
                 "Assistant"
                 "\xef\xbd\x9c \xef\xbd\x9c"
                 "User"
                 "\xef\xbd\x9c",
                 "<|start_of_role|>",
                 "<|header_start|><|header_end|>",
                 "[|system|][|assistant|][|endofturn|]"})
            QTest::newRow(hint) << QString::fromUtf8(hint);
    }
    void fallbackTemplatesRender()
    {
        QFETCH(QString, hint);
        const FallbackTemplate f = fallbackTemplate("", hint.toStdString());
        auto tmpl = ChatTemplate::parse(f.source);
        QVERIFY2(tmpl, tmpl ? "" : tmpl.error().message.c_str());
        const auto out = tmpl->renderChat(conversation(4), nullptr, true, "<s>", "</s>");
        QVERIFY2(out, out ? "" : out.error().message.c_str());
        for (int i = 1; i < 4; ++i)
            QVERIFY2(out->find("Message " + std::to_string(i) + ":") != std::string::npos, f.name.c_str());
    }

    void fallbackChatmlAndLlama3Output()
    {
        const Json messages =
            Json::array({{{"role", "system"}, {"content", "S"}}, {{"role", "user"}, {"content", "Hi"}}});
        auto chatml = ChatTemplate::parse(fallbackTemplate("qwen2", "").source);
        QVERIFY(chatml);
        QCOMPARE(*chatml->renderChat(messages, nullptr, true, "", "<|im_end|>"),
            std::string("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"));
        auto llama3 = ChatTemplate::parse(fallbackTemplate("llama", "<|eot_id|>").source);
        QVERIFY(llama3);
        QCOMPARE(*llama3->renderChat(messages, nullptr, true, "<|begin_of_text|>", "<|eot_id|>"),
            std::string("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nS<|eot_id|>"
                        "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                        "<|start_header_id|>assistant<|end_header_id|>\n\n"));
    }

    // --- speed and concurrency --------------------------------------------------------------------------------------
    void rendersTwentyMessagesWellUnderAMillisecond()
    {
        std::string source =
            readFile(ATRIUM_SHARED_DIR "/reference/chat-templates/meta-llama-Llama-3.1-8B-Instruct.jinja");
        if (source.empty())
            source = fallbackTemplate("llama", "<|eot_id|>").source;
        auto tmpl = ChatTemplate::parse(source);
        QVERIFY(tmpl);
        const Json messages = conversation(20);
        RenderOptions options;
        options.now = fixedNow();
        std::vector<double> ms;
        for (int i = 0; i < 51; ++i) {
            const auto start = Clock::now();
            const auto out =
                tmpl->renderChat(messages, nullptr, true, "<|begin_of_text|>", "<|eot_id|>", Json::object(), options);
            ms.push_back(millisecondsSince(start));
            QVERIFY(out && out->size() > 2000);
        }
        std::sort(ms.begin(), ms.end());
        qInfo("median render of 20 messages: %.3f ms (bound %.1f ms)", ms[ms.size() / 2], kSlowdown);
        QVERIFY2(ms[ms.size() / 2] < 1.0 * kSlowdown, qPrintable(QString::number(ms[ms.size() / 2])));
    }

    void rendersConcurrently()
    {
        auto tmpl = ChatTemplate::parse("{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}"
                                        "{{ m.content|upper }}{% endfor %}{{ ns.n }}");
        QVERIFY(tmpl);
        const Json messages = conversation(20);
        const std::string expected = *tmpl->renderChat(messages, nullptr, false, "", "");
        std::vector<std::string> results(4);
        std::vector<std::thread> threads;
        for (size_t t = 0; t < results.size(); ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 50; ++i)
                    results[t] = *tmpl->renderChat(messages, nullptr, false, "", "");
            });
        for (auto &t : threads)
            t.join();
        for (const auto &r : results)
            QCOMPARE(r, expected);
    }
};

QTEST_APPLESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
