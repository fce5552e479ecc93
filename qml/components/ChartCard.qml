// A framed chart with a title row and an export menu (PNG, SVG, CSV; also on right click).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

Pane {
    id: card
    property string name: "chart"          // used in default file names
    property alias title: titleLabel.text
    property alias subtitle: subtitleLabel.text  // a small second line: the numbers the chart is about
    property Item chart: null              // the PlotItem inside (set by the user)
    property color keyColor: "transparent"  // a swatch before the title: the card is the key of the page's curves
    default property alias content: holder.data
    property alias headerItems: extras.data

    padding: 8
    // Exported files carry the card's title (and its second line).
    Binding { target: card.chart; property: "exportTitle"; value: card.subtitle ? card.title + " · " + card.subtitle : card.title; when: card.chart !== null }
    background: Rectangle { color: Theme.pane; radius: Theme.radius; border.color: Theme.border }

    function exportTo(kind) {
        dialog.kind = kind
        dialog.ask(lab.suggestedFileName(card.name, kind))
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4
        RowLayout {
            Layout.fillWidth: true
            Rectangle {
                visible: card.keyColor.a > 0
                implicitWidth: 10
                implicitHeight: 10
                radius: 2
                color: card.keyColor
            }
            Label {
                id: titleLabel
                objectName: "cardTitle"
                font.bold: true
                color: Theme.text
                // A long title takes a second line (a narrow card's "xavier_uniform" breaks after
                // its underscore); one longer still is cut and shows in full on hover.
                wrapMode: Text.Wrap
                maximumLineCount: 2
                lineHeight: 0.9
                elide: Text.ElideRight
                verticalAlignment: Text.AlignVCenter
                Layout.fillWidth: true
                // As high as the menu button, which two lines fit: a layout does not give a label
                // the height of the second line it wraps to once it has its width.
                Layout.preferredHeight: menuButton.implicitHeight
                HoverHandler { id: titleHover }
                ToolTip.visible: titleHover.hovered && titleLabel.truncated
                ToolTip.text: titleLabel.text
            }
            RowLayout { id: extras; spacing: 4 }
            ToolButton {
                id: menuButton
                text: "⋯"
                font.pixelSize: 18
                implicitHeight: 30
                implicitWidth: 34
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Export this chart")
                Accessible.name: qsTr("Export this chart")
                onClicked: exportMenu.popup()
            }
        }
        Label {
            id: subtitleLabel
            visible: text !== ""
            Layout.fillWidth: true
            Layout.topMargin: titleLabel.lineCount > 1 ? -2 : -6  // tucked under a one-line title's row
            font.pixelSize: 11
            color: Theme.subtle
            // Its numbers wrap onto a second line in a narrow card rather than being cut.
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
        Item {
            id: holder
            Layout.fillWidth: true
            Layout.fillHeight: true
            MouseArea {
                anchors.fill: parent
                acceptedButtons: Qt.RightButton
                onClicked: exportMenu.popup()
                z: -1
            }
        }
    }

    Menu {
        id: exportMenu
        MenuItem { text: qsTr("Export as PNG…"); onTriggered: card.exportTo("png") }
        MenuItem { text: qsTr("Export as SVG…"); onTriggered: card.exportTo("svg") }
        MenuItem { text: qsTr("Export data as CSV…"); onTriggered: card.exportTo("csv") }
    }

    SaveAsDialog {
        id: dialog
        property string kind: "png"
        title: qsTr("Export %1").arg(card.title)
        nameFilters: kind === "csv" ? [qsTr("CSV files (*.csv)")]
                   : kind === "svg" ? [qsTr("SVG images (*.svg)")] : [qsTr("PNG images (*.png)")]
        onChosen: (file) => {
            const err = kind === "csv" ? card.chart.exportCsv(file) : card.chart.exportImage(file)
            lab.notify(err !== "" ? err : qsTr("Exported %1").arg(file.toString().replace("file://", "")), err === "")
        }
    }
}
