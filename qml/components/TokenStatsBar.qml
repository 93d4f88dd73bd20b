// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import Atrium
import Atrium.Ui

// Under a reply: time to first token, speed and length.
Label {
    id: root

    property double ttftMs: -1
    property double tokensPerSecond: 0
    property int tokenCount: 0

    visible: tokenCount > 0
    text: qsTr("First token %1 · %2 · %3").arg(Format.milliseconds(ttftMs)).arg(Format.tokensPerSecond(tokensPerSecond))
          .arg(tokenCount === 1 ? qsTr("1 token") : qsTr("%1 tokens").arg(tokenCount))
    color: Theme.textMuted
    font.pixelSize: Theme.smallSize
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
