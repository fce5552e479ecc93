// Colours and sizes shared by every component (set `dark` from the window).
pragma Singleton
import QtQuick

QtObject {
    property bool dark: false
    property string decimalPoint: "."  // the interface language's ("," in German); Main binds it
    readonly property color accent: dark ? "#6CB4EE" : "#0B6BCB"
    readonly property color text: dark ? "#E6E6E6" : "#1F2328"
    readonly property color subtle: dark ? "#A0A8B0" : "#59636E"
    readonly property color disabledText: dark ? "#5E6670" : "#A8B0B8"
    readonly property color pane: dark ? "#1E2227" : "#FFFFFF"
    readonly property color window: dark ? "#15181C" : "#F3F5F7"
    readonly property color border: dark ? "#343A40" : "#D8DEE4"
    readonly property color warning: dark ? "#F0B429" : "#B35900"
    readonly property color error: dark ? "#FF7B72" : "#C62828"
    readonly property int radius: 8
    readonly property int gap: 10
    // Okabe-Ito, colour-blind safe; the same order as Board.paletteColor in C++.
    function palette(i) {
        const light = ["#E69F00", "#56B4E9", "#009E73", "#D55E00", "#0072B2", "#CC79A7", "#B8A200", "#000000"]
        const darkP = ["#E69F00", "#56B4E9", "#009E73", "#D55E00", "#3D9BE0", "#CC79A7", "#F0E442", "#E0E0E0"]
        return (dark ? darkP : light)[((i % 8) + 8) % 8]
    }
    function formatNumber(v) {
        if (v === undefined || v === null || isNaN(v)) return "–"
        if (!isFinite(v)) return v > 0 ? "∞" : "−∞"  // a diverged loss
        const a = Math.abs(v)
        if (a !== 0 && (a < 1e-3 || a >= 1e5)) return shown(v.toExponential(2))
        if (Number.isInteger(v)) return v.toString()
        return shown(v.toPrecision(4))
    }
    // A parameter's value as its field shows it: as set, to four significant digits without
    // trailing zeros ("0.001", "0.9", "1e-5"), whole numbers whole ("100000").
    function formatValue(v) {
        if (v === undefined || v === null || isNaN(v)) return "–"
        if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toString()
        const a = Math.abs(v)
        if (a < 1e-3 || a >= 1e5) return shown(Number(v.toPrecision(3)).toExponential())
        return shown(String(Number(v.toPrecision(4))))
    }
    // A number that JavaScript wrote ("0.05") as the interface's language writes it ("0,05").
    function shown(text) { return decimalPoint === "." ? text : text.replace(".", decimalPoint) }
    // The widest piece of `text` that no line may break: a word, a part of "xavier_\u200buniform",
    // or one character of Chinese (which breaks between any two).
    function unbreakablePiece(text) {
        return text.split(/[\s\u200b-]+|(?=[\u3000-\u9fff\uff00-\uffef])/).reduce((a, b) => b.length > a.length ? b : a, "")
    }
}
