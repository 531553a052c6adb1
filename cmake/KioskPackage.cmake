# The appliance package: install rules for everything that is not a program (assets, systemd units,
# sysusers/tmpfiles snippets, the conffile /etc/kiosk/kiosk.env, docs), the first-boot provisioning tool
# (firmware/provision) and its tests (tests/appliance), and CPack DEB for amd64 and arm64.
#
#   cmake --preset deb && cmake --build --preset deb -j2 && cmake --build build/deb --target package-deb
#   cmake --preset cross-release && cmake --build --preset cross-release -j2 \
#     && cmake --build build/cross-release --target package-deb          # arm64 (scripts/cross-setup.sh first)
#
# package-deb runs cpack with DEB_HOST_ARCH set, so that dpkg-shlibdeps computes Depends for the package's
# architecture (it reads DEB_HOST_ARCH, not the compiler). The units are installed but not enabled: the image
# recipe (firmware/image) enables them; on an ordinary machine `systemctl enable --now kiosk-sync.timer`.
include(GNUInstallDirs)

add_subdirectory(${PROJECT_SOURCE_DIR}/firmware/provision ${CMAKE_BINARY_DIR}/firmware/provision)
if(KIOSK_BUILD_TESTS AND EXISTS ${PROJECT_SOURCE_DIR}/tests/appliance/CMakeLists.txt)
  add_subdirectory(${PROJECT_SOURCE_DIR}/tests/appliance ${CMAKE_BINARY_DIR}/tests/appliance)
endif()

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "kiosk package: CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}; the systemd units expect /usr "
                 "(use the deb or cross-release preset for packages)")
endif()

# --- data and docs ------------------------------------------------------------------------------------------
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk)
set(KIOSK_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/townhall-kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/docs/technician.md ${PROJECT_SOURCE_DIR}/docs/config.example.toml
              ${PROJECT_SOURCE_DIR}/docs/secrets.example.toml
              ${PROJECT_SOURCE_DIR}/firmware/kiosk-provision.example.toml
        DESTINATION ${KIOSK_DOC_DIR})

# --- systemd ------------------------------------------------------------------------------------------------
set(KIOSK_UNIT_DIR lib/systemd/system)  # bookworm's systemd.pc: systemdsystemunitdir
set(_fw ${PROJECT_SOURCE_DIR}/firmware/systemd)
install(FILES ${_fw}/kiosk-sync.service ${_fw}/kiosk-sync.timer ${_fw}/kiosk-provision.service
        DESTINATION ${KIOSK_UNIT_DIR})
if(KIOSK_BUILD_UI)
  install(FILES ${_fw}/kiosk.service DESTINATION ${KIOSK_UNIT_DIR})
endif()
install(FILES ${_fw}/kiosk.sysusers DESTINATION lib/sysusers.d RENAME townhall-kiosk.conf)
install(FILES ${_fw}/kiosk.tmpfiles DESTINATION lib/tmpfiles.d RENAME townhall-kiosk.conf)
install(FILES ${_fw}/kiosk.env DESTINATION /etc/kiosk)

# The kiosk's systemd watchdog (WatchdogSec=, Type=notify) only works when the kiosk program sends
# sd_notify READY=1 and WATCHDOG=1 from its frame loop; without the pings systemd would kill it every
# WatchdogSec. AUTO ships the drop-in when the program is built and its kiosk_service_notify has sd_notify
# compiled in: the global property KIOSK_APP_SD_NOTIFY, set where that is decided (kiosk/CMakeLists.txt).
set(KIOSK_PACKAGE_WATCHDOG AUTO CACHE STRING "Ship kiosk.service.d/watchdog.conf: AUTO, ON or OFF")
set_property(CACHE KIOSK_PACKAGE_WATCHDOG PROPERTY STRINGS AUTO ON OFF)
set(_watchdog OFF)
if(KIOSK_PACKAGE_WATCHDOG STREQUAL "AUTO")
  get_property(_sd_notify GLOBAL PROPERTY KIOSK_APP_SD_NOTIFY)
  if(TARGET kiosk AND _sd_notify)
    set(_watchdog ON)
  elseif(TARGET kiosk)
    message(STATUS "kiosk package: the kiosk is built without libsystemd: no watchdog drop-in")
  endif()
