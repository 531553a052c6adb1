// The scrubber's IBAN scanner (sync/privacy/iban.cpp).
#include <gtest/gtest.h>

#include "kiosk/sync/scrubber.hpp"
#include "scrubber_support.hpp"

using kiosk::PiiKind;
using kiosk::test::found_text;
using kiosk::test::kinds_of;
using kiosk::test::scrub;

TEST(scrubber_iban_test, spaced_forms) {
  EXPECT_EQ(found_text("op NL 91 ABNA 0417 1643 00 graag", PiiKind::iban), "NL 91 ABNA 0417 1643 00");
  EXPECT_EQ(found_text("konto PL61 1090 1014 0000 0712 1981 2874", PiiKind::iban),
            "PL61 1090 1014 0000 0712 1981 2874");
}

TEST(scrubber_iban_test, bad_checksums_stay) { EXPECT_TRUE(kinds_of("op NL 91 ABNA 0417 1643 01 graag").empty()); }

// Words of a sentence are no IBAN groups, whatever the checksum of their letters and digits: a group after a space
// holds at most four letters (added after the fourteenth part was measured).
TEST(scrubber_iban_test, words_of_a_sentence_are_no_iban) {
  EXPECT_TRUE(kinds_of("Mijn kinderen van 9 en 12 zouden er elke dag zijn.").empty());
  EXPECT_TRUE(kinds_of("De kerstmarkt is op 14 december van 16.00 tot 21.00 uur in Venhuizen.").empty());
  EXPECT_EQ(found_text("MT84 MALT 0110 0001 2345 MTLC AST0 01S", PiiKind::iban),
            "MT84 MALT 0110 0001 2345 MTLC AST0 01S");
}

// Dashes between every group, also right after the country ("NL-37-TRIO-…", in any case); a dash pair of letters and
// digits in a sentence is none (added after the nineteenth part was measured).
TEST(scrubber_iban_test, a_dash_after_the_country) {
  EXPECT_EQ(found_text("przelać na NL-37-TRIO-8946-8310-38. Dziękuję", PiiKind::iban), "NL-37-TRIO-8946-8310-38");
  EXPECT_EQ(found_text("rekening nl-37-trio-8946-8310-38 graag", PiiKind::iban), "nl-37-trio-8946-8310-38");
  EXPECT_EQ(found_text("ik heb NL-12 en AB-34 gezien", PiiKind::iban), "");
  EXPECT_EQ(found_text("NL-37-TRIO-8946-8310-39", PiiKind::iban), "");  // the checksum decides
}
