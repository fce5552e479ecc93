// CSV as every file and export of the lab writes it (the CLI's files, the charts' "Export data as
// CSV"): comma-separated, text fields quoted when they hold a comma, quote or line break (RFC 4180),
// numbers as short as round-trips float32 allow.
#pragma once

#include <string>
#include <string_view>

#include "lessons/frame.h"

namespace gradlab {

// A text cell: as it is, or in double quotes with inner quotes doubled.
std::string csvField(std::string_view text);
// A number cell: integers without a decimal point, others with 9 significant digits (enough to
// round-trip float32), "nan" / "inf" / "-inf" for the rest.
std::string csvNumber(double v);

// An image as CSV. A matrix (H, W): a header "<corner>,<column labels...>", then one line per row,
// its label first (labels default to the index). A stack (N, H, W): "tile,row,col,value" lines.
std::string imageCsv(const Image& img);

}  // namespace gradlab
