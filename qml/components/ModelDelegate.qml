// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// One search result: name and author, what it is (size, architecture, licence, gate), whether it fits, and how
// popular and fresh it is. Activating it opens the model page.
ItemDelegate {
    id: root

    required property int index
    required property string repoId
    required property string name
    required property string author
    required property double downloads
    required property double likes
    required property var lastModified
    required property double parameters
    required property string architecture
    required property string licence
    required property string gated
    required property string fit
    required property bool local

    signal opened(string repoId)

    width: ListView.view ? ListView.view.width : implicitWidth
    padding: Theme.spacing
    focusPolicy: Qt.StrongFocus
    highlighted: ListView.isCurrentItem && ListView.view.activeFocus

    Accessible.role: Accessible.ListItem
    Accessible.name: root.repoId + (root.gated.length > 0 ? ", " + qsTr("gated") : "")
    Accessible.description: Format.count(root.downloads) + " " + qsTr("downloads")

    onClicked: root.opened(root.repoId)
    Keys.onReturnPressed: root.opened(root.repoId)
    Keys.onEnterPressed: root.opened(root.repoId)

    background: Rectangle {
        color: root.down ? Theme.selection : root.hovered || root.highlighted ? Theme.surfaceAlt : Theme.surface
        border.color: root.visualFocus ? Theme.accent : Theme.border
        border.width: root.visualFocus ? 2 : 1
        radius: Theme.radius
    }

    contentItem: RowLayout {
        spacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.unit

            Label {
                Layout.fillWidth: true
                text: root.name
                font.weight: Font.DemiBold
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: root.author
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.unit

                Badge {
                    visible: root.parameters > 0
                    text: Format.parameters(root.parameters)
                    tip: qsTr("Parameters")
                }
                Badge {
                    visible: root.architecture.length > 0
                    text: root.architecture
                }
                Badge {
                    visible: root.licence.length > 0
                    text: root.licence
                    tip: qsTr("Licence")
                }
                Badge {
                    visible: root.gated.length > 0
                    text: qsTr("Gated")
                    textColor: Theme.warn
                    fill: Theme.warnSoft
                    tip: qsTr("Accept the licence on the Hub and add an access token to download")
                }
                Badge {
                    visible: root.local
                    text: qsTr("In library")
                    textColor: Theme.good
                    fill: Theme.goodSoft
                }
                FitLabel {
                    fit: root.fit
                    explanation: qsTr("For a 4-bit file at a 4096-token context")
                }
            }
        }

        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            spacing: Theme.unit

            Label {
                Layout.alignment: Qt.AlignRight
                text: "↓ " + Format.count(root.downloads)
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
                Accessible.name: qsTr("%1 downloads").arg(Format.count(root.downloads))
            }
            Label {
                Layout.alignment: Qt.AlignRight
                text: "♥ " + Format.count(root.likes)
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
                Accessible.name: qsTr("%1 likes").arg(Format.count(root.likes))
            }
            Label {
                Layout.alignment: Qt.AlignRight
                text: Format.relativeDate(root.lastModified)
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
            }
        }
    }
}
