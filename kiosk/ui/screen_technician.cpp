// Technician: a PIN keypad (PIN stored hashed, wrong attempts slowed down), then version, queue depth per
// channel, last sync, channels that wait on purpose (paced, backing off, circuit open: a state, not an
// error), last errors, disk free, "sync now" (kioskctl of the same build) and "export queue to USB stick"
// (Session::export_queue: the hand-over of `kioskctl export --undelivered --handover`); a failure's
// message is shown.
#include <filesystem>

#include <fmt/format.h>

#include "kiosk/sync/time.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_technician_pin(Ui& ui) {
  ImVec2 p = begin_screen(ui, "technician_pin", ui.t("tech.pin.title"));
  float y = p.y;
  ImFont* cf = ui.fonts.code;
  std::string dots(ui.pin.size(), '*');
  ImGui::GetWindowDrawList()->AddText(cf, cf->FontSize, ImVec2(p.x, y), theme::col(theme::kText), dots.c_str());
  y += cf->FontSize + ui.m.gap;
  if (!ui.notice.empty()) y += text(ui, ui.notice, ImVec2(p.x, y), ui.display.x * 0.45f, theme::kError, ui.fonts.body);
  float kx = ui.display.x * 0.5f;
  Grid g = make_grid(ui, ImVec2(kx, p.y), 12, 3, ui.display.y - ui.m.pad);
  g.w = (ui.display.x - ui.m.pad - kx - 2 * g.gap) / 3;
  const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
  for (int i = 0; i < 9; ++i) {
    std::string id = std::string("pin.") + keys[i];
    if (button(ui, id.c_str(), keys[i], g.pos(i), ImVec2(g.w, g.h)) && ui.pin.size() < 12) ui.pin += keys[i];
  }
  if (button(ui, "pin.erase", ui.t("lookup.erase"), g.pos(9), ImVec2(g.w, g.h)) && !ui.pin.empty()) ui.pin.pop_back();
  if (button(ui, "pin.0", "0", g.pos(10), ImVec2(g.w, g.h)) && ui.pin.size() < 12) ui.pin += '0';
  if (button(ui, "pin.ok", ui.t("tech.pin.ok"), g.pos(11), ImVec2(g.w, g.h), Style::primary)) {
    core::PinResult r = ui.s.enter_pin(ui.pin);
    std::fill(ui.pin.begin(), ui.pin.end(), '\0');
    ui.pin.clear();
    if (r == core::PinResult::wrong) ui.notice = ui.t("tech.pin.wrong");
    if (r == core::PinResult::not_configured) ui.notice = ui.t("tech.pin.none");
    if (r == core::PinResult::wait)
      ui.notice = core::fill(ui.t("tech.pin.wait"), {{"n", std::to_string((ui.s.pin_wait_ms() + 999) / 1000)}});
    if (r == core::PinResult::ok) ui.notice.clear();
  }
  end_screen(ui);
}

static std::string human_bytes(std::int64_t b) {
  if (b < 0) return "?";
  if (b >= (std::int64_t{1} << 30)) return fmt::format("{:.1f} GiB", double(b) / double(1 << 30));
  return fmt::format("{:.0f} MiB", double(b) / double(1 << 20));
}

static std::string local_time(Ui& ui, std::int64_t ms) {
  return format_date_time(ms, utc_offset_minutes(ui.s.config().kiosk.time_zone, ms));
}

// A channel's wait in the catalog's words, its time in local time.
static std::string wait_text(Ui& ui, const core::TechnicianInfo::Waiting& w) {
  const char* key = w.wait == Wait::paced     ? "tech.wait.paced"
                    : w.wait == Wait::tally   ? "tech.wait.tally"
                    : w.wait == Wait::backoff ? "tech.wait.backoff"
                                              : "tech.wait.circuit_open";
  return core::fill(ui.t(key), {{"channel", w.channel},
                                {"time", local_time(ui, w.until_ms)},
                                {"n", std::to_string(w.failures)},
                                {"pph", std::to_string(w.posts_per_hour)}});
}

