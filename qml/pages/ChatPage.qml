// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium

Pane {
    id: root

    padding: Theme.spacingLarge
    background: null

    PageHeader {
        anchors.left: parent.left
        anchors.right: parent.right
        title: qsTr("Chat")
    }
}
