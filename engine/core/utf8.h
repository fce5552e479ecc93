// UTF-8, one code point at a time: the one decoder and encoder of the lab (the GPT lesson's text,
// gradlab-cli's arguments).
#pragma once

#include <cstddef>
#include <string>

namespace gradlab {

// The code point that starts at s[0] (n bytes available) into `cp`; returns its length in bytes,
// or 0 where no valid UTF-8 sequence starts (a stray byte, a cut sequence, an overlong form, a
// surrogate, a value past U+10FFFF).
std::size_t decodeUtf8At(const unsigned char* s, std::size_t n, char32_t& cp);
// Appends code point `cp` (below U+110000) as UTF-8.
void appendUtf8(std::string& out, char32_t cp);

}  // namespace gradlab
