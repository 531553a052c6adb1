// Typed, non-throwing reading of server answers (see json_read.hpp).
#include "json_read.hpp"

#include "kiosk/sync/validate.hpp"

namespace kiosk::answer {

namespace {

// "/account/acct" -> "account.acct" for messages; a bare key stays as it is.
std::string shown(std::string_view path) {
  if (path.empty()) return "(the whole answer)";
  if (path.front() != '/') return std::string(path);
  std::string out;
  for (std::size_t i = 1; i < path.size(); ++i) out += path[i] == '/' ? '.' : path[i];
  return out;
}

Error odd(std::string_view path, const json* v, std::string_view expected) {
  return make_error(Errc::protocol,
                    "field '" + shown(path) + "' is " + std::string(kind(v)) + " where " + std::string(expected) +
                        " was expected",
                    shown(path));
}

// Checks text taken from an answer: size and UTF-8.
Result<std::string> checked_text(std::string_view path, const std::string& s, std::size_t max_bytes) {
  if (s.size() > max_bytes)
    return make_error(Errc::protocol,
                      "field '" + shown(path) + "' is " + std::to_string(s.size()) + " bytes long, more than the " +
                          std::to_string(max_bytes) + " this kiosk reads",
                      shown(path));
  if (!valid_utf8(s))
    return make_error(Errc::protocol, "field '" + shown(path) + "' is not valid UTF-8 text", shown(path));
  return s;
}

Result<const json*> container_at(const json& j, std::string_view path, bool optional, bool want_object) {
  const json* v = find(j, path);
  if (optional && (!v || v->is_null())) return static_cast<const json*>(nullptr);
  if (v && (want_object ? v->is_object() : v->is_array())) return v;
  return odd(path, v, want_object ? "an object" : "a list");
}

}  // namespace

std::string_view kind(const json* v) noexcept {
  if (!v) return "missing";
  switch (v->type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "true/false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::string: return "text";
    case json::value_t::array: return "a list";
    case json::value_t::object: return "an object";
    default: return "unreadable";
  }
}

Result<json> parse(std::string_view body, Shape shape) {
  if (body.size() > kMaxAnswerBytes)
    return make_error(Errc::protocol, "the answer is " + std::to_string(body.size() >> 20) + " MiB, more than the " +
                                          std::to_string(kMaxAnswerBytes >> 20) + " MiB this kiosk reads");
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded())
    return make_error(Errc::protocol, body.empty() ? "the answer is empty where JSON was expected"
                                                   : "the answer is not JSON (or not valid UTF-8)");
  if (shape == Shape::object && !j.is_object()) return odd("", &j, "an object");
  if (shape == Shape::array && !j.is_array()) return odd("", &j, "a list");
  return j;
}

const json* find(const json& j, std::string_view path) noexcept {
  if (path.empty()) return &j;
  if (path.front() != '/') {
    if (!j.is_object()) return nullptr;
    auto it = j.find(std::string(path));  // key strings from our own code; no throw for objects
    return it == j.end() ? nullptr : &*it;
  }
  const json* cur = &j;
  std::size_t pos = 1;
  while (true) {
    std::size_t end = path.find('/', pos);
    std::string token(path.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    // JSON pointer escapes: ~1 is '/', ~0 is '~'.
    for (std::size_t t = 0; (t = token.find('~', t)) != std::string::npos; ++t)
      if (t + 1 < token.size() && (token[t + 1] == '0' || token[t + 1] == '1'))
        token.replace(t, 2, token[t + 1] == '1' ? "/" : "~");
    if (cur->is_object()) {
      auto it = cur->find(token);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      if (token.empty() || token.size() > 9 || token.find_first_not_of("0123456789") != std::string::npos)
        return nullptr;
      std::size_t i = std::stoul(token);
      if (i >= cur->size()) return nullptr;
      cur = &(*cur)[i];
    } else {
      return nullptr;
    }
    if (end == std::string_view::npos) return cur;
    pos = end + 1;
  }
}

Result<std::string> text_at(const json& j, std::string_view path, std::size_t max_bytes) {
  const json* v = find(j, path);
  if (!v || !v->is_string()) return odd(path, v, "text");
  return checked_text(path, v->get_ref<const std::string&>(), max_bytes);
}

Result<std::optional<std::string>> opt_text_at(const json& j, std::string_view path, std::size_t max_bytes) {
  const json* v = find(j, path);
  if (!v || v->is_null()) return std::optional<std::string>();
  auto t = text_at(j, path, max_bytes);
  if (!t) return t.error();
  return std::optional<std::string>(std::move(*t));
}

std::string text_or(const json& j, std::string_view path, std::string fallback, std::size_t max_bytes) {
  auto t = text_at(j, path, max_bytes);
  return t ? std::move(*t) : std::move(fallback);
}

Result<std::string> id_at(const json& j, std::string_view path, std::size_t max_bytes) {
  const json* v = find(j, path);
  if (v && v->is_number_unsigned()) return std::to_string(v->get<std::uint64_t>());
  if (v && v->is_number_integer() && v->get<std::int64_t>() >= 0) return std::to_string(v->get<std::int64_t>());
  if (!v || !v->is_string()) return odd(path, v, "an id (text or a whole number)");
  auto t = checked_text(path, v->get_ref<const std::string&>(), max_bytes);
  if (!t) return t;
  if (t->empty()) return make_error(Errc::protocol, "field '" + shown(path) + "' is an empty id", shown(path));
  for (unsigned char c : *t)
    if (c < 0x20 || c == 0x7f)
      return make_error(Errc::protocol, "field '" + shown(path) + "' is an id with control characters", shown(path));
  return t;
}

Result<std::optional<std::int64_t>> opt_int_at(const json& j, std::string_view path) {
  const json* v = find(j, path);
  if (!v || v->is_null()) return std::optional<std::int64_t>();
  if (v->is_number_integer() && !v->is_number_unsigned()) return std::optional<std::int64_t>(v->get<std::int64_t>());
  if (v->is_number_unsigned() && v->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX))
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->get<std::uint64_t>()));
  return odd(path, v, "a whole number");
}

Result<const json*> object_at(const json& j, std::string_view path) { return container_at(j, path, false, true); }
Result<const json*> array_at(const json& j, std::string_view path) { return container_at(j, path, false, false); }
Result<const json*> opt_object_at(const json& j, std::string_view path) { return container_at(j, path, true, true); }
Result<const json*> opt_array_at(const json& j, std::string_view path) { return container_at(j, path, true, false); }

}  // namespace kiosk::answer
