# Cache preload of the ThreadSanitizer build (./lab.sh sanitize, folder build-tsan): the threaded
# parts (a lesson's session on its worker thread, the outbox and board hand-off, the controller's
# commands, the snapshot store) through test_bridge. Run with OMP_NUM_THREADS=1: libgomp is not
# instrumented, so its thread team would be reported falsely.
set(GRADLAB_SANITIZERS "thread")
set(GRADLAB_SANITIZER_FLAGS "")
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
