// The gpt lesson's text: Debian's fortunes (English or German), a built-in text when they are
// missing, or a student's own UTF-8 file; split by entries into training and validation text,
// characters (Unicode code points) as tokens. tests/bench/pytorch/gpt_reference.py reads and
// splits the fortunes the very same way (the reference trains on the same characters).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gradlab::gpt {

// The sampler's hash (Steele et al.'s SplitMix64 finaliser); also in gpt_reference.py.
uint64_t splitmix64(uint64_t x);

struct Corpus {
    std::vector<char32_t> vocab;          // sorted distinct code points of the training text
    std::vector<int32_t> train, val;      // token ids (indices into vocab)
    std::string source;                   // "fortunes", "fortunes-de", "builtin" or the file's path
    std::string report;                   // one sentence for the student: what it trains on
    std::string missingPackage;           // "fortunes" or "fortunes-de": asked for, not installed (so "builtin")
    int64_t entries = 0;
    int64_t token(char32_t c) const;      // -1 when not in the vocabulary
};

inline constexpr int64_t kMaxFileBytes = 32 << 20;  // a student's file: 32 MB at most
inline constexpr int64_t kMaxVocab = 8192;          // distinct characters

// Where Debian puts the fortunes ("fortunes" or "fortunes-de"); GRADLAB_FORTUNES_DIR, when set,
// is read instead (tests).
std::string fortunesDir(const std::string& which);

// Splits fortune-file text into entries: lines of just "%" separate them, '\r' is dropped,
// trailing whitespace is stripped, empty entries are skipped.
std::vector<std::string> splitEntries(const std::string& text);

// Entry i goes to validation when splitmix64(0x5EED ^ i) % 10 == 0; each side's entries are joined
// by a blank line. Code points of the validation text that the training text lacks are dropped.
// Throws Error when either side is shorter than minChars characters.
Corpus buildCorpus(const std::vector<std::string>& entries, int64_t minChars);
// The vocabulary and token ids of a given split (the same checks).
Corpus fromSides(const std::u32string& train, const std::u32string& val, int64_t minChars);

// The text a run trains on: which = fortunes, fortunes-de, builtin or file (then `path`).
// Missing fortunes fall back to the built-in text (the report says so). A file that is missing,
// empty, too large, binary or not UTF-8 throws Error with a message for the student. A file with
// fewer than 20 "%"-separated entries is split at blank lines, or else its last tenth validates.
Corpus loadCorpus(const std::string& which, const std::string& path, int64_t minChars);

// UTF-8 <-> code points; decode returns false for invalid UTF-8 or a NUL byte.
bool decodeUtf8(const std::string& s, std::vector<char32_t>& out);
std::string encodeUtf8(const std::u32string& s);
std::string encodeUtf8(char32_t c);

// A text as it prints, which is what the model learns: a backspace strikes out the character
// before it on its line (the English fortunes underline and embolden so, "_\bI" is "I"), and the
// other control characters but newline and tab are dropped (bells; C1 controls, Windows
// punctuation read as Latin-1). Kept, they were 8 of the 113 characters of the vocabulary, and
// the first samples, drawn from it almost evenly, showed about one character in fourteen as "�".
void asPrinted(std::vector<char32_t>& cps);

// Text as the student sees it: a control character other than newline and tab becomes U+FFFD (�),
// which every font draws (drawn as themselves they are empty boxes, and in a terminal a bell
// rings). The corpus has none (asPrinted); a prompt might. `text` is UTF-8 (invalid UTF-8 is
// returned as it is).
std::string shownText(const std::string& text);

}  // namespace gradlab::gpt
