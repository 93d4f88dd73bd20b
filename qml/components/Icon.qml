// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls.impl as ControlsImpl
import Atrium

// A monochrome icon from resources/icons, tinted with `color`.
ControlsImpl.IconImage {
    id: root

    property string iconName
    property int size: 20

    source: iconName.length > 0 ? Theme.icon(iconName) : ""
    sourceSize: Qt.size(size, size)
    width: size
    height: size
    color: Theme.text
    Accessible.ignored: true
}
