// Play/pause, step, step N, reset, speed, seed and device: the run's controls.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

ToolBar {
    id: bar
    // speeds in steps per second; the last (0) means as fast as possible
    readonly property var speeds: [1, 2, 5, 10, 30, 100, 300, 1000, 0]
    background: Rectangle { color: Theme.pane; Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border } }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 8
        spacing: 6

        Label {
            text: "∇ " + qsTr("Gradient Lab")
            font.bold: true
            font.pixelSize: 16
            color: Theme.accent
            Layout.rightMargin: 12
        }
        Button {
            id: playButton
            text: lab.running ? qsTr("Pause") : qsTr("Play")
            icon.source: lab.running ? "qrc:/icons/pause.svg" : "qrc:/icons/play.svg"
            highlighted: !lab.running
            enabled: lab.ready
            onClicked: lab.togglePlay()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Start or pause training (Space)")
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
            Layout.preferredWidth: 120
            enabled: lab.ready && !lab.running
            Accessible.name: qsTr("Steps to run")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("How many steps “Run N” takes")
        }
        Button {
            text: qsTr("Run %1").arg(stepCount.value)
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
        ToolSeparator {}
        Label { text: qsTr("Speed"); color: Theme.subtle }
        Slider {
            id: speedSlider
            from: 0; to: bar.speeds.length - 1; stepSize: 1; snapMode: Slider.SnapAlways
            value: bar.speeds.length - 1
            Layout.preferredWidth: 110
            onMoved: lab.speed = bar.speeds[value]
            Accessible.name: qsTr("Speed")
        }
        Label {
            text: bar.speeds[speedSlider.value] === 0 ? qsTr("max") : qsTr("%1/s").arg(bar.speeds[speedSlider.value])
            color: Theme.text
            Layout.preferredWidth: 48
        }
        ToolSeparator {}
        Label { text: qsTr("Seed"); color: Theme.subtle }
        SpinBox {
            from: 0; to: 999999
            value: lab.seed
            editable: true
            Layout.preferredWidth: 110
            onValueModified: lab.seed = value
            Accessible.name: qsTr("Random seed")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The same seed gives the same run")
        }
        Label { text: qsTr("Device"); color: Theme.subtle }
        ComboBox {
            model: lab.devices
            currentIndex: Math.max(0, lab.devices.indexOf(lab.device))
            onActivated: (i) => lab.device = lab.devices[i]
            Layout.preferredWidth: 90
            ToolTip.visible: hovered
            ToolTip.text: lab.deviceNote
            Accessible.name: qsTr("Device")
        }
        Item { Layout.fillWidth: true }
    }
}
