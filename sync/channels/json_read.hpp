// Typed, non-throwing reading of the municipal servers' JSON answers. Every value an adapter takes
// from an answer goes through these, never through nlohmann's value()/get<>()/operator[] (which throw
// on null or a number where text was expected). An odd answer (not JSON, the wrong top-level type,
// null, a number where text belongs, a missing field, a huge field, invalid UTF-8) is an Error
// (Errc::protocol) whose message names the field and what was wrong, e.g.
// "field 'klantcontact.uuid' is null where text was expected"; the adapter turns it into a retry or
// park of that one delivery, and the run goes on.
//
// Paths are one member name ("url") or a JSON pointer ("/account/acct", "/results/0/uuid").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kiosk/sync/error.hpp"

namespace kiosk::answer {

using nlohmann::json;

// What the kiosk reads at most: a whole answer, one text field, one id.
inline constexpr std::size_t kMaxAnswerBytes = 16u << 20;
inline constexpr std::size_t kMaxText = 64u << 10;  // status HTML, reactie (<= 4000 characters), notes
inline constexpr std::size_t kMaxId = 256;

enum class Shape { object, array, any };

// Parses an answer body that must be of `shape` at the top.
Result<json> parse(std::string_view body, Shape shape);

// The value at path, or nullptr when it is not there (a step on the way missing or not a container).
const json* find(const json& j, std::string_view path) noexcept;

// Required text: a string, at most max_bytes, valid UTF-8 (may be empty).
Result<std::string> text_at(const json& j, std::string_view path, std::size_t max_bytes = kMaxText);
// Optional text: missing or null is nullopt; any other odd value is an error.
Result<std::optional<std::string>> opt_text_at(const json& j, std::string_view path, std::size_t max_bytes = kMaxText);
// For fields only shown, never acted on (a display name, a URL): good text or `fallback`.
std::string text_or(const json& j, std::string_view path, std::string fallback = {}, std::size_t max_bytes = kMaxText);

// An id: a non-empty string without control characters, or a non-negative integer (as decimal text).
Result<std::string> id_at(const json& j, std::string_view path, std::size_t max_bytes = kMaxId);

// An integer (a JSON number without fraction); missing or null is nullopt.
Result<std::optional<std::int64_t>> opt_int_at(const json& j, std::string_view path);

// Containers: required, or optional (missing or null: nullptr).
Result<const json*> object_at(const json& j, std::string_view path);
Result<const json*> array_at(const json& j, std::string_view path);
Result<const json*> opt_object_at(const json& j, std::string_view path);
Result<const json*> opt_array_at(const json& j, std::string_view path);

// "null", "a number", "text", "a list", … for messages.
std::string_view kind(const json* v) noexcept;

}  // namespace kiosk::answer
