// The lessons: each with its icon and title on one line, the open one with its one-line summary
// too (the others show theirs on hovering). Kept compact so that the lesson's explanation below
// it has room: with ten lessons, full rows took the whole column at the smallest window.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

ListView {
    id: list
    model: lab.lessons
    currentIndex: lab.lessons.indexOf(lab.lessonId)
    // The open lesson stays in view where the list is shorter than its rows (a small window).
    onCurrentIndexChanged: positionViewAtIndex(currentIndex, ListView.Contain)
    onHeightChanged: positionViewAtIndex(currentIndex, ListView.Contain)
    spacing: 2
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    // Shown for as long as lessons lie outside the list (Fusion shows it only while scrolling).
    ScrollBar.vertical: ScrollBar { policy: list.contentHeight > list.height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
    delegate: ItemDelegate {
        id: item
        required property int index
        required property string lessonId
        required property string title
        required property string summary
        required property string iconName
        // Room for the scroll bar kept always: rows that narrowed when it showed wrapped the
        // summary onto another line, and the list then needed the bar for good.
        width: ListView.view.width - list.ScrollBar.vertical.width
        highlighted: ListView.isCurrentItem
        topPadding: 4
        bottomPadding: 4
        onClicked: lab.lessonId = lessonId
        Accessible.name: title
        Accessible.description: summary
        ToolTip.visible: hovered && !highlighted
        ToolTip.delay: 600
        ToolTip.text: summary
        contentItem: RowLayout {
            spacing: 8
            Image {
                source: "qrc:/icons/" + item.iconName + ".svg"
                sourceSize: Qt.size(22, 22)
                Layout.alignment: Qt.AlignTop
            }
            ColumnLayout {
                spacing: 1
                Layout.fillWidth: true
                Label { text: item.title; font.bold: item.highlighted; color: Theme.text; elide: Text.ElideRight; Layout.fillWidth: true }
                Label {
                    visible: item.highlighted
                    text: item.summary
                    color: Theme.subtle
                    font.pixelSize: 12
                    wrapMode: Text.Wrap
                    maximumLineCount: 3
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
            }
        }
        background: Rectangle {
            radius: Theme.radius
            color: item.highlighted ? (Theme.dark ? "#26394F" : "#E3EEFA") : (item.hovered ? (Theme.dark ? "#23282E" : "#EEF1F4") : "transparent")
        }
    }
}
