// Every lesson page loads offscreen without warnings, its charts bind to the bridge and paint,
// and a parameter changed in the panel reaches the running lesson.
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

        function pageFor(id) { return "qrc:/GradLab/" + id.charAt(0).toUpperCase() + id.slice(1) + "Page.qml" }

        function test_pageLoadsAndDraws_data() {
            return [{ tag: "optimizers" }, { tag: "activations" }, { tag: "init" }, { tag: "attention" }, { tag: "vit" }]
        }
        function test_pageLoadsAndDraws(data) {
            lab.lessonId = data.tag
            loader.source = pageFor(data.tag)
            tryCompare(loader, "status", Loader.Ready)
            verify(loader.item.charts.length >= 2, "the page lists its charts for export")
            lab.stepN(5)
            tryVerify(() => lab.step >= 5 && !lab.running, 30000)
            // A page with tabs (tabCount, currentTab) paints only the charts of the tab shown:
            // show each tab in turn; every chart must paint on its own.
            const tabs = loader.item.tabCount || 1
            let painted = {}
            for (let t = 0; t < tabs; ++t) {
                if (loader.item.tabCount) loader.item.currentTab = t
                for (let i = 0; i < loader.item.charts.length; ++i) {
                    const c = loader.item.charts[i].chart
                    verify(c.board === lab.board, loader.item.charts[i].name + " is bound to the board")
                    if (!c.visible) continue
                    tryVerify(() => c.revision > 0, 5000, loader.item.charts[i].name + " painted")
                    painted[loader.item.charts[i].name] = true
                }
            }
            for (let i = 0; i < loader.item.charts.length; ++i)
                verify(painted[loader.item.charts[i].name], loader.item.charts[i].name + " was shown on a tab and painted")
            loader.source = ""
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
    }
}
