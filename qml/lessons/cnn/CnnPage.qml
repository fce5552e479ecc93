// Convolutional networks: classic filters and pooling by hand, then LeNet-5 learning, with its
// filters, feature maps, prediction and confusion matrix.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    readonly property var charts: [{ name: "loss", chart: lossChart }, { name: "accuracy", chart: accChart },
                                   { name: "filters_conv1", chart: filters }, { name: "feature_maps_conv1", chart: fm1 },
                                   { name: "feature_maps_conv2", chart: fm2 }, { name: "confusion", chart: confusion },
                                   { name: "handmade", chart: handOut }, { name: "pooling_max", chart: poolMax }]
    readonly property real latestLabel: lab.board.revision >= 0 ? lab.board.latest("image_label") : NaN
    property alias currentTab: tabs.currentIndex
    readonly property int tabCount: tabs.count

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        TabBar {
            id: tabs
            Layout.fillWidth: true
            currentIndex: 1
            PageTab { text: qsTr("Filters by hand") }
            PageTab { text: qsTr("LeNet-5 learns") }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            // ---- filters and pooling by hand ----
            GridLayout {
                columns: 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                ChartCard {
                    name: "handmade-input"; chart: handIn
                    Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 1
                    HeatMap { id: handIn; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "handmade_input" }
                }
                ChartCard {
                    name: "handmade-filters"; chart: handK
                    Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 1
                    HeatMap {
                        id: handK; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "handmade_filters"
                        columns: 4; showValues: true
                        tileLabels: [qsTr("horizontal edges"), qsTr("vertical edges"), qsTr("blur"), qsTr("sharpen")]
                    }
                }
                ChartCard {
                    name: "handmade"; chart: handOut
                    Layout.columnSpan: 2; Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap {
                        id: handOut; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "handmade_outputs"
                        columns: 4
                        tileLabels: [qsTr("horizontal edges"), qsTr("vertical edges"), qsTr("blur"), qsTr("sharpen")]
                    }
                }
                ChartCard {
                    name: "pooling-input"; chart: poolIn
                    Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap { id: poolIn; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "pooling_input"; showValues: true; gridCells: 3 }
                }
                RowLayout {
                    Layout.fillWidth: true; Layout.fillHeight: true
                    spacing: Theme.gap
                    ChartCard {
                        name: "pooling_max"; chart: poolMax
                        Layout.fillWidth: true; Layout.fillHeight: true
                        HeatMap { id: poolMax; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "pooling_max"; showValues: true }
                    }
                    ChartCard {
                        name: "pooling_avg"; chart: poolAvg
                        Layout.fillWidth: true; Layout.fillHeight: true
                        HeatMap { id: poolAvg; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "pooling_avg"; showValues: true }
                    }
                }
            }

            // ---- LeNet-5 learning ----
            GridLayout {
                columns: 3
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                ChartCard {
                    name: "loss"; chart: lossChart; title: qsTr("Loss")
                    Layout.fillWidth: true; Layout.fillHeight: true; Layout.columnSpan: 2
                    LineChart {
                        id: lossChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        showMarkers: true; logY: true
                        traces: [{ scalar: "loss", label: qsTr("training batch"), color: Theme.palette(1), width: 1.5 },
                                 { scalar: "val_loss", label: qsTr("validation"), color: Theme.palette(3) }]
                    }
                }
                ChartCard {
                    name: "accuracy"; chart: accChart; title: qsTr("Accuracy")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    LineChart {
                        id: accChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        yRange: [0, 1]
                        traces: [{ scalar: "accuracy", label: qsTr("training batch"), color: Theme.palette(1), width: 1.5 },
                                 { scalar: "val_accuracy", label: qsTr("validation"), color: Theme.palette(3) },
                                 { scalar: "test_accuracy", label: qsTr("test"), color: Theme.palette(2) }]
                        points: false
                    }
                }
                ChartCard {
                    name: "filters_conv1"; chart: filters
                    Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap { id: filters; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "filters_conv1"; columns: 3 }
                }
                ChartCard {
                    name: "input"; chart: inputMap; title: qsTr("Input and prediction")
                    Layout.fillWidth: true; Layout.fillHeight: true; Layout.columnSpan: 2
                    RowLayout {
                        anchors.fill: parent
                        HeatMap { id: inputMap; Layout.fillHeight: true; Layout.preferredWidth: height; board: lab.board; dark: Theme.dark; image: "input" }
                        PredictionBars { Layout.fillWidth: true; trueClass: isNaN(page.latestLabel) ? -1 : page.latestLabel }
                    }
                }
                ChartCard {
                    name: "feature_maps_conv1"; chart: fm1; title: qsTr("Conv 1 maps")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap { id: fm1; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "feature_maps/conv1"; columns: 3 }
                }
                ChartCard {
                    name: "feature_maps_conv2"; chart: fm2; title: qsTr("Conv 2 maps")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap { id: fm2; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "feature_maps/conv2"; columns: 4 }
                }
                ChartCard {
                    name: "confusion"; chart: confusion
                    Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap {
                        id: confusion; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "confusion"
                        showValues: true; emptyText: qsTr("Appears at the end of the first epoch.")
                    }
                }
            }
        }
    }
}
