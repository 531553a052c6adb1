// Tests for submission validation and text normalisation.
#include "kiosk/sync/validate.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace kiosk;

namespace {
bool has_error(const std::vector<Error>& errors, Errc code, const std::string& field) {
  for (const auto& e : errors)
    if (e.code == code && e.field == field) return true;
  return false;
}
Submission stamped(Submission s) {
  s.created_at_ms = 1767258000000;
  return s;
}
}  // namespace

TEST(validate_test, samples_are_valid) {
  auto r = stamped(test::sample_report());
  auto q = stamped(test::sample_question());
  EXPECT_TRUE(validate_all(r).empty());
  EXPECT_TRUE(validate_all(q).empty());
}

// The decoder itself: tests/sync/utf8_test.cpp.

TEST(validate_test, control_characters_are_removed_and_text_trimmed) {
  EXPECT_EQ(strip_controls("  a\x01"
                           "b\x7f"
                           "c\r\nd\te  ",
                           true),
            "abc\nd e");
  EXPECT_EQ(strip_controls("one\ntwo", false), "one two");
  EXPECT_EQ(strip_controls("x\xC2\x85y", true), "xy");  // C1 NEL
  EXPECT_EQ(strip_controls("a\xE2\x80\xAE"
                           "b",
                           true),
            "ab");  // bidi override
  EXPECT_EQ(strip_controls(std::string("a\0b", 3), true), "ab");
  EXPECT_EQ(strip_controls("\xC2\xA0 tekst \xC2\xA0", true), "tekst");  // no-break spaces trimmed
  EXPECT_EQ(strip_controls("\xE2\x80\x83tekst\xE2\x80\xA8", true),
            "tekst");  // em space, line separator: Unicode white space
}

TEST(validate_test, required_fields_per_kind) {
  auto q = stamped(test::sample_question());
  q.text.clear();
  EXPECT_TRUE(has_error(validate_all(q), Errc::missing_field, "text"));

  auto r = stamped(test::sample_report());
  r.category.clear();
  r.location = Location{};
  auto errors = validate_all(r);
  EXPECT_TRUE(has_error(errors, Errc::missing_field, "category"));
  EXPECT_TRUE(has_error(errors, Errc::missing_field, "location"));

  Submission p;
  p.kind = Kind::poll;
  p.kiosk_id = "k";
  p.channels = {"openklant"};
  p.created_at_ms = 1;
  EXPECT_TRUE(has_error(validate_all(p), Errc::missing_field, "poll_id"));
  p.poll_id = "poll-speeltuin";
  p.poll_answer = "ja";
  EXPECT_TRUE(validate_all(p).empty());  // a poll answer needs no text
}

TEST(validate_test, lengths_fit_the_channels) {
  auto q = stamped(test::sample_question());
  q.text = std::string(1000, 'x');
  EXPECT_TRUE(validate_all(q).empty());
  q.text += "y";
  EXPECT_TRUE(has_error(validate_all(q), Errc::too_long, "text"));
  // Counted in characters, not bytes: 1000 Cyrillic letters are fine.
  q.text.clear();
  for (int i = 0; i < 1000; ++i) q.text += "ж";
  EXPECT_TRUE(validate_all(q).empty());
  q.topic = std::string(201, 't');
  EXPECT_TRUE(has_error(validate_all(q), Errc::too_long, "topic"));
  auto c = stamped(test::sample_question());
  c.contact.email = std::string(75, 'a') + "@example.nl";
  EXPECT_TRUE(has_error(validate_all(c), Errc::too_long, "email"));
}

TEST(validate_test, email_and_phone_shapes) {
  EXPECT_TRUE(valid_email("j.jansen@example.nl"));
  EXPECT_TRUE(valid_email("a+b@sub.example.org"));
  EXPECT_FALSE(valid_email("jan"));
  EXPECT_FALSE(valid_email("jan@example"));
  EXPECT_FALSE(valid_email("jan @example.nl"));
  EXPECT_FALSE(valid_email("jan@@example.nl"));
  EXPECT_FALSE(valid_email("jan@exa_mple.nl"));
  EXPECT_TRUE(valid_phone("06-12345678"));
  EXPECT_TRUE(valid_phone("+31 6 1234 5678"));
  EXPECT_TRUE(valid_phone("(020) 123 45 67"));
  EXPECT_FALSE(valid_phone("12345"));
  EXPECT_FALSE(valid_phone("06-1234abcd"));
  EXPECT_FALSE(valid_phone("6+12345678901"));
}

TEST(validate_test, contact_needs_consent_and_public_channel_needs_publish_consent) {
  auto q = stamped(test::sample_question());
  q.consents.contact = false;
  EXPECT_TRUE(has_error(validate_all(q), Errc::invalid_value, "consent"));
  auto p = stamped(test::sample_question());
  p.consents.publish = false;
  EXPECT_TRUE(has_error(validate_all(p), Errc::invalid_value, "channels"));
  auto r = stamped(test::sample_report());
  r.consents.publish = true;
  EXPECT_TRUE(has_error(validate_all(r), Errc::invalid_value, "consent"));
}

TEST(validate_test, channels_and_language_are_checked) {
  auto q = stamped(test::sample_question());
  q.channels = {"openklant", "openklant"};
  EXPECT_TRUE(has_error(validate_all(q), Errc::invalid_value, "channels"));
  q.channels = {"twitter"};
  EXPECT_TRUE(has_error(validate_all(q), Errc::invalid_value, "channels"));
  q.channels.clear();
  EXPECT_TRUE(has_error(validate_all(q), Errc::missing_field, "channels"));
  auto l = stamped(test::sample_question());
  l.language = "de";
  EXPECT_TRUE(has_error(validate_all(l), Errc::invalid_value, "language"));
}

TEST(validate_test, location_point_must_be_wgs84) {
  auto r = stamped(test::sample_report());
  r.location.point = GeoPoint{152.0, 5.0};
  EXPECT_TRUE(has_error(validate_all(r), Errc::invalid_value, "location"));
  r.location.point = GeoPoint{std::nan(""), 5.0};
  EXPECT_TRUE(has_error(validate_all(r), Errc::invalid_value, "location"));
}

TEST(validate_test, json_round_trip_keeps_every_field) {
  auto q = stamped(test::sample_question());
  q.uuid = "0b7c3d2e-1f4a-4c5b-9d6e-7f8091a2b3c4";
  q.reference = "DM00000000";
  q.assisted = true;
  q.location.text = "Lindelaan 3";
  q.location.point = GeoPoint{52.1, 5.2};
  q.contact.phone = "06-12345678";
  q.utc_offset_minutes = 60;
  auto back = submission_from_json(to_json(q));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, q);
  auto newer = to_json(q);
  newer["v"] = 99;
  EXPECT_FALSE(submission_from_json(newer).ok());
  EXPECT_FALSE(parse_submission("{not json").ok());
  EXPECT_EQ(parse_submission(R"({"kind":"complaint"})").error().field, "kind");
}
