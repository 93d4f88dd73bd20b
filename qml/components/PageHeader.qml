// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium

// The title row at the top of a page, with an optional subtitle and room for actions on the trailing side.
RowLayout {
    id: root

    property string title
    property string subtitle
    default property alias actions: actionRow.data

    spacing: Theme.spacing

    ColumnLayout {
        Layout.fillWidth: true
        spacing: 2

        Label {
            Layout.fillWidth: true
            text: root.title
            font.pixelSize: Theme.titleSize
            font.weight: Font.DemiBold
            color: Theme.text
            elide: Text.ElideRight
            Accessible.role: Accessible.Heading
            Accessible.name: root.title
        }
        Label {
            Layout.fillWidth: true
            visible: root.subtitle.length > 0
            text: root.subtitle
            color: Theme.textMuted
            wrapMode: Text.Wrap
        }
    }

    RowLayout {
        id: actionRow

        spacing: Theme.spacingSmall
    }
}
