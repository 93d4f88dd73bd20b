// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// How to get a gated model: accept its licence on the Hub, then add an access token in Settings.
Rectangle {
    id: root

    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: Theme.warnSoft
    border.color: Theme.warn

    Accessible.role: Accessible.AlertMessage
    Accessible.name: title.text

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacingSmall

        Label {
            id: title

            Layout.fillWidth: true
            text: ModelPage.gated === "auto"
                  ? qsTr("This model is gated: accept its licence on the Hub to download it (access is granted at once).")
                  : qsTr("This model is gated: request access on the Hub; its authors review requests.")
            wrapMode: Text.Wrap
            font.weight: Font.DemiBold
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            visible: ModelPage.gatedPrompt.length > 0
            text: ModelPage.gatedPrompt
            wrapMode: Text.Wrap
            color: Theme.textMuted
            textFormat: Text.PlainText
            maximumLineCount: 6
            elide: Text.ElideRight
        }
        Label {
            Layout.fillWidth: true
            text: Account.hasToken
                  ? qsTr("Your access token is set. Once access is granted, downloads work here.")
                  : qsTr("Then create a read token in your Hub account settings and paste it into Settings → Hub access.")
            wrapMode: Text.Wrap
            color: Theme.text
        }
        RowLayout {
            spacing: Theme.spacingSmall
            Button {
                text: qsTr("Open the licence page")
                highlighted: true
                icon.source: Theme.icon("external")
                onClicked: Qt.openUrlExternally(ModelPage.pageUrl)
            }
            Button {
                visible: !Account.hasToken
                text: qsTr("Add a token")
                onClicked: Navigator.page = Navigator.Settings
            }
            Button {
                text: qsTr("Check again")
                flat: true
                onClicked: ModelPage.reload()
            }
        }
    }
}
