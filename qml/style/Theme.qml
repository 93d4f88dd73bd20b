// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
pragma Singleton

import QtQuick
import Atrium.Ui

// Colours, spacing and type sizes for every screen. Light and dark follow Preferences.dark (the system by default).
QtObject {
    id: root

    readonly property bool dark: Preferences.dark

    // Surfaces
    readonly property color background: dark ? "#15171c" : "#f5f6f8"
    readonly property color surface: dark ? "#1e2127" : "#ffffff"
    readonly property color surfaceAlt: dark ? "#272b33" : "#eceef2"
    readonly property color sidebar: dark ? "#111317" : "#e9ebf0"
    readonly property color border: dark ? "#363b46" : "#d5d9e0"
    readonly property color selection: dark ? "#313a5c" : "#dfe4ff"

    // Text
    readonly property color text: dark ? "#e9ebf1" : "#1a1c21"
    readonly property color textMuted: dark ? "#9ba2b2" : "#5a606d"
    readonly property color textOnAccent: "#ffffff"

    // Meaning
    readonly property color accent: dark ? "#8c95ff" : "#4a4fd6"
    readonly property color accentSoft: dark ? "#2b2f55" : "#e6e7fb"
    readonly property color good: dark ? "#63cf86" : "#1c7c3b"
    readonly property color goodSoft: dark ? "#1d3526" : "#dff3e5"
    readonly property color warn: dark ? "#f1b75a" : "#8a5300"
    readonly property color warnSoft: dark ? "#3d3020" : "#fcefd9"
    readonly property color bad: dark ? "#ff7a7a" : "#b3261e"
    readonly property color badSoft: dark ? "#422224" : "#fbe3e1"
    readonly property color userBubble: dark ? "#2e3458" : "#e4e6fb"
    readonly property color sideA: dark ? "#6fb6ff" : "#1f6fbf"
    readonly property color sideB: dark ? "#ffa46b" : "#c0561a"

    // Spacing (multiples of one unit) and shapes
    readonly property int unit: 4
    readonly property int spacingSmall: 2 * unit
    readonly property int spacing: 3 * unit
    readonly property int spacingLarge: 5 * unit
    readonly property int radius: 8
    readonly property int radiusSmall: 4
    readonly property int maxReadableWidth: 860

    // Type scale, relative to the platform font so 200% scaling and large fonts keep proportions
    readonly property real baseSize: Qt.application.font.pixelSize > 0 ? Qt.application.font.pixelSize : 14
    readonly property real smallSize: Math.round(baseSize * 0.86)
    readonly property real titleSize: Math.round(baseSize * 1.6)
    readonly property real headingSize: Math.round(baseSize * 1.2)
    readonly property string monoFamily: "monospace"

    function icon(name) {
        return "qrc:/Atrium/icons/" + name + ".svg"
    }

    function fitColor(fit) {
        return fit === "fits" ? good : fit === "tight" ? warn : fit === "no" ? bad : textMuted
    }

    function fitSoftColor(fit) {
        return fit === "fits" ? goodSoft : fit === "tight" ? warnSoft : fit === "no" ? badSoft : surfaceAlt
    }
}
