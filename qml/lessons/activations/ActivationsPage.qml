// Activation functions: the curves and their slopes, the gradient that reaches each layer of a
// deep network built with each of them, and how those networks train.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    readonly property var fns: ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "silu"]
    readonly property var names: ({ sigmoid: "sigmoid", tanh: "tanh", relu: "ReLU", leaky_relu: "leaky ReLU",
                                    elu: "ELU", gelu: "GELU", softplus: "softplus", silu: "SiLU" })
    property var hidden: ["leaky_relu", "elu", "softplus", "silu"]
    property bool derivatives: true
    property bool atInit: true
    readonly property var shown: fns.filter(f => hidden.indexOf(f) < 0)
    readonly property var charts: [{ name: "curves", chart: curves }, { name: "gradients", chart: grads },
                                   { name: "loss", chart: loss }]

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        Flow {
            Layout.fillWidth: true
            spacing: 2
            Repeater {
                model: page.fns
                CheckBox {
                    required property string modelData
                    required property int index
                    checked: page.hidden.indexOf(modelData) < 0
                    text: page.names[modelData]
                    onToggled: page.hidden = checked ? page.hidden.filter(f => f !== modelData) : page.hidden.concat([modelData])
                    contentItem: Label {
                        leftPadding: parent.indicator.width + 6
                        text: parent.text
                        color: Theme.palette(parent.index)
                        font.bold: true
                        verticalAlignment: Text.AlignVCenter
                    }
                }
            }
            CheckBox {
                text: qsTr("derivatives (dashed)")
                checked: page.derivatives
                onToggled: page.derivatives = checked
                contentItem: Label {
                    leftPadding: parent.indicator.width + 6
                    text: parent.text
                    color: Theme.text
                    verticalAlignment: Text.AlignVCenter
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap
            ChartCard {
                name: "curves"
                chart: curves
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: gradientsCard.headerLeastWidth
                LineChart {
                    id: curves
                    anchors.fill: parent
                    board: lab.board
                    dark: Theme.dark
                    emptyText: qsTr("Computing the curves…")
                    traces: {
                        let t = []
                        for (const f of page.shown) {
                            const c = Theme.palette(page.fns.indexOf(f))
                            t.push({ series: "activations", x: "x", y: f, label: page.names[f], color: c })
                            if (page.derivatives)
                                t.push({ series: "activations", x: "x", y: "d" + f, label: page.names[f] + "′", color: c, dashed: true, width: 1.5 })
                        }
                        return t
                    }
                }
            }
            ChartCard {
                id: gradientsCard
                name: "gradients"
                chart: grads
                title: qsTr("Gradient norm per layer")
                subtitle: page.atInit ? qsTr("at initialisation") : qsTr("now, after %1 steps").arg(lab.step)
                Layout.fillWidth: true
                Layout.fillHeight: true
                // Half the row, and never less than its title row needs with the two buttons
                // (in German at 1024 px they pushed the menu button off the page): the curves
                // give way. Both cards prefer this width, so a wider row grows both alike.
                Layout.preferredWidth: headerLeastWidth
                Layout.minimumWidth: headerLeastWidth
                headerItems: [
                    // Which moment the chart shows: two buttons, the chosen one pressed.
                    ToolButton { text: qsTr("start"); checked: page.atInit; onClicked: page.atInit = true
                                 ToolTip.visible: hovered; ToolTip.text: qsTr("at initialisation") },
                    ToolButton { text: qsTr("now"); checked: !page.atInit; onClicked: page.atInit = false }
                ]
                LineChart {
                    id: grads
                    anchors.fill: parent
                    board: lab.board
                    dark: Theme.dark
                    logY: true
                    points: true
                    traces: page.shown.map(f => ({ series: page.atInit ? "depth_gradients" : "gradient_norms", key: f,
                                                  x: "layer", y: "grad_norm", label: page.names[f],
                                                  color: Theme.palette(page.fns.indexOf(f)) }))
                }
            }
        }

        ChartCard {
            name: "loss"
            chart: loss
            title: qsTr("Training loss on two spirals (dead ReLUs: %1 %)")
                       .arg(lab.board.revision >= 0 ? Theme.formatNumber(100 * lab.board.latest("dead_relu_fraction")) : "–")
            Layout.fillWidth: true
            Layout.fillHeight: true
            LineChart {
                id: loss
                anchors.fill: parent
                board: lab.board
                dark: Theme.dark
                logY: true
                showMarkers: true
                traces: page.shown.map(f => ({ scalar: "loss." + f, label: page.names[f] + "  " +
                                               qsTr("acc %1 %").arg(lab.board.revision >= 0 ? Math.round(100 * lab.board.latest("accuracy." + f)) : 0),
                                               color: Theme.palette(page.fns.indexOf(f)) }))
            }
        }
    }
}
