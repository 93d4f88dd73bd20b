// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
//
// Every reference case under reference/chat-templates/cases renders byte-for-byte as Python jinja2 renders it
// (transformers' apply_chat_template), or fails where jinja2 failed. Cases are discovered from disk: one data row
// per case file.
#include <fstream>
#include <sstream>

#include <QDir>
#include <QTest>

#include "chat/chat_template.h"

using namespace atrium;
using Json = nlohmann::ordered_json;

namespace
{

const QString kRoot = QStringLiteral(ATRIUM_SHARED_DIR "/reference/chat-templates");

std::string readFile(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The fixed "now" of the reference renderings: 26 Nov 2026, 00:00:00.
RenderOptions referenceOptions()
{
    std::tm now {};
    now.tm_year = 2026 - 1900;
    now.tm_mon = 10;
    now.tm_mday = 26;
    RenderOptions options;
    options.now = now;
    return options;
}

QStringList caseFiles()
{
    QStringList files;
    const QDir cases(kRoot + QStringLiteral("/cases"));
    for (const QString &dir : cases.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir sub(cases.filePath(dir));
        for (const QString &file : sub.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            files << sub.filePath(file);
    }
    return files;
}

} // namespace

class TestChatTemplateGolden : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDir(kRoot).exists())
            QSKIP("reference/chat-templates is not available");
    }

    void everyIndexedCaseIsOnDisk()
    {
        const Json index = Json::parse(readFile(kRoot + QStringLiteral("/index.json")));
        int listed = 0;
        for (const auto &[name, entry] : index.items()) {
            for (const auto &c : entry["cases"]) {
                const QString file = kRoot + QStringLiteral("/cases/") + QString::fromStdString(name) + QLatin1Char('/')
                    + QString::fromStdString(c.get<std::string>()) + QStringLiteral(".json");
                QVERIFY2(QFile::exists(file), qPrintable(file));
                ++listed;
            }
        }
        QCOMPARE(caseFiles().size(), listed);
    }

    void rendersLikeJinja2_data()
    {
        QTest::addColumn<QString>("casePath");
        for (const QString &file : caseFiles()) {
            const QFileInfo info(file);
            QTest::newRow(qPrintable(info.dir().dirName() + QLatin1Char('/') + info.completeBaseName())) << file;
        }
    }

    void rendersLikeJinja2()
    {
        QFETCH(QString, casePath);
        const Json c = Json::parse(readFile(casePath));
        const QString templatePath =
            kRoot + QLatin1Char('/') + QString::fromStdString(c["template"].get<std::string>());
        auto tmpl = ChatTemplate::parse(readFile(templatePath));

        std::string error;
        std::string output;
        if (!tmpl) {
            error = tmpl.error().message;
        } else {
            const Json tools = c.contains("tools") ? c["tools"] : Json();
            const Json extra = c.contains("extra_context") ? c["extra_context"] : Json::object();
            auto rendered = tmpl->renderChat(c["messages"],
                tools,
                c["add_generation_prompt"].get<bool>(),
                c["bos_token"].get<std::string>(),
                c["eos_token"].get<std::string>(),
                extra,
                referenceOptions());
            if (rendered)
                output = *rendered;
            else
                error = rendered.error().message;
        }

        const bool expectError = !c["expected_error"].is_null() || c["expected"].is_null();
        if (expectError) {
            QVERIFY2(!error.empty(), "jinja2 raised, the renderer did not");
            if (c.value("error_kind", std::string()) == "raise_exception") {
                const std::string expected = c["expected_error"].get<std::string>();
                QVERIFY2(error.find(expected) != std::string::npos,
                    qPrintable(QString::fromStdString("message '" + error + "' lacks '" + expected + "'")));
            }
            return;
        }
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(QString::fromStdString(output), QString::fromStdString(c["expected"].get<std::string>()));
        QVERIFY(output == c["expected"].get<std::string>()); // byte-exact, beyond QString's normalisation
    }
};

QTEST_APPLESS_MAIN(TestChatTemplateGolden)
#include "test_chat_template_golden.moc"
