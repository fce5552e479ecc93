// A lab closed from outside (the desktop session ends, `kill`, Ctrl+C in the terminal that
// started it) quits as if the student had closed the window: the event loop ends, aboutToQuit
// keeps each lesson's runs for the next start. Without this, SIGTERM, SIGHUP and SIGINT ended the
// process at once and every run was lost.
#pragma once

class QCoreApplication;

namespace gradlab {

// Call once, after the application object exists. A second signal while the lab is quitting
// ends it at once (the signal's default action), as a second Ctrl+C does elsewhere.
void quitOnSignals(QCoreApplication& app);

}  // namespace gradlab
