// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// How much of the model's context the conversation uses.
RowLayout {
    id: root

    property int used: 0
    property int size: 0

    readonly property real fraction: size > 0 ? Math.min(1, used / size) : 0

    visible: size > 0
    spacing: Theme.unit
    Accessible.role: Accessible.ProgressBar
    Accessible.name: qsTr("Context used: %1 of %2 tokens").arg(used).arg(size)

    Rectangle {
        Layout.preferredWidth: 96
        Layout.preferredHeight: 6
        radius: 3
        color: Theme.surfaceAlt
        Rectangle {
            width: parent.width * root.fraction
            height: parent.height
            radius: 3
            color: root.fraction > 0.9 ? Theme.bad : root.fraction > 0.7 ? Theme.warn : Theme.accent
        }
    }
    Label {
        text: qsTr("%1 / %2").arg(Format.count(root.used)).arg(Format.count(root.size))
        color: Theme.textMuted
        font.pixelSize: Theme.smallSize
    }
}
