// kiosk-provision: validate a provisioning file and install it (see provision.hpp).
//   kiosk-provision [--root DIR] [--check] [--keep] [--error-file PATH] FILE
// Exit codes (kiosk::ExitCode, the table shared with kioskctl and kiosk-sync): 0 installed (FILE deleted
// unless --keep) or valid (--check), 2 usage, 3 the file has errors (nothing written, FILE kept, errors on
// stderr and in --error-file), 7 writing failed.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "kiosk/sync/error.hpp"
#include "provision.hpp"

namespace fs = std::filesystem;
using kiosk::as_int;
using kiosk::ExitCode;

int main(int argc, char** argv) {
  CLI::App app{"kiosk-provision: validates FILE (kiosk configuration + [provision] + [secrets.<channel>]) and\n"
               "installs it into /etc/kiosk and the system; FILE is deleted afterwards. --check only validates."};
  app.footer(fmt::format("Exit codes: {} done, {} usage, {} the file has errors (nothing written), {} writing failed.",
                         as_int(ExitCode::ok), as_int(ExitCode::usage), as_int(ExitCode::invalid_input),
                         as_int(ExitCode::file)));
  app.set_version_flag("--version", std::string("kiosk-provision ") + KIOSK_VERSION);
  kiosk::provision::Options options;
  bool check = false, keep = false;
  fs::path error_file, file;
  app.add_option("--root", options.root, "Target root directory")->capture_default_str();
  app.add_flag("--check", check, "Only validate FILE");
  app.add_flag("--keep", keep, "Keep FILE after installing it");
  app.add_option("--error-file", error_file, "Also write the errors to this file");
  app.add_option("FILE", file, "The provisioning file")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? as_int(ExitCode::ok) : as_int(ExitCode::usage);
  }

  kiosk::provision::Plan plan;
  auto errors = kiosk::provision::validate(file, options, &plan);
  std::error_code ec;
  if (!errors.empty()) {
    std::string text = "The provisioning file was NOT applied and is left in place. Fix these errors:\n";
    for (const auto& e : errors) {
      std::fprintf(stderr, "kiosk-provision: %s\n", e.c_str());
      text += e + "\n";
    }
    if (!error_file.empty()) {
      std::ofstream out(error_file, std::ios::trunc);
      out << text;
    }
    return as_int(ExitCode::invalid_input);
  }
  if (check) {
    std::printf("%s: valid (kiosk %s, %s)\n", file.c_str(), plan.config.kiosk.id.c_str(),
                plan.config.kiosk.municipality.c_str());
    return as_int(ExitCode::ok);
  }
  errors = kiosk::provision::apply(plan, options);
  if (!errors.empty()) {
    for (const auto& e : errors) std::fprintf(stderr, "kiosk-provision: %s\n", e.c_str());
    if (!error_file.empty()) {
      std::ofstream out(error_file, std::ios::trunc);
      out << "Installing the provisioning file failed (it is left in place):\n";
      for (const auto& e : errors) out << e << "\n";
    }
    return as_int(ExitCode::file);
  }
  if (!error_file.empty()) fs::remove(error_file, ec);
  if (!keep) {
    // The file holds credentials: overwrite is not reliable on flash, but at least unlink and sync the FAT.
    if (!fs::remove(file, ec) || ec) {
      std::fprintf(stderr, "kiosk-provision: installed, but cannot delete %s: %s\n", file.c_str(),
                   ec.message().c_str());
      return as_int(ExitCode::file);
    }
    ::sync();
  }
  std::printf("kiosk-provision: kiosk %s (%s) provisioned; host name %s%s\n", plan.config.kiosk.id.c_str(),
              plan.config.kiosk.municipality.c_str(), plan.provision.hostname.c_str(),
              plan.provision.wifi_ssid.empty() ? "" : ", Wi-Fi configured");
  return as_int(ExitCode::ok);
}
