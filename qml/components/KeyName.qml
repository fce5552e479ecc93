// A key sequence's name as the student's keyboard language says it ("Strg+S", "Leertaste"),
// read again when the language changes (Qt makes the name as it is read). A disabled Shortcut
// never fires: it is only asked for the name.
import QtQuick

Shortcut {
    readonly property string name: (lab.language, nativeText)
    enabled: false
}
