// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium

// What a list shows when it has nothing yet: an icon, one sentence, and optionally one action.
ColumnLayout {
    id: root

    property string iconName: "discover"
    property string title
    property string explanation
    property string actionText

    signal actionTriggered()

    spacing: Theme.spacingSmall

    Icon {
        Layout.alignment: Qt.AlignHCenter
        iconName: root.iconName
        size: 40
        color: Theme.textMuted
    }
    Label {
        Layout.fillWidth: true
        text: root.title
        font.pixelSize: Theme.headingSize
        font.weight: Font.DemiBold
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        color: Theme.text
    }
    Label {
        Layout.fillWidth: true
        visible: root.explanation.length > 0
        text: root.explanation
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        color: Theme.textMuted
    }
    Button {
        Layout.alignment: Qt.AlignHCenter
        visible: root.actionText.length > 0
        text: root.actionText
        highlighted: true
        Accessible.name: root.actionText
        onClicked: root.actionTriggered()
    }
}
