// The scrubber's word lists (internal to sync/privacy/): data files under <assets>/privacy/, read once at
// first use (thread-safe), folded for matching. A list is a [section] of one or more files; the same
// section in several files (one file per language) is one list.
//
//   words.txt        structural word lists (stop words, street endings, units, institutions …)
//   cues/<lang>.txt  cue phrases per language: [name], [name_weak], [signoff], [honorific], [relation],
//                    [address], [home], [dob], [bsn], [month], [email_at], [email_dot] …
//   names/<lang>.txt gazetteer per language community: [first], [surname]
//   names/<lang>-<source>.txt  optional further gazetteers from published sources (names/nl-faker.txt …)
//
// A missing or unreadable file is recorded (privacy_lists_status()) and its lists stay empty: the
// scanners that need no list (e-mail, phone, BSN, IBAN, plates, postcodes, handles, compact dates)
// still work, the cue and gazetteer scanners find less.
#pragma once

#include <string_view>

#include "kiosk/sync/error.hpp"
#include "text.hpp"

namespace kiosk::privacy {

// The list of that section (empty when no file has it).
const WordSet& word_list(std::string_view section);
// Errc::io_error naming every missing file, or ok.
Result<void> privacy_lists_status();

}  // namespace kiosk::privacy
