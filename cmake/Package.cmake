# `cpack -G DEB` in a build directory makes timecite_<version>_<arch>.deb from
# what `cmake --install` puts under /usr (cmake/Install.cmake). Build the
# release preset first; scripts/package-test builds, checks and runs it.
#
# Depends: the shared libraries the binary links, found by dpkg-shlibdeps
# (Debian package dpkg-dev), plus iso-codes, whose JSON and gettext catalogues
# the country matcher reads at run time (linker/citations/countries.h).
# libhiredis0.14 (the fleet's Redis client, fleet/) comes through
# dpkg-shlibdeps; redis-server is only suggested: the fleet's Redis runs on one
# machine of the fleet, not beside every timecite (docs/fleet.md).
set(CPACK_PACKAGE_NAME timecite)
set(CPACK_PACKAGE_VENDOR "timecite")
set(CPACK_PACKAGE_CONTACT "timecite maintainers <timecite@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "check and resolve citations into UN meeting recordings and documents")
set(CPACK_PACKAGE_DESCRIPTION
"timecite reads a report (text, Markdown, HTML, DOCX or PDF), finds every
footnote that cites a UN Web TV recording or a UN document, and checks it:
does the recording exist, is the cited time inside it, does the named country
speak then, is the link dead or moved. It reads 'UN Web TV, 8 March 2021
(starting at 1:29:40)' as that recording from 5,380,000 ms and can turn it
into a link that opens the player there. Scheduled rechecks (a systemd timer)
keep a history of every cited link.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://example.org/timecite")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Only the program, not the test tools' install rules (none today).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "iso-codes")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "redis-server")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
