// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtTest
import Atrium

// TestCase itself is not visible: the items under test live in this visible root.
Item {
    id: root

    width: 500
    height: 200

    TestCase {
        id: testCase

        name: "Composer"
        when: windowShown

        Component { id: composerComponent; Composer { width: 480 } }
        Component { id: spyComponent; SignalSpy {} }

        function test_enterSendsAndClears() {
            const composer = createTemporaryObject(composerComponent, root)
            const sent = createTemporaryObject(spyComponent, root, { target: composer, signalName: "sendRequested" })
            composer.focusInput()
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            keyClick(Qt.Key_Return, Qt.ShiftModifier) // a new line, not a send
            keyClick(Qt.Key_X)
            compare(sent.count, 0)
            keyClick(Qt.Key_Return)
            compare(sent.count, 1)
            compare(sent.signalArguments[0][0], "hi\nx")
            keyClick(Qt.Key_Return) // empty now: nothing to send
            compare(sent.count, 1)
        }

        function test_busyComposerStopsWithEscape() {
            const composer = createTemporaryObject(composerComponent, root, { busy: true })
            const sent = createTemporaryObject(spyComponent, root, { target: composer, signalName: "sendRequested" })
            const stopped = createTemporaryObject(spyComponent, root, { target: composer, signalName: "stopRequested" })
            composer.focusInput()
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_Return)
            compare(sent.count, 0) // a reply is running: Enter does not send a second message
            keyClick(Qt.Key_Escape)
            compare(stopped.count, 1)
        }

        function test_cannotSendWithoutAModel() {
            const composer = createTemporaryObject(composerComponent, root, { canSend: false })
            const sent = createTemporaryObject(spyComponent, root, { target: composer, signalName: "sendRequested" })
            composer.focusInput()
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_Return)
            compare(sent.count, 0)
        }
    }
}
