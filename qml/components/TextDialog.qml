// TextDialog: a modal dialog that says one text, wrapped to a width of its own (60 % of the
// window, at most 560 px), centred. The width is worked out from the window, not from the text
// (sizing the dialog by its text made a binding loop) nor read back from the popup (Qt 6.4 moves
// a popup when its height changes, which follows the wrapped text: another loop, printed at
// every start of the lab).
import QtQuick
import QtQuick.Controls

LabDialog {
    id: dialog
    property alias text: label.text
    readonly property real textWidth: Math.min((parent ? parent.width : 0) * 0.6, 560) - leftPadding - rightPadding
    modal: true
    anchors.centerIn: parent
    width: textWidth + leftPadding + rightPadding
    Label { id: label; width: dialog.textWidth; wrapMode: Text.Wrap; color: Theme.text }
}
