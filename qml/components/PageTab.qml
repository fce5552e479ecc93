// A tab of a lesson page: the selected one stands out in both themes (bold text in the accent
// colour over an accent bar), the others are plain.
import QtQuick
import QtQuick.Controls
import GradLab

TabButton {
    id: tab
    font.bold: checked
    contentItem: Text {
        text: tab.text
        font: tab.font
        color: tab.checked ? Theme.accent : Theme.subtle
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitHeight: 32
        color: tab.checked ? Theme.pane : (tab.hovered ? Theme.border : Theme.window)
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: tab.checked ? 3 : 1
            color: tab.checked ? Theme.accent : Theme.border
        }
    }
    FocusMark { inset: 3 }
}