elseif(KIOSK_PACKAGE_WATCHDOG)
  set(_watchdog ON)
endif()
if(KIOSK_BUILD_UI AND _watchdog)
  install(FILES ${_fw}/kiosk-watchdog.conf DESTINATION ${KIOSK_UNIT_DIR}/kiosk.service.d RENAME watchdog.conf)
endif()
message(STATUS "kiosk package: systemd watchdog for kiosk.service: ${_watchdog} (KIOSK_PACKAGE_WATCHDOG=${KIOSK_PACKAGE_WATCHDOG})")

# --- CPack DEB ----------------------------------------------------------------------------------------------
if(CMAKE_CROSSCOMPILING AND CMAKE_SYSTEM_PROCESSOR STREQUAL "aarch64")
  set(_deb_arch arm64)
else()
  execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE _deb_arch OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET)
  if(NOT _deb_arch)
    set(_deb_arch amd64)
  endif()
endif()
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${_deb_arch})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME townhall-kiosk)
set(CPACK_PACKAGE_VENDOR "Town-hall kiosk project")
set(CPACK_PACKAGE_CONTACT "Town-hall kiosk maintainers <kiosk@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Town-hall kiosk: touchscreen program, store-and-forward sync, kioskctl")
set(CPACK_PACKAGE_DESCRIPTION "Self-service kiosk for Dutch town halls: the SDL2 + Dear ImGui touchscreen \
program (KMSDRM on tty1), the kiosk-sync service that delivers the outbox to the municipality's channels, \
kioskctl for technicians and first-boot provisioning (kiosk-provision).")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# Beyond the shared libraries: systemd (units, sysusers, tmpfiles), a logind session for the kiosk on tty1,
# the fonts the UI loads (DejaVu; Noto Sans Arabic from fonts-noto-core for Arabic), tzdata for provisioning.
# FriBidi (libfribidi0) comes with the shared libraries.
set(_depends "systemd, tzdata")
if(KIOSK_BUILD_UI)
  # espeak-ng-data: the voices of speech mode (libespeak-ng1 itself comes with the shared libraries).
  string(APPEND _depends ", libpam-systemd, fonts-dejavu-core, fonts-noto-core, espeak-ng-data")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${_depends}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "wpasupplicant, openssh-server")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cups-client, bmap-tools")

# Maintainer scripts: create the users and directories (sysusers/tmpfiles; DPKG_ROOT-aware so that the
# package also installs into a foreign root with dpkg --root / mmdebstrap). Units are not enabled here.
set(_ctl ${CMAKE_BINARY_DIR}/cpack-deb)
file(MAKE_DIRECTORY ${_ctl})
file(WRITE ${_ctl}/conffiles "/etc/kiosk/kiosk.env\n")
file(WRITE ${_ctl}/postinst [=[#!/bin/sh
set -e
if [ "$1" = configure ]; then
  if [ -n "${DPKG_ROOT:-}" ]; then
    systemd-sysusers --root="$DPKG_ROOT" townhall-kiosk.conf
    systemd-tmpfiles --root="$DPKG_ROOT" --create townhall-kiosk.conf || true
  else
    systemd-sysusers townhall-kiosk.conf
    systemd-tmpfiles --create townhall-kiosk.conf || true
    if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
  fi
fi
exit 0
]=])
file(WRITE ${_ctl}/postrm [=[#!/bin/sh
set -e
if [ -z "${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
exit 0
]=])
file(CHMOD ${_ctl}/postinst ${_ctl}/postrm FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
     GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${_ctl}/conffiles;${_ctl}/postinst;${_ctl}/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_OUTPUT_FILE_PREFIX ${CMAKE_BINARY_DIR}/packages)
include(CPack)

add_custom_target(package-deb
  COMMAND ${CMAKE_COMMAND} -E env DEB_HOST_ARCH=${_deb_arch} ${CMAKE_CPACK_COMMAND} -G DEB
          --config ${CMAKE_BINARY_DIR}/CPackConfig.cmake
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Building the ${_deb_arch} Debian package into ${CMAKE_BINARY_DIR}/packages"
  VERBATIM)
