// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// The filters and sort order of the Discover screen, bound to the HubSearch model. Wraps on narrow windows.
Flow {
    id: root

    spacing: Theme.spacingSmall

    component Filter: ComboBox {
        id: box

        property string label
        property string value
        property var choices: [] // [{ text, value }]

        signal picked(string value)

        TextMetrics {
            id: widest
            font: box.font
            text: box.label + ": " + box.choices.reduce((a, c) => c.text.length > a.length ? c.text : a, "")
        }

        flat: true
        textRole: "text"
        valueRole: "value"
        model: choices
        // Wide enough for "Label: longest choice", so the shown text is never cut.
        implicitWidth: widest.advanceWidth + leftPadding + rightPadding + (indicator ? indicator.width : 0)
                       + Theme.spacing
        currentIndex: Math.max(0, indexOfValue(value))
        displayText: label + ": " + currentText
        Accessible.name: label
        onActivated: picked(currentValue)
    }

    Filter {
        label: qsTr("Sort")
        value: HubSearch.sort
        choices: [
            { text: qsTr("Trending"), value: "trending" },
            { text: qsTr("Most downloaded"), value: "downloads" },
            { text: qsTr("Most liked"), value: "likes" },
            { text: qsTr("Recently updated"), value: "updated" }
        ]
        onPicked: v => HubSearch.sort = v
    }
    Filter {
        label: qsTr("Task")
        value: HubSearch.task
        choices: [
            { text: qsTr("Text generation"), value: "text-generation" },
            { text: qsTr("Images and text"), value: "image-text-to-text" },
            { text: qsTr("Any"), value: "" }
        ]
        onPicked: v => HubSearch.task = v
    }
    Filter {
        label: qsTr("Format")
        value: HubSearch.format
        choices: [
            { text: qsTr("GGUF (runs in Atrium)"), value: "gguf" },
            { text: qsTr("Any"), value: "" }
        ]
        onPicked: v => HubSearch.format = v
    }
    Filter {
        label: qsTr("Licence")
        value: HubSearch.licence
        choices: [
            { text: qsTr("Any"), value: "" },
            { text: "Apache 2.0", value: "apache-2.0" },
            { text: "MIT", value: "mit" },
            { text: "Llama 3.1", value: "llama3.1" },
            { text: "Llama 3.2", value: "llama3.2" },
            { text: "Gemma", value: "gemma" },
            { text: qsTr("Other"), value: "other" }
        ]
        onPicked: v => HubSearch.licence = v
    }
    Filter {
        label: qsTr("Size")
        value: HubSearch.size
        choices: [
            { text: qsTr("Any"), value: "any" },
            { text: qsTr("Under 1B"), value: "tiny" },
            { text: qsTr("1–4B"), value: "small" },
            { text: qsTr("4–14B"), value: "medium" },
            { text: qsTr("Over 14B"), value: "large" }
        ]
        onPicked: v => HubSearch.size = v
    }
    Filter {
        label: qsTr("Quantization")
        value: HubSearch.quantization
        choices: [
            { text: qsTr("No preference"), value: "" },
            { text: "Q4_K_M", value: "Q4_K_M" },
            { text: "Q5_K_M", value: "Q5_K_M" },
            { text: "Q6_K", value: "Q6_K" },
            { text: "Q8_0", value: "Q8_0" },
            { text: "F16", value: "F16" }
        ]
        onPicked: v => HubSearch.quantization = v
    }
    CheckBox {
        text: qsTr("Fits this computer")
        checked: HubSearch.fitsOnly
        Accessible.name: text
        onToggled: HubSearch.fitsOnly = checked
    }
}
