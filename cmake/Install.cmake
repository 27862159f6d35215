# `cmake --install` (and the .deb made from it, cmake/Package.cmake) puts
# timecite where a Debian package would, under CMAKE_INSTALL_PREFIX and DESTDIR:
#
#   bin/timecite                                  the program
#   share/man/man1/timecite.1.gz, timecite-<subcommand>.1.gz   (cmake/Man.cmake)
#   share/man/man5/timecite.toml.5.gz             the configuration file
#   lib/systemd/system/timecite-recheck.{service,timer}   nightly recheck, system-wide
#   lib/systemd/user/timecite-recheck.{service,timer}     the same for one user
#   share/doc/timecite/examples/timecite.toml     commented example configuration
#   share/doc/timecite/examples/profiles/*.toml   the site profiles (compiled in;
#                                                 a copy to start `at --profile` from)
#   share/doc/timecite/examples/un-update-example.md      the example report
#   share/bash-completion/completions/timecite    bash completion
#   share/zsh/vendor-completions/_timecite        zsh completion
#
# Not installed: timecite-replica. It serves a stand-in of the UN sites with a
# made-up world and a self-signed certificate for the tests and the quick
# start; a user of timecite never needs it, and installing it would put a
# program that impersonates webtv.un.org on every machine. It stays in the
# build tree (build/<preset>/tools/replica/timecite-replica).
#
# The example configuration is not put in /etc/timecite: timecite reads
# ./timecite.toml or --config PATH, never /etc, and a file there would suggest
# otherwise.
include(GNUInstallDirs)

# `cmake --install` and cpack install what is built and build nothing: the
# release workflow builds timecite, the manual pages and the changelog
# (CMakePresets.json), and cpack then does not build `all` (the benchmarks,
# in a release tree) through its preinstall step.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS timecite RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Not GNUInstallDirs' LIBDIR: on Debian that is lib/<multiarch triplet>, and
# systemd looks in <prefix>/lib/systemd/{system,user}.
set(TIMECITE_INSTALL_SYSTEMDDIR lib/systemd CACHE PATH
  "Where the systemd units go, under the prefix ({system,user} below it)")

# The systemd units name the installed binary, so they run without editing.
# The copy installed is generated at install time from the prefix then in
# force (`cmake --install --prefix`, and /usr when cpack makes the .deb);
# the copy in the build tree (build/<preset>/configs/systemd/, for copying by
# hand) names the prefix configured.
set(unit_in ${PROJECT_SOURCE_DIR}/configs/systemd/timecite-recheck.service.in)
set(TIMECITE_INSTALLED_BINARY ${CMAKE_INSTALL_FULL_BINDIR}/timecite)
configure_file(${unit_in} ${PROJECT_BINARY_DIR}/configs/systemd/timecite-recheck.service @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/configs/systemd/timecite-recheck.timer
  ${PROJECT_BINARY_DIR}/configs/systemd/timecite-recheck.timer COPYONLY)
set(unit_out ${PROJECT_BINARY_DIR}/configs/systemd/installed/timecite-recheck.service)
install(CODE "
  set(bindir \"${CMAKE_INSTALL_BINDIR}\")
  if(NOT IS_ABSOLUTE \"\${bindir}\")
    set(bindir \"\${CMAKE_INSTALL_PREFIX}/\${bindir}\")
  endif()
  set(TIMECITE_INSTALLED_BINARY \"\${bindir}/timecite\")
  configure_file(\"${unit_in}\" \"${unit_out}\" @ONLY)
")
foreach(manager system user)
  install(FILES ${unit_out} ${PROJECT_BINARY_DIR}/configs/systemd/timecite-recheck.timer
    DESTINATION ${TIMECITE_INSTALL_SYSTEMDDIR}/${manager})
endforeach()

# Debian's copyright and changelog (packaging/), the changelog gzipped as
# policy 12.7 asks.
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
find_program(GZIP_EXECUTABLE gzip REQUIRED)
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/packaging/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/packaging
  COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/packaging/changelog
    ${PROJECT_BINARY_DIR}/packaging/changelog
  COMMAND ${GZIP_EXECUTABLE} -9nf ${PROJECT_BINARY_DIR}/packaging/changelog
  DEPENDS ${PROJECT_SOURCE_DIR}/packaging/changelog
  COMMENT "Compressing packaging/changelog" VERBATIM)
add_custom_target(changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/packaging/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(examples ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${PROJECT_SOURCE_DIR}/configs/timecite.toml
  ${PROJECT_SOURCE_DIR}/examples/un-update-example.md DESTINATION ${examples})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/configs/profiles/ DESTINATION ${examples}/profiles
  FILES_MATCHING PATTERN "*.toml")

install(FILES ${PROJECT_SOURCE_DIR}/configs/completions/timecite.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME timecite)
install(FILES ${PROJECT_SOURCE_DIR}/configs/completions/_timecite
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