void draw_technician(Ui& ui) {
  ImVec2 p = begin_screen(ui, "technician", ui.t("tech.title"));
  // Read once per frame drawn; technician frames are rare (render on demand).
  core::TechnicianInfo info = ui.s.technician_info();
  const float W = ui.display.x - 2 * ui.m.pad;
  const float col2 = W * (ui.display.x < 1000 ? 0.3f : 0.4f);  // small displays: more room for values
  float y = p.y;
  // Rows take the height of their label or their value, whichever wraps more, and stay above the
  // buttons: the most important come first (queue, waits, errors), so a small display cuts the least.
  const float rows_end = ui.display.y - ui.m.button_h - 2 * ui.m.gap;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(ImVec2(p.x, p.y), ImVec2(p.x + W, rows_end), true);
  auto row = [&](const std::string& label, const std::string& value) {
    float lh = text(ui, label, ImVec2(p.x, y), col2 - ui.m.gap, theme::kMuted, ui.fonts.body);
    float vh = text(ui, value, ImVec2(p.x + col2, y), W - col2, theme::kText, ui.fonts.body);
    y += std::max({ui.fonts.body->FontSize, lh, vh}) + ui.m.gap * 0.5f;
  };
  std::string queue;
  for (const auto& [ch, n] : info.queue_depth)
    queue += fmt::format("{}{}: {} ({} {})", queue.empty() ? "" : "\n", ch, n, info.parked[ch], ui.t("tech.parked"));
  row(ui.t("tech.queue"), queue.empty() ? "0" : queue);
  if (!info.waiting.empty()) {
    std::string waiting;
    for (const auto& w : info.waiting) waiting += (waiting.empty() ? "" : "\n") + wait_text(ui, w);
    row(ui.t("tech.waiting"), waiting);
  }
  std::string errors;
  for (const auto& e : info.last_errors) errors += (errors.empty() ? "" : "\n") + e;
  if (!info.error.empty()) errors = info.error;
  row(ui.t("tech.errors"), errors.empty() ? ui.t("tech.no_errors") : errors);
  row(ui.t("tech.last_sync"), info.last_sync_ms ? local_time(ui, info.last_sync_ms) : ui.t("tech.never"));
  row(ui.t("tech.submissions"), std::to_string(info.submissions));
  row(ui.t("tech.disk_free"), human_bytes(info.disk_free_bytes));
  row(ui.t("tech.version"), info.version + "  (" + ui.s.config().kiosk.id + ")");
  dl->PopClipRect();

  // Actions and their result.
  bool busy = ui.tech_job.running();
  float bw = (W - ui.m.pad) * 0.5f;
  float by = ui.display.y - ui.m.button_h - ui.m.gap;
  const Config& cfg = ui.s.config();
  auto base = ui.kioskctl;
  if (!cfg.is_demo()) base.insert(base.end(), {"--config", cfg.source.string()});
  if (button(ui, "tech.sync_now", ui.t("tech.sync_now"), ImVec2(p.x, by), ImVec2(bw * 0.8f, ui.m.button_h),
             Style::primary, !busy && !ui.kioskctl.empty())) {
    auto argv = base;
    argv.push_back("sync");
    ui.tech_job_label = ui.t("tech.sync_now");
    ui.tech_job.start(argv, ui.wake);
    ui.s.note_sync(std::time(nullptr) * std::int64_t{1000});
  }
  if (button(ui, "tech.export", ui.t("tech.export"), ImVec2(p.x + bw * 0.8f + ui.m.pad, by),
             ImVec2(bw * 1.2f, ui.m.button_h), Style::secondary, !busy)) {
    ui.tech_job_label = ui.t("tech.export");
    core::ExportStart r = ui.s.export_queue(ui.tech_job, ui.wake);
    ui.notice = r == core::ExportStart::no_stick ? ui.t("tech.no_usb") : std::string();
  }
  std::string status = ui.notice;
  if (busy) status = ui.tech_job_label + ": " + ui.t("tech.running");
  else if (auto r = ui.tech_job.result(); r && status.empty())
    status = ui.tech_job_label + ": " +
             (r->exit_code == 0 ? ui.t("tech.done_ok") : ui.t("tech.done_fail") + " " + r->output);
  if (!status.empty()) {
    float sy = std::min(y + ui.m.gap, by - ui.fonts.body->FontSize * 3 - ui.m.gap);
    dl->PushClipRect(ImVec2(p.x, sy), ImVec2(p.x + W, by - ui.m.gap), true);
    text(ui, status, ImVec2(p.x, sy), W, theme::kText, ui.fonts.body);
    dl->PopClipRect();
  }
  end_screen(ui);
}

}  // namespace kiosk::ui
