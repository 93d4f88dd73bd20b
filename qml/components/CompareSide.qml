// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// One side of a comparison: its name (hidden in blind mode), speed and memory, a speed plot and the transcript.
Rectangle {
    id: root

    required property ChatSession session
    property string title
    property color accent: Theme.accent
    property real plotMax: 0

    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    Accessible.role: Accessible.Pane
    Accessible.name: title

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        spacing: Theme.unit

        RowLayout {
            Layout.fillWidth: true
            Rectangle {
                implicitWidth: 10
                implicitHeight: 10
                radius: 5
                color: root.accent
            }
            Label {
                Layout.fillWidth: true
                text: root.title
                font.weight: Font.DemiBold
                color: Theme.text
                elide: Text.ElideRight
            }
            BusyIndicator {
                running: root.session.modelStatus === "loading" || root.session.generating
                visible: running
                implicitWidth: 24
                implicitHeight: 24
            }
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall
            Label {
                text: qsTr("First token %1").arg(Format.milliseconds(root.session.ttftMs))
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
            }
            Label {
                text: Format.tokensPerSecond(root.session.tokensPerSecond)
                color: Theme.text
                font.pixelSize: Theme.smallSize
                font.weight: Font.DemiBold
            }
            Label {
                text: root.session.tokenCount === 1 ? qsTr("1 token") : qsTr("%1 tokens").arg(root.session.tokenCount)
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
            }
            Label {
                text: qsTr("Memory %1").arg(Format.bytes(root.session.memoryBytes))
                color: Theme.textMuted
                font.pixelSize: Theme.smallSize
                visible: root.session.memoryBytes > 0
            }
        }
        SpeedPlot {
            Layout.fillWidth: true
            visible: root.session.speedSeries.length >= 2 // a reply that came in one piece has no curve
            Layout.preferredHeight: 56
            series: root.session.speedSeries
            lineColor: root.accent
            maxValue: root.plotMax
        }
        Label {
            Layout.fillWidth: true
            visible: root.session.errorString.length > 0
            text: root.session.errorString
            color: Theme.bad
            wrapMode: Text.Wrap
        }
        ListView {
            id: transcript

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.unit
            model: root.session.messages
            ScrollBar.vertical: ScrollBar {}
            onContentHeightChanged: positionViewAtEnd()
            delegate: MessageBubble {
                showActions: false
            }
        }
    }
}
