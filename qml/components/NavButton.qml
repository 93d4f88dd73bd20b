// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium

// One entry of the sidebar: an icon over a short label. Checked when its section is showing.
AbstractButton {
    id: root

    property string iconName
    property string shortcutText

    implicitWidth: Math.max(76, content.implicitWidth + 2 * Theme.spacingSmall)
    implicitHeight: content.implicitHeight + 2 * Theme.spacingSmall
    focusPolicy: Qt.StrongFocus
    hoverEnabled: true

    Accessible.role: Accessible.PageTab
    Accessible.name: root.text
    Accessible.description: root.shortcutText
    ToolTip.visible: hovered && shortcutText.length > 0
    ToolTip.delay: 600
    ToolTip.text: shortcutText

    background: Rectangle {
        radius: Theme.radius
        color: root.checked ? Theme.selection : root.hovered ? Theme.surfaceAlt : "transparent"
        border.width: root.visualFocus ? 2 : 0
        border.color: Theme.accent
    }

    contentItem: ColumnLayout {
        id: content

        spacing: 2

        Icon {
            Layout.alignment: Qt.AlignHCenter
            iconName: root.iconName
            size: 22
            color: root.checked ? Theme.accent : Theme.textMuted
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            Layout.maximumWidth: 96
            text: root.text
            font.pixelSize: Theme.smallSize
            font.weight: root.checked ? Font.DemiBold : Font.Normal
            color: root.checked ? Theme.accent : Theme.text
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignHCenter
        }
    }
}
