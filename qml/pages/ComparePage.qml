// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// Compare: two models side by side on the same prompts, with speed, memory and a speed plot per side. Blind mode
// hides the names until you vote; votes build the local leaderboard.
Pane {
    id: root

    padding: Theme.spacingLarge
    background: null

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingSmall

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Compare")
            subtitle: qsTr("One prompt, two models, answers side by side.")
            Button {
                text: qsTr("Leaderboard")
                checkable: true
                checked: board.visible
                onClicked: board.visible = !board.visible
            }
        }

        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall

            ModelPicker {
                width: Math.min(360, root.width / 3)
                placeholder: qsTr("First model")
                selectedPath: Compare.modelA
                onChosen: path => Compare.modelA = path
            }
            ModelPicker {
                width: Math.min(360, root.width / 3)
                placeholder: qsTr("Second model")
                selectedPath: Compare.modelB
                onChosen: path => Compare.modelB = path
            }
            CheckBox {
                text: qsTr("Blind")
                checked: Compare.blind
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Hide which model is which until you vote")
                onToggled: Compare.blind = checked
            }
            CheckBox {
                text: qsTr("One at a time")
                checked: Compare.sequential
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Fair speed numbers: each model has the computer to itself")
                onToggled: Compare.sequential = checked
            }
            Button {
                text: qsTr("New round")
                icon.source: Theme.icon("regenerate")
                enabled: Compare.ready && !Compare.running
                onClicked: Compare.start()
            }
        }

        ErrorBanner {
            Layout.fillWidth: true
            text: Compare.errorString
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            CompareSide {
                Layout.fillWidth: true
                Layout.fillHeight: true
                session: Compare.left
                title: Compare.leftTitle
                accent: Theme.sideA
                plotMax: Math.max(Compare.left.tokensPerSecond, Compare.right.tokensPerSecond)
            }
            CompareSide {
                Layout.fillWidth: true
                Layout.fillHeight: true
                session: Compare.right
                title: Compare.rightTitle
                accent: Theme.sideB
                plotMax: Math.max(Compare.left.tokensPerSecond, Compare.right.tokensPerSecond)
            }
            LeaderboardView {
                id: board
                Layout.fillHeight: true
                Layout.preferredWidth: 320
                visible: false
            }
        }

        Rectangle {
            Layout.fillWidth: true
            visible: Compare.canVote
            implicitHeight: voteRow.implicitHeight + 2 * Theme.spacingSmall
            radius: Theme.radius
            color: Theme.accentSoft

            RowLayout {
                id: voteRow

                anchors.fill: parent
                anchors.margins: Theme.spacingSmall
                spacing: Theme.spacingSmall

                Label {
                    Layout.fillWidth: true
                    text: qsTr("Which answer is better?")
                    font.weight: Font.DemiBold
                    color: Theme.text
                    wrapMode: Text.Wrap
                }
                Button { text: qsTr("A is better"); onClicked: Compare.vote("a") }
                Button { text: qsTr("B is better"); onClicked: Compare.vote("b") }
                Button { text: qsTr("Tie"); onClicked: Compare.vote("tie") }
                Button { text: qsTr("Both bad"); onClicked: Compare.vote("both-bad") }
            }
        }

        Label {
            Layout.fillWidth: true
            visible: Compare.blind && Compare.votes > 0 && Compare.revealed && !Compare.canVote && !Compare.running
            text: qsTr("Vote saved. A was %1, B was %2. Send another prompt, or start a new round for a fresh blind pair.")
                  .arg(Compare.leftTitle).arg(Compare.rightTitle)
            color: Theme.textMuted
            wrapMode: Text.Wrap
        }

        Composer {
            Layout.fillWidth: true
            busy: Compare.running
            canSend: Compare.ready
            placeholder: Compare.ready ? qsTr("Write a prompt for both models") : qsTr("Choose two models first")
            onSendRequested: text => Compare.send(text)
            onStopRequested: Compare.stop()
        }
    }
}
