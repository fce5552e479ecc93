// Going deep. Plain vs residual: both losses and validation accuracies, the gradient norm of every
// block over training for each stack, and the spread of every block's output now. Learning rate:
// the schedule drawn over the whole run with the lr of now, the losses beside it, and the LR
// range test with its suggestion (and a button that uses it).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    // A card that shares its row with the others by preferred widths (1 unless it says), each
    // at least as wide as its title needs (ChartCard's headerMinimumWidth), but never more than its
    // columns' share of the page: German titles at 1024 px asked for more than the page had, and
    // the third column went under the side panel. A title that does not fit then ends in "…" and
    // shows whole on hover.
    component RowCard: ChartCard {
        readonly property GridLayout grid: parent as GridLayout
        readonly property real share: (page.width - (grid.columns - 1) * grid.columnSpacing) / grid.columns * Layout.columnSpan
                                      + (Layout.columnSpan - 1) * grid.columnSpacing
        Layout.preferredWidth: 1; Layout.minimumWidth: Math.min(headerMinimumWidth, share); Layout.fillWidth: true; Layout.fillHeight: true
    }
    property alias currentTab: tabs.currentIndex
    readonly property int tabCount: tabs.count
    readonly property real suggested: lab.board.revision >= 0 ? lab.board.latest("suggested_lr") : NaN
    readonly property var charts: [{ name: "loss", chart: lossChart }, { name: "accuracy", chart: accChart },
                                   { name: "gradients-plain", chart: gradPlain }, { name: "gradients-residual", chart: gradResidual },
                                   { name: "activation-spread", chart: spreadChart }, { name: "lr-schedule", chart: scheduleChart },
                                   { name: "loss-lr", chart: lossChart2 }, { name: "lr-range", chart: rangeChart }]
    function ratio(net) {
        const v = lab.board.revision >= 0 ? lab.board.latest("grad_ratio." + net) : NaN
        return qsTr("log10 ‖∂L/∂W‖, block 1 on top") + (isNaN(v) ? "" : " · " + qsTr("last / first block: %1×").arg(Theme.formatNumber(v)))
    }
    readonly property var lossTraces: [{ scalar: "loss.plain", label: qsTr("plain"), color: Theme.palette(0), width: 1 },
                                       { scalar: "loss.residual", label: qsTr("residual"), color: Theme.palette(1), width: 1.5 }]

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        TabBar {
            id: tabs
            Layout.fillWidth: true
            PageTab { text: qsTr("Plain against residual") }
            PageTab { text: qsTr("Learning rate") }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            // Three equal columns of RowCards (sized by their titles, German ones pressed the
            // third to a strip).
            GridLayout {
                columns: 3
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                RowCard {
                    name: "loss"; chart: lossChart
                    title: qsTr("Training loss, %1 blocks each").arg(lab.params.applied["blocks"])
                    Layout.preferredWidth: 2; Layout.columnSpan: 2
                    LineChart { id: lossChart; anchors.fill: parent; board: lab.board; dark: Theme.dark; logY: true; traces: page.lossTraces }
                }
                RowCard {
                    name: "accuracy"; chart: accChart
                    title: qsTr("Accuracy")
                    subtitle: qsTr("validation, every 100 steps")
                    LineChart {
                        id: accChart; anchors.fill: parent; board: lab.board; dark: Theme.dark; points: true
                        yRange: [0, 1]
                        traces: [{ scalar: "val_accuracy.plain", label: qsTr("plain"), color: Theme.palette(0), width: 1 },
                                 { scalar: "val_accuracy.residual", label: qsTr("residual"), color: Theme.palette(1), width: 1.5 }]
                    }
                }
                RowCard {
                    name: "gradients-plain"; chart: gradPlain
                    title: qsTr("Gradients, plain")
                    subtitle: page.ratio("plain")
                    HeatMap { id: gradPlain; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "grad_norm/plain"; stretch: true; showLabels: false; colorBar: true }
                }
                RowCard {
                    name: "gradients-residual"; chart: gradResidual
                    title: qsTr("Gradients, residual")
                    subtitle: page.ratio("residual")
                    HeatMap { id: gradResidual; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "grad_norm/residual"; stretch: true; showLabels: false; colorBar: true }
                }
                RowCard {
                    name: "activation-spread"; chart: spreadChart
                    title: qsTr("Spread of the blocks' outputs")
                    subtitle: qsTr("std of each block's output, now")
                    LineChart {
                        id: spreadChart; anchors.fill: parent; board: lab.board; dark: Theme.dark; logY: true; points: true
                        xLabel: qsTr("block")
                        traces: [{ series: "activation_std", key: "plain", x: "block", y: "std", label: qsTr("plain"), color: Theme.palette(0) },
                                 { series: "activation_std", key: "residual", x: "block", y: "std", label: qsTr("residual"), color: Theme.palette(1) }]
                    }
                }
            }

            GridLayout {
                columns: 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                RowCard {
                    name: "lr-schedule"; chart: scheduleChart
                    title: qsTr("The learning rate over the run (%1)").arg(lab.params.word("schedule", lab.params.applied["schedule"]))
                    subtitle: qsTr("now: %1").arg(Theme.formatNumber(lab.board.revision >= 0 ? lab.board.latest("lr") : NaN))
                    // A RowCard: sized by their titles, the schedule's name took the loss chart's width.
                    LineChart {
                        id: scheduleChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        traces: [{ series: "lr_schedule", x: "step", y: "lr", label: qsTr("ahead"), color: Theme.palette(4), width: 1.5, dashed: true },
                                 { scalar: "lr", label: qsTr("used"), color: Theme.palette(1), width: 2.5 }]
                    }
                }
                RowCard {
                    name: "loss-lr"; chart: lossChart2
                    title: qsTr("Training loss")
                    LineChart { id: lossChart2; anchors.fill: parent; board: lab.board; dark: Theme.dark; logY: true; showMarkers: true; traces: page.lossTraces }
                }
                ChartCard {
                    name: "lr-range"; chart: rangeChart
                    title: qsTr("LR range test: loss against the learning rate")
                    subtitle: isNaN(page.suggested) || page.suggested <= 0 ? qsTr("Not run yet: the test trains a copy of the residual net, the run is not changed")
                                                                          : qsTr("suggested learning rate: %1 (halfway along the longest fall of the smoothed loss)").arg(Theme.formatNumber(page.suggested))
                    Layout.fillWidth: true; Layout.fillHeight: true; Layout.columnSpan: 2
                    headerItems: [
                        Button {
                            objectName: "runRangeTest"
                            text: qsTr("Run the test")
                            flat: true
                            onClicked: { const e = lab.setParam("lr_range", "run"); if (e !== "") lab.notify(e) }
                        },
                        Button {
                            objectName: "useSuggested"
                            text: qsTr("Use it")
                            flat: true
                            enabled: !isNaN(page.suggested) && page.suggested > 0
                            onClicked: { const e = lab.setParam("lr", Number(page.suggested.toPrecision(3))); if (e !== "") lab.notify(e) }
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Sets the learning rate to the suggestion")
                        }
                    ]
                    LineChart {
                        id: rangeChart; anchors.fill: parent; board: lab.board; dark: Theme.dark; logX: true; logY: true
                        emptyText: qsTr("Press “Run the test”")
                        traces: [{ series: "lr_range", x: "lr", y: "loss", label: qsTr("loss"), color: Theme.palette(0), width: 1 },
                                 { series: "lr_range", x: "lr", y: "smoothed", label: qsTr("smoothed"), color: Theme.palette(1), width: 2 }]
                    }
                }
            }
        }
    }
}
