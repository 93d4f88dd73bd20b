// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// Chat: conversations on the side, the open one in the middle with its model, streaming replies, statistics under
// each reply, context use, and the conversation's settings on demand.
Pane {
    id: root

    readonly property ChatSession session: Chat.session

    padding: Theme.spacingLarge
    background: null

    Shortcut {
        sequence: "Ctrl+N"
        onActivated: Chat.newChat()
    }
    Shortcut {
        sequence: "Ctrl+L"
        onActivated: composer.focusInput()
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        ConversationSidebar {
            Layout.fillHeight: true
            Layout.preferredWidth: 240
            visible: root.width > 760
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacingSmall

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingSmall

                ModelPicker {
                    Layout.preferredWidth: Math.min(440, root.width * 0.45)
                    selectedPath: root.session.modelPath
                    onChosen: (path, label) => Chat.selectModel(path, label)
                }
                BusyIndicator {
                    running: root.session.modelStatus === "loading"
                    visible: running
                    implicitWidth: 32
                    implicitHeight: 32
                    Accessible.name: qsTr("Loading the model")
                }
                Label {
                    Layout.fillWidth: true
                    text: root.session.modelStatus === "ready"
                          ? qsTr("On %1").arg(root.session.deviceName)
                          : root.session.modelStatus === "loading" ? qsTr("Loading…") : ""
                    color: Theme.textMuted
                    elide: Text.ElideRight
                    ToolTip.visible: deviceHover.hovered && root.session.deviceNote.length > 0
                    ToolTip.text: root.session.deviceNote
                    HoverHandler { id: deviceHover }
                }
                ContextMeter {
                    used: root.session.contextUsed
                    size: root.session.contextSize
                }
                IconButton {
                    iconName: "settings"
                    tip: qsTr("Conversation settings")
                    checkable: true
                    checked: settingsPane.visible
                    onClicked: settingsPane.visible = !settingsPane.visible
                }
            }

            ErrorBanner {
                Layout.fillWidth: true
                text: root.session.errorString
            }
            ErrorBanner {
                Layout.fillWidth: true
                kind: "warning"
                text: root.session.notice
                actionText: root.session.contextFull ? qsTr("New chat") : ""
                onActionTriggered: Chat.newChat()
            }
            Label {
                Layout.fillWidth: true
                visible: root.session.modelStatus === "ready" && !root.session.hasChatTemplate
                text: qsTr("This model has no chat template: it continues the text you write instead of answering it.")
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
                wrapMode: Text.Wrap
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.spacing

                ListView {
                    id: messages

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: Theme.spacingSmall
                    model: root.session.messages
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Messages")
                    ScrollBar.vertical: ScrollBar {}
                    // Follow a streaming reply unless the user scrolled up to read.
                    property bool follow: true
                    onMovementEnded: follow = atYEnd
                    onContentHeightChanged: if (follow) positionViewAtEnd()
                    onCountChanged: { follow = true; positionViewAtEnd() }

                    delegate: MessageBubble {
                        busy: root.session.generating
                        onCopyRequested: row => Chat.copy(row)
                        onRegenerateRequested: row => Chat.regenerate(row)
                        onEditRequested: (row, text) => Chat.edit(row, text)
                        onVersionRequested: (row, delta) => Chat.showVersion(row, delta)
                    }

                    EmptyState {
                        anchors.centerIn: parent
                        width: Math.min(parent.width - 2 * Theme.spacingLarge, 440)
                        visible: messages.count === 0
                        iconName: "chat"
                        title: root.session.modelPath.length > 0 ? qsTr("Ask anything") : qsTr("Choose a model to chat with")
                        explanation: Library.files.count === 0
                                     ? qsTr("You have no models yet. Find one in Discover; small ones download in a minute.")
                                     : qsTr("Replies are written on this computer; nothing leaves it.")
                        actionText: Library.files.count === 0 ? qsTr("Discover models") : ""
                        onActionTriggered: Navigator.page = Navigator.Discover
                    }
                }

                SamplingPanel {
                    id: settingsPane
                    Layout.fillHeight: true
                    Layout.preferredHeight: 0
                    Layout.preferredWidth: 300
                    visible: false
                }
            }

            Composer {
                id: composer

                Layout.fillWidth: true
                busy: root.session.generating
                canSend: root.session.modelPath.length > 0
                placeholder: root.session.modelPath.length > 0 ? qsTr("Write a message") : qsTr("Choose a model first")
                onSendRequested: text => Chat.send(text)
                onStopRequested: Chat.stop()
            }
        }
    }
}
