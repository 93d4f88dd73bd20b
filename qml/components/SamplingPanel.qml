// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// The conversation's system prompt and sampling settings (saved with it).
ScrollView {
    id: root

    contentWidth: availableWidth

    component SliderRow: ColumnLayout {
        id: row

        property string label
        property string hint
        property real from: 0
        property real to: 1
        property real step: 0.05
        property real value
        signal moved(real value)

        Layout.fillWidth: true
        spacing: 0
        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: row.label
                color: Theme.text
            }
            Label {
                text: row.value.toFixed(2)
                color: Theme.textMuted
            }
        }
        Slider {
            Layout.fillWidth: true
            from: row.from
            to: row.to
            stepSize: row.step
            value: row.value
            Accessible.name: row.label
            onMoved: row.moved(value)
        }
        Label {
            Layout.fillWidth: true
            visible: row.hint.length > 0
            text: row.hint
            color: Theme.textMuted
            font.pixelSize: Theme.smallSize
            wrapMode: Text.Wrap
        }
    }

    ColumnLayout {
        width: root.availableWidth
        spacing: Theme.spacing

        Label {
            text: qsTr("System prompt")
            font.weight: Font.DemiBold
            color: Theme.text
        }
        TextArea {
            Layout.fillWidth: true
            Layout.minimumHeight: 90
            wrapMode: TextEdit.Wrap
            placeholderText: qsTr("How the model should behave, e.g. \"Answer briefly.\"")
            text: Chat.systemPrompt
            Accessible.name: qsTr("System prompt")
            onEditingFinished: Chat.systemPrompt = text
        }
        SliderRow {
            label: qsTr("Temperature")
            hint: qsTr("Lower is more focused, higher more varied. 0 always picks the likeliest word.")
            to: 2
            value: Chat.temperature
            onMoved: v => Chat.temperature = v
        }
        SliderRow {
            label: qsTr("Top-p")
            value: Chat.topP
            onMoved: v => Chat.topP = v
        }
        SliderRow {
            label: qsTr("Min-p")
            to: 0.5
            step: 0.01
            value: Chat.minP
            onMoved: v => Chat.minP = v
        }
        SliderRow {
            label: qsTr("Repetition penalty")
            from: 1
            to: 2
            value: Chat.repeatPenalty
            onMoved: v => Chat.repeatPenalty = v
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            Label { text: qsTr("Top-k"); color: Theme.text }
            SpinBox {
                from: 0
                to: 1000
                value: Chat.topK
                editable: true
                Accessible.name: qsTr("Top-k")
                onValueModified: Chat.topK = value
            }
            Label { text: qsTr("Longest reply (tokens)"); color: Theme.text }
            SpinBox {
                from: 16
                to: 32768
                stepSize: 64
                value: Chat.maxTokens
                editable: true
                Accessible.name: qsTr("Longest reply in tokens")
                onValueModified: Chat.maxTokens = value
            }
            Label { text: qsTr("Seed (0 = random)"); color: Theme.text }
            SpinBox {
                from: 0
                to: 2147483647
                value: Chat.seed
                editable: true
                Accessible.name: qsTr("Seed")
                onValueModified: Chat.seed = value
            }
        }
        Button {
            text: qsTr("Reset to defaults")
            flat: true
            onClicked: Chat.resetSettings()
        }
    }
}
