// The network's class probabilities for one picture as labelled horizontal bars; the winner is
// highlighted, the true class (when known) marked.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

ColumnLayout {
    id: bars
    property string series: "probabilities"
    property int trueClass: -1
    readonly property var names: lab.board.revision >= 0 ? lab.board.column(series, "class") : []
    readonly property var probs: lab.board.revision >= 0 ? lab.board.column(series, "probability") : []
    readonly property int best: {
        let b = -1
        for (let i = 0; i < probs.length; ++i) if (b < 0 || probs[i] > probs[b]) b = i
        return b
    }
    spacing: 2
    Label {
        visible: bars.names.length === 0
        text: qsTr("No prediction yet")
        color: Theme.subtle
    }
    Repeater {
        model: bars.names.length
        RowLayout {
            required property int index
            Layout.fillWidth: true
            spacing: 6
            Label {
                text: lab.className(bars.names[index]) + (index === bars.trueClass ? " ✓" : "")
                color: index === bars.trueClass ? Theme.accent : Theme.text
                font.bold: index === bars.best
                horizontalAlignment: Text.AlignRight
                elide: Text.ElideRight
                Layout.preferredWidth: 92
                font.pixelSize: 12
            }
            Rectangle {
                Layout.fillWidth: true
                height: 12
                radius: 3
                color: Theme.dark ? "#2A3038" : "#E8ECF0"
                Rectangle {
                    width: parent.width * Math.max(0, Math.min(1, bars.probs[index]))
                    height: parent.height
                    radius: 3
                    color: index === bars.best ? Theme.accent : Theme.subtle
                }
            }
            Label {
                text: Math.round(100 * bars.probs[index]) + " %"
                color: Theme.subtle
                font.pixelSize: 12
                Layout.preferredWidth: 40
            }
        }
    }
}
