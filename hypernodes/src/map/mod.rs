//! Mapping a graph over many items: [`Over`], [`each`], [`fixed`], [`shared`], [`MapMode`].

mod lent;

use lent::FixedKind;
pub use lent::{Lent, LentInput, Shares, Taken};
use std::sync::Arc;

/// One field of a graph's `{Name}MapInputs`: a list to map over, or one value for every
/// item. Make it with [`each`], [`fixed`] or [`shared`].
///
/// `K` says how the graph uses the input: [`Taken`] (the default) when some node takes
/// it by value or the graph returns it, [`Lent`] when every node only borrows it, in which
/// case [`shared`] gives every item one value with no clone.
#[derive(Clone, Debug)]
pub struct Over<T, K = Taken>(OverValues<T, K>);

#[derive(Clone, Debug)]
enum OverValues<T, K> {
    Each(Vec<T>),
    Fixed(FixedKind<T, K>),
}

/// Maps over these values: item `i` gets the `i`-th (with [`MapMode::Zip`]), or each in
/// turn combined with the other mapped fields (with [`MapMode::Product`]).
pub fn each<T, K>(items: impl IntoIterator<Item = T>) -> Over<T, K> {
    Over(OverValues::Each(items.into_iter().collect()))
}

/// Gives every item this same value, cloned for each item.
pub fn fixed<T: MapValue, K>(value: T) -> Over<T, K> {
    Over(OverValues::Fixed(FixedKind::Cloned(value, T::clone)))
}

/// Gives every item this one value, with no clone: for an input that every node of the
/// graph borrows (`&T`) and that is not an output (its field is `Over<T, Lent>`), such
/// as a large index or model. Pass the value (moved into an `Arc`) or an `Arc` you keep;
/// `T` need not be `Clone`, but items on other threads read it, so it must be `Sync`.
///
/// ```
/// use hypernodes::{each, graph, node, shared, MapMode, Runner};
/// use std::sync::Arc;
///
/// pub struct Index(Vec<&'static str>); // not `Clone`
///
/// #[node(output_name = "hit")]
/// fn lookup(query: usize, index: &Index) -> String { index.0[query].to_owned() }
///
/// graph!(struct Lookup = [lookup]);
///
/// fn main() -> Result<(), hypernodes::Error> {
///     let index = Arc::new(Index(vec!["a", "b", "c"]));
///     let inputs = LookupMapInputs { query: each([2, 0]), index: shared(Arc::clone(&index)) };
///     let outs = Runner::new().map(&Lookup, inputs, MapMode::Zip)?;
///     assert_eq!(outs.iter().map(|o| o.hit.as_str()).collect::<Vec<_>>(), ["c", "a"]);
///     Ok(())
/// }
/// ```
pub fn shared<T: Send + Sync, K: Shares>(value: impl Into<Arc<T>>) -> Over<T, K> {
    Over(OverValues::Fixed(FixedKind::Shared(
        value.into(),
        K::lent(),
    )))
}

impl<T, K> Over<T, K> {
    /// The number of values to map over, or `None` for a [`fixed`] value.
    pub fn mapped_len(&self) -> Option<usize> {
        match &self.0 {
            OverValues::Each(items) => Some(items.len()),
            OverValues::Fixed(..) => None,
        }
    }
}

/// How the mapped fields of a map combine into items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapMode {
    /// Item `i` takes the `i`-th value of every mapped field; all must have the same length.
    Zip,
    /// Every combination of the mapped fields' values, the first mapped field outermost.
    Product,
}

/// Which value of each field every item takes: the result of checking a map's fields.
#[doc(hidden)]
#[derive(Debug)]
pub struct MapShape {
    len: usize,
    mode: MapMode,
    /// Per field: `Some((len, stride))` for a mapped field, `None` for a fixed one.
    fields: Vec<Option<(usize, usize)>>,
}

