# Cache preload of the ThreadSanitizer build (./lab.sh sanitize, folder build-tsan): the threaded
# parts (a lesson's session on its worker thread, the outbox and board hand-off, the controller's
# commands, the snapshot store) through test_bridge. Run with OMP_NUM_THREADS=1: libgomp is not
# instrumented, so its thread team would be reported falsely.
set(CMAKE_BUILD_TYPE Release CACHE STRING "")
set(CMAKE_CXX_FLAGS_RELEASE "-O1 -DNDEBUG" CACHE STRING "")
set(CMAKE_CXX_FLAGS "-fsanitize=thread -fno-omit-frame-pointer" CACHE STRING "")
set(CMAKE_EXE_LINKER_FLAGS "-fsanitize=thread" CACHE STRING "")
set(CMAKE_SHARED_LINKER_FLAGS "-fsanitize=thread" CACHE STRING "")
set(GRADLAB_CUDA OFF CACHE BOOL "")
