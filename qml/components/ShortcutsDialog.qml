// The keyboard shortcuts at a glance (F1 or ?).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

Dialog {
    title: qsTr("Keyboard shortcuts")
    modal: true
    standardButtons: Dialog.Close
    anchors.centerIn: parent
    GridLayout {
        columns: 2
        columnSpacing: 24
        rowSpacing: 6
        Repeater {
            model: [
                ["Space", qsTr("Play / pause")],
                ["→", qsTr("One step")],
                ["R", qsTr("Reset (a fresh run)")],
                ["Ctrl+S", qsTr("Save a checkpoint")],
                ["Ctrl+O", qsTr("Load a checkpoint")],
                ["Ctrl+E", qsTr("Export every chart (PNG + CSV) to a folder")],
                ["Ctrl+1…9", qsTr("Open lesson 1…9")],
                ["Ctrl+D", qsTr("Dark / light mode")],
                ["F1", qsTr("This overview")],
                ["Ctrl+Q", qsTr("Quit")]
            ]
            delegate: RowLayout {
                required property var modelData
                Layout.columnSpan: 2
                spacing: 24
                Label {
                    text: modelData[0]
                    font.family: "monospace"
                    font.bold: true
                    color: Theme.accent
                    Layout.preferredWidth: 90
                }
                Label { text: modelData[1]; color: Theme.text }
            }
        }
    }
}
