// Technician: a PIN keypad (PIN stored hashed, wrong attempts slowed down), then version, queue depth per
// channel, the sync service's last run per channel (its run record, the same `kioskctl status` reads:
// waits on purpose and "offline since" apart from what needs a person), last errors, disk free, "sync
// now" (Session::sync_now: a request to kiosk-sync, whose answering run is shown) and "export queue to
// USB stick" (Session::export_queue: the hand-over of `kioskctl export --undelivered --handover`); a
// failure's message is shown.
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

// A channel's line of the last sync run in the catalog's words.
static std::string sync_line_text(Ui& ui, const core::SyncChannelLine& l) {
  if (l.health == Health::waiting)
    return wait_text(ui, {l.channel, l.wait, l.until_ms, l.failures,
                          ui.s.config().channels.count(l.channel) ? ui.s.config().channels.at(l.channel).posts_per_hour
                                                                  : 0});
  const char* key = l.health == Health::ok        ? "tech.health.ok"
                    : l.health == Health::offline ? (l.since_ms ? "tech.health.offline" : "tech.health.offline_never")
                    : l.parked > 0                ? "tech.health.parked"
                                                  : "tech.health.error";
  return core::fill(ui.t(key), {{"channel", l.channel},
                                {"time", l.since_ms ? local_time(ui, l.since_ms) : std::string()},
                                {"delivered", std::to_string(l.delivered)},
                                {"pending", std::to_string(l.pending)},
                                {"n", std::to_string(l.parked)},
                                {"error", l.error}});
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
  if (!info.sync.channels.empty()) {
    std::string lines;
    for (const auto& l : info.sync.channels) lines += (lines.empty() ? "" : "\n") + sync_line_text(ui, l);
    row(ui.t("tech.sync_channels"), lines);
  }
  std::string errors;
  for (const auto& e : info.last_errors) errors += (errors.empty() ? "" : "\n") + e;
  if (!info.error.empty()) errors = info.error;
  row(ui.t("tech.errors"), errors.empty() ? ui.t("tech.no_errors") : errors);
  if (!info.printer.empty()) row(ui.t("tech.printer"), info.printer);  // paper out, offline: seen here first
  row(ui.t("tech.last_sync"), info.last_sync_ms ? local_time(ui, info.last_sync_ms) : ui.t("tech.never"));
  row(ui.t("tech.submissions"), std::to_string(info.submissions));
  row(ui.t("tech.disk_free"), human_bytes(info.disk_free_bytes));
  row(ui.t("tech.version"), info.version + "  (" + ui.s.config().kiosk.id + ")");
  dl->PopClipRect();

  // Actions and their result.
  bool busy = ui.tech_job.running();
  float bw = (W - ui.m.pad) * 0.5f;
  float by = ui.display.y - ui.m.button_h - ui.m.gap;
  if (button(ui, "tech.sync_now", ui.t("tech.sync_now"), ImVec2(p.x, by), ImVec2(bw * 0.8f, ui.m.button_h),
             Style::primary, !busy)) {
    ui.tech_job_label = ui.t("tech.sync_now");
    ui.notice.clear();
    ui.s.sync_now(ui.tech_job, ui.wake);
  }
  if (button(ui, "tech.export", ui.t("tech.export"), ImVec2(p.x + bw * 0.8f + ui.m.pad, by),
             ImVec2(bw * 1.2f, ui.m.button_h), Style::secondary, !busy)) {
    ui.tech_job_label = ui.t("tech.export");
    core::ExportStart r = ui.s.export_queue(ui.tech_job, ui.wake);
    ui.notice = r == core::ExportStart::no_stick ? ui.t("tech.no_usb") : std::string();
  }
  std::string status = ui.notice;
  bool sync_job = ui.tech_job_label == ui.t("tech.sync_now");
  if (busy) status = sync_job ? ui.t("tech.sync.asked") : ui.tech_job_label + ": " + ui.t("tech.running");
  else if (auto r = ui.tech_job.result(); r && status.empty() && sync_job)
    status = ui.t(core::sync_outcome_key(*r)) + (r->output.empty() ? "" : " " + r->output);
  else if (r && status.empty())
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
