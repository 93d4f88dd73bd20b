// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium

// The prompt box: Enter sends, Shift+Enter starts a new line, Escape stops a running reply.
Rectangle {
    id: root

    property bool busy: false
    property bool canSend: true
    property string placeholder: qsTr("Write a message")

    signal sendRequested(string text)
    signal stopRequested()

    function focusInput() {
        input.forceActiveFocus()
    }

    implicitHeight: Math.min(Math.max(input.implicitHeight, 44), 200) + 2 * Theme.spacingSmall
    radius: Theme.radius
    color: Theme.surface
    border.color: input.activeFocus ? Theme.accent : Theme.border

    function submit() {
        if (root.busy || !root.canSend || input.text.trim().length === 0)
            return
        root.sendRequested(input.text)
        input.clear()
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.unit
        spacing: Theme.unit

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true

            TextArea {
                id: input

                placeholderText: root.placeholder
                wrapMode: TextEdit.Wrap
                background: null
                Accessible.role: Accessible.EditableText
                Accessible.name: qsTr("Message")
                Keys.onReturnPressed: event => {
                    if (event.modifiers & Qt.ShiftModifier)
                        event.accepted = false
                    else
                        root.submit()
                }
                Keys.onEnterPressed: root.submit()
                Keys.onEscapePressed: if (root.busy) root.stopRequested()
            }
        }
        Button {
            Layout.alignment: Qt.AlignBottom
            text: root.busy ? qsTr("Stop") : qsTr("Send")
            icon.source: Theme.icon(root.busy ? "stop" : "send")
            highlighted: true
            enabled: root.busy || (root.canSend && input.text.trim().length > 0)
            Accessible.name: text
            onClicked: root.busy ? root.stopRequested() : root.submit()
        }
    }
}
