# Cache preload of the sanitizer build (./lab.sh sanitize, folder build-asan): AddressSanitizer and
# UndefinedBehaviorSanitizer over the engine, the lessons, the CLI and their tests. Any report
# fails the test that made it (-fno-sanitize-recover; ASan always stops). The GUI is left out: Qt
# is not instrumented and its leaks at exit are reported against it (see lsan.supp for what remains).
set(GRADLAB_SANITIZERS "address,undefined")
set(GRADLAB_SANITIZER_FLAGS "-fno-sanitize-recover=undefined")
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
set(GRADLAB_GUI OFF CACHE BOOL "")
