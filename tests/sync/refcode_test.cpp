// Tests for reference codes: shape, uniqueness across kiosks, and error detection.
#include "kiosk/sync/refcode.hpp"

#include <gtest/gtest.h>

#include <unordered_set>

using namespace kiosk;

namespace {
const std::string kPrefixes[] = {"DM", "A1", "B2", "C3", "D4", "E5", "F6", "G7", "H8", "J9"};
}

TEST(refcode_test, shape_is_ten_crockford_characters_with_prefix) {
  auto code = refcode::make("DM", 12345, refcode::key_for_kiosk("demo-bieb-01"));
  ASSERT_EQ(code.size(), refcode::kLength);
  EXPECT_EQ(code.substr(0, 2), "DM");
  for (char c : code) EXPECT_NE(refcode::kAlphabet.find(c), std::string_view::npos) << code;
  EXPECT_TRUE(refcode::verify(code));
  EXPECT_EQ(refcode::group(code).size(), 12u);
  EXPECT_EQ(refcode::group(code)[2], '-');
}

TEST(refcode_test, million_codes_across_ten_kiosks_never_collide) {
  std::unordered_set<std::string> seen;
  seen.reserve(1'000'000);
  // Each simulated kiosk issues serials the way the outbox does: max(last + 1, clock tick), with
  // bursts that run ahead of the clock and quiet periods that jump forward.
  for (int k = 0; k < 10; ++k) {
    std::uint64_t key = refcode::key_for_kiosk("kiosk-" + std::to_string(k));
    std::uint64_t last = 0;
    std::int64_t now = refcode::kEpochMs + 86'400'000LL * 300 + k * 1000;
    for (int i = 0; i < 100'000; ++i) {
      now += (i % 97 == 0) ? 3'600'000 : (i % 5);  // mostly bursts, sometimes an hour later
      std::uint64_t serial = std::max(last + 1, refcode::clock_serial(now));
      last = serial;
      auto code = refcode::make(kPrefixes[k], serial, key);
      ASSERT_TRUE(seen.insert(code).second) << "collision: " << code;
    }
  }
  EXPECT_EQ(seen.size(), 1'000'000u);
}

TEST(refcode_test, every_single_character_error_is_detected) {
  std::uint64_t key = refcode::key_for_kiosk("demo");
  int checked = 0;
  for (std::uint64_t serial = 1; serial < 2000; serial += 7) {
    auto code = refcode::make("DM", serial * 7919, key);
    ASSERT_TRUE(refcode::verify(code));
    for (std::size_t pos = 0; pos < code.size(); ++pos) {
      for (char c : refcode::kAlphabet) {
        if (c == code[pos]) continue;
        auto bad = code;
        bad[pos] = c;
        EXPECT_FALSE(refcode::verify(bad)) << code << " -> " << bad;
        EXPECT_FALSE(refcode::normalize(bad).ok());
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 80'000);
}

TEST(refcode_test, every_neighbour_swap_is_detected) {
  std::uint64_t key = refcode::key_for_kiosk("demo");
  int checked = 0;
  for (std::uint64_t serial = 1; serial < 20000; serial += 13) {
    auto code = refcode::make("J9", serial * 104729, key);
    for (std::size_t pos = 0; pos + 1 < code.size(); ++pos) {
      if (code[pos] == code[pos + 1]) continue;  // swapping equal characters changes nothing
      auto bad = code;
      std::swap(bad[pos], bad[pos + 1]);
      EXPECT_FALSE(refcode::verify(bad)) << code << " -> " << bad;
      ++checked;
    }
  }
  EXPECT_GT(checked, 10'000);
}

TEST(refcode_test, normalize_accepts_what_people_type) {
  auto code = refcode::make("DM", 987654, refcode::key_for_kiosk("x"));
  auto grouped = refcode::group(code);
  std::string lower;
  for (char c : grouped) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto r = refcode::normalize(lower);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, code);
  std::string spaced = code.substr(0, 2) + " " + code.substr(2, 4) + " " + code.substr(6);
  EXPECT_EQ(*refcode::normalize(spaced), code);
  // O and I/L are read as 0 and 1.
  std::string with_zero = "DM00000000";
  with_zero[9] = refcode::check_char(with_zero.substr(0, 9));
  std::string typed = with_zero;
  typed[3] = 'O';
  EXPECT_EQ(*refcode::normalize(typed), with_zero);
}

TEST(refcode_test, normalize_explains_what_is_wrong) {
  auto r = refcode::normalize("DM-12");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::invalid_reference);
  EXPECT_NE(r.error().message.find("10 characters"), std::string::npos);
  auto u = refcode::normalize("DMU0000000");
  ASSERT_FALSE(u.ok());
  EXPECT_NE(u.error().message.find("'U'"), std::string::npos);
}

TEST(refcode_test, clock_serial_grows_sixteen_per_second) {
  EXPECT_EQ(refcode::clock_serial(refcode::kEpochMs), 0u);
  EXPECT_EQ(refcode::clock_serial(refcode::kEpochMs + 1000), 16u);
  EXPECT_LT(refcode::clock_serial(refcode::kEpochMs + 60LL * 365 * 86'400'000), refcode::kSerialMask);
}

TEST(refcode_test, prefixes_are_validated) {
  EXPECT_TRUE(refcode::valid_prefix("DM"));
  EXPECT_FALSE(refcode::valid_prefix("DU"));
  EXPECT_FALSE(refcode::valid_prefix("dm"));
  EXPECT_FALSE(refcode::valid_prefix("D"));
}
