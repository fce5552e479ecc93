// Every registered lesson's page loads offscreen, its charts bind only declared outputs and all
// receive data in the lesson's smoke run, and a parameter changed in the panel reaches the
// running lesson.
import QtQuick
import QtQuick.Controls
import QtTest
import GradLab
import GradLab.Bridge

Item {
    id: root
    width: 1280
    height: 800

    LabController { id: lab }

    Loader { id: loader; width: 700; height: 700 }

    Component { id: panelComponent; ParamPanel { width: 320; height: 4000 } }

    TestCase {
        name: "Pages"
        when: windowShown

        function cleanup() { loader.source = "" }  // also after a failed test: no page outlives its lesson

        function pageFor(id) { return "qrc:/GradLab/" + id.charAt(0).toUpperCase() + id.slice(1) + "Page.qml" }

        // Every chart item (a PlotItem: it has a board, hasData and undeclared) on a page, with
        // the name of the card it sits in.
        function chartsOn(item, out, card) {
            for (let i = 0; i < item.children.length; ++i) {
                const c = item.children[i]
                const name = c.name !== undefined && c.chart !== undefined ? c.name : card
                if (c.hasData !== undefined && c.undeclared !== undefined && c.board !== undefined)
                    out.push({ name: name, chart: c })
                chartsOn(c, out, name)
            }
            return out
        }

        // Every card (a ChartCard: it has a name, a chart and a title) on a page.
        function cardsOn(item, out) {
            for (let i = 0; i < item.children.length; ++i) {
                const c = item.children[i]
                if (c.name !== undefined && c.chart !== undefined && c.title !== undefined) out.push(c)
                cardsOn(c, out)
            }
            return out
        }

        // Every registered lesson (a new one is covered without touching this file): its page
        // loads, its smoke run (settings under which it emits every declared output) fills every
        // chart, and neither the charts nor the page's own bindings name an output the lesson
        // does not declare.
        function test_everyLessonPage_data() {
            let rows = []
            for (let i = 0; i < lab.lessons.rowCount(); ++i) rows.push({ tag: lab.lessons.idAt(i) })
            return rows
        }
        function test_everyLessonPage(data) {
            lab.lessonId = data.tag
            const smoke = lab.smokeRun()
            for (let i = 0; i < smoke.sets.length; ++i) {
                const eq = smoke.sets[i].indexOf("=")
                compare(lab.setParam(smoke.sets[i].slice(0, eq), smoke.sets[i].slice(eq + 1)), "", smoke.sets[i])
            }
            lab.reset()
            loader.source = pageFor(data.tag)
            tryCompare(loader, "status", Loader.Ready)
            tryVerify(() => lab.ready, 30000)
            lab.stepN(smoke.steps)
            tryVerify(() => !lab.running && (lab.step >= smoke.steps || lab.finished), 180000, "the smoke run ends")
            const charts = chartsOn(loader.item, [], "")
            verify(charts.length >= 2, "the page has charts")
            // A page with tabs (tabCount, currentTab) creates or lays out some charts only on
            // their tab: show each tab in turn and collect the charts found on any.
            const tabs = loader.item.tabCount || 1
            let seen = 0
            for (let t = 0; t < tabs; ++t) {
                if (loader.item.tabCount) loader.item.currentTab = t
                const shown = chartsOn(loader.item, [], "")
                for (let i = 0; i < shown.length; ++i) {
                    const c = shown[i].chart
                    verify(c.board === lab.board, shown[i].name + " is bound to the board")
                    compare(c.undeclared.join(", "), "", shown[i].name + " binds only declared outputs")
                    tryVerify(() => c.hasData, 5000, shown[i].name + " received data")
                    if (c.visible) tryVerify(() => c.revision > 0, 5000, shown[i].name + " painted")
                    ++seen
                }
                // A card says what it shows: its own title, or the declared title of the one
                // output its chart draws (a card left without either is blank).
                const cards = cardsOn(loader.item, [])
                for (let i = 0; i < cards.length; ++i)
                    verify(cards[i].title !== "", cards[i].name + " has a title")
            }
            verify(seen >= charts.length)
            // What the page reads besides its charts (labels, bars, titles) is declared too.
            wait(50)
            compare(lab.board.undeclared.join(", "), "", data.tag + ": the page asks only for declared outputs")
            loader.source = ""
        }

        // A lesson keeps its run, its parameters and its chart history while the student visits
        // another one (paused), and shows them exactly as left on return; with keepTraining it
        // trains on in the background.
        function test_switchingLessonsKeepsTheRun() {
            lab.lessonId = "optimizers"
            compare(lab.setParam("surface", "rosenbrock"), "")
            lab.reset()
            tryVerify(() => lab.ready, 10000)
            verify(lab.params.indexOf("rosenbrock.a") >= 0, "Rosenbrock's own knobs on its surface")
            // At step 0 a reset-only change applies at once (nothing to lose).
            compare(lab.setParam("surface", "beale"), "")
            verify(!lab.params.pendingReset)
            compare(lab.params.applied["surface"], "beale")
            // The panel lists only what matters on this surface: no Rosenbrock a and b on Beale.
            compare(lab.params.indexOf("rosenbrock.a"), -1)
            compare(lab.params.indexOf("quadratic.condition"), -1)
            verify(lab.params.indexOf("adam.lr") >= 0)
            tryVerify(() => lab.ready, 10000)
            compare(lab.setParam("adam.lr", 0.03), "")
            lab.stepN(40)
            tryVerify(() => lab.step >= 40 && !lab.running, 20000)
            compare(lab.setParam("surface", "himmelblau"), "")  // after a step: waits for a reset
            verify(lab.params.pendingReset)
            const board = lab.board, step = lab.step, loss = board.latest("loss.adam"), markers = board.markerCount
            verify(markers > 0, "the lr change left a marker")
            lab.play()
            lab.lessonId = "attention"
            tryVerify(() => lab.ready, 10000)
            verify(lab.board !== board, "each lesson has its own board")
            lab.lessonId = "optimizers"
            verify(lab.board === board)
            tryVerify(() => !lab.running, 5000)
            const back = lab.step
            verify(back >= step && back < step + 200, "paused while away (step " + back + ")")
            compare(lab.params.value("adam.lr"), 0.03)
            compare(lab.params.value("surface"), "himmelblau")
            verify(lab.params.pendingReset, "the surface still waits for a reset")
            compare(board.markerCount, markers)
            verify(!isNaN(board.latest("loss.adam")))
            // Trains on in the background when asked to.
            lab.keepTraining = true
            lab.speed = 0  // as fast as it can
            lab.play()
            tryVerify(() => lab.running, 5000)
            lab.lessonId = "init"
            wait(500)
            lab.lessonId = "optimizers"
            verify(lab.step > back + 20, "trained on while away: step " + lab.step + " after " + back)
            lab.pause()
            lab.keepTraining = false
            tryVerify(() => !lab.running, 5000)
            compare(lab.setParam("surface", "rosenbrock"), "")  // as the other tests expect it
            lab.reset()
        }

        function test_panelChangeReachesTheLesson() {
            lab.lessonId = "optimizers"
            const panel = createTemporaryObject(panelComponent, root)
            verify(panel)
            tryVerify(() => findChild(panel, "field_adam.lr") !== null, 5000, "the panel has a field for adam.lr")
            const field = findChild(panel, "field_adam.lr")
            compare(Number(field.text), 0.01)
            const before = lab.board.markerCount
            field.text = "0.05"
            field.editingFinished()
            compare(lab.params.value("adam.lr"), 0.05)
            lab.stepN(3)
            // The worker applied it before its next step and reported where: a marker.
            tryVerify(() => lab.board.markerCount > before, 20000)
            tryCompare(field, "text", "0.05")

            // A reset-only parameter waits for Reset and says so.
            const surface = findChild(panel, "param_surface")
            verify(surface)
            verify(!lab.params.pendingReset)
            compare(lab.setParam("surface", "beale"), "")
            verify(lab.params.pendingReset)
            lab.reset()
            verify(!lab.params.pendingReset)

            // Bad values are refused with a message and change nothing.
            verify(lab.setParam("adam.lr", "-1") !== "")
            compare(lab.params.value("adam.lr"), 0.05)
        }

        // The generalization page: a click on the boundary adds a training point of the chosen
        // class, a right click on it removes it again (an action, done by the lesson and left out
        // of the chart markers); the panel shows the Restore button, not the page-only edit.
        function test_clicksEditTheTrainingPoints() {
            lab.lessonId = "generalization"
            compare(lab.setParam("train_images", 100), "")
            compare(lab.setParam("epochs", 1), "")
            lab.reset()
            loader.source = pageFor("generalization")
            tryCompare(loader, "status", Loader.Ready)
            tryVerify(() => lab.ready, 30000)
            lab.stepN(5)
            tryVerify(() => !lab.running && lab.step >= 5, 60000)
            const plot = findChild(loader.item, "boundaryPlot")
            verify(plot)
            tryVerify(() => plot.hasData, 5000)
            const trainCount = () => lab.board.column("points", "x", "train").length
            compare(trainCount(), 30)
            const markers = lab.board.markerCount
            mouseClick(plot, plot.width / 2, plot.height / 2, Qt.LeftButton)
            tryVerify(() => trainCount() === 31, 10000, "a click adds a training point")
            mouseClick(plot, plot.width / 2, plot.height / 2, Qt.RightButton)
            tryVerify(() => trainCount() === 30, 10000, "a right click removes it")
            // The same from the keyboard, at the read-out's point: Enter adds, Delete removes.
            plot.forceActiveFocus(Qt.TabFocusReason)
            tryVerify(() => plot.hoverText !== "", 5000, "the read-out starts on Tab")
            keyClick(Qt.Key_Return)
            tryVerify(() => trainCount() === 31, 10000, "Enter adds a training point")
            keyClick(Qt.Key_Delete)
            tryVerify(() => trainCount() === 30, 10000, "Delete removes it")
            plot.focus = false
            compare(lab.board.markerCount, markers)
            const panel = createTemporaryObject(panelComponent, root)
            tryVerify(() => findChild(panel, "action_restore_best") !== null, 5000, "the panel has the Restore button")
            compare(findChild(panel, "param_point"), null)
        }
    }
}
