// A framed chart with a title row and an export menu (PNG, SVG, CSV; also on right click).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

Pane {
    id: card
    property string name: "chart"          // used in default file names
    // Without a title of its own, the card shows the declared title of what its chart draws
    // (cnn's "Confusion (test)"): the lesson's declaration is its one home, translated in the
    // lesson's context. `lab.board` is read again when the language changes.
    property string title: chart && chart.declaredOutput && typeof lab !== "undefined" && lab.board
                           ? lab.board.output(chart.declaredOutput).title : ""
    property alias subtitle: subtitleLabel.text  // a small second line: the numbers the chart is about
    property Item chart: null              // the PlotItem inside (set by the user)
    // The chart's read-out of what is under the pointer (a heat map's cell, the curves' values at a
    // step) beside the pointer, or beside the keyboard's point (Tab to the chart, then the arrow
    // keys); false where the page shows it in a line of its own.
    property bool hoverTip: true
    property color keyColor: "transparent"  // a swatch before the title: the card is the key of the page's curves
    default property alias content: holder.data
    property alias headerItems: extras.data
    readonly property bool narrow: width < 160  // init's scheme cards at 1024 x 640: the title needs every pixel
    readonly property int menuWidth: 34  // the menu button's, in a card that is not narrow

    padding: 8
    // The title row at its narrowest: the title's longest word on a line (it never breaks inside
    // a word), beside the page's buttons (if any) and the menu button. A title that then needs a
    // third line is cut.
    readonly property real headerLeastWidth: leftPadding + rightPadding + header.gaps + card.menuWidth + 2
        + titleWord.advanceWidth + extras.implicitWidth
    // The least width at which the whole title surely fits its two lines: breaking lines word by
    // word, a width w >= (whole title on one line (the label's implicit width) + longest word + a
    // space (8 px at most)) / 2 leaves less than w for the second line. A page that shares a row
    // by preferred widths, not by its titles, sets its cards' Layout.minimumWidth to it (deep's
    // equal columns cut "Streuung der Block-Ausgaben" at 1024 px).
    readonly property real headerMinimumWidth: headerLeastWidth
        + Math.max(0, (titleLabel.implicitWidth + 8 - titleWord.advanceWidth) / 2)
    // Exported files carry the card's title (and its second line).
    Binding { target: card.chart; property: "exportTitle"; value: card.subtitle ? card.title + " · " + card.subtitle : card.title; when: card.chart !== null }
    // A screen reader meets the chart as a chart named by the card's title. Its description is the
    // read-out, so that each move of the keyboard's point is read out as the tip shows it; while
    // the chart is empty, what it says on screen instead ("No data yet: press Play or Step.").
    Binding { target: card.chart ? card.chart.Accessible : null; property: "role"; value: Accessible.Chart; when: card.chart !== null }
    Binding { target: card.chart ? card.chart.Accessible : null; property: "name"; value: card.title; when: card.chart !== null }
    Binding {
        target: card.chart ? card.chart.Accessible : null
        property: "description"
        value: !card.chart ? "" : card.chart.hasData ? card.chart.hoverText.replace(/\n/g, "; ") : card.chart.emptyText
        when: card.chart !== null
    }
    background: Rectangle { color: Theme.pane; radius: Theme.radius; border.color: Theme.border }

    function exportTo(kind) {
        dialog.kind = kind
        dialog.ask(lab.suggestedFileName(card.name, kind))
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4
        RowLayout {
            id: header
            Layout.fillWidth: true
            // What the line holds besides the title, the extras and the menu button.
            readonly property real gaps: (swatch.visible ? swatch.implicitWidth + spacing : 0) + 2 * spacing
            // What the card asks of its page: everything on one line at full size. Not the header's
            // own implicit width, which follows the card's width (a narrow card's menu button): a
            // size that follows the width made a polish loop.
            Layout.preferredWidth: gaps + titleLabel.implicitWidth + extras.implicitWidth + card.menuWidth
            Rectangle {
                id: swatch
                visible: card.keyColor.a > 0
                implicitWidth: 10
                implicitHeight: 10
                radius: 2
                color: card.keyColor
            }
            Label {
                id: titleLabel
                objectName: "cardTitle"
                text: card.title
                font.bold: true
                // A size smaller in a narrow card ("orthogo…").
                readonly property real usualPoints: Qt.application.font.pointSize > 0 ? Qt.application.font.pointSize : 10
                font.pointSize: card.narrow ? usualPoints * 0.9 : usualPoints
                color: Theme.text
                // A long title takes a second line (a narrow card's "xavier_uniform" breaks after
                // its underscore); one longer still is cut and shows in full on hover. Never inside a
                // word: "orthogo / nal" read as two words.
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                // Half the menu button's height a line, in every script: Chinese fonts have taller
                // lines, and at 0.9 of theirs only one fitted ("图像切分为 4 × 4 个…").
                lineHeightMode: Text.FixedHeight
                lineHeight: Math.floor(menuButton.implicitHeight / 2)
                elide: Text.ElideRight
                verticalAlignment: Text.AlignVCenter
                Layout.fillWidth: true
                Layout.minimumWidth: titleWord.advanceWidth + 2  // its longest word, never cut by the extras
                // As high as the menu button, which two lines fit: a layout does not give a label
                // the height of the second line it wraps to once it has its width.
                Layout.preferredHeight: menuButton.implicitHeight
                HoverHandler { id: titleHover }
                ToolTip.visible: titleHover.hovered && titleLabel.truncated
                ToolTip.text: titleLabel.text
            }
            // The page's buttons and choices; one that can shrink (Layout.fillWidth with its
            // implicit width as the most) gives way before the title's longest word does.
            RowLayout { id: extras; objectName: "cardExtras"; spacing: 4 }
            TextMetrics { id: titleWord; font: titleLabel.font; text: Theme.unbreakablePiece(titleLabel.text) }
            // Shown while the chart is zoomed in (a drag across a line chart): back to all of it.
            ToolButton {
                objectName: "cardZoomOut"
                visible: card.chart !== null && card.chart.zoomed
                text: card.narrow ? "↔" : qsTr("Show all")
                font.pixelSize: 12
                implicitHeight: 30
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Zoomed in: show the whole chart again (or double-click it)")
                Accessible.name: qsTr("Show all")
                // From the keyboard, the focus goes on to the chart: the button it was on is gone.
                onClicked: {
                    const fromKeys = activeFocus
                    card.chart.zoomOut()
                    if (fromKeys) card.chart.forceActiveFocus(Qt.TabFocusReason)
                }
            }
            ToolButton {
                id: menuButton
                objectName: "cardMenu"
                text: "⋯"
                font.pixelSize: 18
                implicitHeight: 30
                implicitWidth: card.narrow ? 22 : card.menuWidth
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Export this chart")
                Accessible.name: qsTr("Export this chart")
                onClicked: exportMenu.popup()
            }
        }
        Label {
            id: subtitleLabel
            objectName: "cardSubtitle"
            visible: text !== ""
            Layout.fillWidth: true
            Layout.topMargin: titleLabel.lineCount > 1 ? -2 : -6  // tucked under a one-line title's row
            font.pixelSize: 11
            color: Theme.subtle
            // Its numbers wrap onto further lines in a narrow card rather than being cut (deep's
            // gradient ratios at 1024 px in German took three).
            wrapMode: Text.Wrap
            maximumLineCount: 3
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
            // The keyboard's mark: Tab stops on the chart, and the arrows move its read-out.
            FocusMark { objectName: "chartFocusMark"; inset: -2; visible: card.chart !== null && card.chart.activeFocus }
            // Below and right of the pointer, above it where it would leave the card's chart area.
            ToolTip {
                id: hoverTipPopup
                objectName: "chartHoverTip"
                readonly property point at: card.chart ? card.chart.mapToItem(holder, card.chart.hoverPoint) : Qt.point(0, 0)
                visible: card.hoverTip && card.chart !== null && card.chart.hoverText !== ""
                text: card.chart ? card.chart.hoverText : ""
                delay: 0
                closePolicy: Popup.NoAutoClose  // only its binding shows and hides it (a close would break it)
                x: Math.max(0, Math.min(at.x + 14, holder.width - width))
                y: at.y + 18 + height <= holder.height ? at.y + 18 : Math.max(0, at.y - height - 8)
                // Lines of its own, unwrapped: Qt 6.4 gives a wrapping text of several lines the
                // width of all of them in a row (a box 260 px wide for a line chart's 100).
                contentItem: Text { text: hoverTipPopup.text; font: hoverTipPopup.font; color: hoverTipPopup.palette.toolTipText }
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
