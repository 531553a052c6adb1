// The address list: loading (every bad line named, no crash on any bytes) and matching what a citizen
// types (case, accents, spaces, postcode, one wrong letter).
#include "kiosk/core/address_book.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "test_support.hpp"

namespace kiosk::core {
namespace {

const std::string kHeader =
    "# kiosk-addresses 1\n"
    "openbare_ruimte\thuisnummer\thuisletter\thuisnummer_toevoeging\tpostcode\twoonplaats\tlat\tlon\n";

const std::string kList = kHeader + "Kerkstraat\t12\t\t\t1234AB\tVoorbeeldstad\t52.0912\t5.1201\n"
                                    "Kerkstraat\t12\ta\t\t1234AB\tVoorbeeldstad\t52.0913\t5.1202\n"
                                    "Kerkstraat\t14\t\t2\t1234 AB\tVoorbeeldstad\t52.0914\t5.1203\n"
                                    "Kerkstraat\t120\t\t\t1234AC\tVoorbeeldstad\t52.0920\t5.1210\n"
                                    "Kerkweg\t12\t\t\t1235AA\tVoorbeeldstad\t52.0800\t5.1000\n"
                                    "# a comment\n"
                                    "\n"
                                    "Rue Éloïse\t3\t\t\t1236BB\tVoorbeeldstad\t52.0700\t5.1100\n"
                                    "Lindelaan\t4\t\t\t1237CC\tVoorbeeldstad\t52.09214\t5.11893\n"
                                    "Dorpsstraat\t1\t\t\t1240AA\tHoutdorp\t52.1000\t5.2000\n"
                                    "Dorpsstraat\t1\t\t\t1250AA\tZanddorp\t52.2000\t5.3000\n";

AddressBook book() {
  auto b = AddressBook::parse(kList, "test.tsv");
  EXPECT_TRUE(b.ok()) << (b.ok() ? "" : b.error().message);
  return std::move(b).value();
}

std::string first(const AddressBook& b, std::string_view typed) {
  auto s = b.suggest(typed, 5);
  return s.empty() ? "" : b.at(s.front()).label();
}

TEST(address_book_test, loads_the_bag_columns) {
  AddressBook b = book();
  ASSERT_EQ(b.size(), 9u);
  EXPECT_EQ(b.at(0).label(), "Kerkstraat 12, 1234 AB Voorbeeldstad");
  EXPECT_EQ(b.at(1).label(), "Kerkstraat 12a, 1234 AB Voorbeeldstad");
  EXPECT_EQ(b.at(2).label(), "Kerkstraat 14-2, 1234 AB Voorbeeldstad");
  EXPECT_DOUBLE_EQ(b.at(1).point.lat, 52.0913);
  EXPECT_DOUBLE_EQ(b.at(1).point.lon, 5.1202);
}

TEST(address_book_test, matches_as_typed_ignoring_case_accents_and_spaces) {
  AddressBook b = book();
  EXPECT_EQ(first(b, "kerkstr 12"), "Kerkstraat 12, 1234 AB Voorbeeldstad");
  EXPECT_EQ(first(b, "KERKSTRAAT12"), "Kerkstraat 12, 1234 AB Voorbeeldstad");
  EXPECT_EQ(first(b, "Kérkstraat 12 A"), "Kerkstraat 12a, 1234 AB Voorbeeldstad");
  EXPECT_EQ(first(b, "kerkstraat 14-2"), "Kerkstraat 14-2, 1234 AB Voorbeeldstad");
  EXPECT_EQ(first(b, "rue eloise 3"), "Rue Éloïse 3, 1236 BB Voorbeeldstad");
  EXPECT_EQ(first(b, "kerkstaat 12"), "Kerkstraat 12, 1234 AB Voorbeeldstad");   // one letter wrong
  EXPECT_EQ(first(b, "Kerkstraat ١٢"), "Kerkstraat 12, 1234 AB Voorbeeldstad");  // Arabic-Indic digits
  // Postcode and number, with and without spaces.
  EXPECT_EQ(first(b, "1234 AB 12"), "Kerkstraat 12, 1234 AB Voorbeeldstad");
  EXPECT_EQ(first(b, "1234ab12a"), "Kerkstraat 12a, 1234 AB Voorbeeldstad");
  // A number typed so far offers the numbers that start with it, the exact one first.
  auto s = b.suggest("kerkstraat 12", 5);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(b.at(s[0]).label(), "Kerkstraat 12, 1234 AB Voorbeeldstad");
  EXPECT_EQ(b.at(s[1]).label(), "Kerkstraat 12a, 1234 AB Voorbeeldstad");
  EXPECT_EQ(b.at(s[2]).label(), "Kerkstraat 120, 1234 AC Voorbeeldstad");
  // "kerk" is the start of two streets; the limit holds.
  EXPECT_EQ(b.suggest("kerk", 2).size(), 2u);
  EXPECT_EQ(b.suggest("kerk", 10).size(), 5u);
  EXPECT_TRUE(b.suggest("Nergensstraat 1", 5).empty());
  EXPECT_TRUE(b.suggest("", 5).empty());
  EXPECT_TRUE(b.suggest("   ,,, ", 5).empty());
}

TEST(address_book_test, match_needs_the_whole_address_and_one_of_it) {
  AddressBook b = book();
  ASSERT_NE(b.match("kerkstraat 12"), nullptr);
  EXPECT_EQ(b.match("kerkstraat 12")->label(), "Kerkstraat 12, 1234 AB Voorbeeldstad");
  EXPECT_EQ(b.match("Kerkstraat 12 a")->label(), "Kerkstraat 12a, 1234 AB Voorbeeldstad");
  EXPECT_EQ(b.match("1234 AB 14-2")->label(), "Kerkstraat 14-2, 1234 AB Voorbeeldstad");
  EXPECT_EQ(b.match("Kerkstraat 12, 1234 AB Voorbeeldstad"), &b.at(0));  // the label a suggestion puts in the field
  EXPECT_EQ(b.match("Kerkstraat 12, 1234 AC Voorbeeldstad"), nullptr);
  EXPECT_EQ(b.match("kerkstr 12"), nullptr);  // a prefix is a suggestion only
  EXPECT_EQ(b.match("kerkstraat"), nullptr);
  EXPECT_EQ(b.match("kerkstraat 13"), nullptr);
  EXPECT_EQ(b.match("dorpsstraat 1"), nullptr);  // in two places: the citizen picks
  ASSERT_NE(b.match("dorpsstraat 1 zanddorp"), nullptr);
  EXPECT_EQ(b.match("dorpsstraat 1 zanddorp")->postcode, "1250AA");
  // The label of a suggestion matches itself (what the screen puts in the field when tapped).
  for (std::size_t i = 0; i < b.size(); ++i)
    if (b.at(i).street != "Dorpsstraat") {
      const std::string label = b.at(i).label();
      std::string street_number = label.substr(0, label.find(','));
      EXPECT_EQ(b.match(street_number), &b.at(i)) << street_number;
      EXPECT_EQ(b.match(label), &b.at(i)) << label;
    }
}

void expect_error(const std::string& text, Errc code, std::string_view says) {
  auto b = AddressBook::parse(text, "list.tsv");
  ASSERT_FALSE(b.ok()) << text;
  EXPECT_EQ(b.error().code, code) << b.error().message;
  EXPECT_NE(b.error().message.find(says), std::string::npos) << b.error().message;
}

TEST(address_book_test, bad_lines_are_named) {
  expect_error("", Errc::invalid_value, "empty");
  expect_error("straat\t1\n", Errc::invalid_value, "list.tsv:1: not a kiosk address list");
  expect_error("# kiosk-addresses 2\n", Errc::invalid_value, "list.tsv:1: format version 2 is newer");
  expect_error("# kiosk-addresses x\n", Errc::invalid_value, "unreadable format version");
  expect_error("# kiosk-addresses 1\nstreet\tnumber\n", Errc::invalid_value, "list.tsv:2: the column names");
  expect_error("# kiosk-addresses 1\n", Errc::invalid_value, "column names is missing");
  expect_error(kHeader + "Kerkstraat\t12\t\t\t1234AB\tVoorbeeldstad\t52.1\n", Errc::invalid_value,
               "list.tsv:3: 7 tab-separated fields, expected 8");
  expect_error(kHeader + "Kerkstraat\t0\t\t\t1234AB\tV\t52.1\t5.1\n", Errc::invalid_value, ":3: huisnummer");
  expect_error(kHeader + "Kerkstraat\t12x\t\t\t1234AB\tV\t52.1\t5.1\n", Errc::invalid_value, ":3: huisnummer");
  expect_error(kHeader + "Kerkstraat\t12\tab\t\t1234AB\tV\t52.1\t5.1\n", Errc::invalid_value, "huisletter");
  expect_error(kHeader + "Kerkstraat\t12\t\t12345\t1234AB\tV\t52.1\t5.1\n", Errc::invalid_value, "toevoeging");
  expect_error(kHeader + "Kerkstraat\t12\t\t\t123AB\tV\t52.1\t5.1\n", Errc::invalid_value, "postcode");
  expect_error(kHeader + "Kerkstraat\t12\t\t\t1234AB\tV\t92.1\t5.1\n", Errc::invalid_value, ":3: lat");
  expect_error(kHeader + "Kerkstraat\t12\t\t\t1234AB\tV\t52,1\t5.1\n", Errc::invalid_value, ":3: lat");
  expect_error(kHeader + "Kerkstraat\t12\t\t\t1234AB\tV\t52.1\tnan\n", Errc::invalid_value, ":3: lon");
  expect_error(kHeader + "\tt12\t\t\t1234AB\tV\t52.1\t5.1\n", Errc::invalid_value, "openbare_ruimte");
  expect_error(kHeader + "\nKerk\xC3straat\t12\t\t\t1234AB\tV\t52.1\t5.1\n", Errc::invalid_utf8,
               "list.tsv:4: not UTF-8");
  expect_error(kHeader + std::string(2000, 'a') + "\n", Errc::invalid_value, ":3: line longer than 1024 bytes");
}

TEST(address_book_test, byte_order_mark_and_crlf_from_a_spreadsheet) {
  std::string text =
      "\xEF\xBB\xBF# kiosk-addresses 1\r\n"
      "openbare_ruimte\thuisnummer\thuisletter\thuisnummer_toevoeging\tpostcode\twoonplaats\tlat\tlon\r\n"
      "Kerkstraat\t12\t\t\t1234AB\tVoorbeeldstad\t52.0912\t5.1201\r\n";
  auto b = AddressBook::parse(text, "excel.tsv");
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->at(0).city, "Voorbeeldstad");
}

TEST(address_book_test, any_bytes_give_a_result_not_a_crash) {
  std::mt19937 rng(7);
  AddressBook b = book();
  for (int round = 0; round < 2000; ++round) {
    std::string junk(rng() % 80, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    (void)b.suggest(junk, 5);
    (void)b.match(junk);
    std::string text = (round % 2 ? kHeader : std::string()) + junk;
    (void)AddressBook::parse(text, "junk.tsv");
  }
}

TEST(address_book_test, load_reads_a_file_and_names_a_missing_one) {
  test::TempDir dir;
  auto file = dir.path() / "addresses.tsv";
  std::ofstream(file) << kList;
  auto b = AddressBook::load(file);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(b->size(), 9u);
  auto missing = AddressBook::load(dir.path() / "nope.tsv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, Errc::io);
  EXPECT_NE(missing.error().message.find("nope.tsv"), std::string::npos);
}

}  // namespace
}  // namespace kiosk::core
