// A GPT that learns to write: the loss (nats or bits per character) with a marker at every
// sample, the samples kept from gibberish to sentences, the writing of now streamed as it is
// drawn with the next-character bars for the prompt; inside, the attention of every head over
// that writing and a map of the character embeddings.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab
import GradLab.Bridge

Item {
    id: page
    readonly property int layers: Number(lab.params.applied["layers"])
    readonly property int heads: Number(lab.params.applied["heads"])
    property bool bits: false  // the loss in bits per character instead of nats
    property int chosenLayer: 1
    readonly property int attnLayer: Math.min(chosenLayer, layers)
    readonly property var sampleSteps: lab.board.revision >= 0 ? lab.board.column("samples", "step") : []
    readonly property var sampleTexts: lab.board.revision >= 0 ? lab.board.column("samples", "text") : []
    readonly property string writing: {
        const w = lab.board.revision >= 0 ? lab.board.column("writing", "text") : []
        return w.length > 0 ? w[0] : ""
    }
    readonly property real parameters: lab.board.revision >= 0 ? lab.board.latest("parameters") : NaN
    readonly property real tokensPerSecond: lab.board.revision >= 0 ? lab.board.latest("tokens_per_second") : NaN
    property alias currentTab: tabs.currentIndex
    readonly property int tabCount: tabs.count
    readonly property var charts: {
        let c = [{ name: "loss", chart: lossChart }]
        for (let i = 0; i < headMaps.count; ++i) c.push({ name: "attention-" + page.attnLayer + "-" + (i + 1), chart: headMaps.itemAt(i).chart })
        return c
    }
    // Newlines and spaces as the model sees them, for the monospaced text cards.
    function shown(text) { return text.replace(/\n/g, "↵\n") }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        TabBar {
            id: tabs
            Layout.fillWidth: true
            PageTab { text: qsTr("Learning to write") }
            PageTab { text: qsTr("Inside the model") }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            // ---- learning to write ----
            ColumnLayout {
                spacing: Theme.gap
                RowLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    spacing: Theme.gap
                    ChartCard {
                        name: "loss"; chart: lossChart
                        title: page.bits ? qsTr("Loss, bits per character") : qsTr("Loss, nats per character")
                        subtitle: isNaN(page.parameters) ? "" : qsTr("%1 parameters · %2 characters/s")
                                  .arg(Number(page.parameters).toLocaleString(Qt.locale(), "f", 0))
                                  .arg(isNaN(page.tokensPerSecond) ? "–" : Number(page.tokensPerSecond).toLocaleString(Qt.locale(), "f", 0))
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 1
                        headerItems: [
                            Button {
                                text: page.bits ? qsTr("bits") : qsTr("nats")
                                flat: true
                                onClicked: page.bits = !page.bits
                                ToolTip.visible: hovered
                                ToolTip.text: qsTr("Switch between nats (natural log) and bits (log base 2) per character")
                            }
                        ]
                        LineChart {
                            id: lossChart; anchors.fill: parent; board: lab.board; dark: Theme.dark
                            showMarkers: true
                            traces: [{ scalar: page.bits ? "bpc.train" : "loss.train", label: qsTr("training"), color: Theme.palette(0), width: 1 },
                                     { scalar: page.bits ? "bpc.val" : "loss.val", label: qsTr("validation"), color: Theme.palette(1), width: 2 }]
                        }
                    }
                    Pane {
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 1
                        padding: 10
                        background: Rectangle { color: Theme.pane; radius: Theme.radius; border.color: Theme.border }
                        ColumnLayout {
                            anchors.fill: parent
                            spacing: 4
                            Label {
                                text: qsTr("Samples written during training")
                                font.bold: true
                                color: Theme.text
                                Layout.fillWidth: true
                                objectName: "cardTitle"  // the pane's title, checked with the cards'
                                wrapMode: Text.WordWrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                            }
                            ListView {
                                id: samples
                                objectName: "samples"
                                Layout.fillWidth: true; Layout.fillHeight: true
                                clip: true
                                spacing: 8
                                model: page.sampleTexts.length
                                ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
                                // The newest sample in view, unless the student scrolled up to read.
                                property bool follow: true
                                onMovementEnded: follow = atYEnd
                                onCountChanged: if (follow) Qt.callLater(positionViewAtEnd)
                                delegate: ColumnLayout {
                                    required property int index
                                    width: samples.width - 12
                                    spacing: 0
                                    Label {
                                        text: qsTr("step %1").arg(page.sampleSteps[index])
                                        color: Theme.subtle
                                        font.pixelSize: 11
                                    }
                                    Label {
                                        Layout.fillWidth: true
                                        text: page.sampleTexts[index]
                                        wrapMode: Text.WrapAnywhere
                                        font.family: "monospace"
                                        font.pixelSize: 12
                                        color: Theme.text
                                    }
                                }
                                Label {
                                    anchors.centerIn: parent
                                    visible: samples.count === 0
                                    text: qsTr("No sample yet")
                                    color: Theme.subtle
                                }
                            }
                        }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 1
                    spacing: Theme.gap
                    Pane {
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 3
                        padding: 10
                        background: Rectangle { color: Theme.pane; radius: Theme.radius; border.color: Theme.border }
                        ColumnLayout {
                            anchors.fill: parent
                            spacing: 4
                            RowLayout {
                                Layout.fillWidth: true
                                spacing: 8
                                Label {
                                    text: qsTr("Writing now")
                                    font.bold: true
                                    color: Theme.text
                                }
                                Label {
                                    objectName: "cardSubtitle"
                                    text: qsTr("after the prompt in bold · temperature %1").arg(Number(lab.params.applied["temperature"]).toLocaleString(Qt.locale(), "f", 2))
                                    color: Theme.subtle
                                    font.pixelSize: 12
                                    Layout.fillWidth: true
                                    // Two lines where narrow: cut, it hid the temperature.
                                    wrapMode: Text.WordWrap
                                    maximumLineCount: 2
                                    elide: Text.ElideRight
                                }
                            }
                            ScrollView {
                                id: writingScroll
                                Layout.fillWidth: true; Layout.fillHeight: true
                                clip: true
                                contentWidth: availableWidth
                                Label {
                                    id: writingLabel
                                    objectName: "writing"
                                    width: writingScroll.availableWidth
                                    textFormat: Text.StyledText
                                    wrapMode: Text.WrapAnywhere
                                    font.family: "monospace"
                                    font.pixelSize: 13
                                    color: Theme.text
                                    function escaped(t) { return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>") }
                                    text: "<b>" + escaped(String(lab.params.applied["prompt"])) + "</b>" + escaped(page.writing)
                                }
                            }
                        }
                    }
                    ChartCard {
                        name: "next-character"
                        title: qsTr("Next character")
                        subtitle: qsTr("after the prompt, as it would be drawn")
                        Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredWidth: 2
                        PredictionBars { id: nextChart; anchors.fill: parent; series: "next_char" }
                    }
                }
            }

            // ---- inside the model ----
            ColumnLayout {
                spacing: Theme.gap
                RowLayout {
                    spacing: 6
                    Label { text: qsTr("Attention of layer"); color: Theme.text }
                    Row {  // a positioner, not a layout: the count changes (see CardGrid)
                        spacing: 6
                        Repeater {
                            model: page.layers
                            Button {
                                required property int index
                                objectName: "layerChoice"
                                text: String(index + 1)
                                checkable: true
                                autoExclusive: true  // a click on the chosen layer keeps it chosen
                                checked: page.attnLayer === index + 1
                                onClicked: page.chosenLayer = index + 1
                            }
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: Theme.subtle
                        font.pixelSize: 12
                        text: qsTr("Each row is a character looking back; the columns are the characters it looks at. Above the diagonal stays empty: the causal mask.")
                    }
                }
                CardGrid {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredHeight: 3
                    squarePictures: true  // 8 heads: two rows of four
                    spacing: Theme.gap
                    repeater: headMaps
                    Repeater {
                        id: headMaps
                        model: page.heads
                        ChartCard {
                            required property int index
                            name: "attention-" + page.attnLayer + "-" + (index + 1); chart: map
                            title: qsTr("Head %1").arg(index + 1)
                            HeatMap { id: map; anchors.fill: parent; board: lab.board; dark: Theme.dark; image: "attention/" + page.attnLayer + "/" + (index + 1) }
                        }
                    }
                }
                Pane {
                    Layout.fillWidth: true; Layout.fillHeight: true; Layout.preferredHeight: 2
                    padding: 10
                    background: Rectangle { color: Theme.pane; radius: Theme.radius; border.color: Theme.border }
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 4
                        Label {
                            text: qsTr("The characters' embeddings, seen from their two main directions (PCA)")
                            font.bold: true
                            color: Theme.text
                            Layout.fillWidth: true
                            objectName: "cardTitle"  // the pane's title, checked with the cards'
                            wrapMode: Text.WordWrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                        }
                        Item {
                            id: embeddingMap
                            objectName: "embeddingMap"
                            Layout.fillWidth: true; Layout.fillHeight: true
                            clip: true
                            readonly property var chars: lab.board.revision >= 0 ? lab.board.column("embedding", "char") : []
                            readonly property var xs: lab.board.revision >= 0 ? lab.board.column("embedding", "x") : []
                            readonly property var ys: lab.board.revision >= 0 ? lab.board.column("embedding", "y") : []
                            function range(v) {
                                let lo = Infinity, hi = -Infinity
                                for (let i = 0; i < v.length; ++i) { lo = Math.min(lo, v[i]); hi = Math.max(hi, v[i]) }
                                return hi > lo ? [lo, hi] : [lo - 1, lo + 1]
                            }
                            readonly property var rx: range(xs)
                            readonly property var ry: range(ys)
                            Repeater {
                                model: embeddingMap.chars.length
                                Label {
                                    required property int index
                                    readonly property string ch: embeddingMap.chars[index]
                                    text: ch
                                    font.family: "monospace"
                                    font.pixelSize: 13
                                    font.bold: /[0-9]/.test(ch)
                                    color: /[a-zäöüß]/.test(ch) ? Theme.palette(0) : /[A-ZÄÖÜ]/.test(ch) ? Theme.palette(1)
                                         : /[0-9]/.test(ch) ? Theme.palette(2) : Theme.subtle
                                    x: 8 + (embeddingMap.xs[index] - embeddingMap.rx[0]) / (embeddingMap.rx[1] - embeddingMap.rx[0]) * (embeddingMap.width - 24)
                                    y: 4 + (embeddingMap.ry[1] - embeddingMap.ys[index]) / (embeddingMap.ry[1] - embeddingMap.ry[0]) * (embeddingMap.height - 24)
                                }
                            }
                            Label {
                                anchors.centerIn: parent
                                visible: embeddingMap.chars.length === 0
                                text: qsTr("No embeddings yet")
                                color: Theme.subtle
                            }
                        }
                        Label {
                            text: qsTr("lower case, UPPER CASE, digits, other characters")
                            color: Theme.subtle
                            font.pixelSize: 11
                        }
                    }
                }
            }
        }
    }
}
