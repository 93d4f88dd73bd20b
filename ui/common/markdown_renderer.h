// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QColor>
#include <QString>
#include <QUrl>

/// Model cards as rich text: markdown (GitHub dialect) to the HTML subset Qt Quick's TextEdit shows. Relative links
/// point into the repository on the Hub; images become links (the card never loads remote content by itself); raw
/// HTML is dropped; links get `linkColor`.
namespace MarkdownRenderer
{
/// `repoBase` is the repository's page ("https://huggingface.co/org/name"); relative links resolve against
/// "<repoBase>/blob/main/".
QString toHtml(const QString &markdown, const QUrl &repoBase, const QColor &linkColor);
} // namespace MarkdownRenderer
