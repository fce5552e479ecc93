// Recurrent networks: the race (test accuracy, loss, the gradient through time for every cell),
// and inside the cells (what each one answers along an example sequence, its gates and states).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    // The cells of the running race (not a change that waits for Reset), in race order.
    readonly property var cells: ["rnn", "lstm", "gru"].filter(c => String(lab.params.applied["cells"]).split(",").indexOf(c) >= 0)
    readonly property var names: ({ rnn: qsTr("RNN"), lstm: qsTr("LSTM"), gru: qsTr("GRU") })
    readonly property string task: String(lab.params.applied["task"])
    // The cell whose insides the second tab shows (the LSTM when it races: it has the most to show).
    property string inspected: ""
    readonly property string shownCell: cells.indexOf(inspected) >= 0 ? inspected : cells.indexOf("lstm") >= 0 ? "lstm" : cells[0]
    function color(cell) { return Theme.palette(["rnn", "lstm", "gru"].indexOf(cell) + 3) }
    property alias currentTab: tabs.currentIndex
    readonly property int tabCount: tabs.count
    readonly property var charts: {
        let c = [{ name: "accuracy", chart: accChart }, { name: "loss", chart: lossChart },
                 { name: "time-gradient-now", chart: nowChart }, { name: "example", chart: exampleChart }]
        for (let i = 0; i < gradMaps.count; ++i) c.push({ name: "time-gradients-" + page.cells[i], chart: gradMaps.itemAt(i).chart })
        for (let i = 0; i < insideMaps.count; ++i) c.push({ name: insideMaps.itemAt(i).name, chart: insideMaps.itemAt(i).chart })
        return c
    }
    // Each cell's pictures on the second tab, a row per cell: its hidden state, then its gates
    // (and the LSTM's cell state).
    function pictures(c) {
        let m = [{ image: "hidden/" + c, title: qsTr("hidden state h_t") }]
        if (c === "lstm")
            m.push({ image: "gates/lstm/input", title: qsTr("input gate i_t") },
                   { image: "gates/lstm/forget", title: qsTr("forget gate f_t") },
                   { image: "gates/lstm/output", title: qsTr("output gate o_t") },
                   { image: "cell_state/lstm", title: qsTr("cell state c_t") })
        if (c === "gru")
            m.push({ image: "gates/gru/reset", title: qsTr("reset gate r_t") },
                   { image: "gates/gru/update", title: qsTr("update gate z_t") })
        return m
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        TabBar {
            id: tabs
            Layout.fillWidth: true
            PageTab { text: qsTr("The race") }
            PageTab { text: qsTr("Inside the cells") }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            // ---- the race ----
            ColumnLayout {
                spacing: Theme.gap
                RowLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    spacing: Theme.gap
                    ChartCard {
                        name: "accuracy"; chart: accChart
                        title: page.task === "first" ? qsTr("Test accuracy (chance: 12.5 %)")
                             : page.task === "adding" ? qsTr("Test accuracy (|error| < 0.04)") : qsTr("Test accuracy (|error| < 0.1)")
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 1
                        LineChart {
                            id: accChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                            showMarkers: true; yRange: [0, 1]
                            traces: page.cells.map(c => ({ scalar: "accuracy." + c, label: page.names[c], color: page.color(c) }))
                        }
                    }
                    ChartCard {
                        name: "loss"; chart: lossChart; title: qsTr("Training loss")
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 1
                        LineChart {
                            id: lossChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                            showMarkers: true; logY: true
                            traces: page.cells.map(c => ({ scalar: "loss." + c, label: page.names[c], color: page.color(c), width: 1.5 }))
                        }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    spacing: Theme.gap
                    ChartCard {
                        name: "time-gradient-now"; chart: nowChart; title: qsTr("‖∂L/∂h_t‖ now: how far back the loss reaches")
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 1
                        LineChart {
                            id: nowChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                            logY: true
                            traces: page.cells.map(c => ({ series: "time_gradient_now", x: "t", y: "grad_norm", key: c,
                                                          label: page.names[c], color: page.color(c) }))
                        }
                    }
                    // One map per cell, stacked: t across, training steps down.
                    CardGrid {
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 1
                        spacing: Theme.gap
                        repeater: gradMaps
                        Repeater {
                            id: gradMaps
                            model: page.cells
                            ChartCard {
                                required property string modelData
                                name: "time-gradients-" + modelData; chart: map
                                title: qsTr("%1: log₁₀ ‖∂L/∂h_t‖ over training").arg(page.names[modelData])
                                HeatMap { id: map; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "time_gradients/" + modelData; stretch: true; colorBar: true }
                            }
                        }
                    }
                }
            }

            // ---- inside the cells ----
            ColumnLayout {
                spacing: Theme.gap
                ChartCard {
                    name: "example"; chart: exampleChart
                    title: page.task === "first" ? qsTr("The example: each cell's probability for the first symbol, if asked at step t")
                         : page.task === "adding" ? qsTr("The example: marked numbers, the sum, and each cell's answer at step t")
                                                  : qsTr("The example: the wave and each cell's prediction of its next value")
                    Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredHeight: 2
                    LineChart {
                        id: exampleChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        traces: (page.task === "first" ? [] : [{ series: "example", x: "t", y: "value", key: "input", label: qsTr("input"), color: Theme.subtle, width: 1.5 },
                                                              { series: "example", x: "t", y: "value", key: "target", label: qsTr("target"), color: Theme.text, dashed: true }])
                                .concat(page.cells.map(c => ({ series: "example", x: "t", y: "value", key: c, label: page.names[c], color: page.color(c) })))
                    }
                }
                RowLayout {
                    spacing: 6
                    Label { text: qsTr("Look inside:"); color: Theme.text }
                    Row {  // a positioner, not a layout: the count changes (see CardGrid)
                        spacing: 6
                        Repeater {
                            model: page.cells
                            Button {
                                required property string modelData
                                objectName: "cellChoice"
                                text: page.names[modelData]
                                checkable: true
                                autoExclusive: true  // a click on the cell shown keeps it chosen
                                checked: page.shownCell === modelData
                                onClicked: page.inspected = modelData
                            }
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: Theme.subtle
                        font.pixelSize: 12
                        text: qsTr("16 of the cell's units (rows) along the example sequence (columns)")
                    }
                }
                CardGrid {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 3
                    columns: Math.min(3, insideMaps.count)
                    spacing: Theme.gap
                    repeater: insideMaps
                    Repeater {
                        id: insideMaps
                        model: page.pictures(page.shownCell)
                        ChartCard {
                            required property var modelData
                            name: modelData.image.replace(/\//g, "-"); chart: map
                            title: modelData.title
                            HeatMap { id: map; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: modelData.image; stretch: true; colorBar: true }
                        }
                    }
                }
            }
        }
    }
}
