// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// Saved conversations, newest first, with a button for a new one.
Rectangle {
    id: root

    color: Theme.surface
    border.color: Theme.border
    radius: Theme.radius

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        spacing: Theme.spacingSmall

        Button {
            Layout.fillWidth: true
            text: qsTr("New chat")
            icon.source: Theme.icon("add")
            Accessible.name: text
            onClicked: Chat.newChat()
        }

        ListView {
            id: list

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Chat.conversations
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Conversations")
            ScrollBar.vertical: ScrollBar {}

            delegate: ItemDelegate {
                id: item

                required property int index
                required property var conversationId
                required property string title
                required property var updatedAt

                width: list.width
                highlighted: conversationId === Chat.conversationId
                Accessible.name: title
                onClicked: Chat.openConversation(conversationId)
                Keys.onDeletePressed: Chat.deleteConversation(conversationId)

                contentItem: RowLayout {
                    spacing: Theme.unit
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            Layout.fillWidth: true
                            text: item.title.length > 0 ? item.title : qsTr("Untitled")
                            elide: Text.ElideRight
                            color: Theme.text
                        }
                        Label {
                            Layout.fillWidth: true
                            text: Format.relativeDate(item.updatedAt)
                            color: Theme.textMuted
                            font.pixelSize: Theme.smallSize
                        }
                    }
                    IconButton {
                        visible: item.hovered || item.highlighted
                        iconName: "delete"
                        tip: qsTr("Delete this conversation")
                        onClicked: Chat.deleteConversation(item.conversationId)
                    }
                }
            }

            Label {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacing
                visible: list.count === 0
                text: qsTr("Your conversations appear here.")
                color: Theme.textMuted
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }
}
