// The names an enum is stored and sent as, written once in a table that both directions read:
// enum_name() for writing, parse_enum() for reading (Kind, DeliveryState, CircuitState).
// A stored or sent name is a format: change one only with a migration or a format version.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace kiosk {

template <class E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

// The name of `value`; the first entry's name for a value the table lacks.
template <class E, std::size_t N>
constexpr std::string_view enum_name(const EnumNames<E, N>& names, E value) noexcept {
  for (const auto& [e, name] : names)
    if (e == value) return name;
  return names[0].second;
}

// The value named `name` exactly; nullopt for a name the table lacks.
template <class E, std::size_t N>
constexpr std::optional<E> parse_enum(const EnumNames<E, N>& names, std::string_view name) noexcept {
  for (const auto& [e, n] : names)
    if (n == name) return e;
  return std::nullopt;
}

}  // namespace kiosk
