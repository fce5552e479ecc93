// Play/pause, step, step N, reset, speed, seed and device (where a GPU is usable): the run's controls.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

ToolBar {
    id: bar
    // Going back (also from the Run menu): opens the step chooser under its button.
    readonly property bool canGoBack: lab.canBranch && !lab.running && lab.step > 0
    function goBack() {
        backSlider.value = Math.round(lab.step / 2)
        branchPopup.open()
    }
    // speeds in steps per second; the last (0) means as fast as possible
    readonly property var speeds: [1, 2, 5, 10, 20, 50, 100, 300, 1000, 0]
    function speedIndex(sps) {
        if (!(sps > 0)) return speeds.length - 1
        let best = 0
        for (let i = 0; i < speeds.length - 1; ++i)
            if (Math.abs(Math.log(speeds[i] / sps)) < Math.abs(Math.log(speeds[best] / sps))) best = i
        return best
    }
    background: Rectangle { color: Theme.pane; Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border } }

    // The controls in groups that wrap onto a second row when the window is narrow (1024 px, or
    // long German labels) instead of leaving the window.
    contentItem: Flow {
        leftPadding: 8
        rightPadding: 8
        topPadding: 3
        bottomPadding: 3
        spacing: 6

        Label {
            visible: bar.width > 1440  // the window's title says it too
            height: playButton.height
            text: "∇ " + qsTr("Gradient Lab")
            font.bold: true
            font.pixelSize: 16
            color: Theme.accent
            verticalAlignment: Text.AlignVCenter
            rightPadding: 12
        }
        Row {
            spacing: 6
            Button {
                id: playButton
                text: lab.running ? qsTr("Pause") : qsTr("Play")
                icon.source: lab.running ? "qrc:/icons/pause.svg" : "qrc:/icons/play.svg"
                highlighted: !lab.running
                enabled: lab.ready
                onClicked: lab.togglePlay()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Start or pause training (Space)")
                FocusMark {}
            }
            Button {
                text: qsTr("Step")
                icon.source: "qrc:/icons/step.svg"
                enabled: lab.ready && !lab.running
                onClicked: lab.stepOnce()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("One step (Right arrow)")
            }
            SpinBox {
                id: stepCount
                from: 1; to: 100000; value: 100
                editable: true
                width: 104
                enabled: lab.ready && !lab.running
                Accessible.name: qsTr("Steps to run")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("How many steps “Run N” takes")
            }
            Button {
                text: qsTr("Run %1", "the button: run this many steps").arg(stepCount.value)
                enabled: lab.ready && !lab.running
                onClicked: lab.stepN(stepCount.value)
            }
            Button {
                text: qsTr("Reset")
                icon.source: "qrc:/icons/reset.svg"
                onClicked: lab.reset()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("A fresh run with the current parameters (R)")
            }
            Button {
                id: backButton
                objectName: "branchButton"
                text: qsTr("Go back…")
                enabled: bar.canGoBack
                onClicked: bar.goBack()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Back to an earlier step, to try something else from there")
            }
            Button {
                visible: lab.board.hasGhost
                text: qsTr("Hide earlier runs")
                onClicked: lab.dropGhost()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The faded lines of the runs you went back from (the Runs tab shows them again)")
            }
        }
        Row {
            spacing: 6
            ToolSeparator { height: playButton.height }
            Label { text: qsTr("Speed"); color: Theme.subtle; height: playButton.height; verticalAlignment: Text.AlignVCenter }
            Slider {
                id: speedSlider
                from: 0; to: bar.speeds.length - 1; stepSize: 1; snapMode: Slider.SnapAlways
                // The lesson's speed (each lesson has its own), the nearest step of the scale.
                value: bar.speedIndex(lab.speed)
                width: 100
                height: playButton.height
                onMoved: lab.speed = bar.speeds[value]
                Accessible.name: qsTr("Speed")
            }
            Label {
                text: bar.speeds[speedSlider.value] === 0 ? qsTr("max") : qsTr("%1/s").arg(bar.speeds[speedSlider.value])
                color: Theme.text
                width: 48
                height: playButton.height
                verticalAlignment: Text.AlignVCenter
            }
        }
        Row {
            spacing: 6
            ToolSeparator { height: playButton.height }
            Label { text: qsTr("Seed"); color: Theme.subtle; height: playButton.height; verticalAlignment: Text.AlignVCenter }
            SpinBox {
                from: 0; to: 999999
                value: lab.seed
                editable: true
                width: 104
                onValueModified: lab.seed = value
                Accessible.name: qsTr("Random seed")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("The same seed gives the same run")
            }
        }
        // Only where there is a choice: with the CPU alone the status line says "CPU" (its tooltip why).
        Row {
            visible: lab.devices.length > 1
            spacing: 6
            Label { text: qsTr("Device"); color: Theme.subtle; height: playButton.height; verticalAlignment: Text.AlignVCenter }
            LabComboBox {
                objectName: "deviceChoice"
                model: lab.devices
                currentIndex: Math.max(0, lab.devices.indexOf(lab.device))
                onActivated: (i) => lab.device = lab.devices[i]
                width: 90
                ToolTip.visible: hovered
                ToolTip.text: lab.deviceNote
                Accessible.name: qsTr("Device")
            }
        }
    }

    // Going back: a step on the run so far; the branch replays the run to it exactly and pauses.
    Popup {
        id: branchPopup
        objectName: "branchPopup"
        parent: backButton
        y: backButton.height + 4
        width: 360
        padding: 12
        modal: false
        background: Rectangle { color: Theme.pane; border.color: Theme.border; radius: Theme.radius }
        onOpened: lab.board.cursor = backSlider.value
        onClosed: lab.board.cursor = -1
        ColumnLayout {
            width: parent.width
            spacing: 8
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.text
                text: qsTr("Go back to step %1 and carry on from there: change a parameter and press Play. The run so far stays on the line charts, faded.").arg(backSlider.value)
            }
            Slider {
                id: backSlider
                Layout.fillWidth: true
                from: 0; to: Math.max(1, lab.step); stepSize: 1
                Accessible.name: qsTr("Step to go back to")
                // The line charts mark the step while the student chooses it.
                onValueChanged: if (branchPopup.opened) lab.board.cursor = value
            }
            RowLayout {
                Layout.fillWidth: true
                Item { Layout.fillWidth: true }
                Button { text: qsTr("Cancel"); onClicked: branchPopup.close() }
                Button {
                    text: qsTr("Go back to step %1").arg(backSlider.value)
                    highlighted: true
                    onClicked: {
                        const step = backSlider.value
                        branchPopup.close()
                        const err = lab.branchAt(step)
                        if (err !== "") lab.notify(err)
                    }
                }
            }
        }
    }
}
