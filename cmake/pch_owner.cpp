// The one translation unit of a precompiled-header owner target (CMakeLists.txt):
// it exists so that the header is compiled once, with the flags of its group.
