# The Debian package: scripts/package.sh runs CPack with this. Shared
# libraries come from dpkg-shlibdeps; the Qt plugins the programs load at run
# time are listed by hand, since shlibdeps cannot see them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dealboard)
set(CPACK_PACKAGE_VENDOR "DealBoard")
set(CPACK_PACKAGE_CONTACT "DealBoard developers <developers@dealboard.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Sales pipeline on a kanban board, with a headless CLI")
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "DealBoard keeps a sales team's deals on a board of seven stages, from\n"
    "Prospecting to Customer Retention. A stage-transition engine enforces the\n"
    "pipeline's rules (a deal passes Qualifying only when the prospect is willing,\n"
    "the need proven and the budget there) and says what is missing. Managers\n"
    "read per-stage conversion reports and export them to CSV; dealboard-cli\n"
    "does everything headless.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION office)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://dealboard.org")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# SQLite driver, the window system plugins, the SVG icon engine.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
include(CPack)
