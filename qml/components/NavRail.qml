// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// The sidebar that switches between the main screens.
Rectangle {
    id: root

    property int current: Navigator.Discover

    signal activated(int page)

    implicitWidth: column.implicitWidth + 2 * Theme.spacingSmall
    color: Theme.sidebar

    Accessible.role: Accessible.PageTabList
    Accessible.name: qsTr("Sections")

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        spacing: Theme.unit

        Label {
            Layout.alignment: Qt.AlignHCenter
            Layout.bottomMargin: Theme.spacingSmall
            text: qsTr("Atrium")
            font.pixelSize: Theme.headingSize
            font.weight: Font.Bold
            color: Theme.accent
            Accessible.ignored: true
        }

        Repeater {
            model: [
                { page: Navigator.Discover, icon: "discover", label: qsTr("Discover"), keys: "Ctrl+1" },
                { page: Navigator.Library, icon: "library", label: qsTr("Library"), keys: "Ctrl+2" },
                { page: Navigator.Chat, icon: "chat", label: qsTr("Chat"), keys: "Ctrl+3" },
                { page: Navigator.Compare, icon: "compare", label: qsTr("Compare"), keys: "Ctrl+4" }
            ]
            delegate: NavButton {
                id: entry

                required property var modelData

                Layout.fillWidth: true
                text: modelData.label
                iconName: modelData.icon
                shortcutText: modelData.keys
                checked: root.current === entry.modelData.page
                onClicked: root.activated(entry.modelData.page)
            }
        }

        Item {
            Layout.fillHeight: true
        }

        NavButton {
            Layout.fillWidth: true
            text: qsTr("Settings")
            iconName: "settings"
            shortcutText: "Ctrl+,"
            checked: root.current === Navigator.Settings
            onClicked: root.activated(Navigator.Settings)
        }
    }
}
