// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// A download in the Library: file, progress, speed, time left and what it is doing, with pause, resume and cancel.
Rectangle {
    id: root

    required property string repoId
    required property string path
    required property string fileName
    required property string state
    required property double bytesDone
    required property double bytesTotal
    required property double speed
    required property double eta
    required property string note
    required property bool active

    width: ListView.view ? ListView.view.width : implicitWidth
    implicitHeight: column.implicitHeight + 2 * Theme.spacingSmall
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    Accessible.role: Accessible.ListItem
    Accessible.name: fileName + ", " + state

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        spacing: Theme.unit

        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: root.fileName
                elide: Text.ElideMiddle
                color: Theme.text
            }
            Label {
                text: root.repoId
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
                Layout.maximumWidth: 280
            }
        }
        ProgressBar {
            Layout.fillWidth: true
            from: 0
            to: Math.max(1, root.bytesTotal)
            value: root.bytesDone
            indeterminate: root.state === "queued" || root.state === "verifying"
            Accessible.name: qsTr("Download progress")
        }
        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: {
                    if (root.state === "completed")
                        return qsTr("Done · %1").arg(Format.bytes(root.bytesTotal))
                    if (root.state === "verifying")
                        return qsTr("Checking the file…")
                    if (root.state === "queued")
                        return qsTr("Waiting to start…")
                    const done = qsTr("%1 of %2").arg(Format.bytes(root.bytesDone)).arg(Format.bytes(root.bytesTotal))
                    if (root.state === "running")
                        return done + " · " + Format.speed(root.speed) + " · " + qsTr("%1 left").arg(Format.duration(root.eta))
                    if (root.state === "paused")
                        return done + " · " + qsTr("paused")
                    if (root.state === "failed")
                        return done + " · " + qsTr("failed")
                    return done
                }
                color: root.state === "failed" ? Theme.bad : Theme.textMuted
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
            }
            IconButton {
                visible: root.active
                iconName: "pause"
                tip: qsTr("Pause")
                onClicked: Downloads.pause(root.repoId, root.path)
            }
            IconButton {
                visible: root.state === "paused" || root.state === "failed"
                iconName: "play"
                tip: qsTr("Resume")
                onClicked: Downloads.resume(root.repoId, root.path)
            }
            IconButton {
                visible: root.state !== "completed" && root.state !== "cancelled"
                iconName: "close"
                tip: qsTr("Cancel and delete the partial file")
                onClicked: Downloads.cancel(root.repoId, root.path)
            }
        }
        Label {
            Layout.fillWidth: true
            visible: root.note.length > 0
            text: root.note
            wrapMode: Text.Wrap
            color: Theme.textMuted
            font.pixelSize: Theme.smallSize
        }
    }
}
