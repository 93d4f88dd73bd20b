// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtTest
import Atrium
import Atrium.Ui

// TestCase itself is not visible: the items under test live in this visible root.
Item {
    id: root

    width: 700
    height: 600

    TestCase {
        id: testCase

        name: "Navigation"
        when: windowShown

        Component { id: rail; NavRail { height: 560 } }
        Component {
            id: delegate
            ModelDelegate {
                width: 640
                index: 0
                repoId: "org/Some-Model-GGUF"
                name: "Some-Model-GGUF"
                author: "org"
                downloads: 123456
                likes: 321
                lastModified: new Date()
                parameters: 8030000000
                architecture: "llama"
                licence: "apache-2.0"
                gated: "manual"
                fit: "tight"
                local: false
            }
        }
        Component { id: spyComponent; SignalSpy {} }

        function test_railSwitchesSections() {
            const r = createTemporaryObject(rail, root, { current: Navigator.Discover })
            const activated = createTemporaryObject(spyComponent, root, { target: r, signalName: "activated" })
            waitForRendering(r)
            // The entries are laid out top to bottom: title, Discover, Library, …
            mouseClick(r, r.width / 2, 120)
            compare(activated.count, 1)
            compare(activated.signalArguments[0][0], Navigator.Library)
        }

        function test_searchResultOpensOnClickAndEnter() {
            const d = createTemporaryObject(delegate, root)
            const opened = createTemporaryObject(spyComponent, root, { target: d, signalName: "opened" })
            waitForRendering(d)
            verify(d.Accessible.name.indexOf("gated") >= 0)
            mouseClick(d)
            compare(opened.count, 1)
            compare(opened.signalArguments[0][0], "org/Some-Model-GGUF")
            d.forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(opened.count, 2)
        }

        function test_speedPlotAcceptsASeries() {
            const plot = createTemporaryObject(Qt.createComponent("qrc:/Atrium/components/SpeedPlot.qml"), root,
                                               { width: 300, height: 60 })
            verify(plot !== null)
            plot.series = [{ t: 0.1, v: 10 }, { t: 0.2, v: 14 }, { t: 0.3, v: 12 }]
            waitForRendering(plot)
            plot.maxValue = 20
            waitForRendering(plot)
        }
    }
}