impl MapShape {
    /// Checks the fields (`name`, mapped length) of a map in `mode`.
    pub fn new(
        fields: &[(&'static str, Option<usize>)],
        mode: MapMode,
    ) -> Result<Self, crate::Error> {
        let mapped: Vec<(&'static str, usize)> = fields
            .iter()
            .filter_map(|&(name, len)| len.map(|len| (name, len)))
            .collect();
        let len = match mode {
            MapMode::Zip => {
                let first = mapped.first().map_or(1, |&(_, len)| len);
                if mapped.iter().any(|&(_, len)| len != first) {
                    return Err(crate::Error::MapLengths { fields: mapped });
                }
                first
            }
            MapMode::Product => product_len(&mapped)?,
        };
        // Strides for the product: the last mapped field varies fastest. Each is a partial
        // product of `len`, so none overflows unless `len` is 0 (then none is used).
        let mut stride: usize = 1;
        let mut shaped: Vec<Option<(usize, usize)>> = vec![None; fields.len()];
        for (index, &(_, field_len)) in fields.iter().enumerate().rev() {
            if let Some(field_len) = field_len {
                shaped[index] = Some((field_len, stride));
                stride = stride.saturating_mul(field_len.max(1));
            }
        }
        Ok(MapShape {
            len,
            mode,
            fields: shaped,
        })
    }

    /// How many items the map has.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the map has no item.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The number of items of a product over `mapped`: an error when it does not fit in a
/// `usize` (it could never be listed), rather than an overflow.
fn product_len(mapped: &[(&'static str, usize)]) -> Result<usize, crate::Error> {
    if mapped.iter().any(|&(_, len)| len == 0) {
        return Ok(0);
    }
    mapped
        .iter()
        .try_fold(1usize, |product, &(_, len)| product.checked_mul(len))
        .ok_or_else(|| crate::Error::MapTooLarge {
            fields: mapped.to_vec(),
        })
}

/// Holds for values given to every item of a map with [`fixed`].
#[diagnostic::on_unimplemented(
    message = "`fixed(value)` copies the value into every item of the map, so it must implement `Clone`; `{Self}` does not",
    label = "a value given to every item",
    note = "implement or derive `Clone` for `{Self}`, or map over it with `each` (zip mode moves each value into its item); if every node only borrows it (`&{Self}`), `shared(value)` gives every item that one value"
)]
pub trait MapValue: Clone {}
impl<T: Clone> MapValue for T {}

/// The values of one field, handed out item by item.
#[doc(hidden)]
pub struct Column<T, K> {
    kind: ColumnKind<T, K>,
}

enum ColumnKind<T, K> {
    Fixed(FixedKind<T, K>),
    /// Item `i` takes the `i`-th value (zip, or a product over one field): values move.
    InOrder(std::vec::IntoIter<T>),
    /// Product: item `i` takes a copy of value `(i / stride) % len`.
    Strided {
        items: Vec<T>,
        stride: usize,
        clone: fn(&T) -> T,
    },
}

impl<T, K> Column<T, K> {
    /// Prepares field `field` (named `name`) of a map with `shape`. `clone` copies a value
    /// when the type can be copied: a product over several mapped fields repeats values.
    pub fn new(
        over: Over<T, K>,
        shape: &MapShape,
        field: usize,
        name: &'static str,
        clone: Option<fn(&T) -> T>,
    ) -> Result<Self, crate::Error> {
        let repeats = shape.mode == MapMode::Product && shape.fields.iter().flatten().count() > 1;
        let kind = match over.0 {
            OverValues::Fixed(fixed) => ColumnKind::Fixed(fixed),
            OverValues::Each(items) if !repeats => ColumnKind::InOrder(items.into_iter()),
            OverValues::Each(items) => {
                let (_, stride) = shape.fields[field].expect("an `each` field is mapped");
                let clone = clone.ok_or(crate::Error::MapNotClone { field: name })?;
                ColumnKind::Strided {
                    items,
                    stride,
                    clone,
                }
            }
        };
        Ok(Column { kind })
    }

    /// The value item `item` takes, unless it is the shared one; items are asked for in
    /// order.
    fn own_value(&mut self, item: usize) -> Result<T, (&Arc<T>, &K)> {
        match &mut self.kind {
            ColumnKind::Fixed(FixedKind::Cloned(value, clone)) => Ok(clone(value)),
            ColumnKind::Fixed(FixedKind::Shared(value, how)) => Err((value, how)),
            ColumnKind::InOrder(items) => {
                Ok(items.next().expect("a column has one value per item"))
            }
            ColumnKind::Strided {
                items,
                stride,
                clone,
            } => Ok(clone(&items[(item / *stride) % items.len()])),
        }
    }
}

impl<T> Column<T, Taken> {
    /// The value item `item` takes; items are asked for in order.
    pub fn value(&mut self, item: usize) -> T {
        match self.own_value(item) {
            Ok(value) => value,
            // A shared value comes with a `Taken`, which has no value.
            Err((_, taken)) => match *taken {},
        }
    }
}

impl<T> Column<T, Lent> {
    /// What item `item` holds: its own value, or the one every item shares.
    pub fn value(&mut self, item: usize) -> LentInput<T> {
        match self.own_value(item) {
            Ok(value) => LentInput::own(value),
            Err((shared, _)) => LentInput::shared(Arc::clone(shared)),
        }
    }
}

/// Finds out, for a concrete type, whether it can be cloned: generated code calls
/// `(&CloneProbe::<T>::new()).cloner()`, which picks [`ProbeClone`] where `T: Clone` and
/// [`ProbeNoClone`] otherwise. A graph whose inputs are not `Clone` can still be mapped
/// in zip mode, where each value moves into its item.
#[doc(hidden)]
pub struct CloneProbe<T>(std::marker::PhantomData<fn() -> T>);

impl<T> CloneProbe<T> {
    pub fn new() -> Self {
        CloneProbe(std::marker::PhantomData)
    }
}

impl<T> Default for CloneProbe<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[doc(hidden)]
pub trait ProbeClone<T> {
    fn cloner(&self) -> Option<fn(&T) -> T>;
}

impl<T: Clone> ProbeClone<T> for CloneProbe<T> {
    fn cloner(&self) -> Option<fn(&T) -> T> {
        Some(T::clone)
    }
}

#[doc(hidden)]
pub trait ProbeNoClone<T> {
    fn cloner(&self) -> Option<fn(&T) -> T>;
}

impl<T> ProbeNoClone<T> for &CloneProbe<T> {
    fn cloner(&self) -> Option<fn(&T) -> T> {
        None
    }
}

/// What a list entry mapped with `each(outer)` takes from `outer`: a `Vec` of what the
/// entry takes. Generated code calls it, so that any other value is a readable error.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "the entry maps over this value with `each(..)`, so it takes `Vec<{T}>`, but the value is `{Self}`",
    label = "mapped with `each(..)`: must be `Vec<{T}>`",
    note = "`each(list)` runs the entry once per element of `list`; give it a `Vec` of what the entry's input takes, or feed the input without `each`"
)]
pub trait MappedList<T> {
    /// The elements, one per item.
    fn into_items(self) -> Vec<T>;
}

impl<T> MappedList<T> for Vec<T> {
    fn into_items(self) -> Vec<T> {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(
        fields: Vec<(&'static str, Over<u32>)>,
        mode: MapMode,
    ) -> Result<Vec<Vec<u32>>, crate::Error> {
        let names: Vec<(&'static str, Option<usize>)> =
            fields.iter().map(|(n, o)| (*n, o.mapped_len())).collect();
        let shape = MapShape::new(&names, mode)?;
        let mut columns: Vec<Column<u32, Taken>> = fields
            .into_iter()
            .enumerate()
            .map(|(i, (name, over))| Column::new(over, &shape, i, name, Some(u32::clone)).unwrap())
            .collect();
        Ok((0..shape.len())
            .map(|item| columns.iter_mut().map(|c| c.value(item)).collect())
            .collect())
    }

    #[test]
    fn zip_pairs_values_and_broadcasts_fixed_ones() {
        let got = items(
            vec![
                ("a", each([1, 2, 3])),
                ("b", fixed(9)),
                ("c", each([4, 5, 6])),
            ],
            MapMode::Zip,
        )
        .unwrap();
        assert_eq!(got, [[1, 9, 4], [2, 9, 5], [3, 9, 6]]);
    }

    #[test]
    fn zip_with_unequal_lengths_names_the_fields() {
        let error = items(
            vec![("a", each([1, 2, 3])), ("b", each([1, 2]))],
            MapMode::Zip,
        )
        .unwrap_err();
        assert_eq!(error.to_string(), "MapMode::Zip needs mapped inputs of equal length, but `a` has 3 items and `b` has 2 items");
    }

    #[test]
    fn product_has_the_first_mapped_field_outermost() {
        let got = items(
            vec![("a", each([1, 2])), ("x", fixed(0)), ("b", each([7, 8, 9]))],
            MapMode::Product,
        )
        .unwrap();
        assert_eq!(
            got,
            [
                [1, 0, 7],
                [1, 0, 8],
                [1, 0, 9],
                [2, 0, 7],
                [2, 0, 8],
                [2, 0, 9]
            ]
        );
    }

    #[test]
    fn a_product_too_large_for_usize_is_an_error_naming_the_fields() {
        let half = 1usize << (usize::BITS / 2);
        let fields = [("a", Some(half)), ("x", None), ("b", Some(half))];
        let error = MapShape::new(&fields, MapMode::Product).unwrap_err();
        assert!(
            matches!(&error, crate::Error::MapTooLarge { fields } if *fields == [("a", half), ("b", half)]),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("MapMode::Product would have more items than fit in usize: `a` has {half} items and `b` has {half} items")
        );
        // Just below the limit it is a (huge) shape, not an error.
        let fits = [("a", Some(half - 1)), ("b", Some(half))];
        assert_eq!(
            MapShape::new(&fits, MapMode::Product).unwrap().len(),
            (half - 1) * half
        );
    }

    #[test]
    fn an_empty_field_makes_any_product_empty_even_past_usize() {
        let fields = [
            ("a", Some(usize::MAX)),
            ("b", Some(usize::MAX)),
            ("c", Some(0)),
        ];
        assert!(MapShape::new(&fields, MapMode::Product).unwrap().is_empty());
    }

    #[test]
    fn empty_and_all_fixed_edge_cases() {
        assert!(items(vec![("a", each([])), ("b", fixed(1))], MapMode::Zip)
            .unwrap()
            .is_empty());
        assert!(
            items(vec![("a", each([1, 2])), ("b", each([]))], MapMode::Product)
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            items(vec![("a", fixed(1)), ("b", fixed(2))], MapMode::Zip).unwrap(),
            [[1, 2]]
        );
        assert_eq!(
            items(vec![("a", fixed(1))], MapMode::Product).unwrap(),
            [[1]]
        );
    }
}
