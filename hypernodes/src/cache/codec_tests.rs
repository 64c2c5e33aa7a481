use super::*;
use crate::cache::decoder::MAX_DEPTH;
use crate::cache::tags;
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) {
    let bytes = encode(value).unwrap();
    assert_eq!(&decode::<T>(&bytes).unwrap(), value);
}

/// Encodes `value` and decodes it as `U`, an other definition of the type.
fn reread<T: Serialize, U: DeserializeOwned>(value: &T) -> Result<U, CacheError> {
    decode::<U>(&encode(value).unwrap())
}

mod v1 {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct A {
        pub x: u32,
        pub y: String,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
    pub enum E {
        First,
        Second(u32),
        Third { z: u8 },
    }
}

/// `v1`'s types, edited.
mod v2 {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct A {
        pub y: String,
        pub x: u32,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub enum E {
        Second(u32),
        First,
        Third { z: u8 },
    }
}

mod v3 {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub struct A {
        pub x: u64,
        pub y: String,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    pub enum E {
        First,
        Second(u64),
        Third { z: u8 },
    }
}

#[test]
fn reordered_fields_are_an_error() {
    let stored = v1::A {
        x: 1,
        y: "a".into(),
    };
    assert!(reread::<_, v2::A>(&stored).is_err());
    assert!(reread::<_, v1::A>(&stored).is_ok());
}

#[test]
fn a_field_of_another_type_is_an_error() {
    let stored = v1::A {
        x: 1,
        y: "a".into(),
    };
    assert!(reread::<_, v3::A>(&stored).is_err());
    assert!(reread::<_, v1::E>(&v3::E::Second(1)).is_err());
    assert!(reread::<_, u32>(&7u64).is_err());
    assert!(reread::<_, u64>(&7u32).is_err());
    assert!(reread::<_, i64>(&7u64).is_err());
    assert!(reread::<_, f32>(&1.0f64).is_err());
    assert!(reread::<_, Vec<u8>>(&(1u8, 2u8)).is_err());
}

#[test]
fn reordered_variants_are_an_error() {
    assert!(reread::<_, v2::E>(&v1::E::First).is_err());
    assert!(reread::<_, v2::E>(&v1::E::Second(3)).is_err());
    // The variant that kept its index still reads.
    assert_eq!(
        reread::<_, v2::E>(&v1::E::Third { z: 1 }).unwrap(),
        v2::E::Third { z: 1 }
    );
}

#[test]
fn added_or_removed_fields_are_an_error() {
    #[derive(Serialize, Deserialize, Debug)]
    struct A {
        x: u32,
    }
    let stored = v1::A {
        x: 1,
        y: "a".into(),
    };
    assert!(reread::<_, A>(&stored).is_err());
    assert!(reread::<_, v1::A>(&A { x: 1 }).is_err());
    // Fewer tuple elements than stored.
    assert!(reread::<_, (u8, u8)>(&(1u8, 2u8, 3u8)).is_err());
}

#[test]
fn a_type_of_another_name_is_an_error() {
    #[derive(Serialize, Deserialize, Debug)]
    struct B {
        x: u32,
        y: String,
    }
    let stored = v1::A {
        x: 1,
        y: "a".into(),
    };
    assert!(reread::<_, B>(&stored).is_err());
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(untagged)]
enum Untagged {
    Number(u64),
    Text(String),
    Pair(u8, Option<i8>),
    Inner(v1::E),
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
#[serde(tag = "kind")]
enum Internal {
    A { x: u32 },
    B(Point),
    C,
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone, Default)]
struct Point {
    x: i32,
    y: i32,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Flat {
    name: String,
    #[serde(flatten)]
    point: Point,
    #[serde(flatten)]
    rest: BTreeMap<String, Value>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Sparse {
    #[serde(skip_serializing_if = "Option::is_none", default)]
    a: Option<u8>,
    b: u8,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    c: Vec<u8>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Unit;

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Meters(f32);

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Rgb(u8, u8, u8);

#[test]
fn values_of_many_shapes_round_trip() {
    round_trip(&(
        vec!["a".to_string(), "bc".into()],
        BTreeMap::from([(1u8, Some(0.5f64)), (2, None)]),
        [1u16, 2, 3],
    ));
    round_trip(
        &json!({"temperature": 0, "list": [1, -1, 1.5, "", null, true, {}], "nested": {"a": []}}),
    );
    round_trip(&json!(u64::MAX));
    round_trip(&Untagged::Number(0));
    round_trip(&Untagged::Text(String::new()));
    round_trip(&Untagged::Pair(1, Some(-1)));
    // (`Inner(E::First)` would read back as `Text("First")`, as in JSON: untagged enums
    // take the first variant that fits.)
    round_trip(&Untagged::Inner(v1::E::Second(2)));
    round_trip(&Untagged::Inner(v1::E::Third { z: 3 }));
    round_trip(&Internal::A { x: 1 });
    round_trip(&Internal::B(Point { x: -1, y: 2 }));
    round_trip(&Internal::C);
    round_trip(&Flat {
        name: "n".into(),
        point: Point { x: 1, y: 2 },
        rest: BTreeMap::from([("extra".to_string(), json!([1, "two"]))]),
    });
    round_trip(&Sparse {
        a: None,
        b: 1,
        c: vec![],
    });
    round_trip(&Sparse {
        a: Some(2),
        b: 1,
        c: vec![3],
    });
    round_trip(&(Unit, Meters(1.5), Rgb(1, 2, 3), ()));
    round_trip(&('é', i128::MIN, u128::MAX, -0.0f32, f64::INFINITY));
    round_trip(&Some(Some(None::<u8>)));
    round_trip(&HashMap::from([(1u32, (2u8, true)), (3, (4, false))]));
    round_trip(&Ok::<String, v1::E>("ok".into()));
    round_trip(&Err::<String, v1::E>(v1::E::Third { z: 9 }));
    round_trip(&std::time::Duration::from_millis(1500));
}

#[test]
fn claimed_lengths_beyond_the_entry_are_rejected() {
    let mut crafted = vec![tags::STR];
    crafted.extend_from_slice(&(1u64 << 62).to_le_bytes());
    assert!(decode::<String>(&crafted).is_err());
    assert!(decode::<Value>(&crafted).is_err());
    let mut crafted = vec![tags::BYTES];
    crafted.extend_from_slice(&u64::MAX.to_le_bytes());
    crafted.extend_from_slice(b"abc");
    assert!(decode::<Value>(&crafted).is_err());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = vec![tags::SOME; 1_000_000];
    assert!(decode::<Value>(&deep).is_err());
    let mut deep_seqs = Vec::new();
    for _ in 0..1_000_000 {
        deep_seqs.extend_from_slice(&[tags::SEQ, tags::ELEMENT]);
    }
    assert!(decode::<Value>(&deep_seqs).is_err());
    // A value just within the limit still reads.
    let mut nested = json!(1);
    for _ in 0..MAX_DEPTH - 1 {
        nested = json!([nested]);
    }
    round_trip(&nested);
}

#[test]
fn trailing_bytes_are_rejected() {
    let mut bytes = encode(&7u32).unwrap();
    bytes.push(0);
    assert!(decode::<u32>(&bytes).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Decoding arbitrary bytes as any of these types returns a value or an error: it never
    /// panics, hangs or allocates by a claimed length.
    #[test]
    fn random_payloads_decode_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode::<Vec<u64>>(&bytes);
        let _ = decode::<Vec<()>>(&bytes);
        let _ = decode::<Vec<Vec<String>>>(&bytes);
        let _ = decode::<BTreeMap<String, Vec<u8>>>(&bytes);
        let _ = decode::<(Option<i64>, String, f64)>(&bytes);
        let _ = decode::<HashMap<u32, (u8, bool)>>(&bytes);
        let _ = decode::<Value>(&bytes);
        let _ = decode::<Untagged>(&bytes);
        let _ = decode::<Internal>(&bytes);
        let _ = decode::<Flat>(&bytes);
        let _ = decode::<v1::E>(&bytes);
    }

    /// Arbitrary bytes after a valid prefix of tags, so that decoding gets past the first
    /// byte more often.
    #[test]
    fn random_tagged_payloads_decode_or_fail_cleanly(
        bytes in proptest::collection::vec(
            prop_oneof![0x01u8..=0x1f, Just(tags::ELEMENT), Just(tags::END), any::<u8>()],
            0..200,
        )
    ) {
        let _ = decode::<Value>(&bytes);
        let _ = decode::<Vec<Option<Vec<()>>>>(&bytes);
        let _ = decode::<Untagged>(&bytes);
        let _ = decode::<Internal>(&bytes);
    }

    /// Encoded values decode to themselves.
    #[test]
    fn encoded_values_round_trip(value in proptest::collection::vec((any::<i64>(), ".{0,8}"), 0..20)) {
        let bytes = encode(&value).unwrap();
        prop_assert_eq!(decode::<Vec<(i64, String)>>(&bytes).unwrap(), value);
    }

    /// Internally tagged enums and structs with skipped fields decode to themselves.
    #[test]
    fn tagged_enums_and_sparse_structs_round_trip(
        x in any::<u32>(),
        point in (any::<i32>(), any::<i32>()),
        a in proptest::option::of(any::<u8>()),
        c in proptest::collection::vec(any::<u8>(), 0..3),
    ) {
        for value in [Internal::A { x }, Internal::B(Point { x: point.0, y: point.1 }), Internal::C] {
            let bytes = encode(&value).unwrap();
            prop_assert_eq!(decode::<Internal>(&bytes).unwrap(), value);
        }
        let sparse = Sparse { a, b: 1, c };
        let bytes = encode(&sparse).unwrap();
        prop_assert_eq!(decode::<Sparse>(&bytes).unwrap(), sparse);
    }

    /// JSON values decode to themselves.
    #[test]
    fn json_values_round_trip(value in json_value()) {
        let bytes = encode(&value).unwrap();
        prop_assert_eq!(decode::<Value>(&bytes).unwrap(), value);
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        ".{0,4}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(".{0,2}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}
