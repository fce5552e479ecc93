// The main window: lessons and their explanation on the left, the lesson's live charts in the
// middle, its parameters on the right; transport bar on top, status line at the bottom.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import QtQuick.Templates as T  // the controls' C++ types, for instanceof across styles
import Qt.labs.settings
import GradLab
import GradLab.Bridge

ApplicationWindow {
    id: window
    width: 1280
    height: 800
    minimumWidth: 1024
    minimumHeight: 640
    visible: true
    title: lab.lessonTitle + " — " + qsTr("Gradient Lab")
    color: Theme.window

    // Set by main.cpp from the command line: {lesson, lang, dark}
    property var options: ({})
    property bool dark: settings.dark
    property alias lab: lab

    Binding { target: Theme; property: "dark"; value: window.dark }
    Binding { target: Theme; property: "decimalPoint"; value: Qt.locale(lab.language).decimalPoint }
    // The Fusion style (chosen in main.cpp) draws every control, menu, dialog and tooltip from
    // this palette, so all of them follow the theme.
    palette {
        window: Theme.dark ? "#1E2227" : "#F3F5F7"
        active.windowText: Theme.text
        inactive.windowText: Theme.text
        base: Theme.dark ? "#262B31" : "#FFFFFF"
        alternateBase: Theme.dark ? "#2C3238" : "#F6F8FA"
        active.text: Theme.text
        inactive.text: Theme.text
        button: Theme.dark ? "#343B43" : "#F6F8FA"
        active.buttonText: Theme.text
        inactive.buttonText: Theme.text
        brightText: "#FFFFFF"
        highlight: Theme.accent
        highlightedText: Theme.dark ? "#0B0D10" : "#FFFFFF"
        light: Theme.dark ? "#4A525C" : "#FFFFFF"
        midlight: Theme.dark ? "#3E454E" : "#E6EAEE"
        mid: Theme.dark ? "#5A636E" : "#C9D1D9"
        dark: Theme.dark ? "#0D0F12" : "#A0A8B0"
        shadow: Theme.dark ? "#000000" : "#59636E"
        placeholderText: Theme.subtle
        toolTipBase: Theme.dark ? "#2A3037" : "#FFFFFF"
        toolTipText: Theme.text
        link: Theme.accent
        linkVisited: Theme.accent
        // A control that cannot be used now (Step while training) is drawn faded. The text roles
        // are set per group: a role set for all groups at once overwrote the disabled colour (in
        // whichever order the bindings ran), and a disabled button looked exactly like one that works.
        disabled.buttonText: Theme.disabledText
        disabled.windowText: Theme.disabledText
        disabled.text: Theme.disabledText
    }

    // What the lab remembers between sessions (main.cpp reads lesson and language at start-up).
    Settings {
        id: settings
        category: "ui"
        property bool dark: false
        property string lesson: ""
        property string language: ""   // "": the system's
        property int zoom: 100         // per cent; main.cpp reads it at start-up (Qt scales only then)
        // The columns beside the page (View menu): hidden, the charts take their room (a projector).
        property bool showLearn: true
        property bool showControls: true
        // The window's place and size when it is not maximised: it reopens there, and a maximised
        // window that is restored returns there.
        property int x: 0
        property int y: 0
        property int width: 1280
        property int height: 800
        property bool maximized: false
    }
    onVisibilityChanged: (v) => {
        if (v === Window.Maximized || v === Window.Windowed) settings.maximized = v === Window.Maximized
        placeKeeper.restart()
    }
    // A window being maximised moves and grows before or after it says it is maximised (it is up
    // to the window system), so a place is kept only once the window has held it a moment as a
    // plain window: a maximised window's size never becomes the one it reopens at.
    Timer {
        id: placeKeeper
        interval: 300
        onTriggered: if (window.visibility === Window.Windowed && !window.restarting) {
            settings.x = window.x
            settings.y = window.y
            settings.width = window.width
            settings.height = window.height
        }
    }
    onXChanged: placeKeeper.restart()
    onYChanged: placeKeeper.restart()
    onWidthChanged: placeKeeper.restart()
    onHeightChanged: placeKeeper.restart()
    Connections {
        target: lab
        function onLessonChanged() { settings.lesson = lab.lessonId }
    }

    LabController {
        id: lab
        objectName: "lab"
        onFailed: (message) => errorDialog.show(message)
    }

    menuBar: MenuBar {
        KeyedMenu {
            title: qsTr("&File")
            Action { text: qsTr("&Save checkpoint…"); shortcut: StandardKey.Save; onTriggered: saveDialog.ask(lab.suggestedFileName("", "safetensors")) }
            Action { text: qsTr("&Load checkpoint…"); shortcut: StandardKey.Open; onTriggered: loadDialog.ask() }
            Action { text: qsTr("&Export all charts…"); shortcut: "Ctrl+E"; onTriggered: exportDialog.ask(lab.suggestedFileName("charts", "").slice(0, -1)) }
            MenuSeparator {}
            Action { text: qsTr("&Quit"); shortcut: StandardKey.Quit; onTriggered: Qt.quit() }
        }
        KeyedMenu {
            title: qsTr("&Run")
            // `keys`: the window's own shortcuts for these (below), shown in the menu; not the
            // Action's, which would also fire inside a text field.
            Action { property string keys: "Space"; text: lab.running ? qsTr("&Pause") : qsTr("&Play"); onTriggered: lab.togglePlay() }
            Action { property string keys: "Right"; text: qsTr("&Step"); enabled: !lab.running; onTriggered: lab.stepOnce() }
            Action { property string keys: "R"; text: qsTr("&Reset"); onTriggered: lab.reset() }
            Action { text: qsTr("&Go back to an earlier step…"); enabled: transport.canGoBack; onTriggered: transport.goBack() }
            Action { text: qsTr("&Hide the earlier runs"); enabled: lab.board.hasGhost; onTriggered: lab.dropGhost() }
            Action { text: qsTr("Show the r&uns"); onTriggered: { settings.showControls = true; sideTabs.currentIndex = 1 } }
        }
        KeyedMenu {
            title: qsTr("&View")
            Action { text: qsTr("&Dark mode"); checkable: true; checked: window.dark; shortcut: "Ctrl+D"; onTriggered: settings.dark = !settings.dark }
            MenuSeparator {}
            Action { text: qsTr("&Lessons and text"); checkable: true; checked: settings.showLearn; onTriggered: settings.showLearn = !settings.showLearn }
            Action { text: qsTr("&Parameters and runs"); checkable: true; checked: settings.showControls; onTriggered: settings.showControls = !settings.showControls }
            MenuSeparator {}
            Action { text: qsTr("&Full screen"); checkable: true; checked: window.visibility === Window.FullScreen; shortcut: "F11"; onTriggered: window.toggleFullScreen() }
            MenuSeparator {}
            Menu {
                title: qsTr("&Language")
                Repeater {
                    // Each language is named in itself, so a student can find theirs in any.
                    model: [{ code: "", name: qsTr("System default") }, { code: "en", name: "English" },
                            { code: "de", name: "Deutsch" }, { code: "zh_CN", name: "简体中文" }]
                    MenuItem {
                        required property var modelData
                        text: modelData.name
                        checkable: true
                        // Like radio buttons: a click on the ticked language leaves it ticked (a
                        // plain checkable item unticked itself). The menu is the one way to change
                        // the language while the lab runs, so the ticks it sets stay true.
                        autoExclusive: true
                        checked: settings.language === modelData.code
                        onTriggered: {
                            settings.language = modelData.code
                            lab.language = lab.resolveLanguage(modelData.code)
                        }
                    }
                }
            }
            Menu {
                title: qsTr("&Zoom")
                Repeater {
                    model: [100, 125, 150, 175, 200]
                    MenuItem {
                        required property int modelData
                        text: qsTr("%1 %").arg(modelData)
                        checkable: true
                        checked: window.zoom === modelData
                        enabled: modelData <= window.zoom || window.zoomFits(modelData)  // smaller always fits
                        onTriggered: {
                            checked = Qt.binding(() => window.zoom === modelData)  // ticked: the zoom of this start
                            if (modelData !== window.zoom) zoomDialog.ask(modelData)
                        }
                    }
                }
            }
        }
        KeyedMenu {
            title: qsTr("&Help")
            Action { text: qsTr("&Keyboard shortcuts"); shortcut: "F1"; onTriggered: shortcutsDialog.open() }
            Action { text: qsTr("&About Gradient Lab"); onTriggered: aboutDialog.open() }
        }
    }

    header: TransportBar { id: transport; objectName: "transport" }
    footer: StatusLine {}

    // Where the keyboard goes when no field is being typed in (a plain item, not a focus scope:
    // giving it the focus takes it from the field).
    property Item keySink: keySinkItem
    Item { id: keySinkItem; objectName: "keySink" }
    // Every control's tip (ToolTip.text: one shared popup) as wide as its widest line, at most
    // 480 px, longer lines wrapping. Left to itself, Qt 6.4 sizes a wrapping text of several lines
    // by all of them in a row: a parameter's two-line tip ("... on reset") took twice its width,
    // and a long one the whole window.
    readonly property var sharedToolTip: keySinkItem.ToolTip.toolTip
    FontMetrics { id: tipMetrics; font: window.sharedToolTip.font }
    Binding {
        target: window.sharedToolTip
        property: "contentWidth"
        value: Math.min(480, Math.max(0, ...window.sharedToolTip.text.split("\n").map(line => Math.ceil(tipMetrics.advanceWidth(line)))))
    }
    // A click anywhere outside the field being typed in ends the typing (the field applies its
    // value): the transport keys below are the lesson's again.
    TapHandler {
        target: null
        gesturePolicy: TapHandler.DragThreshold
        onTapped: (point) => {
            const f = window.activeFocusItem
            if (!(f instanceof TextInput)) return
            const p = f.mapFromItem(null, point.scenePosition.x, point.scenePosition.y)
            if (!f.contains(p)) keySinkItem.forceActiveFocus()
        }
    }
    Shortcut { sequence: "Escape"; enabled: window.activeFocusItem instanceof TextInput; onActivated: keySinkItem.forceActiveFocus() }
    // Transport keys work wherever the focus is, except while typing in a field, and except
    // where the keyboard went on purpose (Tab): there a button, switch or check box takes Space
    // and a slider takes Right, as they do everywhere else. A click leaves the keys to the
    // transport, since a control the mouse focused has a mouse focus reason. (A combo box
    // reached with Tab opens with Space too: LabComboBox.)
    readonly property bool tabbedTo: activeFocusItem instanceof T.Control
                                     && (activeFocusItem.focusReason === Qt.TabFocusReason || activeFocusItem.focusReason === Qt.BacktabFocusReason)
    Shortcut {
        sequence: "Space"
        enabled: !(window.activeFocusItem instanceof TextInput) && !(window.activeFocusItem instanceof ComboBox)
                 && !(window.tabbedTo && window.activeFocusItem instanceof T.AbstractButton)
        onActivated: lab.togglePlay()
    }
    Shortcut {
        sequence: "Right"
        enabled: !(window.activeFocusItem instanceof TextInput) && !(window.tabbedTo && window.activeFocusItem instanceof T.Slider)
        onActivated: if (!lab.running) lab.stepOnce()
    }
    // Not on a choice box reached with Tab: there a letter picks the choice whose word starts with it.
    Shortcut {
        sequence: "R"
        enabled: !(window.activeFocusItem instanceof TextInput) && !(window.tabbedTo && window.activeFocusItem instanceof ComboBox)
        onActivated: lab.reset()
    }
    // F6 and Shift+F6 take the keyboard to the next or previous part of the window, as in most
    // desktop programs: the toolbar, the lessons, the lesson's text, the page, the side panel.
    // Tab still walks every control in turn, and the lesson's text one link at a time.
    readonly property var panes: [transport, lessonList, textKeys, page, sidePanel]
    function paneOf(item) {
        for (let i = item; i; i = i.parent) {
            const k = panes.indexOf(i)
            if (k >= 0) return k
        }
        return -1
    }
    function focusPane(step) {
        const here = paneOf(activeFocusItem), n = panes.length
        let k = here >= 0 ? here : (step > 0 ? -1 : n)
        for (let tries = 0; tries < n; ++tries) {
            k = (k + step + n) % n
            const pane = panes[k]
            const first = pane.activeFocusOnTab ? pane : pane.nextItemInFocusChain(true)
            if (first && paneOf(first) === k && first.visible) {
                first.forceActiveFocus(step > 0 ? Qt.TabFocusReason : Qt.BacktabFocusReason)
                return
            }
        }
    }
    Shortcut { sequence: "F6"; onActivated: window.focusPane(1) }
    Shortcut { sequence: "Shift+F6"; onActivated: window.focusPane(-1) }
    Shortcut { sequence: "?"; onActivated: shortcutsDialog.open() }
    Shortcut {  // what is selected in the lesson's text (which never takes the keyboard)
        sequences: [StandardKey.Copy]
        enabled: lessonText.selectedText !== "" && !(window.activeFocusItem instanceof TextInput)
        onActivated: lessonText.copy()
    }
    // Ctrl+1 … Ctrl+9 open the first nine lessons, Ctrl+0 the tenth (the number row's order).
    Repeater {
        model: 10
        Item {
            required property int index
            Shortcut {
                sequence: "Ctrl+" + ((index + 1) % 10)
                onActivated: if (lab.lessons.idAt(index) !== "") lab.lessonId = lab.lessons.idAt(index)
            }
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        // learn: the lessons and the current one's explanation
        Pane {
            objectName: "learnPane"
            visible: settings.showLearn
            Layout.preferredWidth: Math.round(window.width * 0.22)
            Layout.minimumWidth: 200
            Layout.maximumWidth: 420
            Layout.fillHeight: true
            padding: 8
            background: Rectangle { color: Theme.pane; radius: Theme.radius; border.color: Theme.border }
            ColumnLayout {
                id: learnColumn
                anchors.fill: parent
                spacing: 8
                // At most 60 % of the column: the lesson's explanation below keeps the rest.
                LessonList { id: lessonList; objectName: "lessonList"; Layout.fillWidth: true; Layout.preferredHeight: Math.min(contentHeight, Math.round(learnColumn.height * 0.6)) }
                Rectangle { Layout.fillWidth: true; height: 1; color: Theme.border }
                ScrollView {
                    id: textScroll
                    objectName: "lessonText"
                    // A new lesson's text opens at its beginning.
                    Connections {
                        target: lab
                        function onLessonChanged() { textScroll.ScrollBar.vertical.position = 0 }
                    }
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    contentWidth: availableWidth
                    // A frame while the keyboard is in the text (reached with Tab), and the item
                    // that takes the keyboard for it: not the TextEdit, nor a child of it, since
                    // a TextEdit claims keys before the window's shortcuts see them (Right and
                    // Ctrl+1 did nothing while it or a child of it had the keyboard).
                    background: Rectangle {
                        color: "transparent"
                        radius: 3
                        border.width: 2
                        border.color: textKeys.activeFocus ? Theme.accent : "transparent"
                        Item {
                            id: textKeys
                            objectName: "lessonTextKeys"
                            activeFocusOnTab: true
                            onActiveFocusChanged: if (!activeFocus) { lessonText.linkIndex = -1; lessonText.deselect() }
                            Keys.onPressed: (event) => {
                                const t = lessonText, page = textScroll.height - 40
                                switch (event.key) {
                                case Qt.Key_Tab:
                                case Qt.Key_Backtab: {
                                    const back = event.key === Qt.Key_Backtab
                                    const next = t.linkIndex < 0 ? (back ? t.links.length - 1 : 0) : t.linkIndex + (back ? -1 : 1)
                                    if (next < 0 || next >= t.links.length) { t.linkIndex = -1; t.deselect(); return }  // on, out of the text
                                    t.showLink(next)
                                    break
                                }
                                case Qt.Key_Return:
                                case Qt.Key_Enter:
                                    if (t.linkIndex < 0) return
                                    t.follow(t.links[t.linkIndex].link, true)
                                    break
                                case Qt.Key_Escape: keySinkItem.forceActiveFocus(); break
                                case Qt.Key_Up: t.scrollBy(-3 * t.font.pixelSize); break
                                case Qt.Key_Down: t.scrollBy(3 * t.font.pixelSize); break
                                case Qt.Key_PageUp: t.scrollBy(-page); break
                                case Qt.Key_PageDown: t.scrollBy(page); break
                                case Qt.Key_Home: t.scrollBy(-textScroll.contentItem.contentHeight); break
                                case Qt.Key_End: t.scrollBy(textScroll.contentItem.contentHeight); break
                                default: return
                                }
                                event.accepted = true
                            }
                        }
                    }
                    TextEdit {
                        id: lessonText
                        objectName: "lessonTextEdit"
                        width: textScroll.availableWidth
                        text: lab.lessonText
                        Binding { target: lab; property: "linkColor"; value: Theme.accent }
                        textFormat: TextEdit.RichText  // lab.lessonText: the lesson's Markdown as HTML
                        wrapMode: TextEdit.Wrap
                        readOnly: true
                        selectByMouse: true
                        // A click (on a link, or to select) leaves the keyboard where it was: a
                        // focused TextEdit kept Space, Right and R from the transport. Ctrl+C
                        // copies a selection all the same (the Shortcut below).
                        activeFocusOnPress: false
                        color: Theme.text
                        selectionColor: Theme.accent
                        selectedTextColor: Theme.dark ? "#0B0D10" : "#FFFFFF"  // as the palette's highlightedText
                        font.pixelSize: 14
                        leftPadding: 4
                        rightPadding: 8
                        // A parameter named in the text ("param:lr") is a link to its control:
                        // a click shows the control, Enter on a link reached with Tab also gives
                        // it the keyboard.
                        function follow(link, byKeyboard) {
                            if (!link.startsWith("param:")) return
                            settings.showControls = true
                            sideTabs.currentIndex = 0
                            paramPanel.reveal(link.slice(6), byKeyboard)
                        }
                        onLinkActivated: (link) => follow(link, false)
                        // The keyboard's way through the text: Tab reaches it (textKeys, in the
                        // frame); then Tab and Shift+Tab go from link to link and on out of the
                        // text after the last, Enter follows the link, the arrows and Page Up/Down
                        // scroll, Escape leaves.
                        property var links: []      // [{start, end, link}], in reading order
                        property int linkIndex: -1  // the link the keyboard is on
                        // (A selection made with select() also reports a text change: the links are
                        // read again, and only new ones start over.)
                        onTextChanged: {
                            const now = lab.linksIn(textDocument)
                            if (JSON.stringify(now) !== JSON.stringify(links)) { links = now; linkIndex = -1 }
                        }
                        function showLink(i) {
                            linkIndex = i
                            select(links[i].start, links[i].end)
                            const r = positionToRectangle(links[i].start), view = textScroll.contentItem
                            if (r.y < view.contentY) view.contentY = Math.max(0, r.y - 8)
                            else if (r.y + r.height > view.contentY + view.height) view.contentY = r.y + r.height - view.height + 8
                        }
                        function scrollBy(dy) {
                            const view = textScroll.contentItem
                            view.contentY = Math.max(0, Math.min(view.contentHeight - view.height, view.contentY + dy))
                        }
                        ToolTip {  // what the link the keyboard is on names, below it
                            objectName: "linkKeyTip"
                            readonly property rect at: lessonText.linkIndex >= 0 ? lessonText.positionToRectangle(lessonText.links[lessonText.linkIndex].start) : Qt.rect(0, 0, 0, 0)
                            x: at.x
                            y: at.y + at.height + 4
                            text: lessonText.linkIndex >= 0 ? lab.params.hint(lessonText.links[lessonText.linkIndex].link.slice(6), true) : ""
                            visible: textKeys.activeFocus && text !== ""
                        }
                        // The window's TapHandler never sees a press the text takes: a click
                        // here ends the typing in a field as a click anywhere else does.
                        TapHandler {
                            gesturePolicy: TapHandler.DragThreshold
                            onPressedChanged: if (pressed && window.activeFocusItem instanceof TextInput) keySinkItem.forceActiveFocus()
                        }
                        HoverHandler {
                            id: textHover
                            cursorShape: lessonText.hoveredLink !== "" ? Qt.PointingHandCursor : Qt.IBeamCursor
                        }
                        ToolTip {  // under the pointer, where the student reads
                            objectName: "linkTip"
                            x: textHover.point.position.x + 8
                            y: textHover.point.position.y + 20
                            delay: 300
                            text: lessonText.hoveredLink.startsWith("param:") ? lab.params.hint(lessonText.hoveredLink.slice(6)) : ""
                            visible: text !== ""
                        }
                    }
                }
            }
        }

        // watch: the lesson page
        Loader {
            id: page
            objectName: "lessonPage"
            Layout.fillWidth: true
            Layout.fillHeight: true
            // qml/lessons/<id>/<Id>Page.qml in the sources; none while lessons switch
            source: lab.page === "" ? "" : lab.page.charAt(0).toUpperCase() + lab.page.slice(1) + "Page.qml"
            asynchronous: false
            clip: true  // a page that cannot shrink further is cut, never drawn over the panels
        }

        // control: the parameters, and the lesson's runs
        ColumnLayout {
            id: sidePanel
            objectName: "sidePanel"
            visible: settings.showControls
            Layout.preferredWidth: Math.round(window.width * 0.23)
            Layout.minimumWidth: 240
            Layout.maximumWidth: 420
            Layout.fillWidth: false  // a layout fills by default: this one keeps its share
            Layout.fillHeight: true
            spacing: 0
            TabBar {
                id: sideTabs
                objectName: "sideTabs"
                Layout.fillWidth: true
                background: null
                PageTab { text: qsTr("Parameters") }
                PageTab { objectName: "runsTab"; text: qsTr("Runs (%1)").arg(lab.runs.count) }
            }
            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: sideTabs.currentIndex
                ParamPanel { id: paramPanel; objectName: "paramPanel" }
                RunsPanel { objectName: "runsPanel" }
            }
        }
    }

    SaveAsDialog {
        id: saveDialog
        objectName: "saveDialog"
        title: qsTr("Save checkpoint")
        nameFilters: [qsTr("Gradient Lab checkpoints (*.safetensors)")]
        onChosen: (file) => lab.saveCheckpoint(file)
    }
    FileDialog {
        id: loadDialog
        objectName: "loadDialog"
        title: qsTr("Load checkpoint")
        fileMode: FileDialog.OpenFile
        acceptLabel: qsTr("Load")
        nameFilters: [qsTr("Gradient Lab checkpoints (*.safetensors)"), qsTr("All files (*)")]
        function ask() {
            currentFolder = lab.folder
            open()
        }
        onAccepted: take(selectedFile)
        function take(picked) {
            lab.rememberFolder(picked)
            lab.loadCheckpoint(lab.cleanFileUrl(picked))
        }
    }
    // Export all: the student names a new folder (in the folder shown, or anywhere), and every
    // chart of the lesson goes into it as PNG and CSV.
    SaveAsDialog {
        id: exportDialog
        objectName: "exportDialog"
        title: qsTr("Export every chart of this lesson into a new folder")
        acceptLabel: qsTr("Export")
        onChosen: (folder) => {
            const made = lab.makeFolder(folder)
            if (made !== "") {
                lab.notify(made)
                return
            }
            let n = 0, err = ""
            const charts = page.item ? page.item.charts : []
            for (let i = 0; i < charts.length; ++i) {
                const base = folder + "/" + lab.suggestedFileName(charts[i].name, "")
                for (const ext of ["png", "csv"]) {
                    const e = ext === "csv" ? charts[i].chart.exportCsv(base + ext) : charts[i].chart.exportImage(base + ext)
                    if (e !== "") err = e; else ++n
                }
            }
            lab.notify(err !== "" ? err : qsTr("Exported %1 files into %2").arg(n).arg(lab.cleanFileUrl(folder).toString().replace("file://", "")), err === "")
        }
    }
    ShortcutsDialog { id: shortcutsDialog; objectName: "shortcutsDialog" }
    TextDialog {
        id: errorDialog
        objectName: "errorDialog"
        title: qsTr("Something went wrong")
        standardButtons: Dialog.Ok
        function show(m) { text = m; open() }
    }
    // Full screen (F11; a projector) and back to the window as it was, maximised or not.
    property bool wasMaximized: false
    function toggleFullScreen() {
        if (visibility === Window.FullScreen) {
            if (wasMaximized) showMaximized()
            else showNormal()
        } else {
            wasMaximized = visibility === Window.Maximized
            showFullScreen()
        }
    }
    property bool restarting: false  // View > Zoom asked main.cpp for a new start
    // The zoom this start draws at (per cent; main.cpp's --zoom or View > Zoom).
    readonly property int zoom: options.zoom || 100
    // Whether the smallest window the lab allows still fits on this screen at `percent`.
    function zoomFits(percent) {
        const f = zoom / percent
        return Math.min(Screen.width, Screen.desktopAvailableWidth) * f >= minimumWidth
                && Math.min(Screen.height, Screen.desktopAvailableHeight) * f >= minimumHeight
    }
    // A new zoom takes a new start: Qt sets its scale only then. The window keeps its size on
    // the screen, and every run goes on where it is (they are kept as at any quit).
    TextDialog {
        id: zoomDialog
        objectName: "zoomDialog"
        property int percent: 100
        title: qsTr("Zoom")
        standardButtons: Dialog.Ok | Dialog.Cancel
        function ask(p) {
            percent = p
            text = (lab.keepsRuns() ? qsTr("The lab closes and opens again at %1 %. Every lesson's run is kept and goes on where it is.")
                                    : qsTr("The lab closes and opens again at %1 %. It keeps no runs (another Gradient Lab is open and keeps them), so this one's runs are lost."))
                   .arg(p)
            open()
            standardButton(Dialog.Ok).text = qsTr("Restart now")
        }
        Shortcut { sequences: ["Return", "Enter"]; enabled: zoomDialog.opened; onActivated: zoomDialog.accept() }
        onAccepted: {
            window.restarting = true  // the place kept below is the next start's
            if (window.visibility === Window.Windowed) {
                settings.width = Math.round(window.width * window.zoom / percent)
                settings.height = Math.round(window.height * window.zoom / percent)
                settings.x = Math.round(window.x * window.zoom / percent)
                settings.y = Math.round(window.y * window.zoom / percent)
            }
            settings.zoom = percent
            lab.restart()
        }
    }
    TextDialog {
        id: aboutDialog
        objectName: "aboutDialog"
        title: qsTr("About Gradient Lab")
        standardButtons: Dialog.Close
        text: qsTr("Gradient Lab lets you watch neural networks learn, on an engine of its own: tensors, autograd and optimizers that follow PyTorch, so every number can be checked against it.") + "\n\n" + qsTr("Version %1").arg(Qt.application.version) + "\n" + lab.deviceNote
    }

    Component.onCompleted: {
        // A place remembered on a monitor that is gone would open the window where nobody sees it.
        const place = lab.visiblePlace(Qt.rect(settings.x, settings.y, Math.max(settings.width, minimumWidth),
                                               Math.max(settings.height, minimumHeight)))
        x = place.x
        y = place.y
        width = place.width
        height = place.height
        if (settings.maximized) showMaximized()
        placeKeeper.restart()
        if (options.lesson) lab.lessonId = options.lesson
    }
}
