// CardGrid lays out a Repeater's cards in equal cells: `columns` across, or, for square pictures,
// the columns that give each card the largest square below its title (eight attention heads of
// the gpt lesson in one row were 75 px slivers with their titles cut to "…").
import QtQuick
import QtTest
import GradLab

TestCase {
    id: test
    name: "CardGrid"

    Component {
        id: gridOf
        CardGrid {
            id: grid
            property int cards: 1
            width: 650; height: 330
            spacing: 8
            repeater: cardRepeater
            Repeater { id: cardRepeater; model: grid.cards; Rectangle {} }
        }
    }

    // The cards' (columns, rows, width, height): from where the grid put them.
    function shape(grid) {
        const xs = new Set(), ys = new Set()
        for (let i = 0; i < grid.repeater.count; ++i) {
            xs.add(grid.repeater.itemAt(i).x)
            ys.add(grid.repeater.itemAt(i).y)
        }
        const first = grid.repeater.itemAt(0)
        return { columns: xs.size, rows: ys.size, width: first.width, height: first.height }
    }

    function test_squarePictures_data() {
        return [
            { tag: "8 heads: two rows of four", cards: 8, columns: 4, rows: 2 },
            { tag: "4 heads: one row (a square of 156 px, not 121 in two rows)", cards: 4, columns: 4, rows: 1 },
            { tag: "2 heads", cards: 2, columns: 2, rows: 1 },
            { tag: "1 head", cards: 1, columns: 1, rows: 1 },
        ]
    }
    function test_squarePictures(data) {
        const grid = createTemporaryObject(gridOf, test, { cards: data.cards, squarePictures: true, titleHeight: 40 })
        const s = shape(grid)
        compare(s.columns, data.columns)
        compare(s.rows, data.rows)
        compare(s.width, (650 - (data.columns - 1) * 8) / data.columns)
        compare(s.height, (330 - (data.rows - 1) * 8) / data.rows)
    }

    function test_columnsAsGiven() {
        const grid = createTemporaryObject(gridOf, test, { cards: 3 })  // one column: stacked
        compare(shape(grid).columns, 1)
        compare(shape(grid).rows, 3)
        grid.columns = 3
        compare(shape(grid).columns, 3)
        grid.cards = 8  // the count changes: laid out again
        compare(shape(grid).rows, 3)
    }
}
