// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium

// A titled group of settings or facts on a surface.
Rectangle {
    id: root

    property string title
    // NOTE: the content goes into the same layout as the title, not into a nested one: a layout inside a layout
    // leaves re-wrapped text (a wrapped Label whose width changed) at its old height in Qt 6.4, overlapping what
    // follows.
    default property alias content: column.data

    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacingSmall

        Label {
            Layout.fillWidth: true
            visible: root.title.length > 0
            text: root.title
            font.pixelSize: Theme.headingSize
            font.weight: Font.DemiBold
            color: Theme.text
            Accessible.role: Accessible.Heading
            Accessible.name: root.title
        }
    }
}
