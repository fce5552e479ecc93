# What the sanitizer builds' cache preloads share (asan.cmake and tsan.cmake set
# GRADLAB_SANITIZERS and GRADLAB_SANITIZER_FLAGS, then include this): -O1 keeps the training
# tests within minutes, frame pointers keep the reports' stacks whole, CUDA is left out (the
# sanitizers do not see into the GPU), and a test program may run two hours (ten times slower).
set(CMAKE_BUILD_TYPE Release CACHE STRING "")
set(CMAKE_CXX_FLAGS_RELEASE "-O1 -DNDEBUG" CACHE STRING "")
string(STRIP "-fsanitize=${GRADLAB_SANITIZERS} -fno-omit-frame-pointer ${GRADLAB_SANITIZER_FLAGS}" _gradlab_flags)
set(CMAKE_CXX_FLAGS "${_gradlab_flags}" CACHE STRING "")
set(CMAKE_EXE_LINKER_FLAGS "-fsanitize=${GRADLAB_SANITIZERS}" CACHE STRING "")
set(CMAKE_SHARED_LINKER_FLAGS "-fsanitize=${GRADLAB_SANITIZERS}" CACHE STRING "")
set(GRADLAB_CUDA OFF CACHE BOOL "")
set(GRADLAB_TEST_TIMEOUT 7200 CACHE STRING "")
