// The scrubber's phone scanner (sync/privacy/phone.cpp): obfuscated forms and numbers that stay.
#include <gtest/gtest.h>

#include "kiosk/sync/scrubber.hpp"
#include "scrubber_support.hpp"

using kiosk::PiiKind;
using kiosk::test::found_text;
using kiosk::test::kinds_of;
using kiosk::test::scrub;

TEST(scrubber_phone_test, obfuscated_numbers) {
  EXPECT_EQ(found_text("bel 0 6 2 2 3 3 4 4 5 5 na vijf", PiiKind::phone), "0 6 2 2 3 3 4 4 5 5");
  EXPECT_EQ(found_text("bel O6-22334455", PiiKind::phone), "O6-22334455");
  EXPECT_EQ(found_text("номер О6 22 33 44 55", PiiKind::phone), "О6 22 33 44 55");
  EXPECT_EQ(found_text("رقمي ٠٦٢٢٣٣٤٤٥٥ شكرا", PiiKind::phone), "٠٦٢٢٣٣٤٤٥٥");
  EXPECT_EQ(found_text("app me: wa.me/31622334455", PiiKind::phone), "wa.me/31622334455");
  EXPECT_EQ(found_text("Telefon +90 532 111 22 33", PiiKind::phone), "+90 532 111 22 33");
  EXPECT_EQ(found_text("lambarkayga +252 61 5123456", PiiKind::phone), "+252 61 5123456");
  // I and l typed for one
  EXPECT_EQ(found_text("tel: O6 2I 33 l4 55, na 10 uur", PiiKind::phone), "O6 2I 33 l4 55");
  EXPECT_EQ(found_text("call 06-l2233445 please", PiiKind::phone), "06-l2233445");
}

TEST(scrubber_phone_test, service_numbers_and_quantities_stay) {
  EXPECT_TRUE(kinds_of("Bel 14 020 of 0800-1234, nood 112").empty());
  EXPECT_TRUE(kinds_of("Om 10:30 stonden er 3 bomen en 12 fietsen").empty());
  EXPECT_TRUE(kinds_of("OOK 2024 was het zo").empty());
  EXPECT_TRUE(kinds_of("Bus l2 rijdt om 8:15, 3 l melk kost 2 euro").empty());
}

TEST(scrubber_phone_test, pairs_and_single_digits_mixed) {
  EXPECT_EQ(found_text("bel me op 06 4 7 1 2 9 3 8 5 graag", PiiKind::phone), "06 4 7 1 2 9 3 8 5");
  EXPECT_EQ(found_text("телефон O6 2 8 4 1 7 3 9 5", PiiKind::phone), "O6 2 8 4 1 7 3 9 5");
  EXPECT_EQ(found_text("call 0 6 47 12 9 3 85", PiiKind::phone), "0 6 47 12 9 3 85");
  EXPECT_TRUE(kinds_of("rij 10 12 14 16 18 20 staan leeg").empty());
}

// Full-width digits, a dash from autocorrect between the digits, a country code before digits typed one by one.
TEST(scrubber_phone_test, full_width_digits_dashes_and_spaced_country_codes) {
  EXPECT_EQ(found_text("bel ０６１２３４５６７８ graag", PiiKind::phone), "０６１２３４５６７８");
  EXPECT_EQ(found_text("bel 06–12345678 graag", PiiKind::phone), "06–12345678");
  EXPECT_EQ(found_text("call +31 6 1 2 3 4 5 6 7 8 please", PiiKind::phone), "+31 6 1 2 3 4 5 6 7 8");
  EXPECT_TRUE(kinds_of("Van 2010–2014 kostte het 10–12 euro").empty());
}

