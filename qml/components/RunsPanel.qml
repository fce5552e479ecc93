// The runs panel: every run of the lesson on screen (the one training first, then earlier runs,
// newest first, and seed groups), each with its name (click to edit), what it does otherwise than
// the run it came from (a run of its own: than the lesson's defaults), a line a change, its seed
// and its headline value. Runs are shown on the charts (faded, or as a band for a seed group) or
// hidden, exported as gradlab-cli's files, or deleted; a run saved earlier is loaded (run again
// from its recipe). Below: repeat the run with N seeds, and compare the pictures of two runs side
// by side.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import GradLab

Pane {
    id: panel
    padding: 0
    background: Rectangle { color: Theme.pane; radius: Theme.radius; border.color: Theme.border }
    // Shows what an action said when it could not do it.
    function said(message) { if (message !== "") lab.notify(message) }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ListView {
            id: list
            objectName: "runList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: 6
            clip: true
            model: lab.runs
            cacheBuffer: 0  // as the parameter panel's list: no rows made ahead, cut short by a lesson switch
            spacing: 6
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            delegate: Rectangle {
                id: card
                required property int runId
                required property string name
                required property string changes
                required property double seed
                required property string metric
                required property string status
                required property bool shown
                required property bool current
                required property int seeds
                width: ListView.view.width - 14
                x: 7
                implicitHeight: body.implicitHeight + 12
                radius: 6
                color: current ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, Theme.dark ? 0.16 : 0.08) : "transparent"
                border.color: current ? Theme.accent : Theme.border

                ColumnLayout {
                    id: body
                    anchors.fill: parent
                    anchors.margins: 6
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 4
                        CheckBox {
                            objectName: "shownBox"
                            visible: !card.current
                            checked: card.shown
                            padding: 0
                            onToggled: lab.showRun(card.runId, checked)
                            ToolTip.visible: hovered
                            ToolTip.text: card.seeds > 0 ? qsTr("Draw this group's mean and range on the charts")
                                                         : qsTr("Draw this run faded on the charts")
                        }
                        // The name, edited in place: it looks like a title until clicked.
                        TextField {
                            id: nameField
                            Layout.fillWidth: true
                            text: card.name
                            maximumLength: 40  // as LabController::nameOf shows a name
                            font.bold: true
                            color: Theme.text
                            selectByMouse: true
                            leftPadding: 2
                            topPadding: 2
                            bottomPadding: 2
                            background: Rectangle {
                                color: nameField.activeFocus ? Theme.window : "transparent"
                                border.color: nameField.activeFocus ? Theme.accent : "transparent"
                                radius: 3
                            }
                            onEditingFinished: if (text !== card.name) panel.said(lab.renameRun(card.runId, text))
                            Accessible.name: qsTr("Name of the run")
                        }
                        Label {
                            text: card.status
                            color: Theme.subtle
                            font.pixelSize: 12
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: text !== ""
                        text: card.changes
                        wrapMode: Text.Wrap
                        color: Theme.text
                        font.pixelSize: 12
                    }
                    Label {
                        Layout.fillWidth: true
                        text: (card.seeds > 0 ? "" : qsTr("seed %1").arg(card.seed)) +
                              (card.metric !== "" ? (card.seeds > 0 ? "" : " · ") + card.metric : "")
                        wrapMode: Text.Wrap
                        color: Theme.subtle
                        font.pixelSize: 12
                    }
                    RowLayout {
                        spacing: 4
                        Button {
                            text: qsTr("Export…")
                            flat: true
                            padding: 4
                            font.pixelSize: 12
                            onClicked: exportRunDialog.ask(card.runId, card.name)
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("A folder with the files gradlab-cli writes and the run's changes (gradlab-cli replay runs it again)")
                        }
                        Button {
                            visible: !card.current
                            text: qsTr("Delete")
                            flat: true
                            padding: 4
                            font.pixelSize: 12
                            onClicked: panel.said(lab.removeRun(card.runId))
                        }
                    }
                }
            }
        }

        Rectangle { Layout.fillWidth: true; height: 1; color: Theme.border }
        // One control a row: they keep their words in every language, even in a narrow panel.
        ColumnLayout {
            Layout.fillWidth: true
            Layout.margins: 8
            spacing: 6
            RowLayout {
                spacing: 6
                Label { text: qsTr("Seeds"); color: Theme.text; Layout.fillWidth: true }
                SpinBox {
                    id: seedCount
                    objectName: "seedCount"
                    from: 2; to: 16; value: 5
                    editable: true
                    Layout.preferredWidth: 90
                    Accessible.name: qsTr("Number of seeds")
                }
            }
            Button {
                objectName: "repeatButton"
                Layout.fillWidth: true
                text: qsTr("Repeat with %1 seeds").arg(seedCount.value)
                enabled: lab.ready && lab.step > 0
                onClicked: panel.said(lab.repeatWithSeeds(seedCount.value))
                ToolTip.visible: hovered
                ToolTip.text: qsTr("This run again up to its step with other seeds, side by side on idle cores: the charts show their mean and range")
            }
            Button {
                Layout.fillWidth: true
                text: qsTr("Compare pictures…")
                visible: lab.hasPictures  // activations and init draw only curves
                enabled: lab.runs.count > 1
                onClicked: compareDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The pictures of two runs side by side")
            }
            Button {
                Layout.fillWidth: true
                text: qsTr("Load a run…")
                onClicked: loadRunDialog.ask()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Run again what an exported run (its summary.json) or a checkpoint recorded")
            }
        }
    }

    // Export: the student names a new folder; the run's files go into it.
    SaveAsDialog {
        id: exportRunDialog
        objectName: "exportRunDialog"
        property int runId: -1
        title: qsTr("Export the run into a new folder")
        acceptLabel: qsTr("Export")
        function ask(id, name) {
            runId = id
            open()
            selectedFile = lab.folder + "/" + lab.lessonId + "-" + name.replace(/[^A-Za-z0-9_.-]+/g, "-")
            currentFolder = lab.folder
        }
        onChosen: (folder) => {
            const err = lab.exportRun(runId, folder)
            lab.notify(err !== "" ? err : qsTr("Exported the run into %1").arg(lab.cleanFileUrl(folder).toString().replace("file://", "")), err === "")
        }
    }
    FileDialog {
        id: loadRunDialog
        objectName: "loadRunDialog"
        title: qsTr("Load a run")
        fileMode: FileDialog.OpenFile
        acceptLabel: qsTr("Load")
        nameFilters: [qsTr("Exported runs (summary.json)"), qsTr("Gradient Lab checkpoints (*.safetensors)"), qsTr("All files (*)")]
        function ask() {
            currentFolder = lab.folder
            open()
        }
        onAccepted: take(selectedFile)
        function take(picked) {
            lab.rememberFolder(picked)
            panel.said(lab.loadRun(lab.cleanFileUrl(picked)))
        }
    }
    CompareDialog { id: compareDialog; objectName: "compareDialog" }
}
