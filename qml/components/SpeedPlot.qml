// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import Atrium

// Tokens per second over the time of one reply, as a small line chart.
Canvas {
    id: root

    property var series: [] // [{ t: seconds, v: tokens per second }]
    property color lineColor: Theme.accent
    property real maxValue: 0 // shared scale with the other side; 0 = own maximum

    implicitHeight: 64
    Accessible.role: Accessible.Chart
    Accessible.name: qsTr("Tokens per second over time")

    onSeriesChanged: requestPaint()
    onMaxValueChanged: requestPaint()
    onWidthChanged: requestPaint()
    Connections {
        target: Theme
        function onDarkChanged() { root.requestPaint() }
    }

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        ctx.strokeStyle = Theme.border
        ctx.lineWidth = 1
        ctx.beginPath()
        ctx.moveTo(0, height - 0.5)
        ctx.lineTo(width, height - 0.5)
        ctx.stroke()
        if (!series || series.length < 2)
            return
        const tMax = Math.max(0.001, series[series.length - 1].t)
        let vMax = maxValue
        if (vMax <= 0)
            for (let i = 0; i < series.length; ++i) vMax = Math.max(vMax, series[i].v)
        vMax = Math.max(vMax * 1.1, 0.001)
        ctx.strokeStyle = lineColor
        ctx.lineWidth = 2
        ctx.beginPath()
        for (let i = 0; i < series.length; ++i) {
            const x = series[i].t / tMax * (width - 2) + 1
            const y = height - 2 - series[i].v / vMax * (height - 4)
            if (i === 0) ctx.moveTo(x, y)
            else ctx.lineTo(x, y)
        }
        ctx.stroke()
    }
}
