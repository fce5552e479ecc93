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

    function arrange() {
        if (!repeater) return
        const cols = Math.max(1, columns), n = repeater.count, rows = Math.max(1, Math.ceil(n / cols))
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
    onWidthChanged: arrange()
    onHeightChanged: arrange()
    onColumnsChanged: arrange()
    onSpacingChanged: arrange()
    Connections {
        target: grid.repeater
        function onItemAdded() { grid.arrange() }
        function onCountChanged() { grid.arrange() }
    }
}
