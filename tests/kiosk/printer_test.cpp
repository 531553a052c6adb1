// The receipt printer (kiosk/core/printer.cpp): an ESC/POS printer on a device node, played by the
// pseudo-terminal of tests/support/fake_printer.hpp (bytes recorded, status queries answered, paper out,
// silent), an unplugged one (no device node), and a CUPS queue through a fake `lp` on PATH that records its
// arguments and standard input. Then the session's print commands, as the receipt and technician screens
// use them.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <map>
#include <cstdlib>
#include <thread>

#include "escpos_decoder.hpp"
#include "fake_printer.hpp"
#include "kiosk/core/escpos.hpp"
#include "kiosk/core/printer.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/sync/time.hpp"
#include "session_world.hpp"
#include "test_support.hpp"

namespace kiosk::test {
namespace {

using core::PrinterState;

core::Slip small_slip() {
  core::Slip s;
  s.lines = {{core::SlipLine::Style::bold, true, "Gemeente Test"},
             {core::SlipLine::Style::large, true, "DM-7X4Q-9M2C"},
             {core::SlipLine::Style::normal, false, "Bel 14 020 en noem uw code."}};
  return s;
}

UiSection escpos_ui(const std::string& device) {
  UiSection ui;
  ui.printer_device = device;
  return ui;
}

// Sets PATH for the test's lifetime.
struct PathPrefix {
  std::string old = std::getenv("PATH") ? std::getenv("PATH") : "";
  explicit PathPrefix(const std::filesystem::path& dir) { ::setenv("PATH", (dir.string() + ":" + old).c_str(), 1); }
  ~PathPrefix() { ::setenv("PATH", old.c_str(), 1); }
};

// A fake lp in dir: records its arguments and stdin, answers with `exit_code` and `message`.
void write_fake_lp(const std::filesystem::path& dir, int exit_code, const std::string& message = {}) {
  std::ofstream(dir / "lp") << "#!/bin/sh\n"
                            << "printf '%s\\n' \"$@\" > " << shell_quote((dir / "lp.args").string()) << "\n"
                            << "cat > " << shell_quote((dir / "lp.stdin").string()) << "\n"
                            << (message.empty() ? "" : "echo " + shell_quote(message) + " >&2\n") << "exit "
                            << exit_code << "\n";
  chmod((dir / "lp").c_str(), 0755);
}

// The one byte a printer answers to DLE EOT 4 (Epson's real-time paper sensor status): bits 1 and 4 are
// always set and 0 and 7 clear; bits 2-3 the near-end sensor, bits 5-6 the paper-end sensor. Every one of
// the 256 possible bytes reads as exactly one state, and a byte that breaks the fixed bits (noise, another
// command's answer) is never taken for paper.
TEST(printer_test, every_status_byte_reads_as_one_paper_state) {
  using core::escpos::Paper;
  std::map<Paper, int> seen;
  for (int b = 0; b < 256; ++b) {
    const Paper p = core::escpos::paper_status(static_cast<unsigned char>(b));
    ++seen[p];
    const Paper want = (b & 0x93) != 0x12 ? Paper::bad_reply
                       : (b & 0x60)       ? Paper::out
                       : (b & 0x0C)       ? Paper::near_end
                                          : Paper::ok;
    EXPECT_EQ(p, want) << b;
  }
  EXPECT_EQ(seen[Paper::ok], 1);
  EXPECT_EQ(seen[Paper::near_end], 3);
  EXPECT_EQ(seen[Paper::out], 12);
  EXPECT_EQ(seen[Paper::bad_reply], 240);
  EXPECT_EQ(core::escpos::paper_status(0x12), Paper::ok);
  EXPECT_EQ(core::escpos::paper_status(0x1E), Paper::near_end);  // both near-end bits
  EXPECT_EQ(core::escpos::paper_status(0x72), Paper::out);       // both paper-end bits
}

TEST(printer_test, escpos_slip_reaches_the_device_between_two_paper_checks) {
  FakePrinter fake;
  ASSERT_TRUE(fake.ok());
  FakeClock clock;
  core::Printer p(escpos_ui(fake.device()), clock);
  EXPECT_EQ(p.kind(), core::PrinterKind::escpos);
  EXPECT_EQ(p.status().state, PrinterState::unknown);
  auto r = p.print(small_slip());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(p.status().state, PrinterState::ready);
  EXPECT_EQ(p.status().at_ms, clock.now_ms());
  EXPECT_EQ(fake.status_queries(), 2);
  std::string bytes = fake.bytes();
  EXPECT_EQ(bytes.rfind("\x10\x04\x04", 0), 0u);  // asked before anything was printed
  DecodedSlip d = decode_escpos(bytes);
  EXPECT_TRUE(d.errors.empty()) << ::testing::PrintToString(d.errors);
  ASSERT_EQ(d.lines.size(), 3u) << d.text();
  EXPECT_TRUE(d.lines[1].large && d.lines[1].centre);
  EXPECT_EQ(d.lines[1].text, "DM-7X4Q-9M2C");
  EXPECT_TRUE(d.lines[0].bold);
  EXPECT_EQ(d.cuts, 1);
  EXPECT_EQ(d.status_queries, 2);
}

TEST(printer_test, paper_out_prints_nothing_and_is_told) {
  FakePrinter fake;
  fake.set_paper(FakePrinter::Paper::out);
  FakeClock clock;
  core::Printer p(escpos_ui(fake.device()), clock);
  auto r = p.print(small_slip());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::io);
  EXPECT_EQ(p.status().state, PrinterState::paper_out);
  EXPECT_EQ(fake.bytes(), std::string("\x10\x04\x04"));  // the question only: no slip half printed
  EXPECT_EQ(core::print_result_key(p.status().state), "receipt.paper_out");
  EXPECT_NE(p.summary().find("paper_out"), std::string::npos) << p.summary();
  // New paper: the next slip prints and the state says so.
  fake.set_paper(FakePrinter::Paper::ok);
  EXPECT_TRUE(p.print(small_slip()).ok());
  EXPECT_EQ(p.status().state, PrinterState::ready);
  EXPECT_EQ(core::print_result_key(p.status().state), "receipt.printed");
}

TEST(printer_test, paper_running_out_during_a_slip_or_nearly_out_is_noticed) {
  FakePrinter fake;
  FakeClock clock;
  core::Printer p(escpos_ui(fake.device()), clock);
  fake.paper_out_after(20);
  EXPECT_FALSE(p.print(small_slip()).ok());
  EXPECT_EQ(p.status().state, PrinterState::paper_out);
  EXPECT_NE(p.status().detail.find("while printing"), std::string::npos);

  FakePrinter low;
  low.set_paper(FakePrinter::Paper::near_end);
  core::Printer q(escpos_ui(low.device()), clock);
  EXPECT_TRUE(q.print(small_slip()).ok());  // printed: the citizen has the slip; the technician sees paper_low
  EXPECT_EQ(q.status().state, PrinterState::paper_low);
}

TEST(printer_test, unplugged_and_silent_printers_are_told_apart) {
  TempDir dir;
  FakeClock clock;
  core::Printer gone(escpos_ui((dir / "lp0").string()), clock);
  auto r = gone.print(small_slip());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(gone.status().state, PrinterState::unplugged);
  EXPECT_NE(r.error().message.find("unplugged"), std::string::npos) << r.error().message;
  EXPECT_EQ(core::print_result_key(gone.status().state), "receipt.print_failed");

  FakePrinter fake;
  fake.silent(true);
  core::Printer mute(escpos_ui(fake.device()), clock);
  mute.set_status_timeout_ms(100);
  EXPECT_FALSE(mute.print(small_slip()).ok());
  EXPECT_EQ(mute.status().state, PrinterState::offline);
  EXPECT_EQ(fake.bytes(), std::string("\x10\x04\x04"));
}

TEST(printer_test, cups_queue_gets_the_slip_as_text_through_lp) {
  TempDir dir;
  write_fake_lp(dir.path(), 0);
  PathPrefix path(dir.path());
  FakeClock clock;
  UiSection ui;
  ui.printer = "bon-printer";  // the one printer key of old configurations
  core::Printer p(ui, clock);
  EXPECT_EQ(p.kind(), core::PrinterKind::cups);
  auto r = p.print(small_slip());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(p.status().state, PrinterState::ready);
  EXPECT_EQ(read_file(dir / "lp.args"), "-d\nbon-printer\n");
  EXPECT_EQ(read_file(dir / "lp.stdin"), core::slip_text(small_slip(), ui.printer_columns));

  write_fake_lp(dir.path(), 1, "lp: The printer or class does not exist.");
  EXPECT_FALSE(p.print(small_slip()).ok());
  EXPECT_EQ(p.status().state, PrinterState::failed);
  EXPECT_NE(p.status().detail.find("does not exist"), std::string::npos) << p.status().detail;
}

TEST(printer_test, no_printer_configured_offers_no_printing) {
  FakeClock clock;
  core::Printer p(UiSection{}, clock);
  EXPECT_FALSE(p.available());
  EXPECT_FALSE(p.print(small_slip()).ok());
}

// --- the session's print commands ---------------------------------------------------------------------------

struct SessionFixture : SessionWorld {
  FakePrinter fake;
  core::Catalogs catalogs = *core::Catalogs::load(core::catalog_dir(), config.kiosk.languages);
  core::BackgroundCommand job;
  SessionFixture() {
    clock.set(*parse_utc("2026-11-23T09:15:00Z"));
    config.ui.printer.clear();
    config.ui.printer_device = fake.device();
    config.ui.receipt_phone = "14 020";
    open();
  }
  void submit_question(std::string_view lang) {
    s->start();
    s->set_language(lang);
    s->choose(core::Flow::question);
    s->pick_topic("parkeren");
    s->question().text = "Waar kan ik een parkeervergunning aanvragen?";
    while (s->screen() != core::Screen::question_review && s->errors().empty()) s->next();
    s->submit();
    ASSERT_EQ(s->screen(), core::Screen::receipt);
  }
  core::CommandResult wait() {
    while (job.running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return *job.result();
  }
};

TEST(printer_test, session_prints_the_receipt_and_the_screens_learn_what_happened) {
  SessionFixture f;
  f.submit_question("nl");
  ASSERT_TRUE(f.s->print_available());
  ASSERT_TRUE(f.s->print_receipt(f.catalogs, f.job));
  EXPECT_EQ(f.wait().exit_code, 0);
  DecodedSlip d = decode_escpos(f.fake.bytes());
  EXPECT_TRUE(d.errors.empty());
  std::string code = refcode::group(f.s->receipt()->reference);
  const auto& nl = f.catalogs.get("nl");
  std::string flat = d.flat();
  EXPECT_NE(flat.find(code), std::string::npos) << flat;
  EXPECT_NE(flat.find("23-11-2026 om 10:15"), std::string::npos) << flat;
  EXPECT_NE(flat.find(nl.get("slip.promise.question")), std::string::npos) << flat;
  EXPECT_NE(flat.find("Bel 14 020 en noem uw code."), std::string::npos) << flat;
  EXPECT_EQ(f.s->printer_status().state, PrinterState::ready);

  // The roll runs out: the job fails, the screen reads the reason, the technician screen shows it.
  f.fake.set_paper(FakePrinter::Paper::out);
  ASSERT_TRUE(f.s->print_receipt(f.catalogs, f.job));
  EXPECT_NE(f.wait().exit_code, 0);
  EXPECT_EQ(f.s->printer_status().state, PrinterState::paper_out);
  EXPECT_EQ(core::print_result_key(f.s->printer_status().state), "receipt.paper_out");
  for (const auto& c : f.catalogs.all()) EXPECT_TRUE(c.has("receipt.paper_out")) << c.language();
  f.s->finish();  // the printer's state outlives the citizen's session
  f.s->open_technician();
  EXPECT_NE(f.s->technician_info().printer.find("paper_out"), std::string::npos) << f.s->technician_info().printer;
}

TEST(printer_test, arabic_session_gets_its_slip_in_the_default_language_on_a_code_page_printer) {
  SessionFixture f;
  f.submit_question("ar");
  auto slip = f.s->receipt_slip(f.catalogs);
  ASSERT_TRUE(slip);
  EXPECT_EQ(slip->language, f.config.kiosk.default_language);
  ASSERT_TRUE(f.s->print_receipt(f.catalogs, f.job));
  EXPECT_EQ(f.wait().exit_code, 0);
  std::string flat = decode_escpos(f.fake.bytes()).flat();
  EXPECT_EQ(flat.find('?'), std::string::npos) << flat;
  EXPECT_NE(flat.find(f.catalogs.get("nl").get("slip.title.question")), std::string::npos) << flat;
  // Turkish prints in Turkish.
  SessionFixture g;
  g.submit_question("tr");
  EXPECT_EQ(g.s->receipt_slip(g.catalogs)->language, "tr");
}

TEST(printer_test, session_prints_the_answers_of_a_looked_up_code) {
  SessionFixture f;
  f.submit_question("nl");
  std::string ref = f.s->receipt()->reference;
  auto stored = f.outbox->find(ref);
  ASSERT_TRUE(stored.ok());
  ASSERT_TRUE(f.outbox
                  ->add_answer(stored->row_id,
                               Answer{"openklant", f.clock.now_ms(), "U kunt de vergunning online aanvragen.", "a1"})
                  .ok());
  f.s->finish();
  EXPECT_FALSE(f.s->print_answers(f.catalogs, f.job));  // no look-up shown
  f.s->start();
  f.s->choose(core::Flow::lookup);
  f.s->lookup_code() = ref;
  f.s->look_up();
  ASSERT_TRUE(f.s->lookup_result());
  ASSERT_TRUE(f.s->print_answers(f.catalogs, f.job));
  EXPECT_EQ(f.wait().exit_code, 0);
  std::string flat = decode_escpos(f.fake.bytes()).flat();
  EXPECT_NE(flat.find("23-11-2026 om 10:15 U kunt de vergunning online aanvragen."), std::string::npos) << flat;
}

}  // namespace
}  // namespace kiosk::test
