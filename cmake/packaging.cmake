# Installation and the Debian package: `cmake --build build --target package` makes
# gradlab_<version>_amd64.deb (version from project(VERSION)); `apt install ./gradlab_*.deb` puts
# gradlab and gradlab-cli on PATH with a desktop entry and an icon. Translations, icons and lesson
# texts are compiled into the executables; data sets come from Debian (dataset-fashion-mnist) or
# the user's data folder (engine/data/dataset.h, dataSearchRoots).
include(GNUInstallDirs)

install(TARGETS gradlab-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(GRADLAB_GUI)
  install(TARGETS gradlab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/resources/gradlab.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/gradlab.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/gradlab RENAME copyright)

# What the package depends on. The shared libraries the executables link (Qt, OpenCV, libgomp...)
# are found by dpkg-shlibdeps, with their versions. What no linker sees (QML modules, a font) and
# what is recommended come from lab.sh, the one list of Debian packages: its arrays
# RUNTIME_PACKAGES (-> Depends) and RUNTIME_RECOMMENDS (-> Recommends).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/lab.sh)
function(gradlab_lab_sh_list name out)
  file(READ ${PROJECT_SOURCE_DIR}/lab.sh _lab)
  if(NOT _lab MATCHES "\n${name}=\\(([^)]*)\\)")
    message(FATAL_ERROR "lab.sh has no array ${name}=( ... ): cmake/packaging.cmake reads the .deb's dependencies from it")
  endif()
  string(REGEX REPLACE "[ \t\r\n]+" ";" _list "${CMAKE_MATCH_1}")
  list(FILTER _list EXCLUDE REGEX "^$")
  foreach(p IN LISTS _list)
    if(NOT p MATCHES "^[a-z0-9][a-z0-9.+-]+$")
      message(FATAL_ERROR "lab.sh ${name}: '${p}' is not a Debian package name (one name per word, no comments in the list)")
    endif()
  endforeach()
  list(JOIN _list ", " _joined)
  set(${out} "${_joined}" PARENT_SCOPE)
endfunction()
gradlab_lab_sh_list(RUNTIME_PACKAGES _depends)
gradlab_lab_sh_list(RUNTIME_RECOMMENDS _recommends)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gradlab)
set(CPACK_PACKAGE_VENDOR "Gradient Lab")
set(CPACK_PACKAGE_CONTACT "Gradient Lab <gradlab@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop deep-learning lab: watch neural networks learn")
set(CPACK_PACKAGE_DESCRIPTION "Gradient Lab is a desktop deep-learning lab for students: lessons on \
activations, optimizers, initialisation, CNNs, recurrent networks, attention, vision transformers \
and a small GPT that learns to write, each training a \
real network on its own engine while the charts move live. gradlab is the Qt Quick application, \
gradlab-cli runs every lesson headless and writes CSV, JSON and PNG files.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # gradlab_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${_depends}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "${_recommends}")
# Checked at package time (cpack_checks.cmake): a portable build (no -march=native), dpkg-shlibdeps.
set(CPACK_GRADLAB_NATIVE ${GRADLAB_NATIVE})
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/cpack_checks.cmake)
include(CPack)
