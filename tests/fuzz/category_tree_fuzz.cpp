// Fuzz target: the category tree (assets/categories/default.json) as the kiosk reads it, from a file
// (sync/model/categories.cpp; the engine, the adapters and the kiosk's session share this one reader).
#include "fuzz_support.hpp"
#include "kiosk/sync/categories.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = kiosk::fuzz::text(data, size);
  auto tree = kiosk::CategoryTree::load(kiosk::fuzz::scratch_file("categories.json", in));
  if (tree)
    for (const auto& main : tree->categories) {
      (void)tree->main(main.slug);
      for (const auto& sub : main.children) {
        (void)tree->find(main.slug + "/" + sub.slug);
        (void)tree->handling_message(sub.slug, "en");
      }
    }
  return 0;
}
