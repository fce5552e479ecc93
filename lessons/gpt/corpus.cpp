// The gpt lesson's text: reading the fortunes or a student's file, the split, the vocabulary.
#include "lessons/gpt/corpus.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/core/error.h"
#include "engine/core/utf8.h"

namespace gradlab::gpt {
namespace {

namespace fs = std::filesystem;

const char* const kBuiltin =
#include "lessons/gpt/builtin_text.inc"
    ;

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string megabytes(int64_t chars) {
    std::ostringstream s;
    s.precision(chars >= 1000000 ? 2 : 3);
    if (chars >= 1000000) s << std::fixed << double(chars) / 1e6 << " million";
    else s << chars;
    return s.str();
}

}  // namespace

uint64_t splitmix64(uint64_t x) {
    uint64_t z = x + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int64_t Corpus::token(char32_t c) const {
    auto it = std::lower_bound(vocab.begin(), vocab.end(), c);
    return it != vocab.end() && *it == c ? int64_t(it - vocab.begin()) : -1;
}

bool decodeUtf8(const std::string& s, std::vector<char32_t>& out) {
    out.clear();
    out.reserve(s.size());
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = 0;
        const std::size_t len = decodeUtf8At(b + i, s.size() - i, cp);
        if (len == 0 || cp == 0) return false;
        out.push_back(cp);
        i += len;
    }
    return true;
}

std::string encodeUtf8(char32_t c) {
    std::string s;
    appendUtf8(s, c);
    return s;
}

std::string encodeUtf8(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) appendUtf8(out, c);
    return out;
}

namespace {
// A control character that is not a line's end or a tab: C0, DEL and C1.
bool isControl(char32_t c) { return (c < 0x20 && c != U'\n' && c != U'\t') || (c >= 0x7F && c < 0xA0); }
}  // namespace

void asPrinted(std::vector<char32_t>& cps) {
    std::size_t n = 0;
    for (char32_t c : cps) {
        if (c == U'\b') {
            if (n > 0 && cps[n - 1] != U'\n') --n;  // struck out by what is printed over it
        } else if (!isControl(c)) {
            cps[n++] = c;
        }
    }
    cps.resize(n);
}

std::string shownText(const std::string& text) {
    std::vector<char32_t> cps;
    if (!decodeUtf8(text, cps)) return text;
    std::u32string out(cps.begin(), cps.end());
    for (char32_t& c : out)
        if (isControl(c)) c = U'\uFFFD';
    return encodeUtf8(out);
}

std::string fortunesDir(const std::string& which) {
    if (const char* env = std::getenv("GRADLAB_FORTUNES_DIR"); env && *env) return env;
    return which == "fortunes-de" ? "/usr/share/games/fortunes/de" : "/usr/share/games/fortunes";
}

std::vector<std::string> splitEntries(const std::string& textIn) {
    std::string text = textIn;
    std::erase(text, '\r');
    std::vector<std::string> entries;
    std::string cur;
    bool any = false;  // lines in the current entry (an entry may begin with an empty line)
    auto finish = [&] {
        const std::size_t end = cur.find_last_not_of(" \t\n");
        if (end != std::string::npos) entries.push_back(cur.substr(0, end + 1));
        cur.clear();
        any = false;
    };
    std::size_t i = 0;
    while (true) {
        std::size_t nl = text.find('\n', i);
        const std::string_view line(text.data() + i, (nl == std::string::npos ? text.size() : nl) - i);
        if (line == "%") {
            finish();
        } else {
            if (any) cur += '\n';
            cur += line;
            any = true;
        }
        if (nl == std::string::npos) break;
        i = nl + 1;
    }
    finish();
    return entries;
}

Corpus fromSides(const std::u32string& train, const std::u32string& val, int64_t minChars) {
    GL_CHECK_SAID(int64_t(train.size()) >= minChars && int64_t(val.size()) >= minChars,
                  QT_TRANSLATE_NOOP("errors", "gpt: the text is too short: training and validation need %1 characters each, the split gave %2 and %3"),
                  minChars, train.size(), val.size());
    // Code points are below 0x110000: a table of every one is 4.4 MB for a moment, and millions of
    // characters are looked up in it without a search.
    std::vector<int32_t> id(0x110000, -1);
    for (char32_t ch : train) id[ch] = 0;
    Corpus c;
    for (char32_t ch = 0; ch < 0x110000; ++ch)
        if (id[ch] == 0) {
            id[ch] = int32_t(c.vocab.size());
            c.vocab.push_back(ch);
        }
    GL_CHECK_SAID(int64_t(c.vocab.size()) <= kMaxVocab,
                  QT_TRANSLATE_NOOP("errors", "gpt: the text has %1 different characters; at most %2 are supported"), c.vocab.size(),
                  kMaxVocab);
    c.train.reserve(train.size());
    for (char32_t ch : train) c.train.push_back(id[ch]);
    c.val.reserve(val.size());
    for (char32_t ch : val)
        if (id[ch] >= 0) c.val.push_back(id[ch]);
    GL_CHECK_SAID(int64_t(c.val.size()) >= minChars, QT_TRANSLATE_NOOP("errors", "gpt: the validation text is too short (%1 characters)"),
                  c.val.size());
    return c;
}

