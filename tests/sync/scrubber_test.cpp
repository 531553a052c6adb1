// Tests for the personal-data scrubber: checksums, each kind and format, the multilingual cues, the
// things that must stay (prices, times, bus lines, public places, 14 0xx), UTF-8 safety, and the
// labeled set in tests/data/scrubber_cases.tsv (recall >= 0.95, false removals <= 2 %).
#include "kiosk/sync/scrubber.hpp"
#include "kiosk/sync/utf8.hpp"  // valid_utf8
#include "scrubber_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace kiosk;
using kiosk::test::found_text;
using kiosk::test::has_kind;
using kiosk::test::kinds_of;
using kiosk::test::scrub;

namespace {

bool is_continuation(std::string_view s, std::size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Checksums

TEST(scrubber_test, bsn_eleven_test) {
  EXPECT_TRUE(bsn_valid("111222333"));
  EXPECT_TRUE(bsn_valid("123456782"));
  EXPECT_TRUE(bsn_valid("010000008"));  // leading zero
  EXPECT_FALSE(bsn_valid("123456789"));
  EXPECT_FALSE(bsn_valid("111222334"));
  EXPECT_FALSE(bsn_valid("000000000"));
  EXPECT_FALSE(bsn_valid("12345678"));
  EXPECT_FALSE(bsn_valid("1234567820"));
  EXPECT_FALSE(bsn_valid("12345678a"));
  EXPECT_FALSE(bsn_valid(""));
}

TEST(scrubber_test, iban_mod97) {
  EXPECT_TRUE(iban_valid("NL91ABNA0417164300"));
  EXPECT_TRUE(iban_valid("NL91 ABNA 0417 1643 00"));
  EXPECT_TRUE(iban_valid("nl91abna0417164300"));
  EXPECT_TRUE(iban_valid("GB82 WEST 1234 5698 7654 32"));
  EXPECT_TRUE(iban_valid("DE89 3704 0044 0532 0130 00"));
  EXPECT_TRUE(iban_valid("BE68 5390 0754 7034"));
  EXPECT_FALSE(iban_valid("NL91ABNA0417164301"));      // checksum
  EXPECT_FALSE(iban_valid("NL19ABNA0417164300"));      // swapped check digits
  EXPECT_FALSE(iban_valid("NL91ABNA041716430"));       // NL is 18 long
  EXPECT_FALSE(iban_valid("NL91-ABNA-0417-1643-00"));  // only spaces are allowed
  EXPECT_FALSE(iban_valid("9191ABNA0417164300"));
  EXPECT_FALSE(iban_valid(""));
}

TEST(scrubber_test, kind_names_are_stable) {
  EXPECT_EQ(pii_kind_name(PiiKind::email), "email");
  EXPECT_EQ(pii_kind_name(PiiKind::phone), "phone");
  EXPECT_EQ(pii_kind_name(PiiKind::bsn), "bsn");
  EXPECT_EQ(pii_kind_name(PiiKind::iban), "iban");
  EXPECT_EQ(pii_kind_name(PiiKind::name), "name");
  EXPECT_EQ(pii_kind_name(PiiKind::address), "address");
}

// ---------------------------------------------------------------------------------------------
// Each kind

TEST(scrubber_test, email_addresses) {
  EXPECT_EQ(scrub("Mail naar jan.de-vries+kiosk@example.co.uk."), "Mail naar […].");
  EXPECT_EQ(found_text("(a_b@x-y.nl)", PiiKind::email), "a_b@x-y.nl");
  EXPECT_TRUE(kinds_of("Twitter: @gemeente").empty());
  EXPECT_TRUE(kinds_of("5 @ 3 euro").empty());
  EXPECT_TRUE(kinds_of("naam@localhost").empty());
}

TEST(scrubber_test, every_dutch_phone_format) {
  const char* formats[] = {"06-12345678", "06 1234 5678", "+31 6 12345678",   "0031612345678",
                           "020-1234567", "010 123 4567", "(020) 123 45 67",  "+31 (0)20 1234567",
                           "0612345678",  "+31612345678", "06 - 12 34 56 78", "0345-612345"};
  for (const char* f : formats) {
    const std::string text = std::string("Bel me op ") + f + ", dank u.";
    EXPECT_EQ(found_text(text, PiiKind::phone), f) << text;
    EXPECT_EQ(scrub(text), "Bel me op […], dank u.") << text;
  }
}

TEST(scrubber_test, international_phone_numbers) {
  EXPECT_TRUE(has_kind("Mijn Belgische nummer: +32 470 12 34 56", PiiKind::phone));
  EXPECT_TRUE(has_kind("Telefonum +90 532 123 45 67", PiiKind::phone));
  EXPECT_TRUE(has_kind("Мій номер +380 67 123 4567", PiiKind::phone));
  EXPECT_TRUE(has_kind("Call 0049 30 1234567", PiiKind::phone));
}

TEST(scrubber_test, numbers_that_are_no_phone_numbers_stay) {
  const char* texts[] = {
      "Bel de gemeente op 14 020.",
      "Gemeente: 14 030",
      "Politie 0900-8844, nood 112.",
      "Gratis 0800-1351",
      "Bus 12 stopt om 14:30.",
      "Open 09.00-17.00, za 10.00-16.00",
      "Op 06-05-2024 10 uur was het druk.",
      "Kosten € 12,50 of € 1.250.000",
      "Lijn 5 en lijn 28 rijden om 06:15.",
      "Sinds 2019, postcode 3511",
      "Factuurnummer 2024-000123",
      "Versie 2.1, zaal 2.14",
      "Het was -5 graden op 3-2-2023.",
      "12 zakken naast container 4",
  };
  for (const char* t : texts) {
    EXPECT_TRUE(kinds_of(t).empty()) << t << " -> " << scrub(t);
    EXPECT_EQ(scrub(t), t);
  }
}

TEST(scrubber_test, bsn_needs_the_eleven_test) {
  EXPECT_EQ(scrub("Mijn nummer is 111222333."), "Mijn nummer is […].");
  EXPECT_EQ(scrub("Mijn nummer is 1112.22.333."), "Mijn nummer is […].");
  EXPECT_EQ(scrub("Mijn nummer is 111 222 333."), "Mijn nummer is […].");
  EXPECT_TRUE(kinds_of("Mijn nummer is 123456789.").empty());  // fails the 11-proef
  EXPECT_TRUE(kinds_of("Getal 1234567820").empty());           // ten digits
  // After the word BSN, eight or nine digits go regardless of the checksum.
  EXPECT_EQ(scrub("BSN: 12345678"), "BSN: […]");
  EXPECT_EQ(scrub("Mijn bsn-nummer is 123456789"), "Mijn bsn-nummer is […]");
  // A reference number that happens to pass the 11-proef stays.
  EXPECT_TRUE(kinds_of("Ordernummer 111222333 kwam niet aan").empty());
}

TEST(scrubber_test, iban_in_text) {
  EXPECT_EQ(scrub("Stort op NL91 ABNA 0417 1643 00 graag."), "Stort op […] graag.");
  EXPECT_EQ(scrub("IBAN: nl91abna0417164300"), "IBAN: […]");
  EXPECT_EQ(scrub("DE89370400440532013000."), "[…].");
  EXPECT_TRUE(kinds_of("Stort op NL91 ABNA 0417 1643 01 graag.").empty());  // bad checksum
  EXPECT_TRUE(kinds_of("Code NL91ABNA04171643001 is te lang").empty());
}

TEST(scrubber_test, names_after_cues_in_every_kiosk_language) {
  struct Case {
    const char* text;
    const char* name;
  };
  const Case cases[] = {
      {"Mijn naam is Jan de Vries en ik woon hier.", "Jan de Vries"},
      {"mijn naam is jan de vries", "jan de vries"},
      {"Ik heet Fatima El Amrani.", "Fatima El Amrani"},
      {"Hallo, ik ben Eva en ik wil iets melden", "Eva"},
      {"My name is John Smith.", "John Smith"},
      {"I'm Sarah O'Connor, a resident.", "Sarah O'Connor"},
      {"Benim adım Ayşe Yılmaz.", "Ayşe Yılmaz"},
      {"Adım Mehmet Demir, çöpler kalmadı.", "Mehmet Demir"},
      {"benim adim ahmet kaya ve", "ahmet kaya"},
      {"Nazywam się Anna Kowalska.", "Anna Kowalska"},
      {"nazywam sie tomasz zielinski i", "tomasz zielinski"},
      {"Mam na imię Piotr, mieszkam tu.", "Piotr"},
      {"Мене звати Олена Коваленко.", "Олена Коваленко"},
      {"мене звати андрій і тут брудно", "андрій"},
      {"Моє ім'я Ірина Шевчук.", "Ірина Шевчук"},
      {"Моє ім’я Ірина.", "Ірина"},
      {"اسمي أحمد الحسن والإنارة معطلة.", "أحمد الحسن"},
      {"مرحبا، اسمي فاطمة وأنا أسكن هنا", "فاطمة"},
      {"Met vriendelijke groet,\nAnneke Visser", "Anneke Visser"},
      {"Mevrouw Jansen van hiernaast", "Jansen"},
      {"De heer Van den Berg belde", "Van den Berg"},
      {"Vriendelijke groet, J.P. Verhoeven", "J.P. Verhoeven"},
      {"Pozdrawiam, Katarzyna Wiśniewska", "Katarzyna Wiśniewska"},
      {"З повагою, Тарас Мельник", "Тарас Мельник"},
      {"Merhaba, Hasan Bey geldi.", "Hasan"},
  };
  for (const Case& c : cases) EXPECT_EQ(found_text(c.text, PiiKind::name), c.name) << c.text;
}

TEST(scrubber_test, cue_words_without_a_name_stay) {
  const char* texts[] = {
      "Mijn naam is niet belangrijk, het gaat om de boom.",
      "Ik ben blij met de bankjes.",
      "Ik ben Nederlander en woon hier al lang.",
      "Ik ben 67 jaar.",
      "My name is on the waiting list.",
      "I am Dutch.",
      "Adım adım ilerliyoruz.",
      "Мене звати не важливо.",
      "اسمي غير مهم",
      "Met vriendelijke groet, een bezorgde bewoner",
      "Groet, Buurtteam Noordoost",
      "Mevrouw de burgemeester, wanneer?",
      "Groeten uit Overvecht!",
  };
  for (const char* t : texts) EXPECT_TRUE(kinds_of(t).empty()) << t << " -> " << scrub(t);
}

TEST(scrubber_test, home_address_with_a_person_cue) {
  EXPECT_EQ(found_text("Ik woon op Kerkstraat 12.", PiiKind::address), "Kerkstraat 12");
  EXPECT_EQ(found_text("ik woon aan de kerkstraat 12a en", PiiKind::address), "kerkstraat 12a");
  EXPECT_EQ(found_text("Mijn adres is Bloemstraat 7, 3581 XK Utrecht.", PiiKind::address),
            "Bloemstraat 7, 3581 XK Utrecht");
  EXPECT_EQ(found_text("I live at 12 Baker Street.", PiiKind::address), "12 Baker Street");
  EXPECT_EQ(found_text("Ik woon al 30 jaar op de Lindenlaan 7 en", PiiKind::address), "Lindenlaan 7");
  EXPECT_EQ(found_text("Kerkstraat 12'de oturuyorum.", PiiKind::address), "Kerkstraat 12");
  EXPECT_EQ(found_text("Mieszkam przy ul. Długa 5/3.", PiiKind::address), "ul. Długa 5/3");
  EXPECT_EQ(found_text("Я живу на Kerkstraat 12.", PiiKind::address), "Kerkstraat 12");
  EXPECT_EQ(found_text("أسكن في Kerkstraat 14 والطريق", PiiKind::address), "Kerkstraat 14");
  EXPECT_EQ(scrub("Jan de Vries, Kerkstraat 12"), "[…], […]");
  EXPECT_EQ(scrub("Melding van Anouk Peters, Merelstraat 5, 3514 CM Utrecht"), "Melding van […], […]");
}

TEST(scrubber_test, streets_without_a_person_stay) {
  const char* texts[] = {
      "Losse tegel voor de Kerkstraat, iemand viel.",
      "Het stadhuis op Stadsplateau 1 is open.",
      "De Biltstraat is slecht bereikbaar.",
      "Gemeente Utrecht, Stadsplateau 1, 3521 AZ Utrecht",
      "Apotheek De Gaper, Kerkstraat 5: de drempel is te hoog.",
      "Ik woon in Utrecht sinds 2010.",
      "Ik woon hier al 20 jaar.",
      "Mieszkam w Utrechcie od 2018 roku.",
      "Я живу в Утрехті вже 2 роки.",
      "De Albert Heijn op de Voorstraat 44.",
  };
  for (const char* t : texts) EXPECT_TRUE(kinds_of(t).empty()) << t << " -> " << scrub(t);
}

// Issue 14: "Lindelaan 4" in a question went to Mastodon. A street + house number and a postcode are
// personal without a person cue (scrubber.hpp, decisions).
TEST(scrubber_test, street_with_a_number_and_postcodes_are_addresses) {
  EXPECT_EQ(scrub("Losse tegel voor Kerkstraat 12, iemand viel."), "Losse tegel voor […], iemand viel.");
  EXPECT_EQ(scrub("Wanneer wordt de boom bij Lindelaan 4 gesnoeid?"), "Wanneer wordt de boom bij […] gesnoeid?");
  EXPECT_EQ(found_text("Sinds 2019, postcode 3511 AB", PiiKind::address), "3511 AB");
  EXPECT_EQ(found_text("Kerkstraat 12 (3512 AB Utrecht) is het", PiiKind::address), "Kerkstraat 12 (3512 AB Utrecht");
  EXPECT_EQ(found_text("afval bij 3512 AB 12", PiiKind::address), "3512 AB 12");
}

// Names of the gazetteer need no cue; a name word before a street word is part of the street.
TEST(scrubber_test, gazetteer_names_without_a_cue) {
  EXPECT_EQ(found_text("Jan belde gisteren over de boom.", PiiKind::name), "Jan");
  EXPECT_EQ(found_text("Gisteren zag Fatima Bakkali de rat weer.", PiiKind::name), "Fatima Bakkali");
  EXPECT_TRUE(kinds_of("De Anne Frankstraat is kapot.").empty());
  EXPECT_TRUE(kinds_of("Burgemeester Dijkhoff opent het park.").empty());
}

TEST(scrubber_test, full_name_before_other_personal_data) {
  EXPECT_EQ(scrub("Karin de Wit, IBAN NL91ABNA0417164300, graag terug."), "[…], IBAN […], graag terug.");
  EXPECT_EQ(scrub("Rob Meijer | Wittevrouwensingel 17 | 06-22334455"), "[…] | […] | […]");
  EXPECT_EQ(scrub("Bas Vos (bas.vos@example.nl)"), "[…] ([…])");
  EXPECT_TRUE(kinds_of("Wethouder Jansen, Stadhuisplein 1").empty());
  EXPECT_TRUE(kinds_of("Albert Heijn, Voorstraat 44").empty());
}

// A Turkish case ending after an apostrophe stays outside a name ("Emirhan'ın": the labelled sets label the name
// without it), whichever scanner found the name; an apostrophe inside a name stays ("O'Sullivan", "Isma'il";
// added after the ninth part was measured).
TEST(scrubber_test, a_turkish_case_ending_stays_outside_a_name) {
  EXPECT_EQ(scrub("Oğlum Emirhan'ın okul otobüsü gelmedi."), "Oğlum […]'ın okul otobüsü gelmedi.");
  EXPECT_EQ(scrub("Arkadaşım Feraye'nin kocası gitti."), "Arkadaşım […]'nin kocası gitti.");
  EXPECT_EQ(found_text("My name is Liam O'Sullivan.", PiiKind::name), "Liam O'Sullivan");
  EXPECT_EQ(found_text("My name is Isma'il Haddad.", PiiKind::name), "Isma'il Haddad");
}

TEST(scrubber_test, organisation_contacts_stay) {
  EXPECT_TRUE(kinds_of("Mail info@buurtteam-utrecht.nl of servicedesk@gemeente.nl").empty());
  EXPECT_TRUE(kinds_of("Storingen: 088 1234567, info 0800-0123, 0900-1234567").empty());
}

// ---------------------------------------------------------------------------------------------
// Replacement and UTF-8

TEST(scrubber_test, placeholder_and_spans) {
  const std::string text = "Bel 06-12345678 of mail a@b.nl";
  const ScrubResult r = scrub_personal_data(text);
  EXPECT_EQ(r.text, "Bel […] of mail […]");
  ASSERT_EQ(r.found.size(), 2u);
  EXPECT_EQ(r.found[0], (PiiSpan{4, 15, PiiKind::phone}));
  EXPECT_EQ(r.found[1], (PiiSpan{24, 30, PiiKind::email}));
  ScrubOptions opt;
  opt.placeholder = "***";
  EXPECT_EQ(scrub_personal_data(text, opt).text, "Bel *** of mail ***");
  EXPECT_EQ(scrub(""), "");
  EXPECT_EQ(scrub("Niets persoonlijks."), "Niets persoonlijks.");
}

TEST(scrubber_test, spans_are_sorted_and_disjoint) {
  const std::string text = "Mijn naam is Jan de Vries, Kerkstraat 12, bel 06-12345678 of mail jan@vries.nl, BSN "
                           "111222333, IBAN NL91ABNA0417164300.";
  const auto spans = find_personal_data(text);
  ASSERT_GE(spans.size(), 6u);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    EXPECT_LT(spans[i].begin, spans[i].end);
    EXPECT_LE(spans[i].end, text.size());
    if (i > 0) {
      EXPECT_LE(spans[i - 1].end, spans[i].begin);
    }
  }
  EXPECT_EQ(scrub(text), "Mijn naam is […], […], bel […] of mail […], BSN […], IBAN […].");
}

TEST(scrubber_test, never_cuts_inside_a_character) {
  const std::string text = "Мене звати Олена, тел. 06-12345678 — اسمي أحمد. Ayşe’nin adresi: yok.";
  for (const PiiSpan& sp : find_personal_data(text)) {
    EXPECT_FALSE(is_continuation(text, sp.begin));
    EXPECT_FALSE(is_continuation(text, sp.end));
  }
  EXPECT_TRUE(valid_utf8(scrub(text)));
}

TEST(scrubber_test, output_is_always_valid_utf8) {
  // Invalid input bytes become U+FFFD.
  EXPECT_EQ(scrub("a\xff"
                  "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(scrub("\xC3"), "\xEF\xBF\xBD");                                  // truncated sequence
  EXPECT_EQ(scrub("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong
  EXPECT_EQ(scrub("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_TRUE(valid_utf8(scrub("Bel 06-12345678\xff mijn naam is \xe2\x82 Jan")));

  // Random mixes of multi-byte letters, digits, cue words and broken bytes.
  const std::vector<std::string> pieces = {"Mijn naam is ",
                                           "мене звати ",
                                           "اسمي ",
                                           "benim adım ",
                                           "nazywam się ",
                                           "Ayşe ",
                                           "Łukasz ",
                                           "Олена ",
                                           "أحمد ",
                                           "06-12345678",
                                           " ",
                                           ", ",
                                           "111222333",
                                           "NL91ABNA0417164300",
                                           "@",
                                           "jan@x.nl",
                                           "Kerkstraat 12",
                                           "ik woon op ",
                                           "€ 12,50",
                                           "14:30",
                                           "\xff",
                                           "\xe2\x82",
                                           "\xd0",
                                           "’",
                                           "\u00a0",
                                           "\n",
                                           "İ",
                                           "ı",
                                           "ę",
                                           "ї",
                                           "ـ",
                                           "\u064e",
                                           "(0)",
                                           "+31 "};
  std::mt19937 rng(12345);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    const ScrubResult r = scrub_personal_data(text);
    ASSERT_TRUE(valid_utf8(r.text)) << text;
    std::size_t last_end = 0;
    for (const PiiSpan& sp : r.found) {
      ASSERT_LE(last_end, sp.begin) << text;
      ASSERT_LT(sp.begin, sp.end) << text;
      ASSERT_LE(sp.end, text.size()) << text;
      ASSERT_FALSE(is_continuation(text, sp.begin)) << text;
      ASSERT_FALSE(is_continuation(text, sp.end)) << text;
      last_end = sp.end;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The labeled set

TEST(scrubber_test, labeled_set_recall_and_false_removals) {
  const std::string path = KIOSK_TEST_DATA_DIR "/scrubber_cases.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;

  int pii = 0, caught = 0, clean = 0, removed = 0;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    ASSERT_NE(t2, std::string::npos) << path << ":" << line_no << ": expected three columns";
    const std::string label = line.substr(0, t1);
    const std::string text = line.substr(t1 + 1, t2 - t1 - 1);
    const std::string expected = line.substr(t2 + 1);
    const auto spans = find_personal_data(text);
    std::set<std::string> found;
    for (const PiiSpan& sp : spans) found.insert(std::string(pii_kind_name(sp.kind)));

    if (label == "pii") {
      ++pii;
      ASSERT_FALSE(expected.empty()) << path << ":" << line_no;
      bool all = true;
      std::stringstream kinds(expected);
      std::string kind;
      while (std::getline(kinds, kind, ',')) {
        if (!found.count(kind)) all = false;
      }
      if (all) {
        ++caught;
      } else {
        std::printf("  missed (line %d, want %s): %s\n    -> %s\n", line_no, expected.c_str(), text.c_str(),
                    scrub(text).c_str());
      }
    } else {
      ASSERT_EQ(label, "clean") << path << ":" << line_no;
      ASSERT_TRUE(expected.empty()) << path << ":" << line_no;
      ++clean;
      if (!spans.empty()) {
        ++removed;
        std::printf("  false removal (line %d): %s\n    -> %s\n", line_no, text.c_str(), scrub(text).c_str());
      }
    }
  }
  ASSERT_GE(pii + clean, 200);
  ASSERT_GE(clean * 2, pii + clean) << "at least half of the snippets must be clean";
  const double recall = static_cast<double>(caught) / pii;
  const double false_removals = static_cast<double>(removed) / clean;
  std::printf("scrubber labeled set: %d pii snippets, recall %.3f (%d/%d); %d clean snippets, "
              "false removals %.3f (%d/%d)\n",
              pii, recall, caught, pii, clean, false_removals, removed, clean);
  RecordProperty("recall", std::to_string(recall));
  RecordProperty("false_removals", std::to_string(false_removals));
  EXPECT_GE(recall, 0.95);
  EXPECT_LE(false_removals, 0.02);
}

// Found in review after the twenty-seventh part was measured: none of these is the personal data named (a letter's
// date with a two-digit year, an appointment after a correction word, "ter sprake", a website and a file after an
// app's name, a storage size, "a foster family", a tooth, the births registry's appointment).
TEST(scrubber_test, review_of_the_twenty_seventh_round_keeps_what_is_no_personal_data) {
  EXPECT_EQ(found_text("Groeten, Piet Jansen, 12 december 25.", PiiKind::dob), "");
  EXPECT_EQ(found_text("My date of birth is wrong in your system. Sorry, I can only come on 12 March 2026.",
                       PiiKind::dob),
            "");
  EXPECT_EQ(found_text("mijn buurman piet ten slotte belde", PiiKind::name), "piet");
  EXPECT_EQ(found_text("Mijn Facebook is gehackt, ik heb het gemeld bij fraudehelpdesk.nl", PiiKind::handle), "");
  EXPECT_EQ(found_text("Snapchat doet raar, kijk naar screenshot.png", PiiKind::handle), "");
  EXPECT_EQ(found_text("een USB 32GB stick gevonden", PiiKind::plate), "");
  EXPECT_EQ(found_text("She was placed with a foster family", PiiKind::name), "");
  EXPECT_EQ(found_text("Kızım geçen yıl doğdu, şimdi 4 diş var", PiiKind::dob), "");
  EXPECT_EQ(found_text("موعدي في تسجيل المواليد يوم 12/05/2026", PiiKind::dob), "");
}
