// Attention: the computation by hand (scores, scaling, softmax, weighted sum, causal mask), and
// a small transformer learning a sequence task, with every head's attention on an example.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    // What the running transformer has (not a change that waits for Reset).
    readonly property int layers: Number(lab.params.applied["layers"])
    readonly property int heads: Number(lab.params.applied["heads"])
    // For the page test (and anyone who wants to open a tab): the tab shown and how many there are.
    property alias currentTab: tabs.currentIndex
    readonly property int tabCount: tabs.count
    readonly property var charts: {
        let c = [{ name: "scores", chart: scores }, { name: "weights", chart: weights }, { name: "output", chart: output },
                 { name: "training", chart: trainChart }, { name: "positional_encoding", chart: posEnc }]
        for (let i = 0; i < maps.count; ++i) c.push({ name: "attention-" + i, chart: maps.itemAt(i).chart })
        return c
    }
    readonly property var example: lab.board.revision >= 0 ? {
        "input": lab.board.column("example", "input"),
        "target": lab.board.column("example", "target"),
        "prediction": lab.board.column("example", "prediction")
    } : ({})

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        TabBar {
            id: tabs
            Layout.fillWidth: true
            PageTab { text: qsTr("Attention by hand") }
            PageTab { text: qsTr("A transformer learns") }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            // ---- by hand ----
            GridLayout {
                columns: 3
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                ChartCard {
                    name: "scores"; chart: scores; title: qsTr("1. Scores q·k")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1  // six equal cells
                    HeatMap { id: scores; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "demo_scores"; showValues: true }
                }
                ChartCard {
                    name: "scaled"; chart: scaled
                    title: Number(lab.params.applied["demo.scale"]) ? qsTr("2. Scaled by 1/√d_k") : qsTr("2. Not scaled")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1  // six equal cells
                    HeatMap { id: scaled; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "demo_scaled"; showValues: true }
                }
                ChartCard {
                    name: "weights"; chart: weights; title: qsTr("3. Weights: softmax")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1  // six equal cells
                    HeatMap { id: weights; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "demo_weights"; showValues: true }
                }
                ChartCard {
                    name: "values"; chart: values
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1  // six equal cells
                    HeatMap { id: values; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "demo_values"; showValues: true }
                }
                ChartCard {
                    name: "output"; chart: output; title: qsTr("4. Weights × v")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1  // six equal cells
                    HeatMap { id: output; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "demo_output"; showValues: true }
                }
                Pane {
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1  // six equal cells
                    background: Rectangle { color: Theme.pane; radius: Theme.radius; border.color: Theme.border }
                    ColumnLayout {
                        anchors.fill: parent
                        // Every line wraps: German and Chinese run longer than the cell is wide.
                        Label { text: qsTr("How peaked is the softmax?"); font.bold: true; color: Theme.text; Layout.fillWidth: true; wrapMode: Text.Wrap }
                        Label {
                            text: qsTr("mean largest weight: %1").arg(Theme.formatNumber(lab.board.revision >= 0 ? lab.board.latest("demo_max_weight") : NaN))
                            color: Theme.text
                            Layout.fillWidth: true; wrapMode: Text.Wrap
                        }
                        Label {
                            text: qsTr("spread (std) of the scores: %1").arg(Theme.formatNumber(lab.board.revision >= 0 ? lab.board.latest("demo_score_std") : NaN))
                            color: Theme.text
                            Layout.fillWidth: true; wrapMode: Text.Wrap
                        }
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            color: Theme.subtle
                            font.pixelSize: 12
                            text: qsTr("Raise d_k with the scaling switched off: the scores spread out, the softmax turns almost one-hot and its gradient vanishes.")
                        }
                        Item { Layout.fillHeight: true }
                    }
                }
            }

            // ---- training ----
            ColumnLayout {
                spacing: Theme.gap
                RowLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    spacing: Theme.gap
                    ChartCard {
                        name: "training"; chart: trainChart; title: qsTr("Loss and accuracy")
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 3
                        LineChart {
                            id: trainChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                            showMarkers: true; hideMarkers: ["demo."]; yRange: [0, 2.5]
                            traces: [{ scalar: "loss", label: qsTr("loss"), color: Theme.palette(3), width: 1.5 },
                                     { scalar: "eval_token_accuracy", label: qsTr("token accuracy"), color: Theme.palette(2) },
                                     { scalar: "eval_sequence_accuracy", label: qsTr("whole sequences right"), color: Theme.palette(4) },
                                     { scalar: "mirror_attention", label: qsTr("attention on the mirrored token"), color: Theme.palette(5), dashed: true }]
                        }
                    }
                    ChartCard {
                        name: "positional_encoding"; chart: posEnc; title: qsTr("Position vectors (rows = positions)")
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 2
                        HeatMap { id: posEnc; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "positional_encoding" }
                    }
                }
                // The example sequence: input, what the task wants, what the network says.
                // Positioners, not a layout: the rows grow when the example arrives (see CardGrid).
                Column {
                    Layout.fillWidth: true
                    spacing: 2
                    Repeater {
                        model: [[qsTr("input"), "input"], [qsTr("target"), "target"], [qsTr("prediction"), "prediction"]]
                        Row {
                            id: exampleRow
                            required property var modelData
                            spacing: 6
                            Label { width: 80; text: exampleRow.modelData[0]; color: Theme.subtle }
                            Repeater {
                                model: page.example.input ? page.example.input.length : 0
                                Label {
                                    required property int index
                                    width: 22
                                    text: (page.example[exampleRow.modelData[1]] || [])[index] || ""
                                    font.family: "monospace"
                                    font.bold: true
                                    color: exampleRow.modelData[1] === "prediction" && page.example.prediction[index] !== page.example.target[index]
                                           ? Theme.error : Theme.text
                                    horizontalAlignment: Text.AlignHCenter
                                }
                            }
                        }
                    }
                }
                CardGrid {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    columns: Math.max(1, page.heads)
                    spacing: Theme.gap
                    repeater: maps
                    Repeater {
                        id: maps
                        model: page.layers * page.heads
                        ChartCard {
                            id: card
                            required property int index
                            // Not "layer": Item.layer (layered rendering) is a final property.
                            readonly property int encoderLayer: Math.floor(index / page.heads)
                            readonly property int head: index % page.heads
                            name: "attention-l" + encoderLayer + "-h" + head
                            chart: map
                            // Four cards in a row leave no room for the long form.
                            title: (page.heads > 2 ? qsTr("L%1 · head %2") : qsTr("Layer %1, head %2")).arg(encoderLayer + 1).arg(head + 1)
                            HeatMap {
                                id: map; anchors.fill: parent; board: lab.board; dark: Theme.dark
                                image: "attention_l" + card.encoderLayer + "_h" + card.head
                                colorBar: page.heads <= 2  // four cards in a row leave it no room
                                emptyText: qsTr("Press Play")
                            }
                        }
                    }
                }
            }
        }
    }
}
