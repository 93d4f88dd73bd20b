// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtTest
import Atrium
import Atrium.Ui

// TestCase itself is not visible: the items under test live in this visible root.
Item {
    id: root

    width: 400
    height: 200

    TestCase {
        id: testCase

        name: "Badges"
        when: windowShown

        Component { id: fitLabel; FitLabel {} }
        Component { id: errorBanner; ErrorBanner {} }
        Component { id: stats; TokenStatsBar {} }

        function test_fitLabelNamesEachVerdict() {
            const fits = createTemporaryObject(fitLabel, root, { fit: "fits", explanation: "Needs 5 GB of 8 GB" })
            compare(fits.text, "Fits")
            compare(fits.tip, "Needs 5 GB of 8 GB")
            compare(fits.textColor, Theme.good)
            const tight = createTemporaryObject(fitLabel, root, { fit: "tight" })
            compare(tight.text, "Tight")
            const no = createTemporaryObject(fitLabel, root, { fit: "no" })
            compare(no.text, "Won't fit")
            compare(no.textColor, Theme.bad)
            const unknown = createTemporaryObject(fitLabel, root, { fit: "" })
            verify(!unknown.visible)
        }

        function test_errorBannerShowsOnlyWithTextAndOffersItsAction() {
            const banner = createTemporaryObject(errorBanner, root, { width: 380 })
            verify(!banner.visible)
            banner.text = "The Hub cannot be reached."
            banner.actionText = "Try again"
            verify(banner.visible)
            const spy = createTemporaryObject(signalSpyComponent, root, { target: banner, signalName: "actionTriggered" })
            waitForRendering(banner)
            mouseClick(banner, banner.width - 40, banner.height / 2)
            compare(spy.count, 1)
        }

        function test_statsReadLikeASentence() {
            const bar = createTemporaryObject(stats, root, { ttftMs: 120, tokensPerSecond: 42.26, tokenCount: 128 })
            verify(bar.visible)
            verify(bar.text.indexOf("120 ms") >= 0, bar.text)
            verify(bar.text.indexOf("42.3 tok/s") >= 0, bar.text)
            verify(bar.text.indexOf("128 tokens") >= 0, bar.text)
            bar.tokenCount = 1
            verify(bar.text.indexOf("1 token") >= 0 && bar.text.indexOf("1 tokens") < 0, bar.text)
            bar.tokenCount = 0
            verify(!bar.visible)
        }

        Component { id: signalSpyComponent; SignalSpy {} }
    }
}
