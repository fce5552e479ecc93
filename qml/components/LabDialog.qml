// A dialog whose standard buttons (Close, OK) follow a language chosen in the View menu: Qt 6.4
// names them once, as it makes them, so they are made again when the language changes.
import QtQuick
import QtQuick.Controls

Dialog {
    id: dialog
    Connections {
        target: lab
        function onLanguageChanged() {
            const buttons = dialog.standardButtons
            dialog.standardButtons = Dialog.NoButton
            dialog.standardButtons = buttons
        }
    }
}
