// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// A model's page: what it is (badges from its card), its files grouped by quantization with sizes and whether they
// fit, downloads, and the model card itself. Gated models say how to get access.
Pane {
    id: root

    padding: Theme.spacingLarge
    background: null

    Binding {
        target: ModelPage
        property: "linkColor"
        value: Theme.accent
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall

            IconButton {
                iconName: "back"
                rotation: mirrored ? 180 : 0 // points to where the reading started: right in right-to-left layouts
                tip: qsTr("Back")
                onClicked: Navigator.back()
            }
            PageHeader {
                Layout.fillWidth: true
                title: ModelPage.name
                subtitle: ModelPage.author
                IconButton {
                    iconName: "external"
                    tip: qsTr("Open on the Hub")
                    onClicked: Qt.openUrlExternally(ModelPage.pageUrl)
                }
            }
        }

        Flow {
            // A fixed width from the start: a Flow whose width the layout changes re-flows its height in a loop.
            Layout.preferredWidth: root.availableWidth
            spacing: Theme.unit
            Repeater {
                model: ModelPage.badges
                delegate: Badge {
                    required property var modelData
                    text: modelData.text
                    textColor: modelData.kind === "licence" ? Theme.accent : Theme.textMuted
                }
            }
            Badge {
                visible: ModelPage.parameters > 0
                text: qsTr("%1 parameters").arg(Format.parameters(ModelPage.parameters))
            }
            Badge {
                visible: ModelPage.trainedContext > 0
                text: qsTr("%1 tokens of context").arg(Format.count(ModelPage.trainedContext))
            }
            Label {
                text: qsTr("↓ %1 · ♥ %2 · updated %3").arg(Format.count(ModelPage.downloads))
                      .arg(Format.count(ModelPage.likes)).arg(Format.relativeDate(ModelPage.lastModified))
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
                visible: ModelPage.downloads > 0 || ModelPage.likes > 0
            }
        }

        GatedNotice {
            Layout.fillWidth: true
            visible: ModelPage.gated.length > 0
        }

        ErrorBanner {
            Layout.fillWidth: true
            visible: text.length > 0 && ModelPage.errorKind !== "unauthorized"
            kind: ModelPage.errorKind === "offline" ? "warning" : "error"
            text: ModelPage.errorString
            actionText: qsTr("Try again")
            onActionTriggered: ModelPage.reload()
        }

        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            running: ModelPage.loading
            visible: running
            Accessible.name: qsTr("Loading the model")
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: root.width > 980 ? 2 : 1
            columnSpacing: Theme.spacingLarge
            rowSpacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 420
                Layout.maximumWidth: parent.columns > 1 ? 480 : Number.POSITIVE_INFINITY
                spacing: Theme.spacingSmall

                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Files")
                        font.pixelSize: Theme.headingSize
                        font.weight: Font.DemiBold
                        color: Theme.text
                    }
                    Label {
                        text: qsTr("Context")
                        color: Theme.textMuted
                    }
                    ComboBox {
                        model: [2048, 4096, 8192, 16384, 32768]
                        currentIndex: Math.max(0, model.indexOf(ModelPage.contextSize))
                        Accessible.name: qsTr("Context length the fit is computed for")
                        onActivated: ModelPage.contextSize = currentValue
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Running on %1 with %2 available for models.").arg(Machine.activeDeviceName)
                          .arg(Format.bytes(Machine.memoryBudgetBytes))
                    color: Theme.textMuted
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.Wrap
                }
                ListView {
                    id: files

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: 160
                    clip: true
                    spacing: Theme.unit
                    model: ModelPage.files
                    activeFocusOnTab: true
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("Files")
                    ScrollBar.vertical: ScrollBar {}
                    section.property: "group"
                    section.delegate: Label {
                        required property string section
                        width: files.width
                        topPadding: Theme.spacingSmall
                        text: section
                        font.weight: Font.DemiBold
                        color: Theme.textMuted
                    }
                    delegate: FileRow {
                        onDownloadRequested: row => ModelPage.download(row)
                        onPauseRequested: row => ModelPage.pause(row)
                        onResumeRequested: row => ModelPage.resume(row)
                        onCancelRequested: row => ModelPage.cancel(row)
                        onChatRequested: (path, label) => {
                            Chat.newChat()
                            Chat.selectModel(path, ModelPage.repoId + " · " + label)
                            Navigator.page = Navigator.Chat
                        }
                    }
                    EmptyState {
                        anchors.centerIn: parent
                        width: parent.width - 2 * Theme.spacing
                        visible: files.count === 0 && !ModelPage.loading
                        iconName: "download"
                        title: qsTr("No GGUF files here")
                        explanation: qsTr("Atrium runs GGUF files. Look for a repository whose name ends in GGUF.")
                    }
                }
            }

            ScrollView {
                id: cardScroll

                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 200
                // The card's size must not feed back into the layout: its text wraps to the width it is given.
                Layout.preferredWidth: 400
                Layout.preferredHeight: 0
                clip: true
                contentWidth: availableWidth

                TextEdit {
                    width: cardScroll.availableWidth
                    readOnly: true
                    selectByMouse: true
                    textFormat: TextEdit.RichText
                    wrapMode: TextEdit.Wrap
                    color: Theme.text
                    selectionColor: Theme.selection
                    selectedTextColor: Theme.text
                    text: ModelPage.cardHtml.length > 0 ? ModelPage.cardHtml
                          : ModelPage.cardLoading ? qsTr("Loading the model card…") : ""
                    Accessible.role: Accessible.Document
                    Accessible.name: qsTr("Model card")
                    onLinkActivated: link => Qt.openUrlExternally(link)
                    HoverHandler {
                        cursorShape: parent.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.IBeamCursor
                    }
                }
            }
        }
    }
}
