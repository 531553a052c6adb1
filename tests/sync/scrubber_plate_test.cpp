// The scrubber's licence-plate scanner (sync/privacy/plate.cpp): Dutch sidecodes and foreign plates.
#include <gtest/gtest.h>

#include "kiosk/sync/scrubber.hpp"
#include "scrubber_support.hpp"

using kiosk::PiiKind;
using kiosk::test::found_text;
using kiosk::test::kinds_of;
using kiosk::test::scrub;

TEST(scrubber_plate_test, dutch_sidecodes_and_foreign_plates) {
  for (const char* p :
       {"12-ABC-3", "AB-123-C", "1-ABC-23", "XX-99-99", "99-XX-99", "ABC-12-D", "A-12-BCD", "12ABC3", "gj482k"})
    EXPECT_EQ(found_text(std::string("auto ") + p + " staat fout", PiiKind::plate), p) << p;
  EXPECT_EQ(found_text("plaka 34 ABC 123 olan araba", PiiKind::plate), "34 ABC 123");
  EXPECT_EQ(found_text("auto WX 12345 stoi", PiiKind::plate), "WX 12345");
  EXPECT_EQ(found_text("номер АА 1234 ВС", PiiKind::plate), "АА 1234 ВС");
  EXPECT_EQ(found_text("Kennzeichen B-AB 1234", PiiKind::plate), "B-AB 1234");
}

TEST(scrubber_plate_test, dates_and_codes_stay) {
  EXPECT_TRUE(kinds_of("Op 12-03-85 en 2024-05-06 was het druk").empty());
  EXPECT_TRUE(kinds_of("Lijn 12 en bus 300 rijden om 14:30").empty());
}

// Added after the fourth held-out measurement, with examples of its own.
TEST(scrubber_plate_test, british_french_and_moroccan_plates) {
  EXPECT_EQ(found_text("a van (LM19 XKR) on the pavement", PiiKind::plate), "LM19 XKR");
  EXPECT_EQ(found_text("voiture AB-123-CD devant la porte", PiiKind::plate), "AB-123-CD");
  EXPECT_EQ(found_text("سيارة 12345-د-6 متروكة", PiiKind::plate), "12345-د-6");
  EXPECT_TRUE(kinds_of("lijn 12 en bus 300 rijden niet").empty());
}

// A Dutch plate in lower case with spaces right after a vehicle noun ([vehicle]; added after the fourteenth part was
// measured); the same shape elsewhere stays ("op 100 m").
TEST(scrubber_plate_test, a_lower_case_plate_after_a_vehicle_noun) {
  EXPECT_EQ(found_text("машина sz 308 g стоїть на місці для інвалідів", PiiKind::plate), "sz 308 g");
  EXPECT_EQ(found_text("de auto 45 xpk 3 staat er weer", PiiKind::plate), "45 xpk 3");
  EXPECT_EQ(found_text("Gaariga cad ee 1-VXR-38 wuxuu taagan yahay", PiiKind::plate), "1-VXR-38");
  EXPECT_TRUE(kinds_of("het pad is op 100 m van de school").empty());
  EXPECT_TRUE(kinds_of("Bus 28 en 74 rijden maar om de 15 minuten.").empty());
}

// A Ukrainian plate written without its spaces, in Latin or Cyrillic capitals (added after the sixteenth part was
// measured); five digits between the letters, or lower-case letters, stay.
TEST(scrubber_plate_test, a_ukrainian_plate_without_its_spaces) {
  EXPECT_EQ(found_text("Моє авто (BO4512KM) стоїть біля школи", PiiKind::plate), "BO4512KM");
  EXPECT_EQ(found_text("номер машини АА0937ВС, синя", PiiKind::plate), "АА0937ВС");
  EXPECT_TRUE(kinds_of("код замовлення AB12345CD").empty());
  EXPECT_TRUE(kinds_of("fout bo4512km in het formulier").empty());
}

// Five letters and digits in three dashed groups that no Dutch sidecode has (a tractor's or trailer's plate, or one
// misremembered) only after a vehicle noun among the three words before (added after the twenty-first part was
// measured); the same shape elsewhere is a code.
TEST(scrubber_plate_test, an_odd_dashed_plate_after_a_vehicle_noun) {
  EXPECT_EQ(found_text("de trekker met W-12-KP rijdt door de berm", PiiKind::plate), "W-12-KP");
  EXPECT_EQ(found_text("ciągnik o numerze 3-RT-71 stoi na chodniku", PiiKind::plate), "3-RT-71");
  EXPECT_EQ(found_text("причіп GH-48-T на тротуарі", PiiKind::plate), "GH-48-T");
  EXPECT_TRUE(kinds_of("Formulier W-12-KP is kwijt, waar vind ik het?").empty());
  EXPECT_TRUE(kinds_of("de trekker heeft de code w-12-kp voor de poort").empty());
}

// A Polish plate of a three-letter district with two digits and two letters (added after the twenty-seventh part was
// measured); not a word and a year.
TEST(scrubber_plate_test, polish_plates_with_two_digits_and_two_letters) {
  EXPECT_EQ(found_text("Auto z polskimi numerami WPR 27HK stoi", PiiKind::plate), "WPR 27HK");
  EXPECT_EQ(found_text("Auto ELW 72JU stoi", PiiKind::plate), "ELW 72JU");
}
