// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import Atrium
import Atrium.Ui

// Picks a downloaded model file from the Library.
ComboBox {
    id: root

    property string selectedPath
    property string placeholder: qsTr("Choose a model")

    signal chosen(string localPath, string label)

    model: Library.files
    textRole: "label"
    valueRole: "localPath"
    currentIndex: Library.files.count >= 0 ? Library.files.indexOfPath(selectedPath) : -1
    displayText: currentIndex >= 0 ? currentText
                 : selectedPath.length > 0 ? Library.files.labelOf(selectedPath) : placeholder
    Accessible.name: qsTr("Model")
    onActivated: root.chosen(currentValue, currentText)
}
