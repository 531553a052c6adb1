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
