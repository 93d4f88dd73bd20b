// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// The local Elo leaderboard from blind votes.
ListView {
    id: root

    clip: true
    model: Compare.leaderboard
    Accessible.role: Accessible.Table
    Accessible.name: qsTr("Leaderboard")
    header: RowLayout {
        width: root.width
        Label { text: "#"; Layout.preferredWidth: 28; color: Theme.textMuted }
        Label { text: qsTr("Model"); Layout.fillWidth: true; color: Theme.textMuted }
        Label { text: qsTr("Rating"); Layout.preferredWidth: 60; color: Theme.textMuted }
        Label { text: qsTr("W / L / T"); Layout.preferredWidth: 90; color: Theme.textMuted }
    }
    delegate: RowLayout {
        id: entry

        required property int rank
        required property string label
        required property int rating
        required property int wins
        required property int losses
        required property int ties

        width: root.width
        Accessible.role: Accessible.Row
        Accessible.name: qsTr("%1, rating %2").arg(entry.label).arg(entry.rating)
        Label { text: entry.rank; Layout.preferredWidth: 28; color: Theme.textMuted }
        Label { text: entry.label; Layout.fillWidth: true; elide: Text.ElideMiddle; color: Theme.text }
        Label { text: entry.rating; Layout.preferredWidth: 60; font.weight: Font.DemiBold; color: Theme.text }
        Label {
            text: entry.wins + " / " + entry.losses + " / " + entry.ties
            Layout.preferredWidth: 90
            color: Theme.textMuted
        }
    }
    Label {
        anchors.centerIn: parent
        width: parent.width
        visible: root.count === 0
        text: qsTr("Vote in blind mode to build your own ranking.")
        color: Theme.textMuted
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
    }
}
