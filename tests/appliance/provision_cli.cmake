# ctest driver for kiosk-provision's command line (see CMakeLists.txt).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/boot" "${WORK}/root/etc")
file(WRITE "${WORK}/root/etc/group" "root:x:0:\nkiosk-sync:x:998:\n")

# 1. A file with an error in line 9: exit 3, the message names the line, the file stays, the error file exists.
file(COPY_FILE "${BAD}" "${WORK}/boot/kiosk-provision.toml")
execute_process(COMMAND ${EMULATOR} "${TOOL}" --root "${WORK}/root" --error-file "${WORK}/boot/errors.txt"
                        "${WORK}/boot/kiosk-provision.toml"
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
message(STATUS "bad file: exit ${rc}\n${err}")
if(NOT rc EQUAL 3)
  message(FATAL_ERROR "expected exit 3 for a file with an error, got ${rc}")
endif()
if(NOT err MATCHES "kiosk-provision\\.toml:9:[0-9]+: unknown key 'chanels'")
  message(FATAL_ERROR "the error does not name line 9: ${err}")
endif()
if(NOT err MATCHES "kiosk-provision\\.toml:16:[0-9]+: '?provision\\.wifi_psk")
  message(FATAL_ERROR "the [provision] error does not name line 16: ${err}")
endif()
if(NOT EXISTS "${WORK}/boot/kiosk-provision.toml" OR NOT EXISTS "${WORK}/boot/errors.txt")
  message(FATAL_ERROR "a rejected file must stay in place, with the errors beside it")
endif()
if(EXISTS "${WORK}/root/etc/kiosk/kiosk.toml")
  message(FATAL_ERROR "a rejected file must not install anything")
endif()

# 2. A valid file: installed into the scratch root, then deleted; the error file is removed.
file(COPY_FILE "${GOOD}" "${WORK}/boot/kiosk-provision.toml")
execute_process(COMMAND ${EMULATOR} "${TOOL}" --root "${WORK}/root" --error-file "${WORK}/boot/errors.txt"
                        "${WORK}/boot/kiosk-provision.toml"
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
message(STATUS "good file: exit ${rc}\n${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "expected exit 0 for the example file, got ${rc}: ${err}")
endif()
foreach(f etc/kiosk/kiosk.toml etc/kiosk/secrets.toml etc/hostname etc/timezone
          etc/wpa_supplicant/wpa_supplicant-wlan0.conf root/.ssh/authorized_keys)
  if(NOT EXISTS "${WORK}/root/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
if(EXISTS "${WORK}/boot/kiosk-provision.toml" OR EXISTS "${WORK}/boot/errors.txt")
  message(FATAL_ERROR "the provisioning file (and the old error file) must be removed after installing")
endif()
