// A and B side by side: one picture of the lesson (filters, feature maps, attention) in the run on
// screen and in another run of the runs panel, each drawn as its page draws it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

LabDialog {
    id: dialog
    title: qsTr("Compare pictures")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(Overlay.overlay ? Overlay.overlay.width * 0.9 : 900, 1100)
    height: Math.min(Overlay.overlay ? Overlay.overlay.height * 0.85 : 600, 760)
    standardButtons: Dialog.Close
    property var pictures: []  // [{name, title}] of the run on screen
    property var others: []    // [{runId, name}]: the runs to compare it with
    onAboutToShow: refresh()

    function refresh() {
        const p = []
        for (const n of lab.board.imageNames()) {
            const o = lab.board.output(n)
            // By the lesson's title for it, and for one of several ("Feature maps") which one ("conv1").
            p.push({ name: n, title: !o.title ? n : o.instance ? o.title + " · " + o.instance : o.title })
        }
        pictures = p
        const r = []
        for (let i = 0; i < lab.runs.count; ++i) {
            const row = lab.runs.get(i)
            if (!row.current) r.push({ runId: row.runId, name: row.name })
        }
        others = r
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Label { text: qsTr("Picture"); color: Theme.text }
            ComboBox {
                id: pictureBox
                objectName: "pictureBox"
                Layout.fillWidth: true
                model: dialog.pictures
                textRole: "title"
                valueRole: "name"
                popup.palette: palette  // see LabComboBox: the list follows a change of theme
            }
            Label { text: qsTr("against"); color: Theme.text }
            ComboBox {
                id: runBox
                objectName: "runBox"
                Layout.preferredWidth: 220
                model: dialog.others
                textRole: "name"
                valueRole: "runId"
                popup.palette: palette
            }
        }
        Label {
            visible: dialog.pictures.length === 0 || dialog.others.length === 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.subtle
            text: dialog.pictures.length === 0 ? qsTr("This lesson has drawn no pictures yet.")
                                               : qsTr("There is no other run yet: branch, reset or repeat with seeds first.")
        }
        Item { Layout.fillHeight: true; visible: !sideBySide.visible }
        RowLayout {
            id: sideBySide
            visible: dialog.pictures.length > 0 && dialog.others.length > 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap
            Repeater {
                model: 2
                ColumnLayout {
                    required property int index
                    readonly property var board: index === 0 ? lab.board : (runBox.currentIndex >= 0 ? lab.runBoard(runBox.currentValue) : null)
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1
                    Label {
                        text: (index === 0 ? "A · " : "B · ") + (parent.board ? parent.board.name : "")
                        font.bold: true
                        color: Theme.text
                    }
                    HeatMap {
                        objectName: index === 0 ? "pictureA" : "pictureB"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        board: parent.board
                        dark: Theme.dark
                        image: pictureBox.currentValue !== undefined ? pictureBox.currentValue : ""
                        // A run kept from an earlier session has its charts but no pictures.
                        emptyText: parent.board && parent.board.picturesLost
                                   ? qsTr("Pictures are not kept when the lab closes: this run has none.")
                                   : qsTr("This run has no such picture.")
                    }
                }
            }
        }
    }
}
