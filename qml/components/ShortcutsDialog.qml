// The keyboard shortcuts at a glance (F1 or ?).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

LabDialog {
    title: qsTr("Keyboard shortcuts")
    modal: true
    standardButtons: Dialog.Close
    anchors.centerIn: parent
    GridLayout {
        columns: 2
        columnSpacing: 24
        rowSpacing: 6
        Repeater {
            // keys: a key sequence, shown as the student's keyboard names it ("Strg+S", "Rechts" in
            // German) and as the menus name it; after: text that follows the keys.
            model: [
                { keys: "Space", what: qsTr("Play / pause") },
                { keys: "Right", what: qsTr("One step") },
                { keys: "R", what: qsTr("Reset (a fresh run)") },
                { keys: "Ctrl+S", what: qsTr("Save a checkpoint") },
                { keys: "Ctrl+O", what: qsTr("Load a checkpoint") },
                { keys: "Ctrl+E", what: qsTr("Export every chart (PNG + CSV) to a folder") },
                { keys: "Ctrl+1", after: "…9", what: qsTr("Open lesson 1…9") },
                { keys: "Ctrl+0", what: qsTr("Open lesson 10") },
                { keys: "F6", what: qsTr("The keyboard to the next part of the window") },
                { keys: "Shift+F6", what: qsTr("The keyboard to the part before") },
                { keys: "Tab", what: qsTr("In the lesson's text: from link to link (Enter: to its parameter)") },
                { keys: "Tab", what: qsTr("On the page: to a chart, whose values the arrow keys then read") },
                { after: "+ / −", what: qsTr("On a line chart: zoom in (or drag across it) / show all of it (or double-click)") },
                { keys: "Ctrl+D", what: qsTr("Dark / light mode") },
                { keys: "F11", what: qsTr("Full screen / window") },
                { keys: "F1", what: qsTr("This overview") },
                { keys: "Ctrl+Q", what: qsTr("Quit") }
            ]
            delegate: RowLayout {
                id: row
                required property var modelData
                Layout.columnSpan: 2
                spacing: 24
                KeyName { id: probe; sequence: row.modelData.keys || "" }
                Label {
                    text: probe.name + (row.modelData.after || "")
                    font.family: "monospace"
                    font.bold: true
                    color: Theme.accent
                    Layout.preferredWidth: 120
                }
                Label { text: row.modelData.what; color: Theme.text }
            }
        }
    }
}