// Rules added after the seventh part: a dash with spaces around it between digits typed one by one, more single
// digits after a country code, digits said in words, a Dutch mobile number with its country code and no "+".
TEST(scrubber_phone_test, spaced_dashes_words_and_bare_country_codes) {
  EXPECT_EQ(found_text("bel 0 6 – 2 2 3 3 4 4 5 5 graag", PiiKind::phone), "0 6 – 2 2 3 3 4 4 5 5");
  EXPECT_EQ(found_text("bel 06 – 22 33 44 55.", PiiKind::phone), "06 – 22 33 44 55");
  EXPECT_EQ(found_text("Viber +380 67 1 2 3 4 5 6 7.", PiiKind::phone), "+380 67 1 2 3 4 5 6 7");
  EXPECT_EQ(found_text("bel nul zes 1 2 3 4 5 6 7 8 na zes uur", PiiKind::phone), "nul zes 1 2 3 4 5 6 7 8");
  EXPECT_EQ(found_text("Phone: oh six, one two, three four, five six, seven eight.", PiiKind::phone),
            "oh six, one two, three four, five six, seven eight");
  EXPECT_EQ(found_text("واتساب ٣١٦١٢٣٤٥٦٧٨ شكرا", PiiKind::phone), "٣١٦١٢٣٤٥٦٧٨");
  // a range of years with a spaced dash, counting in words, an 11-digit reference of another shape stay
  EXPECT_TRUE(kinds_of("Van 2010 – 2014 waren het er twee, drie of vier.").empty());
  EXPECT_TRUE(kinds_of("one two three four five six seven eight nine ten").empty());
  EXPECT_TRUE(kinds_of("zaaknummer 41612345678").empty());
}

// The colloquial Ukrainian "ноль" (zero) among digits in words (added after the tenth part was measured).
TEST(scrubber_phone_test, colloquial_zero_in_words) {
  EXPECT_EQ(found_text("телефон ноль шість один два три чотири п'ять шість сім вісім, дякую", PiiKind::phone),
            "ноль шість один два три чотири п'ять шість сім вісім");
}

// Numbers of two digits said in words among the digits (Turkish, Polish, English, Ukrainian tens and teens: "otuz
// bir", "czterdzieści jeden", "twelve"); the tens alone only among other words (added after the eleventh part was
// measured).
TEST(scrubber_phone_test, two_digit_numbers_in_words) {
  EXPECT_EQ(found_text("numaram sıfır altı, yirmi üç, elli, doksan dokuz, on iki. Teşekkürler", PiiKind::phone),
            "sıfır altı, yirmi üç, elli, doksan dokuz, on iki");
  EXPECT_EQ(found_text("tel. zero sześć, trzynaście, pięćdziesiąt osiem, siedemdziesiąt, zero jeden", PiiKind::phone),
            "zero sześć, trzynaście, pięćdziesiąt osiem, siedemdziesiąt, zero jeden");
  EXPECT_EQ(found_text("call zero six, twelve, thirty four, fifty six, seventy eight", PiiKind::phone),
            "zero six, twelve, thirty four, fifty six, seventy eight");
  // after a number in digits a tens word ("on": Turkish ten, English "on") stays outside
  EXPECT_EQ(found_text("bel 06 12345678 on Monday", PiiKind::phone), "06 12345678");
  EXPECT_TRUE(kinds_of("otuz bir, kırk iki ve elli kişi geldi").empty());
}

// Two-digit numbers joined by "and" as each language does (the Somali tens "iyo" a unit, the Tigrinya "-ን" on both,
// the Arabic unit and the tens with a glued "و", spoken Arabic digits and teens), the Arabic and Ethiopic commas
// between the groups, a digit said twice ("double-oh", "double four") and a foreign number after "00" (added after
// the twelfth part was measured).
TEST(scrubber_phone_test, tens_joined_by_and_and_doubled_digits) {
  EXPECT_EQ(
      found_text("lambarkaygu waa eber lix, toban iyo laba, soddon iyo afar, konton iyo lix, toddobaatan iyo sagaal",
                 PiiKind::phone),
      "eber lix, toban iyo laba, soddon iyo afar, konton iyo lix, toddobaatan iyo sagaal");
  EXPECT_EQ(found_text("رقمي صفر ستة، ثلاثة وعشرين، خمسين، اتنعش، تسعة وتسعين", PiiKind::phone),
            "صفر ستة، ثلاثة وعشرين، خمسين، اتنعش، تسعة وتسعين");
  EXPECT_EQ(found_text("ቁጽረይ ዜሮ ሽዱሽተ፡ ሰላሳን ክልተን፡ ሓምሳን ሓደን፡ ዜሮ ሸሞንተ፡ ሰብዓን ትሽዓተን", PiiKind::phone),
            "ዜሮ ሽዱሽተ፡ ሰላሳን ክልተን፡ ሓምሳን ሓደን፡ ዜሮ ሸሞንተ፡ ሰብዓን ትሽዓተን");
  EXPECT_EQ(found_text("ring me on double-oh three one, six double four, one two, three four five six", PiiKind::phone),
            "double-oh three one, six double four, one two, three four five six");
  EXPECT_EQ(found_text("my number is double-oh four nine, one five one, two three four, five six seven eight.",
                       PiiKind::phone),
            "double-oh four nine, one five one, two three four, five six seven eight");
  EXPECT_TRUE(kinds_of("we had a double room for two and four nights").empty());
}

