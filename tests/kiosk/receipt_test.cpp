// The printed slips (kiosk/core/receipt.cpp) through the ESC/POS encoder (kiosk/core/escpos.cpp): what a
// slip says per flow and language, read back from the bytes by the independent decoder of
// tests/support/escpos_decoder.hpp, and rendered to PNG (KIOSK_SCREENSHOT_DIR=docs/screenshots writes
// docs/screenshots/slip-*.png).
#include <gtest/gtest.h>

#include <cstdlib>

#include "escpos_decoder.hpp"
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/escpos.hpp"
#include "kiosk/core/receipt.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/sync/time.hpp"
#include "test_support.hpp"

namespace kiosk::test {
namespace {

using core::Slip;

struct Fixture {
  Config config = demo_config();
  CategoryTree tree = *CategoryTree::load_default();
  core::Catalogs catalogs = *core::Catalogs::load(core::catalog_dir(), config.kiosk.languages);
  Fixture() {
    config.ui.receipt_phone = "14 020";
    config.ui.receipt_desk = "Stadhuis, Markt 1";
  }
  const core::Catalog& cat(std::string_view lang) const { return catalogs.get(lang); }
  // 2026-11-23T09:15:00Z: 10:15 in Amsterdam (winter time).
  core::ReceiptInfo receipt(Kind kind, std::string category = {}) const {
    return core::ReceiptInfo{"DM7X4Q9M2C", kind, std::move(category), *parse_utc("2026-11-23T09:15:00Z")};
  }
  DecodedSlip printed(const Slip& slip) const {
    DecodedSlip d = decode_escpos(core::escpos::encode(slip, config.ui.printer_columns));
    EXPECT_TRUE(d.errors.empty()) << ::testing::PrintToString(d.errors);
    return d;
  }
};

// The png next to the test, or in KIOSK_SCREENSHOT_DIR.
void save_png(const DecodedSlip& d, const std::string& name) {
  const char* env = std::getenv("KIOSK_SCREENSHOT_DIR");
  std::filesystem::path dir = env && *env ? env : std::filesystem::temp_directory_path();
  ASSERT_TRUE(render_png(d, 48, dir / (name + ".png"))) << (dir / name);
}

bool has_line(const DecodedSlip& d, std::string_view text, bool large = false) {
  for (const auto& l : d.lines)
    if (l.text == text && l.large == large) return true;
  return false;
}

TEST(receipt_test, report_slip_has_the_code_large_local_time_promise_and_ways_to_look_up) {
  Fixture f;
  const auto& nl = f.cat("nl");
  Slip slip = core::receipt_slip(f.receipt(Kind::report, "groen-en-water/boom"), f.config, f.tree, nl);
  EXPECT_EQ(slip.format, core::kSlipFormatVersion);
  EXPECT_EQ(slip.language, "nl");
  DecodedSlip d = f.printed(slip);
  EXPECT_EQ(d.inits, 1);
  EXPECT_EQ(d.cuts, 1);
  EXPECT_TRUE(has_line(d, "DM-7X4Q-9M2C", true)) << d.text();
  EXPECT_TRUE(has_line(d, "23-11-2026 om 10:15")) << d.text();  // kiosk.time_zone, not UTC, not $TZ
  EXPECT_TRUE(has_line(d, f.config.kiosk.municipality)) << d.text();
  EXPECT_TRUE(has_line(d, nl.get("slip.title.report"))) << d.text();
  std::string promise = f.tree.handling_message("groen-en-water/boom", "nl");
  ASSERT_FALSE(promise.empty());
  std::string flat = d.flat();
  EXPECT_NE(flat.find(promise), std::string::npos) << flat;
  EXPECT_NE(flat.find(nl.get("slip.lookup.title")), std::string::npos) << flat;
  EXPECT_NE(flat.find(nl.get("slip.lookup.here")), std::string::npos) << flat;
  EXPECT_NE(flat.find("Bel 14 020 en noem uw code."), std::string::npos) << flat;
  EXPECT_NE(flat.find("Aan de balie: Stadhuis, Markt 1."), std::string::npos) << flat;
  // Large lines are centred and the code fits in half the columns.
  for (const auto& l : d.lines)
    if (l.large) {
      EXPECT_TRUE(l.centre);
    }
  for (const auto& l : d.lines) EXPECT_LE(utf8_length(l.text), std::size_t(l.large ? 24 : 48)) << l.text;
  save_png(d, "slip-report-nl");
}

TEST(receipt_test, each_flow_has_its_own_words_and_a_poll_is_not_told_to_look_up_an_answer) {
  Fixture f;
  for (const std::string lang : {"nl", "en", "tr", "pl", "uk", "ar"}) {
    const auto& c = f.cat(lang);
    for (Kind kind : {Kind::question, Kind::idea, Kind::poll}) {
      std::string word = kind == Kind::question ? "question" : kind == Kind::idea ? "idea" : "poll";
      Slip slip = core::receipt_slip(f.receipt(kind), f.config, f.tree, c);
      std::string all;
      for (const auto& l : slip.lines) all += l.text + "\n";
      EXPECT_NE(all.find(c.get("slip.title." + word)), std::string::npos) << lang << " " << word;
      EXPECT_NE(all.find(c.get("slip.promise." + word)), std::string::npos) << lang << " " << word;
      bool look_up = all.find(c.get("slip.lookup.title")) != std::string::npos ||
                     all.find(c.get("slip.lookup.here")) != std::string::npos ||
                     all.find("14 020") != std::string::npos;
      EXPECT_EQ(look_up, kind != Kind::poll) << lang << " " << word << ":\n" << all;
    }
    // Every key the slips use is in the catalog (not shown as its key).
    for (const char* key : {"slip.code", "slip.when", "slip.title.report", "slip.promise.report", "slip.lookup.phone",
                            "slip.lookup.desk", "slip.answer.title", "slip.answer.none"})
      EXPECT_TRUE(c.has(key)) << lang << " " << key;
  }
  Fixture g;
  DecodedSlip poll = g.printed(core::receipt_slip(g.receipt(Kind::poll), g.config, g.tree, g.cat("nl")));
  save_png(poll, "slip-poll-nl");
}

TEST(receipt_test, time_is_the_kiosks_zone_with_daylight_saving) {
  Fixture f;
  auto at = [&](const char* iso, const char* zone) {
    f.config.kiosk.time_zone = zone;
    auto r = f.receipt(Kind::question);
    r.created_at_ms = *parse_utc(iso);
    return f.printed(core::receipt_slip(r, f.config, f.tree, f.cat("en")));
  };
  EXPECT_TRUE(has_line(at("2026-07-01T09:15:00Z", "Europe/Amsterdam"), "01-07-2026 at 11:15"));
  EXPECT_TRUE(has_line(at("2026-11-23T23:30:00Z", "Europe/Amsterdam"), "24-11-2026 at 00:30"));
  EXPECT_TRUE(has_line(at("2026-11-23T09:15:00Z", "Pacific/Auckland"), "23-11-2026 at 22:15"));
}

TEST(receipt_test, turkish_polish_and_ukrainian_print_through_code_pages) {
  Fixture f;
  for (const std::string lang : {"tr", "pl", "uk"}) {
    const auto& c = f.cat(lang);
    DecodedSlip d = f.printed(core::receipt_slip(f.receipt(Kind::question), f.config, f.tree, c));
    std::string flat = d.flat();
    std::string promise = c.get("slip.promise.question"), title = c.get("slip.lookup.title");
    if (lang == "uk") {  // і is not in PC866: its look-alike i
      for (std::string* s : {&promise, &title})
        for (std::size_t at; (at = s->find("\xD1\x96")) != std::string::npos;) s->replace(at, 2, "i");
    }
    EXPECT_NE(flat.find(promise), std::string::npos) << lang << ": " << flat;
    EXPECT_NE(flat.find(title), std::string::npos) << lang << ": " << flat;
    EXPECT_EQ(flat.find('?'), std::string::npos) << lang << ": " << flat;
    EXPECT_TRUE(core::escpos::can_encode(c.get("slip.lookup.here"))) << lang;
    if (lang == "uk") save_png(d, "slip-question-uk");
  }
  EXPECT_TRUE(f.printed(core::receipt_slip(f.receipt(Kind::question), f.config, f.tree, f.cat("tr")))
                  .flat()
                  .find("Görüşünüz") == std::string::npos);  // the question's words, not the poll's
  int page = -1;
  EXPECT_EQ(decode_escpos(core::escpos::encode_text("ş ğ ı ł ż € Є ґ", page) + "\n").lines.at(0).text,
            "ş ğ ı ł ż € Є г");
}

TEST(receipt_test, characters_no_code_page_has_never_reach_the_printer_as_bytes) {
  // Arabic (a code page printer can neither shape nor order it), emoji, control characters and broken UTF-8.
  Fixture f;
  EXPECT_FALSE(core::escpos::can_encode(f.cat("ar").get("slip.promise.question")));
  EXPECT_FALSE(core::escpos::can_encode("\xF0\x9F\x98\x80"));
  EXPECT_FALSE(core::escpos::can_encode("\xC3"));
  EXPECT_TRUE(core::escpos::can_encode("Café “De Markt” – 5 min…"));
  Slip slip;
  slip.lines.push_back(
      {core::SlipLine::Style::normal, false, "\xD8\xB1\xD9\x85\xD8\xB2 \x1b@\x07 \xF0\x9F\x98\x80 \xC3"});
  DecodedSlip d = f.printed(slip);  // no stray control byte or unknown command (errors checked there)
  ASSERT_EQ(d.lines.size(), 1u);
  EXPECT_EQ(d.lines[0].text, "??? ?@? ? ?");
  int page = -1;
  EXPECT_EQ(decode_escpos(core::escpos::encode_text("Café “De Markt” – 5 min…", page) + "\n").lines.at(0).text,
            "Café \"De Markt\" - 5 min...");
}

TEST(receipt_test, answer_slip_lists_every_answer_oldest_first_in_local_time) {
  Fixture f;
  StoredSubmission s;
  s.submission.reference = "DM7X4Q9M2C";
  s.answers = {{"mastodon", *parse_utc("2026-11-25T14:00:00Z"), "Dank voor uw vraag, we komen erop terug.", "2"},
               {"openklant", *parse_utc("2026-11-24T08:05:00Z"), "U kunt de vergunning online aanvragen.", "1"}};
  DecodedSlip d = f.printed(core::answer_slip(s, f.config, f.cat("nl")));
  EXPECT_TRUE(has_line(d, "DM-7X4Q-9M2C", true)) << d.text();
  std::string flat = d.flat();
  auto first = flat.find("24-11-2026 om 09:05 U kunt de vergunning");
  auto second = flat.find("25-11-2026 om 15:00 Dank voor uw vraag");
  ASSERT_NE(first, std::string::npos) << flat;
  ASSERT_NE(second, std::string::npos) << flat;
  EXPECT_LT(first, second);
  save_png(d, "slip-answers-nl");
  s.answers.clear();
  EXPECT_NE(f.printed(core::answer_slip(s, f.config, f.cat("nl"))).flat().find(f.cat("nl").get("slip.answer.none")),
            std::string::npos);
}

TEST(receipt_test, plain_text_for_cups_wraps_centres_and_spaces_out_the_code) {
  Fixture f;
  Slip slip = core::receipt_slip(f.receipt(Kind::question), f.config, f.tree, f.cat("nl"));
  std::string text = core::slip_text(slip, 32);
  EXPECT_NE(text.find("D M - 7 X 4 Q - 9 M 2 C\n"), std::string::npos) << text;
  EXPECT_NE(text.find("23-11-2026 om 10:15\n"), std::string::npos) << text;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    EXPECT_LE(utf8_length(text.substr(start, nl - start)), 32u) << text.substr(start, nl - start);
  EXPECT_EQ(core::wrap_text("een heel lang woordzonderspaties hier", 10),
            (std::vector<std::string>{"een heel", "lang", "woordzonde", "rspaties", "hier"}));
  EXPECT_EQ(core::wrap_text("eerste\ntweede", 40), (std::vector<std::string>{"eerste", "tweede"}));
}

}  // namespace
}  // namespace kiosk::test
