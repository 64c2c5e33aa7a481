//! [`Fields`]: a generated struct as a tuple of its fields, so that generic code can ask
//! for what it needs of every field at once (`Serialize` for the cluster runner) without
//! `graph!` knowing in advance which traits a caller will want.

/// A generated `{Name}Inputs` or `{Name}Outputs` struct, seen as the tuple of its fields
/// in declaration order. `graph!` implements it; nothing else should.
///
/// Tuples of more than twelve fields are nested (`((a, .., l), (m, ..))`), so that the
/// traits std and serde implement for tuples of up to twelve (or sixteen) elements cover
/// any number of fields. A bound such as `<G::Inputs as Fields>::Tuple: Serialize` holds
/// exactly when every field is `Serialize`, and the compile error for one that is not
/// names the field's type.
pub trait Fields: Sized {
    /// The fields' types, as a (nested) tuple.
    type Tuple;

    /// The struct taken apart into its fields.
    fn into_tuple(self) -> Self::Tuple;

    /// The struct put back together from its fields.
    fn from_tuple(tuple: Self::Tuple) -> Self;
}
