// The submission model: what a citizen hands to the municipality through the kiosk, and its
// versioned JSON form (the payload stored compressed in the outbox and carried in export bundles).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/sync/error.hpp"
#include "kiosk/sync/time.hpp"  // format_utc, parse_utc, utc_offset_minutes

namespace kiosk {

// Version of the submission JSON ("v" field). Bump it and teach from_json the old shape when the
// shape changes; rows written with an older version must stay readable.
inline constexpr int kSubmissionFormatVersion = 1;

enum class Kind { question, report, idea, poll };

std::string_view kind_name(Kind kind) noexcept;
std::optional<Kind> parse_kind(std::string_view name) noexcept;

struct GeoPoint {
  double lat = 0;  // WGS84 degrees
  double lon = 0;
  bool operator==(const GeoPoint&) const = default;
};

struct Location {
  std::string text;               // free text: street, landmark ("Bibliotheek, ingang Marktplein")
  std::optional<GeoPoint> point;  // WGS84 point when known (configured landmark, kiosk location, map
                                  // tap, address from the address list)
  // The point is not where the problem is: the text is an address the kiosk could not find, and the point
  // is the municipality's centre (map.centre). Channels say so next to the text. JSON "approximate".
  bool approximate = false;
  bool empty() const { return text.empty() && !point; }
  bool operator==(const Location&) const = default;
};

struct Contact {
  std::string email;
  std::string phone;
  bool empty() const { return email.empty() && phone.empty(); }
  bool operator==(const Contact&) const = default;
};

struct Consents {
  bool contact = false;  // the municipality may contact the citizen about this submission only
  bool publish = false;  // the (scrubbed) text may be posted on the municipality's public channel
  bool operator==(const Consents&) const = default;
};

struct Submission {
  // Identity, assigned by the outbox on submit when empty.
  std::string uuid;       // RFC 4122 v4, lower case
  std::string reference;  // 10-character reference code, ungrouped (see refcode.hpp)

  Kind kind = Kind::question;
  std::string language = "nl";  // ISO 639-1 of the screen language the citizen used
  std::string category;         // category id from the kiosk's tree (required for reports)
  std::string topic;            // short subject of a question or idea (optional)
  Location location;
  std::string text;
  Contact contact;
  Consents consents;
  std::string poll_id;      // for Kind::poll
  std::string poll_answer;  // for Kind::poll

  // When and where. created_at is UTC milliseconds since the Unix epoch; the kiosk's time zone and
  // its UTC offset at that moment are kept so receipts and municipal systems can show local time.
  std::int64_t created_at_ms = 0;
  std::string time_zone = "Europe/Amsterdam";
  int utc_offset_minutes = 0;
  std::string kiosk_id;
  bool assisted = false;              // a librarian helped (help mode was on)
  std::vector<std::string> channels;  // requested channels, e.g. {"openklant", "mastodon"}

  bool operator==(const Submission&) const = default;
};

nlohmann::json to_json(const Submission& s);
Result<Submission> submission_from_json(const nlohmann::json& j);
// Parses text; any JSON or shape error becomes Errc::invalid_value with a message.
Result<Submission> parse_submission(std::string_view json_text);

std::string new_uuid_v4();

}  // namespace kiosk
