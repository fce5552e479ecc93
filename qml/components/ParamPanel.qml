// The parameter panel, generated from the lesson's LessonSpec: sliders (log scale where declared)
// with an editable value, spin boxes, choices, switches and check-box sets, grouped in sections.
// Parameters that need a reset show it; a Reset button applies them.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

Pane {
    id: panel
    property var model: lab.params
    padding: 0
    // Scrolls to the parameter `key` and lights it up a moment (a link in the lesson's text); one
    // the panel does not show now leads to the parameter it appears with. With `takeFocus` (a link
    // followed with Enter) the row's control also gets the keyboard. False: nothing to show.
    function reveal(key, takeFocus) {
        const i = panel.model.rowFor(key)
        if (i < 0) return false
        list.currentIndex = i
        list.positionViewAtIndex(i, ListView.Contain)
        glow.restart()
        const row = takeFocus ? list.itemAtIndex(i) : null
        const control = row ? row.nextItemInFocusChain(true) : null  // the row's first, if it is in the row
        let inRow = control
        while (inRow && inRow !== row) inRow = inRow.parent
        if (inRow) control.forceActiveFocus(Qt.TabFocusReason)
        return true
    }
    background: Rectangle { color: Theme.pane; radius: Theme.radius; border.color: Theme.border }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 10
            visible: panel.model.pendingReset
            Label { text: qsTr("Some changes wait for a reset."); color: Theme.warning; wrapMode: Text.Wrap; Layout.fillWidth: true }
            Button {
                visible: panel.model.pendingReset
                text: qsTr("Reset to apply")
                highlighted: true
                onClicked: lab.reset()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Some changes only take effect in a fresh run (R).")
                FocusMark {}
            }
        }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: panel.model
            spacing: 2
            currentIndex: -1
            highlightMoveDuration: 0
            // Rows are made when they come into sight, not ahead of it: those a list makes ahead
            // are made in the background, and a lesson switch cut them short with Qt's
            // "DelegateModel::cancel: index out range". A lesson has some thirty rows at most.
            cacheBuffer: 0
            highlight: Rectangle { color: Theme.accent; radius: 4; opacity: 0 }
            NumberAnimation { id: glow; target: list.highlightItem; property: "opacity"; from: 0.3; to: 0; duration: 1800; easing.type: Easing.InQuad }
            Connections {  // another lesson's rows: the row lit up is gone
                target: panel.model
                function onModelAboutToBeReset() { list.currentIndex = -1 }
            }
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            section.property: "group"
            section.criteria: ViewSection.FullString
            section.delegate: Label {
                required property string section
                width: ListView.view.width
                text: section
                visible: section !== ""
                height: section !== "" ? implicitHeight + 14 : 0
                topPadding: 10
                leftPadding: 12
                font.bold: true
                font.capitalization: Font.AllUppercase
                font.pixelSize: 11
                color: Theme.subtle
            }
            delegate: ParamDelegate { width: ListView.view.width - 14 }
        }
    }
}
