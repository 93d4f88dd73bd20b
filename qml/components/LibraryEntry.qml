// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// One model in the Library: where it came from, its size, and each file with Chat, Show folder and Delete.
Rectangle {
    id: root

    required property string repoId
    required property string source
    required property string location
    required property double diskBytes
    required property var files

    signal deleteRequested(string repoId, string path, string fileName, bool external)

    width: ListView.view ? ListView.view.width : implicitWidth
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    Accessible.role: Accessible.ListItem
    Accessible.name: repoId + ", " + Format.bytes(diskBytes)

    function sourceName(source) {
        switch (source) {
        case "hub": return qsTr("Downloaded by Atrium")
        case "hf-cache": return qsTr("Hugging Face cache")
        case "folder": return qsTr("Your folder")
        case "lmstudio": return qsTr("LM Studio")
        case "gpt4all": return qsTr("GPT4All")
        case "ollama": return qsTr("Ollama")
        }
        return source
    }

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.unit

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall

            Label {
                Layout.fillWidth: true
                text: root.repoId
                font.weight: Font.DemiBold
                color: Theme.text
                elide: Text.ElideRight
            }
            Badge { text: root.sourceName(root.source) }
            Label {
                text: Format.bytes(root.diskBytes)
                color: Theme.textMuted
            }
        }
        Label {
            Layout.fillWidth: true
            text: root.location
            color: Theme.textMuted
            font.pixelSize: Theme.smallSize
            elide: Text.ElideMiddle
        }
        Repeater {
            model: root.files
            delegate: RowLayout {
                id: fileRow

                required property var modelData

                Layout.fillWidth: true
                spacing: Theme.spacingSmall

                Label {
                    Layout.fillWidth: true
                    text: fileRow.modelData.fileName
                    elide: Text.ElideMiddle
                    color: Theme.text
                }
                Badge {
                    visible: fileRow.modelData.quantization.length > 0
                    text: fileRow.modelData.quantization
                }
                Label {
                    text: Format.bytes(fileRow.modelData.sizeBytes)
                    color: Theme.textMuted
                    font.pixelSize: Theme.smallSize
                }
                IconButton {
                    visible: fileRow.modelData.runnable
                    iconName: "chat"
                    tip: qsTr("Chat with %1").arg(fileRow.modelData.fileName)
                    onClicked: {
                        Chat.newChat()
                        Chat.selectModel(fileRow.modelData.localPath, Library.files.labelOf(fileRow.modelData.localPath))
                        Navigator.page = Navigator.Chat
                    }
                }
                IconButton {
                    iconName: "folder"
                    tip: qsTr("Show in folder")
                    onClicked: Qt.openUrlExternally("file://" + fileRow.modelData.folder)
                }
                IconButton {
                    iconName: "delete"
                    tip: qsTr("Delete from disk")
                    tint: Theme.bad
                    onClicked: root.deleteRequested(root.repoId, fileRow.modelData.path, fileRow.modelData.fileName,
                                                    !fileRow.modelData.ownedByAtrium)
                }
            }
        }
    }
}
