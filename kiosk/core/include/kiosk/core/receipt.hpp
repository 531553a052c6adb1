// The printed slips: the receipt of a submission and the answers of a look-up, as structured lines that a
// printer back end turns into bytes (escpos.hpp for ESC/POS printers, slip_text() for a CUPS queue).
// All words come from the language catalogs (assets/i18n, keys "slip.*"); the moments are shown in the
// kiosk's time zone (kiosk.time_zone).
//
// Receipt slip, per flow (report, question, idea; a poll's slip has no look-up part, there is no answer):
//
//   Gemeente Voorbeeldstad            municipality, centred, bold
//   Uw melding                        slip.title.<kind>
//   Uw code:                          slip.code
//   DM-7X4Q-9M2C                      reference, centred, large (double width and height)
//   23-11-2026 om 10:15               slip.when in the kiosk's time zone
//   <promise>                         report: the category's handling_message; else slip.promise.<kind>
//   ------
//   Zo vindt u het antwoord:          slip.lookup.title         (not for a poll)
//   - Hier bij de kiosk: …            slip.lookup.here
//   - Bel … en noem uw code.          slip.lookup.phone  (ui.receipt_phone given)
//   - Aan de balie: …                 slip.lookup.desk   (ui.receipt_desk given)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/core/catalog.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"

namespace kiosk::core {

// Bump when a slip's structure or the meaning of a style changes.
inline constexpr int kSlipFormatVersion = 1;

struct SlipLine {
  enum class Style { normal, bold, large, rule };  // large: double width and height; rule: a line of '-'
  Style style = Style::normal;
  bool centre = false;
  std::string text;  // UTF-8, one paragraph (printers wrap it at their width); empty: a blank line
};

struct Slip {
  int format = kSlipFormatVersion;
  std::string language;  // of the catalog its words came from
  std::vector<SlipLine> lines;
};

struct ReceiptInfo;  // session.hpp

// The receipt of a stored submission in catalog's language.
Slip receipt_slip(const ReceiptInfo& receipt, const Config& config, const CategoryTree& tree, const Catalog& catalog);

// The answers of a submission (look-up screen "print"), oldest first, each with its date and time, and
// the status in words.
Slip answer_slip(const StoredSubmission& stored, const Config& config, const Catalog& catalog);

// Plain UTF-8 text for a CUPS queue (lp): paragraphs wrapped at `columns` characters, centred lines
// centred, large lines spaced out ("D M - 7 X 4 Q") so they still stand out.
std::string slip_text(const Slip& slip, int columns);

// Wraps a paragraph at `columns` characters (code points), breaking at spaces where it can.
std::vector<std::string> wrap_text(const std::string& text, int columns);

}  // namespace kiosk::core
