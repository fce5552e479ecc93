# The two CUDA toolkit libraries Gradient Lab links, CUDA::cudart_static and CUDA::cublas, made
# from what enable_language(CUDA) found (nvcc's own include and library directories).
#
# Not find_package(CUDAToolkit): Debian 12's stock FindCUDAToolkit.cmake (CMake 3.25.1) stops the
# configure with CUDA 13, which ships no nvToolsExt library ("set_property could not find TARGET
# CUDA::nvToolsExt", as soon as cmake_minimum_required is 3.25). The names and contents follow that
# module's targets, so the rest of the build reads the same either way. .ci/run configures against
# the stock module (tests/cmake/stock_find_cuda.sh) so that this cannot come back unnoticed.
set(_cuda_lib_dirs ${CMAKE_CUDA_HOST_IMPLICIT_LINK_DIRECTORIES} ${CMAKE_CUDA_IMPLICIT_LINK_DIRECTORIES})
find_library(GRADLAB_CUDART_STATIC_LIBRARY cudart_static HINTS ${_cuda_lib_dirs} NO_DEFAULT_PATH)
find_library(GRADLAB_CUBLAS_LIBRARY cublas HINTS ${_cuda_lib_dirs} NO_DEFAULT_PATH)
if(NOT GRADLAB_CUDART_STATIC_LIBRARY)
  message(FATAL_ERROR "The CUDA compiler ${CMAKE_CUDA_COMPILER} was found but not libcudart_static.a "
    "(searched: ${_cuda_lib_dirs}). Fix the CUDA toolkit, or configure with -DGRADLAB_CUDA=OFF.")
endif()

add_library(CUDA::cudart_static UNKNOWN IMPORTED)
set_target_properties(CUDA::cudart_static PROPERTIES IMPORTED_LOCATION "${GRADLAB_CUDART_STATIC_LIBRARY}")
target_include_directories(CUDA::cudart_static SYSTEM INTERFACE ${CMAKE_CUDA_TOOLKIT_INCLUDE_DIRECTORIES})
# What the static runtime needs from the system (as FindCUDAToolkit links it on Linux).
target_link_libraries(CUDA::cudart_static INTERFACE Threads::Threads ${CMAKE_DL_LIBS} rt)

# cuBLAS only for bench_cuda (our SGEMM against cuBLAS); a toolkit without it still builds the rest.
if(GRADLAB_CUBLAS_LIBRARY)
  add_library(CUDA::cublas UNKNOWN IMPORTED)
  set_target_properties(CUDA::cublas PROPERTIES IMPORTED_LOCATION "${GRADLAB_CUBLAS_LIBRARY}")
  target_include_directories(CUDA::cublas SYSTEM INTERFACE ${CMAKE_CUDA_TOOLKIT_INCLUDE_DIRECTORIES})
endif()
