// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import Atrium

// Whether a file fits this computer: "Fits", "Tight" or "Won't fit", with the numbers in the tooltip.
Badge {
    id: root

    property string fit
    property string explanation

    visible: fit.length > 0
    text: fit === "fits" ? qsTr("Fits") : fit === "tight" ? qsTr("Tight") : qsTr("Won't fit")
    textColor: Theme.fitColor(fit)
    fill: Theme.fitSoftColor(fit)
    tip: explanation
}
