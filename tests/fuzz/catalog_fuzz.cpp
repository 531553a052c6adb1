// Fuzz target: the language catalogs (assets/i18n/<lang>.json), read by kiosk/core/catalog.cpp
// (Catalog::parse; display-free, compiled into this target). Every string of a catalog that parses also
// goes through fill(), as the screens do with their placeholders.
#include "fuzz_support.hpp"
#include "kiosk/core/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto c = kiosk::core::Catalog::parse(kiosk::fuzz::text(data, size), "fuzz.json");
  if (!c) return 0;
  for (const auto& [key, value] : c->strings()) {
    (void)c->get(key);
    (void)kiosk::core::fill(value, {{"n", "20"}, {"reference", "DM7K-3QXN-8F"}, {"name", "{name}"}});
  }
  return 0;
}
