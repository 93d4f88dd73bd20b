// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import Atrium

// A short label in a rounded chip (licence, task, quantization, "gated", …).
Rectangle {
    id: root

    property string text
    property color textColor: Theme.textMuted
    property color fill: Theme.surfaceAlt
    property string tip

    implicitWidth: Math.min(label.implicitWidth + 2 * Theme.spacingSmall, 320)
    implicitHeight: label.implicitHeight + Theme.unit
    radius: height / 2
    color: fill

    Accessible.role: Accessible.StaticText
    Accessible.name: root.tip.length > 0 ? root.text + ": " + root.tip : root.text

    Label {
        id: label

        anchors.centerIn: parent
        width: Math.min(implicitWidth, root.width - 2 * Theme.spacingSmall)
        text: root.text
        color: root.textColor
        font.pixelSize: Theme.smallSize
        elide: Text.ElideRight
    }

    HoverHandler {
        id: hover
    }
    ToolTip.visible: hover.hovered && root.tip.length > 0
    ToolTip.text: root.tip
    ToolTip.delay: 400
}