// A number of two digits said as its tens and unit counts as two words among digits ("06 сорок два 17 38 90"; added
// after the thirteenth part was measured).
TEST(scrubber_phone_test, tens_and_unit_among_digits) {
  EXPECT_EQ(found_text("Її номер 06 сорок два 17 38 90.", PiiKind::phone), "06 сорок два 17 38 90");
  EXPECT_EQ(found_text("numaram 06 otuz iki 17 38 90", PiiKind::phone), "06 otuz iki 17 38 90");
}

// The unit first, "and", then the tens ("afar iyo konton", 54), as Somali also says a number (added after the
// fourteenth part was measured).
TEST(scrubber_phone_test, unit_and_tens_in_words) {
  EXPECT_EQ(found_text("lambarkaygu waa eber lix, laba iyo soddon, afar iyo konton, kow iyo toban, sagaal iyo lixdan.",
                       PiiKind::phone),
            "eber lix, laba iyo soddon, afar iyo konton, kow iyo toban, sagaal iyo lixdan");
  EXPECT_TRUE(kinds_of("Waxaa yimid afar iyo konton qof iyo lix carruur ah.").empty());
}

// The other current spellings of the Tigrinya tens (ኣርባዕ, ስሳ …; added after the fourteenth part was measured).
TEST(scrubber_phone_test, tigrinya_tens_spelling_variants) {
  EXPECT_EQ(found_text("ስልከይ፡ ዜሮ ሽዱሽተ፡ ኣርባዕን ክልተን፡ ስሳን ሓደን፡ ተስዓን ሰለስተን፡ ዒስራን ሓሙሽተን።", PiiKind::phone),
            "ዜሮ ሽዱሽተ፡ ኣርባዕን ክልተን፡ ስሳን ሓደን፡ ተስዓን ሰለስተን፡ ዒስራን ሓሙሽተን");
}

// A British mobile number, 07 and nine digits in its usual groups (added after the fourteenth part was measured);
// eleven digits of another shape stay.
TEST(scrubber_phone_test, british_mobile_numbers) {
  EXPECT_EQ(found_text("Kind regards, Susan, 07700 900 551", PiiKind::phone), "07700 900 551");
  EXPECT_EQ(found_text("call me on 07911 123456 after six", PiiKind::phone), "07911 123456");
  EXPECT_TRUE(kinds_of("order 07 700 900 551 delivered").empty());
}

// A Turkish mobile number, 05 and nine digits in its usual groups (added after the fifteenth part was measured);
// eleven digits of another shape stay.
TEST(scrubber_phone_test, turkish_mobile_numbers) {
  EXPECT_EQ(found_text("Annemin numarası 0532 417 26 90, akşamları arayın", PiiKind::phone), "0532 417 26 90");
  EXPECT_EQ(found_text("bana 0 555 310 44 21 numarasından ulaşın", PiiKind::phone), "0 555 310 44 21");
  EXPECT_EQ(found_text("WhatsApp: 05071234567", PiiKind::phone), "05071234567");
  EXPECT_TRUE(kinds_of("kod 05 532 417 269 geçersiz").empty());
}

// The other current spellings of the Somali digits ("labo", "toddobo", "sideed"), digit by digit in pairs (added after
// the fifteenth part was measured).
TEST(scrubber_phone_test, somali_digits_in_their_other_spellings) {
  EXPECT_EQ(found_text("Fadlan i soo wac: eber lix, labo sideed, toddobo saddex, kow afar, shan sagaal. Mahadsanid",
                       PiiKind::phone),
            "eber lix, labo sideed, toddobo saddex, kow afar, shan sagaal");
}

