// Runs an executable of the build (gradlab-cli, gradlab) in a test and reads the files it wrote.
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <string>
#include <vector>

namespace gradlab::test {

struct ProcessResult {
    int exitCode = -1;
    bool crashed = false;
    QString out, err;
};

inline ProcessResult runProgram(const QString& program, const QStringList& args, int timeoutMs = 300000) {
    QProcess p;
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// Whether Debian's /usr/bin/python3 can import torch and numpy (the PyTorch tests skip otherwise).
inline bool debianTorchAvailable() {
    return runProgram("/usr/bin/python3", {"-c", "import importlib.util as u, sys; "
                                                 "sys.exit(not (u.find_spec('torch') and u.find_spec('numpy')))"})
               .exitCode == 0;
}

inline QString cliPath() { return QString(GRADLAB_BINARY_DIR) + "/app/cli/gradlab-cli"; }

inline ProcessResult runCli(const QStringList& args) { return runProgram(cliPath(), args); }

// A file's bytes (empty when it cannot be read).
inline QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A CSV file as a header and rows of cells.
struct Csv {
    QStringList header;
    std::vector<QStringList> rows;
    int column(const QString& name) const { return int(header.indexOf(name)); }
};

inline Csv readCsv(const QString& path) {
    Csv c;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return c;
    QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    if (lines.isEmpty()) return c;
    c.header = lines.takeFirst().split(',');
    for (const QString& l : lines) c.rows.push_back(l.split(','));
    return c;
}

}  // namespace gradlab::test
