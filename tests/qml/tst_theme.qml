// The theme reaches every control: the whole main window (transport bar, parameter panel, lesson
// page, status line, a menu) is drawn dark in dark mode and light in light mode. Each control is
// grabbed from the screen and the mean brightness of its background (or check box indicator)
// measured, so a control drawn by a style that ignores the palette (a white button on a dark
// window) fails.
import QtQuick
import QtQuick.Controls
import QtTest

TestCase {
    id: test
    name: "Theme"
    when: windowShown

    property var window: null

    function initTestCase() {
        const c = Qt.createComponent("qrc:/GradLab/Main.qml")
        compare(c.status, Component.Ready, c.errorString())
        window = c.createObject(null, { width: 1280, height: 800 })
        verify(window)
        window.lab.lessonId = "optimizers"
        tryVerify(() => window.lab.ready, 20000)
    }

    function cleanupTestCase() { if (window) window.destroy() }

    // Every visible control (a Button, field, box, slider...) under `item`.
    function controlsUnder(item, out) {
        for (let i = 0; i < item.children.length; ++i) {
            const c = item.children[i]
            if (!c.visible || c.width < 8 || c.height < 8) continue
            if (c instanceof AbstractButton || c instanceof TextField || c instanceof SpinBox || c instanceof ComboBox
                || c instanceof Slider)
                out.push(c)
            controlsUnder(c, out)
        }
        return out
    }

    // Mean brightness (0-1) of an item's pixels in a grab of the whole window, sampled on a grid.
    // (TestCase.grabImage crops by the item's position in its parent, so it is given the window's
    // root item, and the item's rectangle is mapped to the window here.)
    function brightness(shot, item) {
        const r = item.mapToItem(null, 0, 0, item.width, item.height)
        let sum = 0, n = 0
        for (let y = Math.ceil(r.y) + 1; y < r.y + r.height - 1; y += Math.max(1, Math.floor(r.height / 8)))
            for (let x = Math.ceil(r.x) + 1; x < r.x + r.width - 1; x += Math.max(1, Math.floor(r.width / 16))) {
                if (x >= shot.width || y >= shot.height) continue
                sum += (0.2126 * shot.red(x, y) + 0.7152 * shot.green(x, y) + 0.0722 * shot.blue(x, y)) / 255
                ++n
            }
        return n ? sum / n : NaN
    }

    function checkAll(dark) {
        window.dark = dark
        wait(100)  // a frame or two with the new palette
        const items = controlsUnder(window.contentItem, []).concat(controlsUnder(window.menuBar, []))
            .concat(window.header ? controlsUnder(window.header, []) : [])
        verify(items.length > 20, "found the window's controls (" + items.length + ")")
        let kinds = {}
        const root = window.contentItem.parent
        const shot = grabImage(root)
        let measured = 0
        for (let i = 0; i < items.length; ++i) {
            // What makes a control light or dark: its background (buttons, fields, boxes), its
            // indicator (check boxes, switches) or its handle (sliders: the groove is half accent).
            const c = items[i]
            const part = c instanceof Slider ? c.handle
                       : (c instanceof CheckBox || c instanceof Switch || c instanceof RadioButton) ? c.indicator
                       : c.background && c.background.visible && c.background.width > 4 ? c.background : c
            const b = brightness(shot, part)
            if (isNaN(b)) continue  // scrolled out of the window
            ++measured
            const what = String(items[i]).split("(")[0] + " '" + (items[i].text || items[i].displayText || "") + "'"
            if (dark) verify(b < 0.4, what + " is drawn dark (brightness " + b.toFixed(2) + ")")
            else verify(b > 0.6, what + " is drawn light (brightness " + b.toFixed(2) + ")")
            kinds[String(items[i]).split("_QML")[0].split("(")[0]] = true
        }
        verify(measured > 20, measured + " controls measured")
        // A menu of the menu bar, opened: its panel follows the theme as well.
        const menu = window.menuBar.menus[0]
        menu.open()
        tryVerify(() => menu.opened, 2000)
        wait(50)
        const b = brightness(grabImage(root), menu.contentItem)
        if (dark) verify(b < 0.4, "the File menu is drawn dark (" + b.toFixed(2) + ")")
        else verify(b > 0.6, "the File menu is drawn light (" + b.toFixed(2) + ")")
        menu.close()
        return Object.keys(kinds)
    }

    function test_darkControls() {
        const kinds = checkAll(true)
        verify(kinds.length >= 4, "several kinds of controls were checked: " + kinds.join(", "))
    }

    function test_lightControls() { checkAll(false) }

    // The menus show each action's shortcut, and are wide enough for their longest entry.
    function test_menusShowTheirShortcuts() {
        const file = window.menuBar.menus[0]
        file.open()
        tryVerify(() => file.opened, 2000)
        compare(file.itemAt(0).keys, "Ctrl+S")   // Save checkpoint
        compare(file.itemAt(1).keys, "Ctrl+O")   // Load checkpoint
        for (let i = 0; i < file.count; ++i)
            verify(file.width >= file.itemAt(i).implicitWidth, "item " + i + " fits")
        file.close()
        const run = window.menuBar.menus[1]   // keys the window handles itself
        run.open()
        tryVerify(() => run.opened, 2000)
        compare(run.itemAt(0).keys, "Space")  // Play
        compare(run.itemAt(1).keys, "Right")  // Step
        compare(run.itemAt(2).keys, "R")      // Reset
        run.close()
    }

    // A control that cannot be used (Step while training) is drawn faded, in both themes: the ink of
    // its label is far from an enabled button's. (The text colours were set for every colour group
    // at once, which overwrote the disabled one: Step looked usable while it was not.)
    function test_disabledControlsLookDisabled() {
        const root = window.contentItem.parent
        const on = Qt.createQmlObject('import QtQuick.Controls; Button { text: "MMMM"; x: 600; y: 300 }', window.contentItem)
        const off = Qt.createQmlObject('import QtQuick.Controls; Button { text: "MMMM"; x: 600; y: 360; enabled: false }', window.contentItem)
        // The label's ink: its darkest pixel on the light theme, its brightest on the dark one.
        function ink(shot, item, dark) {
            const r = item.mapToItem(null, 0, 0, item.width, item.height)
            let best = dark ? 0 : 1
            for (let y = Math.ceil(r.y + r.height / 4); y < r.y + 3 * r.height / 4; ++y)
                for (let x = Math.ceil(r.x + r.width / 4); x < r.x + 3 * r.width / 4; ++x) {
                    const v = (0.2126 * shot.red(x, y) + 0.7152 * shot.green(x, y) + 0.0722 * shot.blue(x, y)) / 255
                    best = dark ? Math.max(best, v) : Math.min(best, v)
                }
            return best
        }
        for (const dark of [false, true]) {
            window.dark = dark
            wait(100)
            const shot = grabImage(root)
            const a = ink(shot, on, dark), b = ink(shot, off, dark)
            verify(Math.abs(a - b) > 0.25, (dark ? "dark" : "light") + " theme: label ink " + a.toFixed(2)
                   + " enabled, " + b.toFixed(2) + " disabled")
        }
        on.destroy()
        off.destroy()
        window.dark = false
    }
}
