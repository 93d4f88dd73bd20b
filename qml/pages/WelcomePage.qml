// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// First run: what this computer can do, a few small models that fit, and one click to download one and chat.
Pane {
    id: root

    padding: Theme.spacingLarge
    background: null

    ScrollView {
        id: scroll

        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            x: Math.max(0, (scroll.availableWidth - width) / 2)
            width: Math.min(scroll.availableWidth, Theme.maxReadableWidth)
            spacing: Theme.spacing

            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingLarge
                text: qsTr("Welcome to Atrium")
                font.pixelSize: Theme.titleSize * 1.3
                font.weight: Font.Bold
                color: Theme.text
                wrapMode: Text.Wrap
                Accessible.role: Accessible.Heading
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Atrium runs open language models on this computer. What you write stays here.")
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                text: Machine.ready
                      ? qsTr("This computer has %1 of memory and runs models on %2.").arg(Format.bytes(Machine.systemRamBytes))
                            .arg(Machine.activeDeviceName)
                      : qsTr("Looking at this computer…")
                color: Theme.text
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                text: qsTr("Pick a model to start")
                font.pixelSize: Theme.headingSize
                font.weight: Font.DemiBold
                color: Theme.text
            }

            Repeater {
                model: Welcome.recommendations
                delegate: Rectangle {
                    id: card

                    required property int index
                    required property string repoId
                    required property string title
                    required property string blurb
                    required property double sizeBytes
                    required property string fit
                    required property string fitExplanation
                    required property string state
                    required property double fraction

                    Layout.fillWidth: true
                    implicitHeight: cardRow.implicitHeight + 2 * Theme.spacing
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: index === 0 && fit === "fits" ? Theme.accent : Theme.border
                    Accessible.role: Accessible.ListItem
                    Accessible.name: title + ", " + Format.bytes(sizeBytes)

                    RowLayout {
                        id: cardRow
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        spacing: Theme.spacing
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: Theme.unit
                            Label {
                                Layout.fillWidth: true
                                text: card.title
                                font.weight: Font.DemiBold
                                color: Theme.text
                                wrapMode: Text.Wrap
                            }
                            Label {
                                Layout.fillWidth: true
                                text: card.blurb
                                color: Theme.textMuted
                                wrapMode: Text.Wrap
                            }
                            Flow {
                                Layout.fillWidth: true
                                spacing: Theme.unit
                                Badge { text: qsTr("%1 download").arg(Format.bytes(card.sizeBytes)) }
                                FitLabel { fit: card.fit; explanation: card.fitExplanation }
                            }
                            ProgressBar {
                                Layout.fillWidth: true
                                visible: card.state === "running"
                                value: card.fraction
                                Accessible.name: qsTr("Download progress")
                            }
                        }
                        Button {
                            text: card.state === "running" ? qsTr("Downloading…")
                                  : card.state === "failed" ? qsTr("Try again") : qsTr("Download and chat")
                            highlighted: card.index === 0
                            enabled: Welcome.busyRepoId.length === 0 && card.fit !== "no"
                            Accessible.name: qsTr("Download %1 and chat").arg(card.title)
                            onClicked: Welcome.choose(card.index)
                        }
                    }
                }
            }

            ErrorBanner {
                Layout.fillWidth: true
                text: Welcome.errorString
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingSmall
                Button {
                    text: qsTr("Browse all models")
                    onClicked: Welcome.skip()
                }
                Button {
                    text: qsTr("Use models I already have")
                    flat: true
                    onClicked: {
                        Welcome.skip()
                        Navigator.page = Navigator.Library
                    }
                }
            }
        }
    }
}
