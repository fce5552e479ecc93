// Weight initialisation: the distribution each scheme draws (with the theory), and what happens
// to the signal as it passes through many layers initialised that way.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    readonly property var schemes: ["normal", "uniform", "xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal", "orthogonal"]
    readonly property var charts: {
        let c = [{ name: "std-per-layer", chart: stdChart }, { name: "saturation", chart: satChart }]
        for (let i = 0; i < hists.count; ++i) c.push({ name: "weights-" + page.schemes[i], chart: hists.itemAt(i).chart })
        return c
    }
    function stat(scheme, col) {
        const v = lab.board.revision >= 0 ? lab.board.column("init_stats", col, scheme) : []
        return v.length ? v[0] : NaN
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        Label {
            text: qsTr("Weights of a %1 × %2 layer: measured histogram and the scheme's density")
                      .arg(lab.params.applied["fan_out"]).arg(lab.params.applied["fan_in"])
            objectName: "cardTitle"  // the grid's title, checked with the cards'
            color: Theme.text
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: 50
            columns: 4
            rowSpacing: 6
            columnSpacing: 6
            Repeater {
                id: hists
                model: page.schemes
                ChartCard {
                    required property string modelData
                    required property int index
                    name: "weights-" + modelData
                    chart: bars
                    title: modelData.replace("_", "_\u200b")  // "xavier_uniform" may break after the underscore
                    keyColor: Theme.palette(index)  // the histograms are the key of the two charts below
                    subtitle: qsTr("σ %1 (theory %2)").arg(Theme.formatNumber(page.stat(modelData, "std")))
                                                        .arg(Theme.formatNumber(page.stat(modelData, "expected_std")))
                    padding: 4
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1  // equal columns, whatever the numbers under the names
                    BarChart {
                        id: bars
                        anchors.fill: parent
                        board: lab.board
                        dark: Theme.dark
                        series: "weight_histogram"
                        key: modelData
                        xColumn: "x"
                        yColumn: "density"
                        curveColumn: "theory"
                        barLabel: qsTr("measured")  // in the pointer's tip and exported images; the page explains the colours
                        curveLabel: qsTr("theory")
                        legendMode: "export"
                        color: Theme.palette(index)
                        emptyText: qsTr("Press Step")
                    }

                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: 50
            spacing: Theme.gap
            ChartCard {
                name: "std-per-layer"
                chart: stdChart
                title: qsTr("Spread of the activations")
                subtitle: qsTr("per layer, through %1").arg(lab.params.word("activation", lab.params.applied["activation"]))
                Layout.fillWidth: true
                Layout.fillHeight: true
                LineChart {
                    id: stdChart
                    anchors.fill: parent
                    board: lab.board
                    dark: Theme.dark
                    logY: true
                    points: true
                    legendMode: "export"  // on the page the histograms' swatches are the key
                    traces: page.schemes.map((s, i) => ({ series: "layer_stats", key: s, x: "layer", y: "std", label: s, color: Theme.palette(i) }))
                }
            }
            ChartCard {
                name: "saturation"
                chart: satChart
                title: qsTr("Units that barely pass a gradient")
                // On a line of its own: a title broke after "(|" ("(| / f′| < 0,05)").
                subtitle: qsTr("per layer, |f′| < %1").arg(Theme.formatValue(0.05))
                Layout.fillWidth: true
                Layout.fillHeight: true
                LineChart {
                    id: satChart
                    anchors.fill: parent
                    board: lab.board
                    dark: Theme.dark
                    points: true
                    yRange: [0, 1]
                    legendMode: "export"
                    yLabel: qsTr("fraction")
                    traces: page.schemes.map((s, i) => ({ series: "layer_stats", key: s, x: "layer", y: "saturated_fraction", label: s, color: Theme.palette(i) }))
                }
            }
        }
    }
}
