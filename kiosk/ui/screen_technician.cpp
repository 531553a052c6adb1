// Technician: a PIN keypad (PIN stored hashed, wrong attempts slowed down), then version, queue depth per
// channel, the sync service's last run per channel (its run record, the same `kioskctl status` reads:
// waits on purpose and "offline since" apart from what needs a person), last errors, disk free, "sync
// now" (Session::sync_now: a request to kiosk-sync, whose answering run is shown) and the USB stick's
// actions (export.hpp): "export queue" (Session::export_queue: the hand-over of `kioskctl export
// --undelivered --handover`), "import queue" (Session::import_queue) and "remove safely"
// (Session::eject_stick); a failure's message is shown. On the appliance also the image's version and what
// its last update did (update_status.hpp: installed, kept, fell back, refused and why).
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
  // On a small panel (and in large text) the words do not fit a key of the pad: their symbols do.
  if (named_button(ui, "pin.erase", "lookup.erase", g.pos(9), ImVec2(g.w, g.h)) && !ui.pin.empty()) ui.pin.pop_back();
  if (button(ui, "pin.0", "0", g.pos(10), ImVec2(g.w, g.h)) && ui.pin.size() < 12) ui.pin += '0';
  if (named_button(ui, "pin.ok", "tech.pin.ok", g.pos(11), ImVec2(g.w, g.h), Style::primary)) {
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

// What the appliance's last update did (core::UpdateStatus, written by kiosk-update) in the catalog's words.
static std::string update_text(Ui& ui, const core::TechnicianInfo& info) {
  if (!info.update_error.empty()) return core::fill(ui.t("tech.update.unreadable"), {{"error", info.update_error}});
  if (!info.update) return ui.t("tech.update.none");
  const core::UpdateStatus& u = *info.update;
  return core::fill(ui.t(core::update_event_key(u.event)), {{"time", local_time(ui, u.time_ms)},
                                                            {"version", u.version.empty() ? "?" : u.version},
                                                            {"running", u.running.empty() ? "?" : u.running},
                                                            {"reason", ui.t(core::update_reason_key(u.reason))}});
}

// The 7-day plot (core::read_sync_history): queue depth, deliveries per hour and parked, one bar per hour,
// oldest left, each chart with its name and largest value; lines at the day boundaries (24 h apart).
static void draw_sync_plot(Ui& ui, const core::SyncHistory& hist, ImVec2 p, float W, float bottom) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ui.fonts.body->FontSize + ui.m.gap * 0.3f;
  float y = p.y;
  if (!hist.error.empty()) {
    text(ui, hist.error, ImVec2(p.x, y), W, theme::kError, ui.fonts.body);
    return;
  }
  struct Chart {
    const char* key;
    std::int64_t core::SyncHour::*value;
    std::int64_t max;
    std::uint32_t colour;
  };
  const Chart charts[] = {{"tech.plot.queue", &core::SyncHour::queue, hist.max_queue, theme::col(theme::kPrimary)},
                          {"tech.plot.delivered", &core::SyncHour::delivered, hist.max_delivered,
                           theme::col(theme::kPrimary)},
                          {"tech.plot.parked", &core::SyncHour::parked, hist.max_parked, theme::col(theme::kError)}};
  const float axis = line;  // the time axis' labels under the last chart
  const float h = std::max(ui.fonts.body->FontSize, (bottom - y - axis) / 3.0f - line - ui.m.gap * 0.5f);
  const float n = static_cast<float>(std::max<std::size_t>(hist.hours.size(), 1));
  for (const Chart& c : charts) {
    text(ui, fmt::format("{} (max {})", ui.t(c.key), c.max), ImVec2(p.x, y), W, theme::kText, ui.fonts.body);
    y += line;
    dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + W, y + h), theme::col(theme::kMuted));
    for (std::size_t i = 0; i < hist.hours.size(); ++i) {
      const std::int64_t v = hist.hours[i].*c.value;
      if (v <= 0 || c.max <= 0) continue;
      float x0 = p.x + W * static_cast<float>(i) / n, x1 = p.x + W * static_cast<float>(i + 1) / n;
      if (ui.rtl) {
        x0 = p.x + W - (x0 - p.x);
        x1 = p.x + W - (x1 - p.x);
      }
      const float top = y + h - h * static_cast<float>(v) / static_cast<float>(c.max);
      dl->AddRectFilled(ImVec2(std::min(x0, x1), top), ImVec2(std::max(x0, x1), y + h), c.colour);
    }
    for (std::size_t i = 24; i < hist.hours.size(); i += 24) {
      float x = p.x + W * static_cast<float>(i) / n;
      if (ui.rtl) x = p.x + W - (x - p.x);
      dl->AddLine(ImVec2(x, y), ImVec2(x, y + h), theme::col(theme::kMuted));
    }
    y += h + ui.m.gap * 0.5f;
  }
  // Oldest on the reading start side, now on the other.
  const std::string& ago = ui.t("tech.plot.ago");
  const std::string& now = ui.t("tech.plot.now");
  const float now_w = ui.fonts.body->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, 0, now.c_str()).x;
  const float ago_w = ui.fonts.body->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, 0, ago.c_str()).x;
  text(ui, ago, ImVec2(ui.rtl ? p.x + W - ago_w : p.x, y), std::min(ago_w + 1, W * 0.5f), theme::kMuted, ui.fonts.body);
  text(ui, now, ImVec2(ui.rtl ? p.x : p.x + W - now_w, y), std::min(now_w + 1, W * 0.5f), theme::kMuted, ui.fonts.body);
}

