// The receipt screen (kiosk/ui/screen_receipt.cpp) with a receipt printer (the pseudo-terminal of
// tests/support/fake_printer.hpp): a print on a printer without paper tells the citizen to write the code
// down or ask staff, the code stays large on screen, and the print button may be tried again once staff put
// paper in. KIOSK_SCREENSHOT_DIR=docs/screenshots writes 12-receipt-paper-out.png.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fake_printer.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Screen;

bool shows(UiHarness& h, const std::string& key) {
  for (const auto& w : h.ui->registry().items())
    if (w.label == h.catalogs.get(h.session->language()).get(key)) return true;
  return false;
}

// Waits for the print job (its end wakes the UI) and draws what follows.
void wait_for_print(UiHarness& h, core::PrinterState before_state, std::int64_t before_ms) {
  for (int i = 0; i < 400; ++i) {
    auto st = h.session->printer_status();
    if (st.state != before_state || st.at_ms != before_ms) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the job thread returns its result
  h.ui->request_frames(2);
  h.settle();
}

TEST(ui_receipt_test, paper_out_is_told_and_the_print_can_be_tried_again) {
  FakePrinter fake;
  ASSERT_TRUE(fake.ok());
  fake.set_paper(FakePrinter::Paper::out);
  Config config = demo_config();
  config.ui.printer_device = fake.device();
  UiHarness h(config, 800, 480);
  auto& s = *h.session;
  s.start();
  s.choose(core::Flow::poll);
  s.pick_poll_answer(s.active_poll()->answers.front().id);
  s.submit();
  ASSERT_EQ(s.screen(), Screen::receipt);
  h.settle();
  EXPECT_TRUE(shows(h, "receipt.keep.poll"));
  EXPECT_FALSE(shows(h, "receipt.keep"));  // a poll's receipt does not send the citizen to look up an answer
  ASSERT_TRUE(h.tap("receipt.print"));
  wait_for_print(h, core::PrinterState::unknown, 0);
  EXPECT_EQ(s.printer_status().state, core::PrinterState::paper_out);
  EXPECT_TRUE(shows(h, "receipt.paper_out"));
  const char* env = std::getenv("KIOSK_SCREENSHOT_DIR");
  std::filesystem::path d = env && *env ? std::filesystem::path(env) : h.dir.path() / "shots";
  ASSERT_TRUE(h.screenshot(d / "12-receipt-paper-out.png"));
  // Staff put in a new roll; the same button prints.
  fake.set_paper(FakePrinter::Paper::ok);
  ASSERT_TRUE(h.target("receipt.print") && h.target("receipt.print")->enabled);
  auto before = s.printer_status();
  ASSERT_TRUE(h.tap("receipt.print"));
  wait_for_print(h, before.state, before.at_ms);
  EXPECT_EQ(s.printer_status().state, core::PrinterState::ready);
  EXPECT_TRUE(shows(h, "receipt.printed"));
  EXPECT_FALSE(shows(h, "receipt.paper_out"));
}

}  // namespace
}  // namespace kiosk::test