// The other current spellings of the Tigrinya digits, with ሸ for ሽ and the reverse ("ሽድሽተ", "ሽሞንተ", "ትሸዓተ"),
// digit by digit (added after the sixteenth part was measured).
TEST(scrubber_phone_test, tigrinya_digits_in_their_other_spellings) {
  EXPECT_EQ(found_text("ብኽብረትኩም ደውሉለይ: ዜሮ ሽድሽተ ሓደ ሽሞንተ ሰለስተ ሓሙሽተ ክልተ ትሸዓተ ሓደ ዜሮ። የቐንየለይ", PiiKind::phone),
            "ዜሮ ሽድሽተ ሓደ ሽሞንተ ሰለስተ ሓሙሽተ ክልተ ትሸዓተ ሓደ ዜሮ");
}

// A one-letter proclitic glued before the number: Tigrinya "ብ" (by, at), Arabic "ب", "و" (added after the eighteenth
// part was measured); a letter that ends a word is no proclitic.
TEST(scrubber_phone_test, a_glued_proclitic_before_the_number) {
  EXPECT_EQ(found_text("ሓወይ ብ0683397214 ክትረኽብዎ ትኽእሉ", PiiKind::phone), "0683397214");
  EXPECT_EQ(found_text("اتصلوا ب0612345678 او و0687654321", PiiKind::phone), "0612345678|0687654321");
  EXPECT_EQ(found_text("code AB0612345678", PiiKind::phone), "");
}

// The four spellings of the Tigrinya "six" (ሽ/ሹ, ዱ/ድ), added after the twenty-sixth part was measured.
TEST(scrubber_phone_test, tigrinya_digits_in_every_spelling_of_six) {
  EXPECT_EQ(found_text("ጸውዑ: ዜሮ ሹዱሽተ ሓሙሽተ ክልተ ሰለስተ ሸሞንተ ትሽዓተ ሓደ ዜሮ ሸውዓተ", PiiKind::phone),
            "ዜሮ ሹዱሽተ ሓሙሽተ ክልተ ሰለስተ ሸሞንተ ትሽዓተ ሓደ ዜሮ ሸውዓተ");
}

// After the thirty-second part was measured: a Dutch number said in pairs, 21 to 99 written as one word with the unit
// first; nine digits in words that pass the 11-proef are a BSN.
TEST(scrubber_phone_test, dutch_pairs_and_a_bsn_in_words) {
  EXPECT_EQ(found_text("bellen: nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig. Groet", PiiKind::phone),
            "nul zes, twaalf, vierendertig, zesenvijftig, achtenzeventig");
  EXPECT_EQ(found_text("bel nul zes drieëntwintig elf negenenveertig vijftien!", PiiKind::phone),
            "nul zes drieëntwintig elf negenenveertig vijftien");
  EXPECT_EQ(found_text("My BSN is six seven two, nine eight one, five five five. Call me", PiiKind::bsn),
            "six seven two, nine eight one, five five five");
  // (nine digits that fail the 11-proef, and a count in words, stay)
  EXPECT_EQ(found_text("the code is six seven two, nine eight one, five five four. Call me", PiiKind::bsn), "");
  EXPECT_TRUE(kinds_of("We waren met vierendertig mensen en twaalf kinderen").empty());
}

// The second reading of round 32: nine digits in words are a BSN only one word each and after a word for BSN; the tens
// said alone three times are counting.
TEST(scrubber_phone_test, review_of_the_thirty_second_round_keeps_numbers_in_words) {
  EXPECT_TRUE(kinds_of("Zaaknummer zes zeven twee negen acht een vijf vijf vijf, graag reactie").empty());
  EXPECT_TRUE(kinds_of("My ticket number is six seven two nine eight one five five five").empty());
  EXPECT_TRUE(kinds_of("De lotnummers waren tien, veertien, zesentwintig, veertig, negen en drie").empty());
  EXPECT_TRUE(kinds_of("Bel de infolijn: nul negen nul nul, acht, achtentachtig, achtentachtig").empty());
  EXPECT_TRUE(kinds_of("Kies een percentage: nul, tien, twintig, dertig, veertig, vijftig").empty());
  EXPECT_EQ(found_text("BSN: zes zeven twee negen acht een vijf vijf vijf", PiiKind::bsn),
            "zes zeven twee negen acht een vijf vijf vijf");
  // (the cue is looked for from the start of a code point: 60 bytes back falls inside a Cyrillic letter here)
  EXPECT_EQ(found_text("Добрий день, пишу вам щодо допомоги, мій BSN is six seven two nine eight one five five five",
                       PiiKind::bsn),
            "six seven two nine eight one five five five");
}