void draw_technician(Ui& ui) {
  ImVec2 p = begin_screen(ui, "technician", ui.t("tech.title"));
  // The session reads it on opening, after a sync or export ends and every 10 s (not every frame).
  const core::TechnicianInfo& info = ui.s.technician_info();
  const float W = ui.display.x - 2 * ui.m.pad;
  const float col2 = W * (ui.display.x < 1000 ? 0.3f : 0.4f);  // small displays: more room for values
  float y = p.y;
  const bool plot = ui.tech_plot && *ui.tech_plot;

  // The actions first, in the page that scrolls (drawn at the display's bottom they fell under the page's
  // bottom edge: on every panel the technician could not reach them): sync now, export, plot or rows.
  bool busy = ui.tech_job.running();
  const std::string& l_sync = ui.t("tech.sync_now");
  const std::string& l_export = ui.t("tech.export");
  const std::string& l_import = ui.t("tech.import");
  const std::string& l_eject = ui.t("tech.eject");
  const std::string& l_plot = ui.t(plot ? "tech.plot.rows" : "tech.plot");
  auto bw = [&](const std::string& l) { return text_width(ui.fonts.body, l) + 4 * ui.m.gap; };
  const bool one_row = bw(l_sync) + bw(l_export) + bw(l_import) + bw(l_eject) + bw(l_plot) + 4 * ui.m.gap <= W;
  // Else two columns where every name fits half the width (the Pi's display: five rows would push the plot
  // below the fold), else one.
  const float half = (W - ui.m.gap) * 0.5f;
  const bool two_cols = !one_row && std::max({bw(l_sync), bw(l_export), bw(l_import), bw(l_eject), bw(l_plot)}) <= half;
  float x = p.x;
  int placed = 0;
  auto action = [&](const char* id, const std::string& label, Style style, bool enabled) {
    const float w = one_row ? bw(label) : two_cols ? half : W;
    const float ax = two_cols ? p.x + (placed % 2) * (half + ui.m.gap) : x;
    bool hit = button(ui, id, label, ImVec2(flip_x(ui, ax, w), y), ImVec2(w, ui.m.button_h), style, enabled);
    ++placed;
    if (one_row) {
      x += w + ui.m.gap;
    } else if (!two_cols || placed % 2 == 0) {
      y += ui.m.button_h + ui.m.gap * 0.5f;
    }
    return hit;
  };
  using core::TechAction;
  if (action("tech.sync_now", l_sync, Style::primary, !busy)) {
    ui.tech_action = TechAction::sync_now;
    ui.notice.clear();
    ui.s.sync_now(ui.tech_job, ui.wake);
  }
  // The USB stick: export (hand-over), import, remove safely (export.hpp).
  auto stick_action = [&](TechAction a, const std::string& label, auto start) {
    if (!action(core::tech_action_key(a), label, Style::secondary, !busy)) return;
    ui.tech_action = a;
    core::StickStart r = start();
    ui.notice = r == core::StickStart::no_stick ? ui.t("tech.no_usb") : std::string();
  };
  stick_action(TechAction::export_usb, l_export, [&] { return ui.s.export_queue(ui.tech_job, ui.wake); });
  stick_action(TechAction::import_usb, l_import, [&] { return ui.s.import_queue(ui.tech_job, ui.wake); });
  stick_action(TechAction::eject_usb, l_eject, [&] { return ui.s.eject_stick(ui.tech_job, ui.wake); });
  if (ui.tech_plot && action("tech.plot", l_plot, Style::secondary, true)) *ui.tech_plot = !plot;
  if (one_row || (two_cols && placed % 2 == 1)) y += ui.m.button_h + ui.m.gap;
  // What the last action did.
  std::string status = ui.notice;
  if (ui.tech_action && busy)
    status = *ui.tech_action == TechAction::sync_now
                 ? ui.t("tech.sync.asked")
                 : ui.t(core::tech_action_key(*ui.tech_action)) + ": " + ui.t("tech.running");
  else if (auto r = ui.tech_job.result(); ui.tech_action && r && status.empty())
    status = core::tech_action_outcome(ui.catalogs.get(ui.s.language()), *ui.tech_action, *r);
  if (!status.empty()) y += text(ui, status, ImVec2(p.x, y), W, theme::kText, ui.fonts.body) + ui.m.gap;

  if (plot) {
    // Three charts in the page's height where it has room (the Pi's display too), at least three lines each.
    const float line = ui.fonts.body->FontSize;
    const float h = std::max(content_bottom(ui) - y - 2 * ui.m.pad, 3 * (3 * line + ui.m.gap));
    draw_sync_plot(ui, ui.s.sync_history(), ImVec2(p.x, y), W, y + h);
    register_widget(ui, core::Role::text, "tech.plot.area", ui.t("tech.plot"), ImVec2(p.x, y), ImVec2(p.x + W, y + h));
    end_screen(ui);
    return;
  }
  // Rows take the height of their label or their value, whichever wraps more; the most important first
  // (queue, waits, errors).
  auto row = [&](const std::string& label, const std::string& value) {
    float lh = text(ui, label, ImVec2(p.x, y), col2 - ui.m.gap, theme::kMuted, ui.fonts.body);
    float vh = text(ui, value, ImVec2(p.x + col2, y), W - col2, theme::kText, ui.fonts.body);
    y += std::max({ui.fonts.body->FontSize, lh, vh}) + ui.m.gap * 0.5f;
  };
  std::string queue;
  for (const auto& [ch, n] : info.queue_depth) {
    auto parked = info.parked.find(ch);
    queue += fmt::format("{}{}: {} ({} {})", queue.empty() ? "" : "\n", ch, n,
                         parked == info.parked.end() ? 0 : parked->second, ui.t("tech.parked"));
  }
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
  // On the appliance the image's version (an update bundle carries it), else the program's.
  row(ui.t("tech.version"),
      (info.image_version.empty() ? info.version : info.image_version) + "  (" + ui.s.config().kiosk.id + ")");
  // Off the appliance (no image version, no status file) there are no updates to speak of.
  if (!info.image_version.empty() || info.update || !info.update_error.empty())
    row(ui.t("tech.update"), update_text(ui, info));
  end_screen(ui);
}

}  // namespace kiosk::ui
