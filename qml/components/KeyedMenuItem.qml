// A menu item that shows its action's shortcut at the right ("Ctrl+S"), as desktop menus do:
// Qt Quick's MenuItem (Qt 6.4) draws none, so a student had no way to learn them from the menu.
import QtQuick
import QtQuick.Controls

MenuItem {
    id: item
    readonly property string keys: probe.name
    rightPadding: keys !== "" ? keyLabel.implicitWidth + 36 : 12
    // The Action's shortcut, else its `keys` (one the window handles itself: Space for Play).
    KeyName {
        id: probe
        sequence: !item.action ? "" : item.action.shortcut !== undefined && item.action.shortcut !== "" ? item.action.shortcut
                                    : item.action.keys !== undefined ? item.action.keys : ""
    }
    Label {
        id: keyLabel
        text: item.keys
        visible: text !== ""
        anchors.right: parent.right
        anchors.rightMargin: 12
        anchors.verticalCenter: parent.verticalCenter
        // From the palette, not Theme: a Theme lookup in a menu delegate hangs Qt 6.4's compiled
        // QML at start-up (initLoadSingletonLookup never returns).
        color: item.highlighted ? item.palette.highlightedText : item.enabled ? item.palette.placeholderText
                                                                              : item.palette.disabled.windowText
    }
}
