# SPDX-License-Identifier: MIT
# install_pc.cmake - run by `cmake --install` (install(SCRIPT)): write
# srec.pc for the prefix being installed to and install it.  The
# SREC_PC_* variables are set by libsrec/CMakeLists.txt's install(CODE).
foreach(dir LIBDIR INCLUDEDIR)
	if(IS_ABSOLUTE "${SREC_PC_${dir}}")
		set(SREC_PC_${dir}_PATH "${SREC_PC_${dir}}")
	else()
		set(SREC_PC_${dir}_PATH "\${prefix}/${SREC_PC_${dir}}")
	endif()
endforeach()
if(IS_ABSOLUTE "${SREC_PC_LIBDIR}")
	set(dest "${SREC_PC_LIBDIR}/pkgconfig")
else()
	set(dest "${CMAKE_INSTALL_PREFIX}/${SREC_PC_LIBDIR}/pkgconfig")
endif()
set(SREC_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
configure_file(${SREC_PC_IN} ${SREC_PC_OUT} @ONLY)
file(INSTALL ${SREC_PC_OUT} DESTINATION ${dest}
	FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
