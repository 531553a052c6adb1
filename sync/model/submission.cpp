// Submission <-> versioned JSON and UUIDs (times: time.cpp).
#include "kiosk/sync/submission.hpp"

#include <uuid/uuid.h>

#include <nlohmann/json.hpp>

#include "kiosk/sync/enum_names.hpp"

namespace kiosk {

using nlohmann::json;

constexpr EnumNames<Kind, 4> kKindNames{
    {{Kind::question, "question"}, {Kind::report, "report"}, {Kind::idea, "idea"}, {Kind::poll, "poll"}}};

std::string_view kind_name(Kind kind) noexcept { return enum_name(kKindNames, kind); }
std::optional<Kind> parse_kind(std::string_view name) noexcept { return parse_enum(kKindNames, name); }

// Empty fields are left out: smaller payloads, and "absent" reads back as the default.
json to_json(const Submission& s) {
  json j;
  j["v"] = kSubmissionFormatVersion;
  if (!s.uuid.empty()) j["uuid"] = s.uuid;
  if (!s.reference.empty()) j["ref"] = s.reference;
  j["kind"] = kind_name(s.kind);
  j["lang"] = s.language;
  if (!s.category.empty()) j["category"] = s.category;
  if (!s.topic.empty()) j["topic"] = s.topic;
  if (!s.location.empty()) {
    json loc = json::object();
    if (!s.location.text.empty()) loc["text"] = s.location.text;
    if (s.location.point) loc["point"] = {s.location.point->lat, s.location.point->lon};
    if (s.location.approximate) loc["approximate"] = true;
    j["location"] = std::move(loc);
  }
  j["text"] = s.text;
  if (!s.contact.empty()) {
    json c = json::object();
    if (!s.contact.email.empty()) c["email"] = s.contact.email;
    if (!s.contact.phone.empty()) c["phone"] = s.contact.phone;
    j["contact"] = std::move(c);
  }
  j["consent"] = {{"contact", s.consents.contact}, {"publish", s.consents.publish}};
  if (!s.poll_id.empty()) j["poll"] = {{"id", s.poll_id}, {"answer", s.poll_answer}};
  j["created_at"] = format_utc(s.created_at_ms);
  j["tz"] = s.time_zone;
  j["utc_offset"] = s.utc_offset_minutes;
  j["kiosk"] = s.kiosk_id;
  if (s.assisted) j["assisted"] = true;
  j["channels"] = s.channels;
  return j;
}

namespace {

Error shape_error(const std::string& what, std::string field = {}) {
  return make_error(Errc::invalid_value, "submission JSON: " + what, std::move(field));
}

// Reads an optional string member; a present member of another type is an error.
bool get_string(const json& j, const char* key, std::string& out, std::optional<Error>& err) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_string()) {
    err = shape_error(std::string("'") + key + "' must be a string", key);
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool get_bool(const json& j, const char* key, bool& out, std::optional<Error>& err) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_boolean()) {
    err = shape_error(std::string("'") + key + "' must be true or false", key);
    return false;
  }
  out = it->get<bool>();
  return true;
}

}  // namespace

Result<Submission> submission_from_json(const json& j) {
  if (!j.is_object()) return shape_error("expected an object");
  Submission s;
  std::optional<Error> err;

  if (auto v = j.find("v"); v != j.end()) {
    if (!v->is_number_integer()) return shape_error("'v' must be an integer", "v");
    int version = v->get<int>();
    if (version < 1 || version > kSubmissionFormatVersion)
      return shape_error("format version " + std::to_string(version) + " is not supported (this build reads 1.." +
                             std::to_string(kSubmissionFormatVersion) + ")",
                         "v");
  }
  std::string kind = "question";
  if (!get_string(j, "kind", kind, err)) return *err;
  auto k = parse_kind(kind);
  if (!k) return shape_error("unknown kind '" + kind + "' (question, report, idea, poll)", "kind");
  s.kind = *k;

  if (!get_string(j, "uuid", s.uuid, err) || !get_string(j, "ref", s.reference, err) ||
      !get_string(j, "lang", s.language, err) || !get_string(j, "category", s.category, err) ||
      !get_string(j, "topic", s.topic, err) || !get_string(j, "text", s.text, err) ||
      !get_string(j, "tz", s.time_zone, err) || !get_string(j, "kiosk", s.kiosk_id, err) ||
      !get_bool(j, "assisted", s.assisted, err))
    return *err;

  if (auto loc = j.find("location"); loc != j.end() && !loc->is_null()) {
    if (!loc->is_object()) return shape_error("'location' must be an object", "location");
    if (!get_string(*loc, "text", s.location.text, err) || !get_bool(*loc, "approximate", s.location.approximate, err))
      return *err;
    if (auto p = loc->find("point"); p != loc->end() && !p->is_null()) {
      if (!p->is_array() || p->size() != 2 || !(*p)[0].is_number() || !(*p)[1].is_number())
        return shape_error("'location.point' must be [lat, lon]", "location");
      s.location.point = GeoPoint{(*p)[0].get<double>(), (*p)[1].get<double>()};
    }
  }
  if (auto c = j.find("contact"); c != j.end() && !c->is_null()) {
    if (!c->is_object()) return shape_error("'contact' must be an object", "contact");
    if (!get_string(*c, "email", s.contact.email, err) || !get_string(*c, "phone", s.contact.phone, err)) return *err;
  }
  if (auto c = j.find("consent"); c != j.end() && !c->is_null()) {
    if (!c->is_object()) return shape_error("'consent' must be an object", "consent");
    if (!get_bool(*c, "contact", s.consents.contact, err) || !get_bool(*c, "publish", s.consents.publish, err))
      return *err;
  }
  if (auto p = j.find("poll"); p != j.end() && !p->is_null()) {
    if (!p->is_object()) return shape_error("'poll' must be an object", "poll");
    if (!get_string(*p, "id", s.poll_id, err) || !get_string(*p, "answer", s.poll_answer, err)) return *err;
  }
  if (auto t = j.find("created_at"); t != j.end() && !t->is_null()) {
    if (!t->is_string()) return shape_error("'created_at' must be an ISO 8601 UTC string", "created_at");
    auto ms = parse_utc(t->get<std::string>());
    if (!ms) return ms.error();
    s.created_at_ms = *ms;
  }
  if (auto o = j.find("utc_offset"); o != j.end() && !o->is_null()) {
    if (!o->is_number_integer()) return shape_error("'utc_offset' must be minutes", "utc_offset");
    s.utc_offset_minutes = o->get<int>();
  }
  if (auto ch = j.find("channels"); ch != j.end() && !ch->is_null()) {
    if (!ch->is_array()) return shape_error("'channels' must be a list of names", "channels");
    for (const auto& c : *ch) {
      if (!c.is_string()) return shape_error("'channels' must be a list of names", "channels");
      s.channels.push_back(c.get<std::string>());
    }
  }
  return s;
}

Result<Submission> parse_submission(std::string_view json_text) {
  json j = json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return make_error(Errc::invalid_value, "not valid JSON");
  return submission_from_json(j);
}

std::string new_uuid_v4() {
  uuid_t id;
  uuid_generate_random(id);
  char out[37];
  uuid_unparse_lower(id, out);
  return out;
}

}  // namespace kiosk
