// One parameter row: label, value and the control that fits its kind.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import GradLab

ColumnLayout {
    id: row
    required property int index
    required property string key
    required property string label
    required property string help
    required property string kind
    required property real minimum
    required property real maximum
    required property real number
    required property string text
    required property var choices
    required property var choiceLabels  // what the panel shows for each choice (its key where it has no word)
    required property bool logScale
    required property bool live
    required property string unit
    required property bool pending
    objectName: "param_" + key
    spacing: 0
    // The lesson this row belongs to: a field that loses its focus because the lesson changed
    // (its row is being replaced) must not send its text to the new lesson.
    property string ownLesson: ""
    Component.onCompleted: ownLesson = lab.lessonId
    // A file parameter says what it holds: a picture or a text.
    readonly property bool holdsText: kind === "file" && choices.length > 0 && choices[0] === "text"

    // The word shown for choice i (its key while the words are not there yet).
    function wordAt(i) { return choiceLabels[i] !== undefined ? choiceLabels[i] : choices[i] }
    // The first choice after `from` (wrapping round) whose word (or, with `orKey`, whose key)
    // starts with `text`, or -1.
    function nextStartingWith(text, from, orKey) {
        const t = text.toLocaleLowerCase()
        for (let n = 1; n <= choices.length; ++n) {
            const i = (from + n) % choices.length
            if (wordAt(i).toLocaleLowerCase().startsWith(t) || (orKey && choices[i].toLowerCase().startsWith(t))) return i
        }
        return -1
    }
    function apply(v) {
        if (lab.lessonId !== ownLesson) return  // read now: the row may outlive its lesson by a moment
        const err = lab.setParam(key, v)
        errorLabel.text = err
    }
    // Hands the keyboard back to the window, so Space, Right and R drive the lesson again.
    function leaveField() { if (Window.window && Window.window.keySink) Window.window.keySink.forceActiveFocus() }
    // slider position (0..1) <-> value, logarithmic where declared
    function toPos(v) {
        if (logScale && minimum > 0) return (Math.log(v) - Math.log(minimum)) / (Math.log(maximum) - Math.log(minimum))
        return (v - minimum) / (maximum - minimum)
    }
    function fromPos(p) {
        let v = logScale && minimum > 0 ? Math.exp(Math.log(minimum) + p * (Math.log(maximum) - Math.log(minimum)))
                                        : minimum + p * (maximum - minimum)
        if (kind === "integer") return Math.round(v)
        // keep 3 significant digits so slider values read cleanly (0.0123, not 0.012345678)
        return Number(v.toPrecision(3))
    }

    RowLayout {
        visible: row.kind !== "action"  // an action is its button
        Layout.fillWidth: true
        Layout.leftMargin: 12
        spacing: 6
        Label {
            objectName: "paramLabel"
            text: row.label + (row.unit !== "" ? " (" + row.unit + ")" : "")
            color: Theme.text
            // A long label ("alpha (squared-gradient average)") takes a second line beside its field,
            // and a third in the narrowest panel ("RNN / recurrent / weight scale" at 1024 x 640).
            wrapMode: Text.WordWrap  // never inside a word ("RNN-Gewichtssk / ala")
            maximumLineCount: 3
            elide: Text.ElideRight
            Layout.fillWidth: true
            // A label cut short even so is said whole first.
            ToolTip.visible: labelHover.hovered && (row.help !== "" || truncated)
            ToolTip.text: [truncated ? text : "", row.help, row.live ? "" : qsTr("Takes effect after a reset.")].filter(t => t !== "").join("\n")
            ToolTip.delay: 400
            HoverHandler { id: labelHover }
        }
        Label {
            objectName: "resetTag"
            visible: !row.live
            readonly property string words: row.pending ? qsTr("reset to apply") : qsTr("on reset")
            // In the narrowest panel (1024 x 640) the words give way to the Reset button's arrow,
            // so that the label keeps the room for its words ("RNN-Gewichtsskala" broke inside).
            readonly property bool narrow: row.width < 250
            text: narrow ? "\u21bb" : words
            color: row.pending ? Theme.warning : Theme.subtle
            font.pixelSize: narrow ? 14 : 11
            font.italic: !narrow
            Accessible.name: words
            HoverHandler { id: tagHover }
            ToolTip.visible: tagHover.hovered && narrow
            ToolTip.text: words
            ToolTip.delay: 300
        }
        TextField {
            id: valueField
            objectName: "field_" + row.key
            visible: row.kind === "number" || row.kind === "integer"
            text: Theme.formatValue(row.number)
            horizontalAlignment: Text.AlignRight
            selectByMouse: true
            Layout.preferredWidth: 76
            font.pixelSize: 13
            Accessible.name: row.label
            // Enter, Tab or a click elsewhere; an unchanged value changes nothing. "0,05" (as German
            // writes it and the field shows it) and "0.05" alike.
            onEditingFinished: row.apply(text.replace(",", "."))
            onAccepted: row.leaveField()
            // Escape: back to the value in use, nothing applied, and the keys are the lesson's again.
            // The text is bound anew: a plain assignment would end the binding, and the field would
            // no longer follow its slider.
            Keys.onShortcutOverride: (e) => e.accepted = e.key === Qt.Key_Escape
            Keys.onEscapePressed: {
                text = Qt.binding(() => Theme.formatValue(row.number))
                row.leaveField()
            }
            validator: RegularExpressionValidator { regularExpression: /[-+0-9.,eE]*/ }
        }
    }
    Slider {
        visible: row.kind === "number" || row.kind === "integer"
        Layout.fillWidth: true
        Layout.leftMargin: 4
        from: 0; to: 1
        value: row.toPos(row.number)
        stepSize: row.kind === "integer" ? 1 / Math.max(1, row.maximum - row.minimum) : 0
        onMoved: row.apply(row.fromPos(value))
        Accessible.name: row.label
    }
    LabComboBox {
        id: choiceBox
        objectName: "choice_" + row.key
        visible: row.kind === "choice"
        Layout.fillWidth: true
        Layout.leftMargin: 12
        // The model is the keys, which a change of language leaves alone (a new model would
        // reset the box to its first entry); the words are drawn from choiceLabels.
        model: row.kind === "choice" ? row.choices : []
        currentIndex: row.kind === "choice" ? row.choices.indexOf(row.text) : -1
        displayText: currentIndex >= 0 ? row.wordAt(currentIndex) : ""
        onActivated: (i) => row.apply(row.choices[i])
        Accessible.name: row.label
        // A letter typed on the closed box picks the next choice whose word starts with it; on
        // the open list it moves the highlight to the next row whose word or key (both are shown
        // there) starts with it, and Enter takes it. The box's own search matches the keys alone
        // ("k" found nothing in German, where "constant" reads "konstant").
        Keys.onPressed: (e) => {
            if (e.text.length !== 1 || e.text.trim() === ""
                    || (e.modifiers & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier))) return
            e.accepted = true
            if (popup.visible) {
                const h = row.nextStartingWith(e.text, highlightedIndex, true)
                // highlightedIndex has no setter; these two move it while the list is open.
                for (let n = 0; h >= 0 && highlightedIndex < h && n < count; ++n) incrementCurrentIndex()
                for (let n = 0; h >= 0 && highlightedIndex > h && n < count; ++n) decrementCurrentIndex()
                return
            }
            const i = row.nextStartingWith(e.text, currentIndex, false)
            if (i >= 0 && i !== currentIndex) row.apply(row.choices[i])
        }
        // The list is as wide as its widest row needs (word and key), growing to the left: the
        // panel is at the window's right edge.
        FontMetrics { id: wordMetrics; font.family: choiceBox.font.family; font.pixelSize: choiceBox.font.pixelSize; font.weight: Font.DemiBold }
        FontMetrics { id: keyMetrics; font.family: "monospace" }
        readonly property real rowsNeed: {
            if (row.kind !== "choice") return 0
            let w = 0
            for (let i = 0; i < row.choices.length; ++i) {
                const key = row.choices[i], word = row.wordAt(i)
                w = Math.max(w, wordMetrics.advanceWidth(word) + (word !== key ? 12 + keyMetrics.advanceWidth(key) : 0))
            }
            return w + 32  // the row's padding and the list's frame
        }
        popup.width: Math.max(width, rowsNeed)
        popup.x: width - popup.width
        // A choice shown by a word lists its key beside it: the key is what the lesson's text,
        // the command line and the runs' recipes call it.
        delegate: MenuItem {
            id: choiceItem
            required property int index
            required property string modelData  // the key
            readonly property string word: row.wordAt(index)
            text: word  // drawn by the row below; read by screen readers
            width: ListView.view ? ListView.view.width : implicitWidth
            highlighted: choiceBox.highlightedIndex === index
            hoverEnabled: choiceBox.hoverEnabled
            contentItem: RowLayout {
                spacing: 12
                Label {
                    text: choiceItem.word
                    font.weight: choiceBox.currentIndex === choiceItem.index ? Font.DemiBold : Font.Normal
                    color: choiceItem.highlighted ? choiceItem.palette.highlightedText : choiceItem.palette.text
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    visible: choiceItem.modelData !== choiceItem.word
                    text: choiceItem.modelData
                    font.family: "monospace"
                    // The palette's, not Theme's: see KeyedMenuItem (a Theme lookup in a delegate of a popup).
                    color: choiceItem.highlighted ? choiceItem.palette.highlightedText : choiceItem.palette.placeholderText
                }
            }
        }
    }
    Switch {
        visible: row.kind === "flag"
        Layout.leftMargin: 6
        checked: row.number !== 0
        text: checked ? qsTr("on") : qsTr("off")
        onToggled: row.apply(checked)
        Accessible.name: row.label
    }
    Flow {
        visible: row.kind === "set"
        Layout.fillWidth: true
        Layout.leftMargin: 8
        spacing: 0
        Repeater {
            model: row.kind === "set" ? row.choices : []
            CheckBox {
                required property string modelData
                required property int index
                text: row.wordAt(index)
                checked: row.text.split(",").indexOf(modelData) >= 0
                onToggled: {
                    let items = row.text === "" ? [] : row.text.split(",")
                    if (checked) items.push(modelData)
                    else items = items.filter(x => x !== modelData)
                    row.apply(items.join(","))
                }
            }
        }
    }
    // An action: a command done each time it is pressed (its label is on the button).
    Button {
        visible: row.kind === "action"
        objectName: "action_" + row.key
        Layout.leftMargin: 12
        text: row.label
        onClicked: row.apply("")
        ToolTip.visible: hovered && row.help !== ""
        ToolTip.text: row.help
        ToolTip.delay: 400
        Accessible.name: row.label
    }
    // Free text (a prompt): sent when the student presses Enter or leaves the field.
    TextField {
        id: textField
        visible: row.kind === "text"
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Layout.rightMargin: 8
        text: row.text
        maximumLength: row.kind === "text" ? row.maximum : 32767
        selectByMouse: true
        placeholderText: qsTr("type here")
        onAccepted: { row.apply(text); row.leaveField() }
        onActiveFocusChanged: if (!activeFocus && text !== row.text) row.apply(text)
        Accessible.name: row.label
    }
    RowLayout {
        visible: row.kind === "file"
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Button {
            text: qsTr("Choose…")
            onClicked: fileDialog.open()
            Accessible.name: row.label
        }
        Label {
            text: row.text === "" ? qsTr("none") : row.text.split("/").pop()
            color: Theme.subtle
            elide: Text.ElideMiddle
            Layout.fillWidth: true
        }
        ToolButton {
            visible: row.text !== ""
            text: "✕"
            onClicked: row.apply("")
            ToolTip.visible: hovered
            ToolTip.text: row.holdsText ? qsTr("Back to the built-in texts") : qsTr("Back to the data set's images")
        }
    }
    FileDialog {
        id: fileDialog
        title: row.label
        nameFilters: row.holdsText ? [qsTr("Text files (*.txt *.md)"), qsTr("All files (*)")]
                                   : [qsTr("Images (*.png *.jpg *.jpeg)"), qsTr("All files (*)")]
        onAccepted: row.apply(selectedFile.toString())
    }
    Label {
        id: errorLabel
        visible: text !== ""
        Layout.fillWidth: true
        Layout.leftMargin: 12
        wrapMode: Text.Wrap
        color: Theme.error
        font.pixelSize: 12
    }
}
