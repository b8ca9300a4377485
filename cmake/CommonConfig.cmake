# Flags every DealBoard target shares. Targets link dealboard_options instead of
# repeating them.
add_library(dealboard_options INTERFACE)

target_compile_features(dealboard_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(dealboard_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)

target_compile_options(dealboard_options INTERFACE -Wall -Wextra -pedantic)
if(DEALBOARD_WERROR)
    target_compile_options(dealboard_options INTERFACE -Werror)
endif()

if(DEALBOARD_SANITIZE)
    # Every target of ours, and the link, get the sanitizers; Qt itself is not
    # instrumented. Any report fails the test (halt_on_error, see scripts/test.sh).
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()

if(DEALBOARD_FUZZ)
    # Coverage for libFuzzer in every target of ours, with the sanitizers.
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()
