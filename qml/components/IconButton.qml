// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import Atrium

// A small icon-only button with a tooltip; the tooltip text is also its accessible name.
ToolButton {
    id: root

    property string iconName
    property string tip
    property color tint: Theme.text

    display: AbstractButton.IconOnly
    icon.source: Theme.icon(iconName)
    icon.color: enabled ? tint : Theme.textMuted
    icon.width: 18
    icon.height: 18
    focusPolicy: Qt.StrongFocus

    Accessible.role: Accessible.Button
    Accessible.name: tip.length > 0 ? tip : text
    ToolTip.visible: (hovered || visualFocus) && tip.length > 0
    ToolTip.delay: 500
    ToolTip.text: tip
}
