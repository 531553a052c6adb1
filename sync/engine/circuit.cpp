// The circuit breaker of a channel (see circuit.hpp for the state machine and its stored form).
#include "kiosk/sync/circuit.hpp"

#include "kiosk/sync/enum_names.hpp"

namespace kiosk {

// The stored form (channel_state.circuit): never rename without a migration.
constexpr EnumNames<CircuitState, 3> kCircuitNames{
    {{CircuitState::closed, "closed"}, {CircuitState::open, "open"}, {CircuitState::half_open, "half_open"}}};

std::string_view circuit_name(CircuitState s) noexcept { return enum_name(kCircuitNames, s); }
std::optional<CircuitState> parse_circuit(std::string_view name) noexcept { return parse_enum(kCircuitNames, name); }

namespace circuit {

CircuitState succeeded(CircuitState) noexcept { return CircuitState::closed; }

CircuitState failed(CircuitState s, int failures, int threshold) noexcept {
  if (s == CircuitState::half_open || failures >= threshold) return CircuitState::open;
  return s;
}

CircuitState probe(CircuitState s) noexcept { return s == CircuitState::open ? CircuitState::half_open : s; }

CircuitState probe_proved_nothing(CircuitState s) noexcept {
  return s == CircuitState::half_open ? CircuitState::open : s;
}

}  // namespace circuit
}  // namespace kiosk
