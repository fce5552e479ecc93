// A menu of the menu bar: its items show their shortcuts (KeyedMenuItem), and it is as wide as
// its widest item (Fusion's menu is 200 px wide: with the shortcuts, long German entries were cut).
import QtQuick
import QtQuick.Controls

Menu {
    id: menu
    delegate: KeyedMenuItem {}
    width: {
        let w = 200
        for (let i = 0; i < count; ++i) {
            const it = itemAt(i)
            if (it) w = Math.max(w, it.implicitWidth)
        }
        return Math.ceil(w) + leftPadding + rightPadding + 8  // a little air after the longest text
    }
}
