# Read by cpack before it packages (CPACK_PROJECT_CONFIG_FILE, see cmake/packaging.cmake): refuse
# a package that would be wrong rather than make it.
if(CPACK_GENERATOR STREQUAL "DEB")
  # A build for this machine's CPU (-march=native) crashes with "illegal instruction" on older
  # processors: a package must be built for the baseline.
  if(CPACK_GRADLAB_NATIVE)
    message(FATAL_ERROR "This build is optimised for this machine's CPU (GRADLAB_NATIVE=ON, -march=native); "
      "a package made from it would crash on older processors. ./lab.sh package makes one from a build "
      "configured with -DGRADLAB_NATIVE=OFF (README, Install it).")
  endif()
  # Without these CPack only warns and leaves the linked libraries out of Depends.
  find_program(GRADLAB_DPKG_SHLIBDEPS dpkg-shlibdeps)
  find_program(GRADLAB_FILE file)
  if(NOT GRADLAB_DPKG_SHLIBDEPS OR NOT GRADLAB_FILE)
    message(FATAL_ERROR "The .deb's library dependencies need dpkg-shlibdeps (package dpkg-dev) and file: "
      "apt-get install dpkg-dev file (./lab.sh installs them).")
  endif()
endif()
