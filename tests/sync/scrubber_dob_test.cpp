// The scrubber's date-of-birth scanner (sync/privacy/dob.cpp): a date near a birth cue, any form.
#include <gtest/gtest.h>

#include "kiosk/sync/scrubber.hpp"
#include "scrubber_support.hpp"

using kiosk::PiiKind;
using kiosk::test::found_text;
using kiosk::test::kinds_of;
using kiosk::test::scrub;

TEST(scrubber_dob_test, every_form_after_a_cue) {
  EXPECT_EQ(found_text("geboren op 4 april 1961", PiiKind::dob), "4 april 1961");
  EXPECT_EQ(found_text("geb. 04-04-1961", PiiKind::dob), "04-04-1961");
  EXPECT_EQ(found_text("born 04041961 in Leiden", PiiKind::dob), "04041961");
  EXPECT_EQ(found_text("date of birth: April 4, 1961", PiiKind::dob), "April 4, 1961");
  EXPECT_EQ(found_text("doğum tarihim 4 Nisan 1961", PiiKind::dob), "4 Nisan 1961");
  EXPECT_EQ(found_text("4.4.1961 doğumluyum", PiiKind::dob), "4.4.1961");
  EXPECT_EQ(found_text("народився 4 квітня 1961", PiiKind::dob), "4 квітня 1961");
  EXPECT_EQ(found_text("تاريخ الميلاد ٠٤/٠٤/١٩٦١", PiiKind::dob), "٠٤/٠٤/١٩٦١");
  EXPECT_EQ(found_text("waxaan dhashay 4 Abriil 1961", PiiKind::dob), "4 Abriil 1961");
  EXPECT_EQ(found_text("urodzony 1961-04-04", PiiKind::dob), "1961-04-04");
  // ordinals, and the feminine forms of the cue
  EXPECT_EQ(found_text("b. 4th of Apr 1961 in Leeds", PiiKind::dob), "4th of Apr 1961");
  EXPECT_EQ(found_text("born on March 2nd, 1961", PiiKind::dob), "March 2nd, 1961");
  EXPECT_EQ(found_text("geboren op de 3e januari 1961", PiiKind::dob), "3e januari 1961");
  EXPECT_EQ(found_text("Hooyaday (dhalatay 4 Abriil 1961)", PiiKind::dob), "4 Abriil 1961");
  EXPECT_EQ(found_text("ዝተወለደትሉ 4 ሚያዝያ 1961", PiiKind::dob), "4 ሚያዝያ 1961");
  EXPECT_EQ(found_text("doğum tarihi: 4 Nis 1961", PiiKind::dob), "4 Nis 1961");
  EXPECT_EQ(found_text("народилася 4 квіт. 1961", PiiKind::dob), "4 квіт. 1961");
}

TEST(scrubber_dob_test, other_dates_stay) {
  EXPECT_TRUE(kinds_of("Mijn afspraak is op 4 april 2026 om 10:30.").empty());
  EXPECT_TRUE(kinds_of("Sinds 3 mei ligt er afval.").empty());
  EXPECT_TRUE(kinds_of("afspraak | 12.03.2026 | balie 4").empty());
  EXPECT_TRUE(kinds_of("De brief van 04.04.1999 | geen antwoord").empty());
}

// A date as a field of its own in a list of personal details, with a birth year.
TEST(scrubber_dob_test, a_date_field_in_personal_details) {
  EXPECT_EQ(found_text("Мої дані: Ірина | 04.04.1961 | Utrecht", PiiKind::dob), "04.04.1961");
  EXPECT_EQ(found_text("naam: Piet\n4 april 1961\nKerkstraat 1", PiiKind::dob), "4 april 1961");
}

// Tigrinya puts the verb after the date; transliterated cues (added after the third held-out measurement).
TEST(scrubber_dob_test, tigrinya_verb_after_the_date_and_transliterated_cue) {
  EXPECT_EQ(found_text("ጓለይ ብ 14 ጥሪ 2019 ተወሊዳ", PiiKind::dob), "14 ጥሪ 2019");
  EXPECT_EQ(found_text("ane teweldie 02-11-1979 ab Asmara", PiiKind::dob), "02-11-1979");
}

// Rules added after the fifth held-out part (tests/data/privacy/heldout5.jsonl).
TEST(scrubber_dob_test, later_in_the_clause_and_more_verb_forms) {
  EXPECT_EQ(found_text("Geboortedatum van mijn zoon klopt niet in de BRP: moet 30-04-2008 zijn.", PiiKind::dob),
            "30-04-2008");
  EXPECT_EQ(found_text("Dziecko urodziło się 19 grudnia 2025 w szpitalu", PiiKind::dob), "19 grudnia 2025");
  EXPECT_EQ(found_text("ወደይ ተወሊዱሉ ዕለት: 23/02/2016።", PiiKind::dob), "23/02/2016");
  // a sentence end stops the search
  EXPECT_EQ(found_text("Geboortedatum klopt niet. De afspraak is op 12-03-2026.", PiiKind::dob), "");
}
