// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium

// A message across the top of a page: an error, a warning or a note, with an optional action.
Rectangle {
    id: root

    property string text
    property string kind: "error" // "error", "warning" or "info"
    property string actionText

    signal actionTriggered()

    visible: text.length > 0
    implicitHeight: row.implicitHeight + 2 * Theme.spacingSmall
    radius: Theme.radius
    color: kind === "error" ? Theme.badSoft : kind === "warning" ? Theme.warnSoft : Theme.accentSoft
    border.color: kind === "error" ? Theme.bad : kind === "warning" ? Theme.warn : Theme.accent
    border.width: 1

    Accessible.role: Accessible.AlertMessage
    Accessible.name: root.text

    RowLayout {
        id: row

        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        spacing: Theme.spacingSmall

        Icon {
            iconName: root.kind === "info" ? "check" : "warning"
            size: 18
            color: root.border.color
        }
        Label {
            Layout.fillWidth: true
            text: root.text
            wrapMode: Text.Wrap
            color: Theme.text
        }
        Button {
            visible: root.actionText.length > 0
            text: root.actionText
            flat: true
            Accessible.name: root.actionText
            onClicked: root.actionTriggered()
        }
    }
}
