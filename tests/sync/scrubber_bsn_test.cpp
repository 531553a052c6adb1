// The scrubber's BSN scanner (sync/privacy/bsn.cpp): the 11-proef, grouped forms, reference numbers.
#include <gtest/gtest.h>

#include "kiosk/sync/scrubber.hpp"
#include "scrubber_support.hpp"

using kiosk::PiiKind;
using kiosk::test::found_text;
using kiosk::test::kinds_of;
using kiosk::test::scrub;

TEST(scrubber_bsn_test, grouped_and_arabic_indic) {
  EXPECT_EQ(found_text("BSN 1112.22.333", PiiKind::bsn), "1112.22.333");
  EXPECT_EQ(found_text("رقم BSN ١١١٢٢٢٣٣٣", PiiKind::bsn), "١١١٢٢٢٣٣٣");
}

TEST(scrubber_bsn_test, reference_numbers_stay) {
  EXPECT_TRUE(kinds_of("Zaaknummer 111222333 is nog open").empty());
  EXPECT_TRUE(kinds_of("Getal 123456789").empty());
}

// After a BSN cue the citizen says it is one: nine digits in any groups (added after the eleventh part was measured).
TEST(scrubber_bsn_test, any_groups_after_the_cue) {
  EXPECT_EQ(found_text("my BSN 1 1122 2333 for the form", PiiKind::bsn), "1 1122 2333");
  EXPECT_EQ(found_text("BSN: 11 1222 333", PiiKind::bsn), "11 1222 333");
  // without the cue such groups are no BSN
  EXPECT_TRUE(kinds_of("order 1 1122 2333 is late").empty());
}
