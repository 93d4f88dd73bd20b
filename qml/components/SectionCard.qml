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
    default property alias content: body.data

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
        ColumnLayout {
            id: body

            Layout.fillWidth: true
            spacing: Theme.spacingSmall
        }
    }
}
