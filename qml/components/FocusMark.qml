// The keyboard's mark on a control whose own look shows none (a page's tab) or shows the same as
// when it is highlighted (Play, "Reset to apply"): an accent outline while Tab or F6 put the
// focus there. Declared inside the control; `inset` > 0 draws it inside (a tab bar clips). A
// chart card declares it around its chart, visible while the chart has the focus.
import QtQuick
import GradLab

Rectangle {
    property real inset: -3
    anchors.fill: parent
    anchors.margins: inset
    visible: parent ? parent.visualFocus === true : false
    color: "transparent"
    radius: 4
    border.width: 2
    border.color: Theme.accent
    z: 10
}
