# SL_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on every target.
if(SL_SANITIZE)
	add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
	    -fno-omit-frame-pointer)
	add_link_options(-fsanitize=address,undefined)
endif()
