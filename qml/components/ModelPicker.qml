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
    // The file name tells two files of one repository apart (side by side in Compare, where space is short);
    // the whole "repository · file" label is in the tooltip and the accessible description.
    readonly property string fullLabel: currentIndex >= 0 ? currentText
                                        : selectedPath.length > 0 ? Library.files.labelOf(selectedPath) : ""
    displayText: fullLabel.length === 0 ? placeholder : shortLabel(fullLabel)
    Accessible.description: fullLabel

    // "org/repo · file.gguf" → "file.gguf"; "org/repo · Q4_K_M" → "repo · Q4_K_M".
    function shortLabel(label) {
        const cut = label.lastIndexOf(" · ")
        if (cut < 0)
            return label
        const tail = label.substring(cut + 3)
        if (tail.toLowerCase().endsWith(".gguf"))
            return tail
        const repo = label.substring(0, cut)
        return repo.substring(repo.lastIndexOf("/") + 1) + " · " + tail
    }
    ToolTip.visible: hovered && fullLabel.length > 0
    ToolTip.text: fullLabel
    ToolTip.delay: 600
    Accessible.name: qsTr("Model")
    onActivated: root.chosen(currentValue, currentText)
}
