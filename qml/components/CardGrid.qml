// CardGrid: the cards a Repeater makes (one per layer, head or cell), in equal cells, `columns`
// across, filling the grid. A Qt Quick Layout would do this, but Qt 6.4's layouts read a freed
// item when a Repeater inside them changes its count while the window is being laid out (the lab
// died with SIGSEGV, e.g. opening the attention lesson with two layers in a smaller window). A
// plain Item holds no such list, so the count may change at any time.
import QtQuick

Item {
    id: grid
    property Repeater repeater  // a child of the grid
    property int columns: 1
    property real spacing: 0
    // Square pictures (heat maps): the columns are chosen to give each card the largest square
    // below its title bar of `titleHeight`, instead of `columns` (eight heads in one row were
    // slivers with their titles cut to "…").
    property bool squarePictures: false
    property real titleHeight: 40

    function columnsFor(n) {
        if (!squarePictures) return Math.max(1, columns)
        let best = 1, side = -1
        for (let c = 1; c <= n; ++c) {
            const r = Math.ceil(n / c)
            const s = Math.min((width - (c - 1) * spacing) / c, (height - (r - 1) * spacing) / r - titleHeight)
            if (s > side) { side = s; best = c }
        }
        return best
    }
    function arrange() {
        if (!repeater) return
        const n = repeater.count, cols = columnsFor(n), rows = Math.max(1, Math.ceil(n / cols))
        const w = Math.max(0, (width - (cols - 1) * spacing) / cols), h = Math.max(0, (height - (rows - 1) * spacing) / rows)
        for (let i = 0; i < n; ++i) {
            const card = repeater.itemAt(i)
            if (!card) continue
            card.x = (i % cols) * (w + spacing)
            card.y = Math.floor(i / cols) * (h + spacing)
            card.width = w
            card.height = h
        }
    }
    Component.onCompleted: arrange()  // cards made before the Connections below listened
    onWidthChanged: arrange()
    onHeightChanged: arrange()
    onColumnsChanged: arrange()
    onSquarePicturesChanged: arrange()
    onTitleHeightChanged: arrange()
    onSpacingChanged: arrange()
    Connections {
        target: grid.repeater
        function onItemAdded() { grid.arrange() }
        function onCountChanged() { grid.arrange() }
    }
}
