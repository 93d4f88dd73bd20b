// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include <QTest>

#include "common/markdown_renderer.h"

using namespace Qt::StringLiterals;

class TestMarkdownRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersTheCardWithAbsoluteLinksAndNoImages()
    {
        const QString card = u"# Title\n\nSee [the licence](LICENSE) and [docs](https://example.org/d).\n\n"
                             u"![diagram](https://cdn.example.org/x.png)\n\n<div align=\"center\">centred</div>\n\n"
                             u"| a | b |\n|---|---|\n| 1 | 2 |\n"_s;
        const QString html =
            MarkdownRenderer::toHtml(card, QUrl(u"https://huggingface.co/org/model"_s), QColor(u"#4a4fd6"_s));
        QVERIFY(html.contains(u"https://huggingface.co/org/model/blob/main/LICENSE"_s));
        QVERIFY(html.contains(u"https://example.org/d"_s));
        QVERIFY(html.contains(u"diagram (image)"_s));
        QVERIFY(!html.contains(u"<img"_s));
        QVERIFY(html.contains(u"centred"_s));
        QVERIFY(!html.contains(u"align=\"center\">centred"_s));
        QVERIFY(html.contains(u"#4a4fd6"_s));
        QVERIFY(html.contains(u"<table"_s));
        QVERIFY(html.contains(u"Title"_s));
    }

    void emptyCardGivesEmptyDocument()
    {
        const QString html = MarkdownRenderer::toHtml(QString(), QUrl(u"https://huggingface.co/o/m"_s), Qt::blue);
        QVERIFY(!html.contains(u"href"_s));
    }
};

QTEST_MAIN(TestMarkdownRenderer)
#include "test_markdown_renderer.moc"
