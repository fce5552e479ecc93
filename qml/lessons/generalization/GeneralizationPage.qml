// Overfitting and its cures. Points: the network's probability over the plane with the training
// points (click to add, right-click to remove) and the validation points, the losses with early
// stopping's markers and the accuracies. Images: a small Fashion-MNIST subset learnt by heart,
// its losses and accuracies per epoch, each layer's weight norm and one picture as augmented.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    property alias currentTab: tabs.currentIndex
    readonly property int tabCount: tabs.count
    property int addClass: 0  // the class a left click adds
    readonly property var layers: lab.params.applied["model"] === "cnn" ? ["conv_1", "conv_2", "dense", "output"]
                                                                        : ["hidden_1", "hidden_2", "output"]
    readonly property var charts: [{ name: "boundary", chart: boundary }, { name: "points-loss", chart: planeLoss },
                                   { name: "points-accuracy", chart: planeAcc }, { name: "images-loss", chart: imagesLoss },
                                   { name: "images-accuracy", chart: imagesAcc }, { name: "weight-norms", chart: norms },
                                   { name: "augmented", chart: augmented }]
    function latest(name) { return lab.board.revision >= 0 ? lab.board.latest(name) : NaN }
    function percent(v) { return isNaN(v) ? "–" : Number(100 * v).toLocaleString(Qt.locale(), "f", 1) + " %" }
    // "train 100 % · validation 83 % · gap 17 points"
    function accuracies(prefix) {
        const t = latest(prefix + ".train_accuracy"), v = latest(prefix + ".val_accuracy")
        if (isNaN(t) || isNaN(v)) return ""
        return qsTr("training %1 · validation %2 (gap %3)").arg(percent(t)).arg(percent(v))
               .arg(Number(100 * (t - v)).toLocaleString(Qt.locale(), "f", 1))
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        TabBar {
            id: tabs
            Layout.fillWidth: true
            PageTab { text: qsTr("Decision boundary (2-D)") }
            PageTab { text: qsTr("Images") }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            // ---- the plane ----
            RowLayout {
                spacing: Theme.gap
                ChartCard {
                    name: "boundary"; chart: boundary
                    title: qsTr("Prediction")
                    subtitle: page.accuracies("plane")
                    Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 5
                    headerItems: [
                        Button {
                            objectName: "addClass"
                            text: qsTr("click adds class %1").arg(page.addClass)
                            flat: true
                            Layout.fillWidth: true  // cut before the card's title is
                            Layout.maximumWidth: Math.ceil(implicitWidth)  // a layout rounds down: 112 px for 112.4 cut the text
                            palette.buttonText: page.addClass === 0 ? "#2166ac" : "#b2182b"
                            onClicked: page.addClass = 1 - page.addClass
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Left click adds a training point of this class (Shift+click: the other class).\nRight click removes the nearest one.\nKeys: Tab to the picture, the arrows move, Enter adds, Delete removes.")
                        }
                    ]
                    BoundaryPlot {
                        id: boundary
                        objectName: "boundaryPlot"
                        anchors.fill: parent
                        board: lab.board
                        dark: Theme.dark
                        emptyText: qsTr("Press Step")
                        onClicked: (x, y, button, modifiers) => {
                            const cls = (modifiers & Qt.ShiftModifier) ? 1 - page.addClass : page.addClass
                            const cmd = button === Qt.RightButton ? "remove " + x + " " + y : "add " + x + " " + y + " " + cls
                            const err = lab.setParam("point", cmd)
                            if (err !== "") lab.notify(err)
                        }
                    }
                }
                ColumnLayout {
                    spacing: Theme.gap
                    Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 4
                    ChartCard {
                        name: "points-loss"; chart: planeLoss
                        title: qsTr("Loss")
                        subtitle: qsTr("%1 training points, %2 validation points").arg(lab.params.applied["points"]).arg(1000)
                        Layout.fillWidth: true; Layout.fillHeight: true
                        LineChart {
                            id: planeLoss; anchors.fill: parent; board: lab.board; dark: Theme.dark
                            logY: true
                            showMarkers: true
                            hideMarkers: ["images.", "model", "norm", "augment", "epochs", "train_images"]
                            traces: [{ scalar: "plane.train_loss", label: qsTr("training"), color: Theme.palette(0), width: 1 },
                                     { scalar: "plane.val_loss", label: qsTr("validation"), color: Theme.palette(1), width: 2 }]
                        }
                    }
                    ChartCard {
                        name: "points-accuracy"; chart: planeAcc
                        title: qsTr("Accuracy")
                        Layout.fillWidth: true; Layout.fillHeight: true
                        LineChart {
                            id: planeAcc; anchors.fill: parent; board: lab.board; dark: Theme.dark
                            yRange: [0.4, 1.0]
                            traces: [{ scalar: "plane.train_accuracy", label: qsTr("training"), color: Theme.palette(0), width: 1 },
                                     { scalar: "plane.val_accuracy", label: qsTr("validation"), color: Theme.palette(1), width: 2 }]
                        }
                    }
                }
            }

            // ---- the pictures ----
            GridLayout {
                columns: 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                ChartCard {
                    name: "images-loss"; chart: imagesLoss
                    title: qsTr("Loss after each epoch")
                    subtitle: qsTr("%1 training pictures, 2000 validation pictures").arg(lab.params.applied["train_images"])
                              + (isNaN(page.latest("images.epoch")) ? "" : " · " + qsTr("epoch %1 of %2").arg(page.latest("images.epoch")).arg(lab.params.applied["epochs"]))
                    Layout.fillWidth: true; Layout.fillHeight: true
                    LineChart {
                        id: imagesLoss; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        showMarkers: true
                        points: true
                        hideMarkers: ["plane.", "dataset", "points", "noise", "depth", "width", "lr", "patience", "point"]
                        traces: [{ scalar: "images.train_loss", label: qsTr("training"), color: Theme.palette(0), width: 1 },
                                 { scalar: "images.val_loss", label: qsTr("validation"), color: Theme.palette(1), width: 2 }]
                    }
                }
                ChartCard {
                    name: "images-accuracy"; chart: imagesAcc
                    title: qsTr("Accuracy")
                    subtitle: page.accuracies("images")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    LineChart {
                        id: imagesAcc; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        points: true
                        traces: [{ scalar: "images.train_accuracy", label: qsTr("training"), color: Theme.palette(0), width: 1 },
                                 { scalar: "images.val_accuracy", label: qsTr("validation"), color: Theme.palette(1), width: 2 }]
                    }
                }
                ChartCard {
                    name: "weight-norms"; chart: norms
                    title: qsTr("Size of each layer's weights ‖W‖")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    LineChart {
                        id: norms; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        points: true
                        traces: page.layers.map((l, i) => ({ scalar: "images.weight_norm." + l, label: l.replace("_", " "), color: Theme.palette(i + 2), width: 1.5 }))
                    }
                }
                ChartCard {
                    name: "augmented"; chart: augmented
                    subtitle: lab.params.applied["augment"] === "" ? qsTr("no augmentation: always the same")
                                                                   : qsTr("first the picture, then 7 random variants (%1)").arg(lab.params.applied["augment"])
                    Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap {
                        id: augmented; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        image: "augmented"
                        columns: 4
                        showLabels: false
                    }
                }
            }
        }
    }
}