Corpus buildCorpus(const std::vector<std::string>& entries, int64_t minChars) {
    std::u32string train, val;
    std::vector<char32_t> cps;
    int64_t kept = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (!decodeUtf8(entries[i], cps)) continue;
        asPrinted(cps);
        std::u32string& side = splitmix64(0x5EEDull ^ uint64_t(i)) % 10 == 0 ? val : train;
        if (!side.empty()) side += U"\n\n";
        side.append(cps.begin(), cps.end());
        ++kept;
    }
    Corpus c = fromSides(train, val, minChars);
    c.entries = kept;
    return c;
}

Corpus loadCorpus(const std::string& which, const std::string& path, int64_t minChars) {
    std::vector<std::string> entries;
    std::string source = which, report, missing;
    if (which == "fortunes" || which == "fortunes-de") {
        const fs::path dir = fortunesDir(which);
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(dir, ec))
            for (const auto& e : fs::directory_iterator(dir, ec)) {
                const std::string name = e.path().filename().string();
                if (e.is_symlink(ec) || !e.is_regular_file(ec) || name.starts_with(".") || name.ends_with(".dat") ||
                    name.ends_with(".u8") || name == "ascii-art" || name == "asciiart")
                    continue;
                files.push_back(e.path());
            }
        std::sort(files.begin(), files.end());
        std::vector<char32_t> probe;
        for (const fs::path& f : files) {
            const std::string text = readAll(f);
            if (!decodeUtf8(text, probe)) continue;
            for (std::string& e : splitEntries(text)) entries.push_back(std::move(e));
        }
        if (entries.empty()) {
            source = "builtin";
            missing = which;
            report = which == "fortunes-de"
                         ? "Debian's fortunes-de package is not installed (sudo apt install fortunes-de): training on the small built-in English text instead."
                         : "Debian's fortunes package is not installed (sudo apt install fortunes): training on the small built-in text instead.";
        }
    } else if (which == "file") {
        GL_CHECK_SAID(!path.empty(), QT_TRANSLATE_NOOP("errors", "gpt: choose a text file to train on (or pick the fortunes)"));
        const fs::path p(path);
        std::error_code ec;
        GL_CHECK_SAID(fs::exists(p, ec), QT_TRANSLATE_NOOP("errors", "gpt: the file %1 does not exist"), path);
        GL_CHECK_SAID(fs::is_regular_file(p, ec), QT_TRANSLATE_NOOP("errors", "gpt: %1 is not a regular file"), path);
        const auto size = fs::file_size(p, ec);
        GL_CHECK_SAID(!ec, QT_TRANSLATE_NOOP("errors", "gpt: cannot read %1"), path);
        GL_CHECK_SAID(size > 0, QT_TRANSLATE_NOOP("errors", "gpt: the file %1 is empty"), path);
        GL_CHECK_SAID(int64_t(size) <= kMaxFileBytes,
                      QT_TRANSLATE_NOOP("errors", "gpt: the file %1 has %2 MB; the lesson trains on texts of at most %3 MB"), path,
                      size / 1000000, kMaxFileBytes >> 20);
        const std::string text = readAll(p);
        GL_CHECK_SAID(int64_t(text.size()) == int64_t(size), QT_TRANSLATE_NOOP("errors", "gpt: cannot read %1"), path);
        std::vector<char32_t> probe;
        GL_CHECK_SAID(decodeUtf8(text, probe),
                      QT_TRANSLATE_NOOP("errors", "gpt: %1 is not a UTF-8 text file (a binary file, or another encoding)"), path);
        entries = splitEntries(text);
        if (entries.size() < 20) {  // not a fortune file: paragraphs, or else the last tenth validates
            std::vector<std::string> paragraphs;
            std::string norm = text;
            std::erase(norm, '\r');
            std::size_t i = 0;
            while (i < norm.size()) {
                std::size_t j = norm.find("\n\n", i);
                if (j == std::string::npos) j = norm.size();
                std::string par = norm.substr(i, j - i);
                const std::size_t a = par.find_first_not_of(" \t\n"), b = par.find_last_not_of(" \t\n");
                if (a != std::string::npos) paragraphs.push_back(par.substr(a, b - a + 1));
                i = j + 2;
            }
            entries = std::move(paragraphs);
        }
        if (entries.size() < 20) {  // one long text: its last tenth validates
            asPrinted(probe);
            const std::u32string all(probe.begin(), probe.end());
            const std::size_t cut = all.size() - all.size() / 10;
            Corpus c = fromSides(all.substr(0, cut), all.substr(cut), minChars);
            c.source = path;
            c.entries = 1;
            c.report = "Training on " + fs::path(path).filename().string() + ": " + megabytes(int64_t(c.train.size())) +
                       " characters, " + std::to_string(c.vocab.size()) + " different ones (the last tenth validates).";
            return c;
        }
        source = path;
    } else {
        GL_CHECK(which == "builtin", "gpt: unknown text '", which, "'");
    }
    if (source == "builtin") entries = splitEntries(kBuiltin);
    Corpus c = buildCorpus(entries, minChars);
    c.source = source;
    c.missingPackage = missing;
    if (report.empty())
        report = (source == "builtin" ? std::string("Training on the small built-in text: ")
                  : source == "fortunes" ? std::string("Training on Debian's fortunes: ")
                  : source == "fortunes-de" ? std::string("Training on Debian's German fortunes: ")
                                            : "Training on " + fs::path(path).filename().string() + ": ") +
                 megabytes(int64_t(c.train.size())) + " characters, " + std::to_string(c.vocab.size()) + " different ones.";
    c.report = report;
    return c;
}

}  // namespace gradlab::gpt
