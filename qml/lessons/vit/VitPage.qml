// Vision Transformer: the picture cut into patches, what the position embeddings learn, and
// where the CLS token looks (per layer and head, or rolled out) while the network trains.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    // What the running ViT has (not a change that waits for Reset).
    readonly property int patch: Number(lab.params.applied["patch"])
    readonly property int grid: Math.floor(28 / Math.max(1, patch))
    readonly property int layers: Number(lab.params.applied["layers"])
    readonly property int heads: Number(lab.params.applied["heads"])
    property string overlayName: "cls_attention/rollout"
    // The maps the CLS attention card can lay over the picture: the rollout, then every layer's heads.
    readonly property var overlayNames: {
        let n = ["cls_attention/rollout"]
        for (let l = 0; l < layers; ++l)
            for (let h = 0; h < heads; ++h) n.push("cls_attention/l" + l + "_h" + h)
        return n
    }
    readonly property real latestLabel: lab.board.revision >= 0 ? lab.board.latest("image_label") : NaN
    // For the page test (and anyone who wants to open a tab): the tab shown and how many there are.
    property alias currentTab: tabs.currentIndex
    readonly property int tabCount: tabs.count
    readonly property var charts: [{ name: "patches", chart: patches }, { name: "position_similarity", chart: posSim },
                                   { name: "cls_attention", chart: overlayMap }, { name: "loss", chart: lossChart },
                                   { name: "accuracy", chart: accChart },
                                   { name: "cls_attention_heads", chart: headsMap }, { name: "cls_token", chart: clsMap }]

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        TabBar {
            id: tabs
            Layout.fillWidth: true
            currentIndex: 1
            PageTab { text: qsTr("Image → patches") }
            PageTab { text: qsTr("Training and attention") }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            GridLayout {
                columns: 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                ChartCard {
                    name: "grid"; chart: gridMap; title: qsTr("The picture cut into %1 × %1 patches").arg(page.grid)
                    Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap { id: gridMap; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "vit_input"; gridCells: page.grid }
                }
                ChartCard {
                    name: "patches"; chart: patches; title: qsTr("…read as a sequence of %1 tokens (after the CLS token)").arg(page.grid * page.grid)
                    Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap { id: patches; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "patches"; columns: page.grid * page.grid <= 16 ? 8 : 14 }
                }
                ChartCard {
                    name: "cls_token"; chart: clsMap
                    title: qsTr("The CLS token: a learned vector of 64 numbers put before the patches (it starts at zero)")
                    Layout.columnSpan: 2; Layout.fillWidth: true; Layout.preferredHeight: 90
                    HeatMap { id: clsMap; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "cls_token" }
                }
                ChartCard {
                    name: "position_similarity"; chart: posSim
                    title: qsTr("Learned positions: how alike each patch's position vector is to the others'")
                    Layout.columnSpan: 2; Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap { id: posSim; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "position_similarity"; columns: page.grid }
                }
            }

            GridLayout {
                columns: 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                ChartCard {
                    name: "loss"; chart: lossChart; title: qsTr("Loss")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    LineChart {
                        id: lossChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        showMarkers: true
                        traces: [{ scalar: "loss", label: qsTr("training loss"), color: Theme.palette(3), width: 1.5 },
                                 { scalar: "val_loss", label: qsTr("validation loss"), color: Theme.palette(1) }]
                        points: false
                        emptyText: lab.step > 0 ? qsTr("Appears with the first pass over the validation images.") : ""
                    }
                }
                ChartCard {
                    name: "accuracy"; chart: accChart; title: qsTr("Accuracy")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    LineChart {
                        id: accChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        yRange: [0, 1]
                        traces: [{ scalar: "val_accuracy", label: qsTr("validation accuracy"), color: Theme.palette(2) },
                                 { scalar: "test_accuracy", label: qsTr("test accuracy"), color: Theme.palette(4) }]
                        points: false
                    }
                }
                ChartCard {
                    name: "cls_attention"; chart: overlayMap; title: qsTr("CLS attention")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    headerItems: [
                        LabComboBox {
                            id: which
                            implicitContentWidthPolicy: ComboBox.WidestText
                            // Room for the widest choice in bold (the current one in the list) where
                            // the card has it; narrower, the box shows the choice cut, its list whole.
                            Layout.fillWidth: true
                            Layout.maximumWidth: implicitWidth + 12
                            // Named as everywhere a picture is named (Board::instanceOf): "layer 1, head 2".
                            model: page.overlayNames.map(n => lab.board.output(n).instance)
                            onActivated: (i) => page.overlayName = page.overlayNames[i]
                        }
                    ]
                    RowLayout {
                        id: overlayRow
                        anchors.fill: parent
                        HeatMap {
                            // Square, but leaving the prediction bars room to be read.
                            id: overlayMap; Layout.fillHeight: true
                            Layout.preferredWidth: Math.max(80, Math.min(height, overlayRow.width - 210))
                            board: lab.board; dark: Theme.dark; image: "vit_input"; overlay: page.overlayName; overlayOpacity: 0.6
                            gridCells: page.grid
                        }
                        PredictionBars {
                            Layout.fillWidth: true; Layout.minimumWidth: 200; Layout.alignment: Qt.AlignVCenter
                            trueClass: isNaN(page.latestLabel) ? -1 : page.latestLabel
                        }
                    }
                }
                ChartCard {
                    name: "cls_attention_heads"; chart: headsMap; title: qsTr("Each head (last layer)")
                    Layout.fillWidth: true; Layout.fillHeight: true
                    HeatMap {
                        id: headsMap; anchors.fill: parent; board: lab.board; dark: Theme.dark
                        image: "cls_attention/layer" + Math.max(0, page.layers - 1)
                        columns: page.heads
                        tileLabels: { let t = []; for (let h = 0; h < page.heads; ++h) t.push(qsTr("head %1").arg(h + 1)); return t }
                    }
                }
            }
        }
    }
}
