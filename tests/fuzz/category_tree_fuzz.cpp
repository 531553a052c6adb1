// Fuzz target: the category tree (assets/categories/default.json) as both readers see it: the sync
// library's CategoryTree::load (sync/channels/channel.cpp, from a file) and the kiosk's
// core::CategoryTree::parse (kiosk/core/categories.cpp, display-free, compiled into this target).
#include "fuzz_support.hpp"
#include "kiosk/core/categories.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = kiosk::fuzz::text(data, size);
  auto tree = kiosk::CategoryTree::load(kiosk::fuzz::scratch_file("categories.json", in));
  if (tree)
    for (const auto& sub : tree->subs()) {
      (void)tree->find(sub.main_slug + "/" + sub.slug);
      (void)tree->handling_message(sub.slug, "en");
    }
  auto core = kiosk::core::CategoryTree::parse(in, "categories.json");
  if (core)
    for (const auto& main : core->categories) {
      (void)core->main(main.slug);
      for (const auto& sub : main.children) (void)core->find(main.slug + "/" + sub.slug);
    }
  return 0;
}
