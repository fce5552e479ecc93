// Step, speed, device, the lesson's headline value and the latest message.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

ToolBar {
    height: 30
    background: Rectangle { color: Theme.pane; Rectangle { width: parent.width; height: 1; color: Theme.border } }
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 12
        spacing: 18
        Label { text: qsTr("Step %1").arg(lab.step); color: Theme.text; font.family: "monospace" }
        Label {
            text: lab.pace
            color: Theme.subtle
            HoverHandler { id: paceHover }
            ToolTip.visible: paceHover.hovered
            ToolTip.delay: 500
            ToolTip.text: qsTr("How fast the network trains on this computer. Larger settings (more layers or units, longer sequences, bigger batches) make every step slower; the window stays usable meanwhile, and a change you make is taken at the next step.")
        }
        Label { text: lab.progress; visible: lab.progress !== ""; color: Theme.subtle }
        Label {
            objectName: "deviceLabel"
            text: lab.device.toUpperCase()
            color: Theme.subtle
            HoverHandler { id: deviceHover }
            ToolTip.visible: deviceHover.hovered
            ToolTip.delay: 500
            ToolTip.text: lab.deviceNote  // why there is no GPU to choose, or which one it is
        }
        Label {
            readonly property real v: lab.board.revision >= 0 ? lab.board.latest(lab.headline) : NaN
            text: qsTr("%1: %2").arg(lab.headlineTitle).arg(Theme.formatNumber(v))
            visible: lab.headline !== "" && !isNaN(v)
            color: Theme.text
        }
        Label {
            text: lab.message
            color: lab.messageTells ? Theme.text : lab.messageCalm ? Theme.subtle : Theme.warning
            elide: Text.ElideRight
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignRight
            // A long message (a network diverged) is cut here: the whole of it shows on hovering; a
            // click clears it.
            MouseArea { id: messageArea; anchors.fill: parent; hoverEnabled: true; onClicked: lab.clearMessage() }
            ToolTip.visible: messageArea.containsMouse && truncated
            ToolTip.text: lab.message
            ToolTip.delay: 300
        }
    }
}
