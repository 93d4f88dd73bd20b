// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// Settings: appearance, the device models run on (and why a GPU cannot be used), context size, folders, Hub access.
Pane {
    id: root

    padding: Theme.spacingLarge
    background: null

    FolderDialog {
        id: folderDialog
        title: qsTr("Add a folder of GGUF files")
        onAccepted: Library.addFolder(selectedFolder.toString())
    }

    ScrollView {
        id: scroll

        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth, Theme.maxReadableWidth)
            spacing: Theme.spacing

            PageHeader {
                Layout.fillWidth: true
                title: qsTr("Settings")
            }

            SectionCard {
                Layout.fillWidth: true
                title: qsTr("Appearance")
                RowLayout {
                    spacing: Theme.spacingSmall
                    Label { text: qsTr("Theme"); color: Theme.text }
                    Repeater {
                        model: [{ v: "system", t: qsTr("Like the system") }, { v: "light", t: qsTr("Light") },
                                { v: "dark", t: qsTr("Dark") }]
                        delegate: RadioButton {
                            required property var modelData
                            text: modelData.t
                            checked: Preferences.theme === modelData.v
                            onToggled: Preferences.theme = modelData.v
                        }
                    }
                }
                RowLayout {
                    spacing: Theme.spacingSmall
                    Label { text: qsTr("Language"); color: Theme.text }
                    ComboBox {
                        implicitContentWidthPolicy: ComboBox.WidestText
                        textRole: "t"
                        valueRole: "v"
                        model: [{ v: "", t: qsTr("Like the system") }, { v: "en", t: "English" }]
                        currentIndex: Math.max(0, indexOfValue(Preferences.language))
                        Accessible.name: qsTr("Language")
                        onActivated: Preferences.language = currentValue
                    }
                    Label {
                        text: qsTr("Applies after a restart.")
                        color: Theme.textMuted
                        font.pixelSize: Theme.smallSize
                    }
                }
            }

            SectionCard {
                Layout.fillWidth: true
                title: qsTr("Where models run")
                Label {
                    Layout.fillWidth: true
                    text: qsTr("This computer: %1 of memory, %2 processor threads.")
                          .arg(Format.bytes(Machine.systemRamBytes)).arg(Machine.cpuThreads)
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                RadioButton {
                    text: qsTr("Automatic (the best graphics card, else the processor)")
                    checked: Preferences.deviceIndex === -1
                    onToggled: Preferences.deviceIndex = -1
                }
                RadioButton {
                    text: qsTr("Processor only")
                    checked: Preferences.deviceIndex === -2
                    onToggled: Preferences.deviceIndex = -2
                }
                Repeater {
                    model: Machine.devices
                    delegate: ColumnLayout {
                        id: device

                        required property int deviceIndex
                        required property string name
                        required property string type
                        required property double memoryBytes
                        required property bool usable
                        required property string unusableReason
                        required property string driver
                        Layout.fillWidth: true
                        spacing: 0
                        RadioButton {
                            text: qsTr("%1 (%2, %3)").arg(device.name).arg(
                                      device.type === "discrete" ? qsTr("graphics card")
                                      : device.type === "integrated" ? qsTr("integrated graphics")
                                      : device.type === "cpu" ? qsTr("software, runs on the processor")
                                      : device.type === "virtual" ? qsTr("virtual graphics card") : device.type)
                                  .arg(Format.bytes(device.memoryBytes))
                            enabled: device.usable
                            checked: Preferences.deviceIndex === device.deviceIndex
                            onToggled: Preferences.deviceIndex = device.deviceIndex
                        }
                        Label {
                            Layout.fillWidth: true
                            Layout.leftMargin: 40
                            text: device.usable ? device.driver : qsTr("Can't be used: %1").arg(device.unusableReason)
                            color: device.usable ? Theme.textMuted : Theme.bad
                            font.pixelSize: Theme.smallSize
                            wrapMode: Text.Wrap
                        }
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: Machine.ready && Machine.devices.count === 0
                    text: qsTr("No graphics card can be used (%1). Models run on the processor.")
                          .arg(Machine.devicesError.length > 0 ? Machine.devicesError : qsTr("none found"))
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                }
                RowLayout {
                    spacing: Theme.spacingSmall
                    Label { text: qsTr("Context size"); color: Theme.text }
                    ComboBox {
                        model: [...new Set([1024, 2048, 4096, 8192, 16384, 32768, 65536, Preferences.contextSize])]
                               .sort((a, b) => a - b)
                        currentIndex: Math.max(0, model.indexOf(Preferences.contextSize))
                        Accessible.name: qsTr("Context size in tokens")
                        onActivated: Preferences.contextSize = currentValue
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("tokens. Longer conversations fit, but need more memory.")
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                        verticalAlignment: Text.AlignVCenter // centred beside the box however tall the row lays it out
                    }
                }
            }

            SectionCard {
                Layout.fillWidth: true
                title: qsTr("Folders")
                component FolderRow: RowLayout {
                    property string label
                    property string path
                    Layout.fillWidth: true
                    Label { text: parent.label; color: Theme.text }
                    Label {
                        Layout.fillWidth: true
                        text: parent.path
                        color: Theme.textMuted
                        elide: Text.ElideMiddle
                    }
                    IconButton {
                        iconName: "folder"
                        tip: qsTr("Open %1").arg(parent.path)
                        onClicked: Qt.openUrlExternally("file://" + parent.path)
                    }
                }
                FolderRow { label: qsTr("Atrium's data"); path: Preferences.dataFolder }
                FolderRow { label: qsTr("Downloaded models"); path: Preferences.hubCacheFolder }
                Repeater {
                    model: Library.folders
                    delegate: RowLayout {
                        id: folderRow
                        required property string modelData
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: folderRow.modelData
                            color: Theme.text
                            elide: Text.ElideMiddle
                        }
                        IconButton {
                            iconName: "close"
                            tip: qsTr("Stop indexing this folder")
                            onClicked: Library.removeFolder(folderRow.modelData)
                        }
                    }
                }
                Button {
                    text: qsTr("Add a folder of models")
                    icon.source: Theme.icon("add")
                    onClicked: folderDialog.open()
                }
            }

            HubAccessCard {
                Layout.fillWidth: true
            }
        }
    }
}
