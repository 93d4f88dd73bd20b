// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Atrium
import Atrium.Ui

// Discover: search the Hub (text, a pasted link or org/name), filter, sort, and scroll through results page by
// page. Offline it shows what is already on this computer and says so.
Pane {
    id: root

    padding: Theme.spacingLarge
    background: null

    function openResult(repoId) {
        Navigator.openModel(repoId)
    }

    Component.onCompleted: HubSearch.ensureStarted()

    Shortcut {
        sequence: StandardKey.Find
        onActivated: searchField.forceActiveFocus()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        PageHeader {
            Layout.fillWidth: true
            title: qsTr("Discover")
            subtitle: qsTr("Find a model on the Hugging Face Hub, read about it, and download a file that fits.")
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall

            TextField {
                id: searchField

                Layout.fillWidth: true
                placeholderText: qsTr("Search by name, paste a Hub link, or type org/name")
                text: HubSearch.query
                selectByMouse: true
                focus: true
                Accessible.role: Accessible.EditableText
                Accessible.name: qsTr("Search models")
                onTextEdited: HubSearch.query = text
                onAccepted: {
                    if (HubSearch.directRepoId.length > 0)
                        root.openResult(HubSearch.directRepoId)
                    else
                        HubSearch.refresh()
                }
                Keys.onDownPressed: results.forceActiveFocus()
            }
            Button {
                visible: HubSearch.directRepoId.length > 0
                text: qsTr("Open %1").arg(HubSearch.directRepoId)
                highlighted: true
                Accessible.name: text
                onClicked: root.openResult(HubSearch.directRepoId)
            }
        }

        DiscoverFilters {
            Layout.fillWidth: true
        }

        ErrorBanner {
            Layout.fillWidth: true
            kind: HubSearch.offline ? "warning" : "error"
            text: HubSearch.offline
                  ? qsTr("You are offline, so this shows only models already on this computer.")
                  : HubSearch.errorString
            actionText: qsTr("Try again")
            onActionTriggered: HubSearch.refresh()
        }

        ListView {
            id: results

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.unit
            model: HubSearch
            keyNavigationEnabled: true
            activeFocusOnTab: true
            reuseItems: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Search results")
            ScrollBar.vertical: ScrollBar {}

            delegate: ModelDelegate {
                onOpened: repoId => root.openResult(repoId)
            }
            onAtYEndChanged: if (atYEnd && HubSearch.hasMore) HubSearch.loadMore()

            footer: Item {
                width: results.width
                height: HubSearch.loading ? 64 : (HubSearch.hasMore ? 48 : 0)
                BusyIndicator {
                    anchors.centerIn: parent
                    running: HubSearch.loading
                    visible: running
                    Accessible.name: qsTr("Loading")
                }
                Button {
                    anchors.centerIn: parent
                    visible: !HubSearch.loading && HubSearch.hasMore
                    text: qsTr("Show more")
                    flat: true
                    onClicked: HubSearch.loadMore()
                }
            }

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingLarge, 420)
                visible: results.count === 0 && !HubSearch.loading
                iconName: "discover"
                title: HubSearch.offline ? qsTr("Nothing on this computer matches")
                                         : qsTr("No models match")
                explanation: qsTr("Try a shorter name, another filter, or paste the model's address from the Hub.")
            }
        }
    }
}
