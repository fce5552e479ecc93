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
    function keepCurrentInView() { positionViewAtIndex(currentIndex, ListView.Contain) }
    onCurrentIndexChanged: keepCurrentInView()
    onHeightChanged: keepCurrentInView()
    spacing: 2
    clip: true
    // With the keyboard: Tab reaches the list, Up and Down (Home, End) open the lesson above or
    // below, as a click does. The list's own key navigation would move the highlight off the
    // open lesson instead.
    activeFocusOnTab: true
    keyNavigationEnabled: false
    function openAt(i) { if (i >= 0 && i < count) lab.lessonId = lab.lessons.idAt(i) }
    Keys.onUpPressed: openAt(currentIndex - 1)
    Keys.onDownPressed: openAt(currentIndex + 1)
    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Home) openAt(0)
        else if (event.key === Qt.Key_End) openAt(count - 1)
        else return
        event.accepted = true
    }
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
        // A row whose title wraps grows once it is laid out, after the list placed the open lesson:
        // placed again (once, later), unless the student is scrolling.
        onHeightChanged: if (!list.moving) Qt.callLater(list.keepCurrentInView)
        topPadding: 4
        bottomPadding: 4
        onClicked: lab.lessonId = lessonId
        Accessible.name: title
        Accessible.description: summary
        // The summary, and the title first where the narrow list cut it.
        ToolTip.visible: hovered && (!highlighted || titleLabel.truncated)
        ToolTip.delay: 600
        ToolTip.text: titleLabel.truncated ? title + "\n" + summary : summary
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
                Label {
                    id: titleLabel
                    objectName: "lessonTitle"
                    text: item.title
                    // The open lesson in bold where its longest word still fits: bold, "Aktivierungs-
                    // funktionen" was cut at 1024 x 640 (the row's colour marks it all the same).
                    font.bold: item.highlighted && boldWord.advanceWidth <= width
                    TextMetrics {
                        id: boldWord
                        font.family: titleLabel.fontInfo.family
                        font.pixelSize: titleLabel.fontInfo.pixelSize
                        font.bold: true
                        text: Theme.unbreakablePiece(item.title)
                    }
                    color: Theme.text
                    // A long title takes a second line in a narrow list ("Überanpassung und / was hilft").
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
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
            border.width: 2
            border.color: item.highlighted && list.activeFocus ? Theme.accent : "transparent"  // where the keyboard is
        }
    }
}
