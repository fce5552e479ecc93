// The network's class probabilities for one picture as labelled horizontal bars; the winner is
// highlighted, the true class (when known) marked. It takes the size it is given (its rows follow
// its height, never the other way round): 12-18 px rows, and where not every class fits the most
// likely ones are shown, most likely first, and the true class always.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

Item {
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
    readonly property int fits: Math.max(1, Math.floor((height + 2) / 14))
    readonly property var shown: {
        let idx = []
        for (let i = 0; i < names.length; ++i) idx.push(i)
        if (idx.length <= fits) return idx
        idx.sort((a, b) => probs[b] - probs[a])
        let top = idx.slice(0, fits)
        if (trueClass >= 0 && trueClass < names.length && top.indexOf(trueClass) < 0) top[fits - 1] = trueClass
        return top
    }
    readonly property real rowHeight: Math.max(12, Math.min(18, (height - 2 * Math.max(0, shown.length - 1)) / Math.max(1, shown.length)))
    implicitWidth: 220
    implicitHeight: 14 * 10
    Layout.fillHeight: true
    Layout.minimumHeight: 14

    Label {
        visible: bars.names.length === 0
        text: qsTr("No prediction yet")
        color: Theme.subtle
    }
    Repeater {
        model: bars.shown
        RowLayout {
            required property int modelData
            required property int index  // position in the list shown
            readonly property int cls: modelData
            x: 0
            y: index * (bars.rowHeight + 2)
            width: bars.width
            height: bars.rowHeight
            spacing: 6
            Label {
                text: lab.className(bars.names[cls]) + (cls === bars.trueClass ? " ✓" : "")
                color: cls === bars.trueClass ? Theme.accent : Theme.text
                font.bold: cls === bars.best
                horizontalAlignment: Text.AlignRight
                elide: Text.ElideRight
                Layout.preferredWidth: 92
                font.pixelSize: Math.min(12, bars.rowHeight - 2)
            }
            Rectangle {
                Layout.fillWidth: true
                height: Math.min(12, bars.rowHeight - 3)
                radius: 3
                color: Theme.dark ? "#2A3038" : "#E8ECF0"
                Rectangle {
                    width: parent.width * Math.max(0, Math.min(1, bars.probs[cls]))
                    height: parent.height
                    radius: 3
                    color: cls === bars.best ? Theme.accent : Theme.subtle
                }
            }
            Label {
                text: Math.round(100 * bars.probs[cls]) + " %"
                color: Theme.subtle
                font.pixelSize: Math.min(12, bars.rowHeight - 2)
                Layout.preferredWidth: 40
            }
        }
    }
}
