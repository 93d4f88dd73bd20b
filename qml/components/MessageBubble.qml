// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// One message: the user's on the trailing side, replies across the page with their statistics. Copy, edit (user),
// regenerate (reply), and arrows to browse earlier versions.
Item {
    id: root

    required property int index
    required property string role
    required property string content
    required property bool streaming
    required property double ttftMs
    required property double tokensPerSecond
    required property int tokenCount
    required property string finish
    required property string errorText
    required property int version
    required property int versionCount
    property bool busy: false
    property bool showActions: true

    readonly property bool isUser: role === "user"
    property bool editing: false

    signal copyRequested(int row)
    signal regenerateRequested(int row)
    signal editRequested(int row, string text)
    signal versionRequested(int row, int delta)

    width: ListView.view ? ListView.view.width : implicitWidth
    implicitHeight: column.implicitHeight + Theme.spacingSmall

    Accessible.role: Accessible.ListItem
    Accessible.name: (isUser ? qsTr("You") : qsTr("Model")) + ": " + content

    ColumnLayout {
        id: column

        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.unit

        Rectangle {
            Layout.alignment: root.isUser ? Qt.AlignRight : Qt.AlignLeft
            Layout.maximumWidth: root.isUser ? root.width * 0.8 : root.width
            Layout.preferredWidth: root.editing ? root.width * 0.8
                                   : Math.min(body.implicitWidth + 2 * Theme.spacing, root.width * (root.isUser ? 0.8 : 1))
            implicitHeight: (root.editing ? editor.implicitHeight + editButtons.implicitHeight : body.implicitHeight)
                            + 2 * Theme.spacingSmall
            radius: Theme.radius
            color: root.isUser ? Theme.userBubble : Theme.surface
            border.color: root.isUser ? "transparent" : Theme.border

            TextEdit {
                id: body

                anchors.fill: parent
                anchors.margins: Theme.spacingSmall
                anchors.leftMargin: Theme.spacing
                anchors.rightMargin: Theme.spacing
                visible: !root.editing
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap
                textFormat: root.streaming || root.isUser ? TextEdit.PlainText : TextEdit.MarkdownText
                text: root.content.length > 0 ? root.content : (root.streaming ? "…" : "")
                color: Theme.text
                selectionColor: Theme.selection
                selectedTextColor: Theme.text
                onLinkActivated: link => Qt.openUrlExternally(link)
            }
            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacingSmall
                visible: root.editing
                TextArea {
                    id: editor
                    Layout.fillWidth: true
                    wrapMode: TextEdit.Wrap
                    Accessible.name: qsTr("Edit your message")
                    Keys.onEscapePressed: root.editing = false
                }
                RowLayout {
                    id: editButtons
                    Layout.alignment: Qt.AlignRight
                    Button {
                        text: qsTr("Cancel")
                        flat: true
                        onClicked: root.editing = false
                    }
                    Button {
                        text: qsTr("Send")
                        highlighted: true
                        enabled: editor.text.trim().length > 0
                        onClicked: {
                            root.editing = false
                            root.editRequested(root.index, editor.text)
                        }
                    }
                }
            }
        }

        Label {
            Layout.fillWidth: true
            visible: root.errorText.length > 0 || root.finish === "stopped" || root.finish === "length"
                     || root.finish === "context-full"
            text: root.errorText.length > 0 ? root.errorText
                  : root.finish === "stopped" ? qsTr("Stopped.")
                  : root.finish === "length" ? qsTr("Reached the length limit set for replies.")
                  : qsTr("The context is full.")
            color: root.errorText.length > 0 || root.finish === "context-full" ? Theme.bad : Theme.textMuted
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
            horizontalAlignment: root.isUser ? Text.AlignRight : Text.AlignLeft
        }

        RowLayout {
            Layout.alignment: root.isUser ? Qt.AlignRight : Qt.AlignLeft
            spacing: 0
            visible: root.showActions && !root.streaming && !root.editing

            IconButton {
                visible: root.versionCount > 1
                iconName: "back"
                rotation: mirrored ? 180 : 0 // backwards in the reading direction
                tip: qsTr("Previous version")
                enabled: root.version > 1 && !root.busy
                onClicked: root.versionRequested(root.index, -1)
            }
            Label {
                visible: root.versionCount > 1
                text: qsTr("%1 of %2").arg(root.version).arg(root.versionCount)
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
            }
            IconButton {
                visible: root.versionCount > 1
                iconName: "back"
                rotation: mirrored ? 0 : 180
                tip: qsTr("Next version")
                enabled: root.version < root.versionCount && !root.busy
                onClicked: root.versionRequested(root.index, 1)
            }
            IconButton {
                iconName: "copy"
                tip: qsTr("Copy")
                onClicked: root.copyRequested(root.index)
            }
            IconButton {
                visible: root.isUser
                iconName: "edit"
                tip: qsTr("Edit and send again")
                enabled: !root.busy
                onClicked: {
                    editor.text = root.content
                    root.editing = true
                    editor.forceActiveFocus()
                }
            }
            IconButton {
                visible: !root.isUser
                iconName: "regenerate"
                tip: qsTr("Write another version")
                enabled: !root.busy
                onClicked: root.regenerateRequested(root.index)
            }
            TokenStatsBar {
                visible: !root.isUser && root.tokenCount > 0
                Layout.leftMargin: Theme.spacingSmall
                ttftMs: root.ttftMs
                tokensPerSecond: root.tokensPerSecond
                tokenCount: root.tokenCount
            }
        }
        TokenStatsBar {
            visible: root.streaming && root.tokenCount > 0
            ttftMs: root.ttftMs
            tokensPerSecond: root.tokensPerSecond
            tokenCount: root.tokenCount
        }
    }
}
