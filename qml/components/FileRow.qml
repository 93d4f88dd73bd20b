// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// One downloadable file (or set of parts) on the model page: size, quantization, fit, and the download with its
// progress, speed and time left, or "Chat" once it is here.
Rectangle {
    id: root

    required property int index
    required property string label
    required property string quantization
    required property double sizeBytes
    required property bool runnable
    required property string note
    required property string fit
    required property string fitExplanation
    required property bool recommended
    required property string localPath
    required property string state
    required property double bytesDone
    required property double speed
    required property double eta
    required property string statusNote

    readonly property bool active: state === "queued" || state === "running" || state === "verifying"
    readonly property bool stopped: state === "paused" || state === "failed"

    signal downloadRequested(int row)
    signal pauseRequested(int row)
    signal resumeRequested(int row)
    signal cancelRequested(int row)
    signal chatRequested(string localPath, string label)

    width: ListView.view ? ListView.view.width : implicitWidth
    implicitHeight: column.implicitHeight + 2 * Theme.spacingSmall
    radius: Theme.radius
    color: recommended ? Theme.accentSoft : Theme.surface
    border.color: recommended ? Theme.accent : Theme.border

    Accessible.role: Accessible.ListItem
    Accessible.name: label + ", " + Format.bytes(sizeBytes) + (recommended ? ", " + qsTr("recommended") : "")

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        spacing: Theme.unit

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall

            ColumnLayout {
                Layout.fillWidth: true
                spacing: Theme.unit

                Label {
                    Layout.fillWidth: true
                    text: root.label
                    elide: Text.ElideMiddle
                    color: root.runnable ? Theme.text : Theme.textMuted
                    font.weight: root.recommended ? Font.DemiBold : Font.Normal
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.unit

                    Badge { text: root.quantization }
                    Badge { text: Format.bytes(root.sizeBytes) }
                    FitLabel { fit: root.runnable ? root.fit : ""; explanation: root.fitExplanation }
                    Badge {
                        visible: root.recommended
                        text: qsTr("Recommended")
                        textColor: Theme.accent
                        fill: Theme.surface
                    }
                }
            }
            Button {
                visible: root.runnable && (root.state === "" || root.state === "cancelled")
                text: qsTr("Download")
                highlighted: root.recommended
                icon.source: Theme.icon("download")
                Accessible.name: qsTr("Download %1").arg(root.label)
                onClicked: root.downloadRequested(root.index)
            }
            Button {
                visible: root.state === "completed" && root.localPath.length > 0 && root.runnable
                text: qsTr("Chat")
                highlighted: true
                icon.source: Theme.icon("chat")
                Accessible.name: qsTr("Chat with %1").arg(root.label)
                onClicked: root.chatRequested(root.localPath, root.label)
            }
        }
        Label {
            Layout.fillWidth: true
            visible: root.note.length > 0 || root.statusNote.length > 0
            text: root.statusNote.length > 0 ? root.statusNote : root.note
            wrapMode: Text.Wrap
            color: root.state === "failed" ? Theme.bad : Theme.textMuted
            font.pixelSize: Theme.smallSize
        }
        ProgressBar {
            Layout.fillWidth: true
            visible: root.active || root.stopped
            from: 0
            to: Math.max(1, root.sizeBytes)
            value: root.bytesDone
            indeterminate: root.state === "queued" || root.state === "verifying"
            Accessible.name: qsTr("Download progress")
        }
        RowLayout {
            Layout.fillWidth: true
            visible: root.active || root.stopped
            spacing: Theme.unit

            Label {
                Layout.fillWidth: true
                text: root.state === "verifying" ? qsTr("Checking the file…")
                      : root.state === "queued" ? qsTr("Waiting to start…")
                      : root.state === "paused" ? qsTr("Paused at %1 of %2").arg(Format.bytes(root.bytesDone))
                                                      .arg(Format.bytes(root.sizeBytes))
                      : root.state === "failed" ? qsTr("Stopped at %1 of %2").arg(Format.bytes(root.bytesDone))
                                                      .arg(Format.bytes(root.sizeBytes))
                      : qsTr("%1 of %2 · %3 · %4 left").arg(Format.bytes(root.bytesDone))
                            .arg(Format.bytes(root.sizeBytes)).arg(Format.speed(root.speed))
                            .arg(Format.duration(root.eta))
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
            }
            IconButton {
                visible: root.active
                iconName: "pause"
                tip: qsTr("Pause")
                onClicked: root.pauseRequested(root.index)
            }
            IconButton {
                visible: root.stopped
                iconName: "play"
                tip: qsTr("Resume")
                onClicked: root.resumeRequested(root.index)
            }
            IconButton {
                iconName: "close"
                tip: qsTr("Cancel and delete the partial file")
                onClicked: root.cancelRequested(root.index)
            }
        }
    }
}
