// A ComboBox that gives the keyboard back to the lesson when a choice made with the mouse is done:
// left focused, it took the release of the next Space (the play key) and opened its list again
// while the lab started playing. Reached with Tab it keeps the focus, as the keyboard expects (and
// Space opens it: Main.qml's Space does not play while a combo box has the focus).
import QtQuick
import QtQuick.Controls

ComboBox {
    id: combo
    // The list follows the theme: left to inherit, it kept the colours it was made with (a light
    // list in the dark theme after the theme was switched).
    popup.palette: combo.palette
    property bool byKeyboard: false  // how it got the focus last: Tab, or a click
    onFocusReasonChanged: {
        if (focusReason === Qt.TabFocusReason || focusReason === Qt.BacktabFocusReason) byKeyboard = true
        else if (focusReason === Qt.MouseFocusReason) byKeyboard = false
    }
    function giveTheKeysBack() {
        if (combo.activeFocus && !combo.popup.visible && Window.window && Window.window.keySink)
            Window.window.keySink.forceActiveFocus()
    }
    Connections {
        target: combo.popup
        function onClosed() {
            // Later: the popup hands the focus back to the combo box after it says it closed.
            if (!combo.byKeyboard) Qt.callLater(combo.giveTheKeysBack)
        }
    }
}
