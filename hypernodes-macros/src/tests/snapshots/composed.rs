::core::compile_error! {
    "expected boolean literal"
}
