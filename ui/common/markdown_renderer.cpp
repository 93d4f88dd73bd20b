// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "common/markdown_renderer.h"

#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace MarkdownRenderer
{

namespace
{
constexpr qsizetype kMaxCardChars = 200000; ///< huge cards are cut: the page stays responsive

QString preprocess(QString text)
{
    if (text.size() > kMaxCardChars)
        text = text.left(kMaxCardChars) + u"\n\n…"_s;
    // ![alt](url) → [alt](url): images stay reachable, nothing is fetched.
    static const QRegularExpression image(u"!\\[([^\\]]*)\\]\\(([^)\\s]+)[^)]*\\)"_s);
    text.replace(image, u"[\\1 (image)](\\2)"_s);
    // Raw HTML blocks (<div>, <img>, <p align=…>, comments) carry layout the card cannot show faithfully.
    static const QRegularExpression comment(u"<!--.*?-->"_s, QRegularExpression::DotMatchesEverythingOption);
    text.remove(comment);
    static const QRegularExpression tag(
        u"</?(?:div|img|p|span|br|a|picture|source|center|details|summary|sup|sub|h[1-6]|table|tr|td|th|thead|tbody|b|i|strong|em|font)\\b[^>]*>"_s,
        QRegularExpression::CaseInsensitiveOption);
    text.remove(tag);
    return text;
}

QString resolve(const QString &href, const QUrl &repoBase)
{
    const QUrl url(href);
    if (url.isEmpty() || !url.isRelative() || href.startsWith(u'#'))
        return href;
    QUrl base = repoBase;
    base.setPath(repoBase.path() + u"/blob/main/"_s);
    return base.resolved(url).toString();
}
} // namespace

QString toHtml(const QString &markdown, const QUrl &repoBase, const QColor &linkColor)
{
    QTextDocument doc;
    doc.setMarkdown(preprocess(markdown), QTextDocument::MarkdownDialectGitHub);
    struct Link {
        int position;
        int length;
        QTextCharFormat format;
    };
    QList<Link> links;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.charFormat().isAnchor())
                links.append({fragment.position(), fragment.length(), fragment.charFormat()});
        }
    }
    // Formats are changed after the walk: changing them during it would merge and split the fragments walked.
    for (Link &link : links) {
        link.format.setAnchorHref(resolve(link.format.anchorHref(), repoBase));
        link.format.setForeground(linkColor);
        link.format.setFontUnderline(true);
        QTextCursor cursor(&doc);
        cursor.setPosition(link.position);
        cursor.setPosition(link.position + link.length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(link.format);
    }
    return doc.toHtml();
}

} // namespace MarkdownRenderer
