//! `Debug` for the generated structs, whatever their field types.

/// Formats a generated struct's field with `Debug` when its type has it, else as `..`
/// (autoref specialisation: the generated code calls `(&DebugField(&field)).field_debug()`
/// on a concrete type, so the `Debug` impl wins where it applies).
pub struct DebugField<'a, T>(pub &'a T);

/// The `Debug` path: taken when the field's type implements `Debug`.
pub trait FieldViaDebug {
    /// The field, printable.
    fn field_debug(&self) -> &dyn std::fmt::Debug;
}
impl<T: std::fmt::Debug> FieldViaDebug for DebugField<'_, T> {
    fn field_debug(&self) -> &dyn std::fmt::Debug {
        self.0
    }
}

/// The fallback: prints `..`.
pub trait FieldOpaque {
    /// `..`, printable.
    fn field_debug(&self) -> &dyn std::fmt::Debug;
}
impl<T> FieldOpaque for &DebugField<'_, T> {
    fn field_debug(&self) -> &dyn std::fmt::Debug {
        struct Opaque;
        impl std::fmt::Debug for Opaque {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("..")
            }
        }
        &Opaque
    }
}
