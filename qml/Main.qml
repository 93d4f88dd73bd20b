// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Atrium
import Atrium.Ui

ApplicationWindow {
    id: root

    width: 1180
    height: 760
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: qsTr("Atrium")
    color: Theme.background

    Material.theme: Theme.dark ? Material.Dark : Material.Light
    Material.accent: Theme.accent
    Material.primary: Theme.accent
    Material.background: Theme.background
    Material.foreground: Theme.text

    LayoutMirroring.enabled: Qt.application.layoutDirection === Qt.RightToLeft
    LayoutMirroring.childrenInherit: true

    function pageIndex(page) {
        switch (page) {
        case Navigator.Welcome: return 0
        case Navigator.Discover: return 1
        case Navigator.Model: return 2
        case Navigator.Library: return 3
        case Navigator.Chat: return 4
        case Navigator.Compare: return 5
        case Navigator.Settings: return 6
        }
        return 1
    }

    Shortcut { sequence: "Ctrl+1"; onActivated: Navigator.page = Navigator.Discover }
    Shortcut { sequence: "Ctrl+2"; onActivated: Navigator.page = Navigator.Library }
    Shortcut { sequence: "Ctrl+3"; onActivated: Navigator.page = Navigator.Chat }
    Shortcut { sequence: "Ctrl+4"; onActivated: Navigator.page = Navigator.Compare }
    Shortcut { sequence: "Ctrl+,"; onActivated: Navigator.page = Navigator.Settings }
    Shortcut {
        sequences: [StandardKey.Back, "Alt+Left"]
        enabled: Navigator.canGoBack
        onActivated: Navigator.back()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        NavRail {
            Layout.fillHeight: true
            current: Navigator.section
            onActivated: page => Navigator.page = page
        }

        StackLayout {
            id: pages

            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: root.pageIndex(Navigator.page)

            // Each page is created the first time it is shown and kept afterwards, so startup builds one screen.
            Repeater {
                model: [
                    "pages/WelcomePage.qml", "pages/DiscoverPage.qml", "pages/ModelPage.qml",
                    "pages/LibraryPage.qml", "pages/ChatPage.qml", "pages/ComparePage.qml",
                    "pages/SettingsPage.qml"
                ]
                delegate: Loader {
                    required property string modelData
                    required property int index

                    active: false
                    source: modelData
                    Component.onCompleted: active = pages.currentIndex === index

                    Connections {
                        target: pages
                        function onCurrentIndexChanged() {
                            if (pages.currentIndex === index)
                                active = true
                        }
                    }
                }
            }
        }
    }
}
