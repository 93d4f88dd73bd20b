// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// The Hugging Face access token (kept in the system keychain) and the offline switch.
SectionCard {
    id: root

    title: qsTr("Hugging Face Hub")

    Label {
        Layout.fillWidth: true
        text: qsTr("Gated and private models need an access token. Create a read token in your Hub account "
                   + "settings and paste it here; it is kept in the system keychain.")
        color: Theme.textMuted
        wrapMode: Text.Wrap
    }
    Label {
        Layout.fillWidth: true
        text: !Account.hasToken ? qsTr("No token is set.")
              : Account.tokenSource === "environment" ? qsTr("Using the token from HF_TOKEN.")
              : Account.tokenSource === "file" ? qsTr("Using the token saved by the Hugging Face tools.")
              : qsTr("A token is saved in the system keychain.")
        color: Account.hasToken && !Account.tokenRejected ? Theme.good : Theme.text
        wrapMode: Text.Wrap
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingSmall
        TextField {
            id: token
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: "hf_…"
            enabled: Account.keychainAvailable && !Account.busy
            Accessible.name: qsTr("Access token")
            onAccepted: save.clicked()
        }
        Button {
            id: save
            text: qsTr("Save token")
            highlighted: true
            enabled: token.text.length > 0 && !Account.busy
            onClicked: {
                Account.saveToken(token.text)
                token.clear()
            }
        }
        Button {
            visible: Account.hasToken && Account.tokenSource === "keychain"
            text: qsTr("Remove")
            flat: true
            onClicked: Account.removeToken()
        }
    }
    Label {
        Layout.fillWidth: true
        visible: Account.accountName.length > 0
        text: qsTr("Signed in to the Hub as %1.").arg(Account.accountName)
        color: Theme.good
        wrapMode: Text.Wrap
    }
    Label {
        Layout.fillWidth: true
        visible: Account.message.length > 0
        text: Account.message
        color: Account.tokenRejected ? Theme.bad : Theme.textMuted
        wrapMode: Text.Wrap
    }
    Switch {
        text: qsTr("Work offline (use only what is on this computer)")
        checked: Preferences.offline
        onToggled: Preferences.offline = checked
    }
}
