# Cache preload of the sanitizer build (./lab.sh sanitize, folder build-asan): AddressSanitizer and
# UndefinedBehaviorSanitizer over the engine, the lessons, the CLI and their tests. Any report
# fails the test that made it (-fno-sanitize-recover; ASan always stops). -O1 keeps the training
# tests within minutes. The GUI is left out: Qt is not instrumented and its leaks at exit are
# reported against it (see lsan.supp for what remains).
set(CMAKE_BUILD_TYPE Release CACHE STRING "")
set(CMAKE_CXX_FLAGS_RELEASE "-O1 -DNDEBUG" CACHE STRING "")
set(CMAKE_CXX_FLAGS "-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" CACHE STRING "")
set(CMAKE_EXE_LINKER_FLAGS "-fsanitize=address,undefined" CACHE STRING "")
set(CMAKE_SHARED_LINKER_FLAGS "-fsanitize=address,undefined" CACHE STRING "")
set(GRADLAB_CUDA OFF CACHE BOOL "")
set(GRADLAB_GUI OFF CACHE BOOL "")
