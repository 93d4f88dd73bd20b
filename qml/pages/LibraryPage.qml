// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// Library: downloads in progress, then every model on this computer (downloaded, in the Hugging Face cache, in other
// apps' folders or in folders added here), with size, location, Chat, Show folder and Delete.
Pane {
    id: root

    padding: Theme.spacingLarge
    background: null

    FolderDialog {
        id: folderDialog

        title: qsTr("Add a folder of GGUF files")
        onAccepted: Library.addFolder(selectedFolder.toString())
    }

    Dialog {
        id: confirmDelete

        property string repoId
        property string path
        property string fileName
        property bool external

        anchors.centerIn: Overlay.overlay
        modal: true
        title: qsTr("Delete %1?").arg(fileName)
        standardButtons: Dialog.Cancel | Dialog.Ok
        Label {
            width: Math.min(420, root.width - 80)
            wrapMode: Text.Wrap
            text: confirmDelete.external
                  ? qsTr("Another app or tool put this file here. Deleting it removes it for them too.")
                  : qsTr("The file is removed from disk. You can download it again later.")
        }
        onAccepted: Library.deleteFromDisk(repoId, path, external)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Library")
            subtitle: Library.models.count === 1
                      ? qsTr("One model on this computer, %1 in total.").arg(Format.bytes(Library.totalBytes))
                      : qsTr("%1 models on this computer, %2 in total.").arg(Library.models.count)
                            .arg(Format.bytes(Library.totalBytes))
            Button {
                text: qsTr("Add a folder")
                icon.source: Theme.icon("add")
                onClicked: folderDialog.open()
            }
            Button {
                text: Library.scanning ? qsTr("Scanning…") : qsTr("Scan again")
                enabled: !Library.scanning
                icon.source: Theme.icon("regenerate")
                onClicked: Library.rescan()
            }
        }

        ErrorBanner {
            Layout.fillWidth: true
            text: Library.errorString
        }
        ErrorBanner {
            Layout.fillWidth: true
            kind: "info"
            text: Library.lastMessage
            visible: text.length > 0 && Library.errorString.length === 0
        }

        RowLayout {
            Layout.fillWidth: true
            visible: Downloads.model.count > 0
            Label {
                Layout.fillWidth: true
                text: qsTr("Downloads")
                font.pixelSize: Theme.headingSize
                font.weight: Font.DemiBold
                color: Theme.text
            }
            Button {
                text: qsTr("Clear finished")
                flat: true
                visible: Downloads.model.count > Downloads.model.activeCount
                onClicked: Downloads.clearFinished()
            }
        }
        ListView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 260)
            visible: Downloads.model.count > 0
            clip: true
            spacing: Theme.unit
            model: Downloads.model
            delegate: DownloadRow {}
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Downloads")
        }

        Flow {
            Layout.fillWidth: true
            visible: Library.folders.length > 0
            spacing: Theme.unit
            Label {
                text: qsTr("Your folders:")
                color: Theme.textMuted
            }
            Repeater {
                model: Library.folders
                delegate: RowLayout {
                    id: folderChip
                    required property string modelData
                    spacing: 0
                    Badge { text: folderChip.modelData }
                    IconButton {
                        iconName: "close"
                        tip: qsTr("Stop indexing %1").arg(folderChip.modelData)
                        onClicked: Library.removeFolder(folderChip.modelData)
                    }
                }
            }
        }

        ListView {
            id: models

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacingSmall
            model: Library.models
            activeFocusOnTab: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Models")
            ScrollBar.vertical: ScrollBar {}
            delegate: LibraryEntry {
                onDeleteRequested: (repoId, path, fileName, external) => {
                    confirmDelete.repoId = repoId
                    confirmDelete.path = path
                    confirmDelete.fileName = fileName
                    confirmDelete.external = external
                    confirmDelete.open()
                }
            }

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingLarge, 440)
                visible: models.count === 0
                iconName: "library"
                title: Library.scanning ? qsTr("Looking for models…") : qsTr("No models yet")
                explanation: qsTr("Download one from Discover, or add a folder that already holds GGUF files.")
                actionText: qsTr("Discover models")
                onActionTriggered: Navigator.page = Navigator.Discover
            }
        }
    }
}
