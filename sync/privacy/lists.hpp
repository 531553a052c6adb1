// The scrubber's word lists (internal to sync/privacy/): data files under <assets>/privacy/, read once at
// first use (thread-safe), folded for matching. A list is a [section] of one or more files; the same
// section in several files (one file per language) is one list.
//
//   words.txt        structural word lists (stop words, street endings, units, institutions …)
//   cues/<lang>.txt  cue phrases per language: [name], [name_weak], [signoff], [honorific], [relation],
//                    [address], [home], [dob], [bsn], [month], [email_at], [email_dot] …
//   names/<lang>.txt gazetteer per language community: [first], [surname]
//   names/<lang>-<source>.txt  optional further gazetteers from published sources (names/nl-faker.txt …)
//   lexicon/common-words.txt   common words of Dutch and English dictionaries (one word a line, no sections), kept
//                    sorted in one block of memory: 180,000 words in about 3 MB, not a hash set
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
// Whether a folded word is a common word of the Dutch or English dictionary (lexicon/common-words.txt; false when
// the file is missing). The village rule reads it: "op Lokaal 12" is a room, "at Ittersum 21b" an address.
bool common_word(std::string_view folded);
// Errc::io_error naming every missing file, or ok.
Result<void> privacy_lists_status();

}  // namespace kiosk::privacy
