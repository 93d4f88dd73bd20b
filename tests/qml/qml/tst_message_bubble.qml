// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtTest
import Atrium

// TestCase itself is not visible: the items under test live in this visible root.
Item {
    id: root

    width: 600
    height: 400

    TestCase {
        id: testCase

        name: "MessageBubble"
        when: windowShown

        Component {
            id: bubble
            MessageBubble {
                width: 580
                index: 3
                role: "assistant"
                content: "Once upon a time"
                streaming: false
                ttftMs: 80
                tokensPerSecond: 30
                tokenCount: 12
                finish: "done"
                errorText: ""
                version: 1
                versionCount: 1
            }
        }
        Component { id: spyComponent; SignalSpy {} }

        function findButton(item, tip) {
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (child.tip === tip && child.visible)
                    return child
                const found = findButton(child, tip)
                if (found)
                    return found
            }
            return null
        }

        function test_replyOffersRegenerateAndCopy() {
            const b = createTemporaryObject(bubble, root)
            const regenerate = createTemporaryObject(spyComponent, root, { target: b, signalName: "regenerateRequested" })
            const copy = createTemporaryObject(spyComponent, root, { target: b, signalName: "copyRequested" })
            waitForRendering(b)
            verify(findButton(b, "Edit and send again") === null)
            mouseClick(findButton(b, "Write another version"))
            compare(regenerate.count, 1)
            compare(regenerate.signalArguments[0][0], 3)
            mouseClick(findButton(b, "Copy"))
            compare(copy.count, 1)
        }

        function test_userMessageIsEditedInPlace() {
            const b = createTemporaryObject(bubble, root, { role: "user", content: "Tell me a story" })
            const edit = createTemporaryObject(spyComponent, root, { target: b, signalName: "editRequested" })
            waitForRendering(b)
            mouseClick(findButton(b, "Edit and send again"))
            verify(b.editing)
            keyClick(Qt.Key_End)
            keySequence("ctrl+a")
            keyClick(Qt.Key_O)
            keyClick(Qt.Key_K)
            const send = findSendButton(b)
            verify(send !== null)
            mouseClick(send)
            compare(edit.count, 1)
            compare(edit.signalArguments[0][1], "ok")
            verify(!b.editing)
        }

        function findSendButton(item) {
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (child instanceof Button && child.text === "Send" && child.visible)
                    return child
                const found = findSendButton(child)
                if (found)
                    return found
            }
            return null
        }

        function test_versionsCanBeBrowsed() {
            const b = createTemporaryObject(bubble, root, { version: 2, versionCount: 3 })
            const versions = createTemporaryObject(spyComponent, root, { target: b, signalName: "versionRequested" })
            waitForRendering(b)
            mouseClick(findButton(b, "Previous version"))
            mouseClick(findButton(b, "Next version"))
            compare(versions.count, 2)
            compare(versions.signalArguments[0][1], -1)
            compare(versions.signalArguments[1][1], 1)
        }

        function test_streamingReplyHidesActionsAndSaysWhyItStopped() {
            const b = createTemporaryObject(bubble, root, { streaming: true })
            waitForRendering(b)
            verify(findButton(b, "Copy") === null)
            b.streaming = false
            b.finish = "stopped"
            verify(findButton(b, "Copy") !== null)
        }
    }
}
