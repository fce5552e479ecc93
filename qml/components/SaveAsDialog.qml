// "Save as": opens in the folder last used, with a name made from the lesson and its step, says
// what it does on its button, and hands over the file the student meant (a typed name may be
// relative to the folder shown or absolute).
import QtQuick
import QtQuick.Dialogs
import GradLab

FileDialog {
    id: dialog
    signal chosen(url file)
    fileMode: FileDialog.SaveFile
    acceptLabel: qsTr("Save")

    function ask(name) {
        currentFolder = lab.folder
        selectedFile = lab.folder + "/" + name
        open()
    }
    onAccepted: take(selectedFile)
    // What the dialog returned, made into the file meant, remembered and handed over.
    function take(picked) {
        const file = lab.cleanFileUrl(picked)
        lab.rememberFolder(file)
        chosen(file)
    }
}
