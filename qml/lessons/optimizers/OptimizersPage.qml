// The optimizer race: the surface with every racer's path (click to move the start), which
// racers to show, and the loss of each over the steps (log scale, with parameter-change marks).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    // Every racer, in the lesson's order (which gives each its colour), and its name as the
    // lesson declares it for the panel ("adam" shows as "Adam"). Read again once the lesson's
    // values are there.
    readonly property var allRacers: lab.params.applied["racers"] !== undefined ? lab.params.choices("racers") : []
    readonly property var names: {
        const m = {}
        for (const r of allRacers) m[r] = lab.params.word("racers", r)
        return m
    }
    readonly property var racing: String(lab.params.applied["racers"]).split(",").filter(r => r !== "")
    property var hidden: []
    readonly property var shown: racing.filter(r => hidden.indexOf(r) < 0)
    readonly property var charts: [{ name: "race", chart: contour }, { name: "loss", chart: lossChart }]

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        ChartCard {
            name: "race"
            chart: contour
            hoverTip: false  // the line at the bottom says it
            readonly property var surfaceNames: ({ rosenbrock: qsTr("Rosenbrock valley"), beale: qsTr("Beale surface"),
                                                   himmelblau: qsTr("Himmelblau surface (four minima)"),
                                                   quadratic: qsTr("ill-conditioned bowl"), saddle: qsTr("saddle") })
            title: qsTr("The race on the %1").arg(surfaceNames[lab.params.applied["surface"]] || lab.params.applied["surface"])
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: 66
            ContourPlot {
                id: contour
                anchors.fill: parent
                board: lab.board
                dark: Theme.dark
                keyOrder: page.allRacers
                visibleKeys: page.shown
                keyLabels: page.names
                legendMode: "export"
                onClicked: (x, y) => {
                    lab.setParam("start_x", Math.round(x * 100) / 100)
                    lab.setParam("start_y", Math.round(y * 100) / 100)
                    lab.reset()
                }
            }
            Label {
                anchors.left: parent.left
                anchors.bottom: parent.bottom
                anchors.margins: 6
                text: contour.hoverText !== "" ? contour.hoverText : qsTr("Click the map to start the race there.")
                color: Theme.subtle
                font.pixelSize: 12
                background: Rectangle { color: Theme.pane; opacity: 0.85; radius: 4 }
                padding: 3
            }
        }

        Flow {
            Layout.fillWidth: true
            spacing: 4
            Repeater {
                model: page.racing
                CheckBox {
                    required property string modelData
                    readonly property int colorIndex: page.allRacers.indexOf(modelData)
                    checked: page.hidden.indexOf(modelData) < 0
                    text: page.names[modelData] + "  " + Theme.formatNumber(lab.board.revision >= 0 ? lab.board.latest("loss." + modelData) : NaN)
                    onToggled: page.hidden = checked ? page.hidden.filter(r => r !== modelData) : page.hidden.concat([modelData])
                    contentItem: Label {
                        leftPadding: parent.indicator.width + 6
                        text: parent.text
                        color: Theme.palette(parent.colorIndex)
                        font.bold: true
                        verticalAlignment: Text.AlignVCenter
                    }
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Show or hide %1 (its loss now)").arg(page.names[modelData])
                }
            }
        }

        ChartCard {
            name: "loss"
            chart: lossChart
            title: qsTr("Loss (distance to the minimum) per step")
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: 34
            LineChart {
                id: lossChart
                anchors.fill: parent
                board: lab.board
                dark: Theme.dark
                logY: true
                showMarkers: true
                legendMode: "export"
                traces: page.shown.map(r => ({ scalar: "loss." + r, label: page.names[r], color: Theme.palette(page.allRacers.indexOf(r)) }))
            }
        }
    }
}
