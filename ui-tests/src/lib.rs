//! Compile-fail and compile-pass cases for the macros; see tests/ui.rs.
