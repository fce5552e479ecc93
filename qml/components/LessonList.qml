// The lessons, each with its icon, title and one-line summary.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GradLab

ListView {
    id: list
    model: lab.lessons
    currentIndex: lab.lessons.indexOf(lab.lessonId)
    spacing: 4
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    implicitHeight: contentHeight
    delegate: ItemDelegate {
        id: item
        required property int index
        required property string lessonId
        required property string title
        required property string summary
        required property string iconName
        width: ListView.view.width
        highlighted: ListView.isCurrentItem
        onClicked: lab.lessonId = lessonId
        Accessible.name: title
        contentItem: RowLayout {
            spacing: 10
            Image {
                source: "qrc:/icons/" + item.iconName + ".svg"
                sourceSize: Qt.size(28, 28)
                Layout.alignment: Qt.AlignTop
            }
            ColumnLayout {
                spacing: 1
                Layout.fillWidth: true
                Label { text: item.title; font.bold: true; color: Theme.text; elide: Text.ElideRight; Layout.fillWidth: true }
                Label {
                    text: item.summary
                    color: Theme.subtle
                    font.pixelSize: 12
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
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
