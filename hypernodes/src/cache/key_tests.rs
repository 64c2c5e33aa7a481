use super::*;
use proptest::prelude::*;
use serde::ser::{SerializeSeq, Serializer};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

const INFO: NodeInfo = NodeInfo {
    name: "n",
    module_path: "m",
    inputs: &[],
    outputs: &[],
    is_async: false,
    fallible: false,
    code_hash: [7; 32],
    subgraph: None,
    composition: None,
    cache: true,
    streams: false,
    asks: false,
    version: None,
};

fn key_of<T: Serialize + ?Sized>(value: &T) -> CacheKey {
    let mut builder = KeyBuilder::new(&INFO, "u64");
    builder.input(value).unwrap();
    builder.finish()
}

#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
enum Untagged {
    Number(u64),
    Signed(i64),
    Text(String),
    Flag(bool),
    List(Vec<u8>),
    Maybe(Option<u8>),
}

#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind")]
enum Internal {
    A { x: u32 },
    B { y: String },
    C,
    D(BTreeMap<String, u8>),
}

#[derive(Serialize, Clone, Debug, PartialEq)]
struct Skips {
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    b: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    c: Vec<u8>,
}

/// Nested sequences whose `Serialize` impl does not announce lengths, as iterator adapters
/// and hand-written impls often do.
#[derive(Clone, Debug, PartialEq)]
struct UnknownLen(Vec<Vec<u8>>);

impl Serialize for UnknownLen {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Inner<'a>(&'a [u8]);
        impl Serialize for Inner<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(None)?;
                for byte in self.0 {
                    seq.serialize_element(byte)?;
                }
                seq.end()
            }
        }
        let mut seq = serializer.serialize_seq(None)?;
        for inner in &self.0 {
            seq.serialize_element(&Inner(inner))?;
        }
        seq.end()
    }
}

#[test]
fn json_values_of_different_kinds_never_collide() {
    let values = [
        json!(0),
        json!(""),
        json!([]),
        json!({}),
        json!(null),
        json!(false),
        json!(1),
        json!([null]),
        json!(-1),
        json!(u64::MAX),
        json!(1.0),
        json!(4607182418800017408u64),
        json!({"temperature": 0}),
        json!({"temperature": ""}),
    ];
    for (i, a) in values.iter().enumerate() {
        for b in &values[i + 1..] {
            assert_ne!(key_of(a), key_of(b), "{a} and {b} share a key");
        }
    }
}

#[test]
fn untagged_variants_of_different_kinds_never_collide() {
    assert_ne!(
        key_of(&Untagged::Number(0)),
        key_of(&Untagged::Text(String::new()))
    );
    assert_ne!(
        key_of(&Untagged::Number(u64::MAX)),
        key_of(&Untagged::Signed(-1))
    );
    assert_ne!(
        key_of(&Untagged::Maybe(None)),
        key_of(&Untagged::List(vec![]))
    );
}

/// A sequence whose `Serialize` impl does not announce its length.
#[derive(Clone, Debug, PartialEq)]
struct Unknown<T>(Vec<T>);

impl<T: Serialize> Serialize for Unknown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for element in &self.0 {
            seq.serialize_element(element)?;
        }
        seq.end()
    }
}

#[test]
fn sequences_of_unknown_length_are_framed() {
    // Next to a sequence of known length, a length written last was read as the other's.
    assert_ne!(
        key_of(&(Unknown(vec![0u64]), Vec::<u64>::new())),
        key_of(&(Unknown(Vec::<u64>::new()), vec![0u64]))
    );
    assert_ne!(
        key_of(&(UnknownLen(vec![vec![0]]), UnknownLen(vec![]))),
        key_of(&(UnknownLen(vec![]), UnknownLen(vec![vec![0]])))
    );
    assert_ne!(
        key_of(&UnknownLen(vec![vec![], vec![]])),
        key_of(&UnknownLen(vec![vec![]]))
    );
}

#[test]
fn skipped_fields_cannot_be_steered_onto_present_ones() {
    #[derive(Serialize)]
    struct Request {
        #[serde(skip_serializing_if = "Option::is_none")]
        a: Option<u64>,
    }
    assert_ne!(
        key_of(&Request { a: None }),
        key_of(&Request {
            a: Some(0x6100_0000_0000_0000),
        })
    );
    let only_a = Skips {
        a: Some(1),
        b: None,
        c: vec![],
    };
    let only_b = Skips {
        a: None,
        b: Some(1),
        c: vec![],
    };
    assert_ne!(key_of(&only_a), key_of(&only_b));
}

#[test]
fn each_input_is_framed() {
    let key = |inputs: &[&str]| {
        let mut builder = KeyBuilder::new(&INFO, "u64");
        for input in inputs {
            builder.input(input).unwrap();
        }
        builder.finish()
    };
    assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
    assert_ne!(key(&["a"]), key(&["a", ""]));
    let bytes_key = |inputs: &[&[u8]]| {
        let mut builder = KeyBuilder::new(&INFO, "u64");
        for input in inputs {
            builder.input_bytes(input);
        }
        builder.finish()
    };
    assert_ne!(bytes_key(&[b"ab", b"c"]), bytes_key(&[b"a", b"bc"]));
    assert_ne!(bytes_key(&[b""]), bytes_key(&[b"", b""]));
    assert_eq!(bytes_key(&[b"ab", b"c"]), bytes_key(&[b"ab", b"c"]));
}

#[test]
fn the_bytes_path_writes_what_serde_bytes_writes() {
    /// Serializes as serde `bytes`, like `serde_bytes::Bytes`.
    struct Bytes<'a>(&'a [u8]);
    impl Serialize for Bytes<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }
    let mut fast = KeyBuilder::new(&INFO, "u64");
    fast.input_bytes(b"payload");
    assert_eq!(fast.finish(), key_of(&Bytes(b"payload")));
}

#[test]
fn maps_hash_independently_of_iteration_order() {
    let pairs: Vec<(String, u32)> = (0..200).map(|i| (format!("k{i}"), i)).collect();
    let forward: HashMap<_, _> = pairs.iter().cloned().collect();
    let mut backward = HashMap::with_capacity(1000);
    backward.extend(pairs.iter().rev().cloned());
    let sorted: BTreeMap<_, _> = pairs.iter().cloned().collect();
    assert_eq!(key_of(&forward), key_of(&backward));
    assert_eq!(key_of(&forward), key_of(&sorted));
}

#[test]
fn node_identity_is_part_of_the_key() {
    let base = KeyBuilder::new(&INFO, "u64").finish();
    let versioned = NodeInfo {
        version: Some("2"),
        ..INFO
    };
    assert_ne!(base, KeyBuilder::new(&versioned, "u64").finish());
    assert_ne!(base, KeyBuilder::new(&INFO, "u32").finish());
    let edited = NodeInfo {
        code_hash: [8; 32],
        ..INFO
    };
    assert_ne!(base, KeyBuilder::new(&edited, "u64").finish());
    let elsewhere = NodeInfo {
        module_path: "other::m",
        ..INFO
    };
    assert_ne!(base, KeyBuilder::new(&elsewhere, "u64").finish());
    let renamed = NodeInfo { name: "n2", ..INFO };
    assert_ne!(base, KeyBuilder::new(&renamed, "u64").finish());
    // Fields are framed: moving a character between module path and name changes the key.
    let shifted = NodeInfo {
        module_path: "mn",
        name: "",
        ..INFO
    };
    let unshifted = NodeInfo {
        module_path: "m",
        name: "n",
        ..INFO
    };
    assert_ne!(
        KeyBuilder::new(&shifted, "u64").finish(),
        KeyBuilder::new(&unshifted, "u64").finish()
    );
}

/// Any JSON value, nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        // `+ 0.0` turns -0.0 (equal to 0.0, but with other bits) into 0.0.
        (-1e6f64..1e6).prop_map(|f| Value::from(f + 0.0)),
        prop_oneof![Just(0u64), Just(1)].prop_map(Value::from),
        ".{0,4}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-c]{0,2}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn untagged() -> impl Strategy<Value = Untagged> {
    prop_oneof![
        prop_oneof![Just(0u64), Just(1), any::<u64>()].prop_map(Untagged::Number),
        any::<i64>().prop_map(Untagged::Signed),
        ".{0,3}".prop_map(Untagged::Text),
        any::<bool>().prop_map(Untagged::Flag),
        proptest::collection::vec(0u8..3, 0..3).prop_map(Untagged::List),
        proptest::option::of(0u8..3).prop_map(Untagged::Maybe),
    ]
}

fn internal() -> impl Strategy<Value = Internal> {
    prop_oneof![
        (0u32..3).prop_map(|x| Internal::A { x }),
        "[xy]{0,2}".prop_map(|y| Internal::B { y }),
        Just(Internal::C),
        proptest::collection::btree_map("[xy]{0,2}", 0u8..3, 0..3).prop_map(Internal::D),
    ]
}

fn skips() -> impl Strategy<Value = Skips> {
    let small = proptest::option::of(prop_oneof![
        Just(0u64),
        Just(1),
        Just(0x6100_0000_0000_0000),
        any::<u64>()
    ]);
    (
        small.clone(),
        small,
        proptest::collection::vec(0u8..2, 0..2),
    )
        .prop_map(|(a, b, c)| Skips { a, b, c })
}

fn unknown_len() -> impl Strategy<Value = UnknownLen> {
    proptest::collection::vec(proptest::collection::vec(0u8..2, 0..3), 0..3).prop_map(UnknownLen)
}

/// Unequal values have different keys; equal ones the same key.
fn check_pair<T: Serialize + PartialEq + std::fmt::Debug>(
    a: &T,
    b: &T,
) -> Result<(), TestCaseError> {
    if a == b {
        prop_assert_eq!(key_of(a), key_of(b));
    } else {
        prop_assert_ne!(key_of(a), key_of(b), "{:?} and {:?} share a key", a, b);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn unequal_json_values_have_different_keys(a in json_value(), b in json_value()) {
        check_pair(&a, &b)?;
        prop_assert_eq!(key_of(&a), key_of(&a.clone()));
    }

    #[test]
    fn unequal_untagged_enums_have_different_keys(a in untagged(), b in untagged()) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn unequal_internally_tagged_enums_have_different_keys(a in internal(), b in internal()) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn unequal_options_have_different_keys(
        a in proptest::option::of(proptest::option::of(0i32..3)),
        b in proptest::option::of(proptest::option::of(0i32..3)),
    ) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn unequal_structs_with_skipped_fields_have_different_keys(a in skips(), b in skips()) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn unequal_maps_have_different_keys(
        a in proptest::collection::btree_map(".{0,2}", proptest::option::of(0u8..3), 0..4),
        b in proptest::collection::btree_map(".{0,2}", proptest::option::of(0u8..3), 0..4),
    ) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn unequal_tuples_of_unknown_length_sequences_have_different_keys(
        a in (unknown_len(), unknown_len()),
        b in (unknown_len(), unknown_len()),
    ) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn unequal_pairs_of_unknown_and_known_length_sequences_have_different_keys(
        a in (proptest::collection::vec(0u64..2, 0..2), proptest::collection::vec(0u64..2, 0..2)),
        b in (proptest::collection::vec(0u64..2, 0..2), proptest::collection::vec(0u64..2, 0..2)),
    ) {
        check_pair(&(Unknown(a.0), a.1), &(Unknown(b.0), b.1))?;
    }

    #[test]
    fn unequal_tuples_have_different_keys(
        a in (0u8..2, ".{0,2}", proptest::collection::vec(0i16..2, 0..3)),
        b in (0u8..2, ".{0,2}", proptest::collection::vec(0i16..2, 0..3)),
    ) {
        check_pair(&a, &b)?;
    }

    #[test]
    fn hash_maps_key_alike_in_any_insertion_order(
        pairs in proptest::collection::btree_map(".{0,3}", any::<i32>(), 0..30),
    ) {
        let forward: HashMap<_, _> = pairs.iter().map(|(k, v)| (k.clone(), *v)).collect();
        let mut backward = HashMap::with_capacity(pairs.len() * 4 + 1);
        backward.extend(pairs.iter().rev().map(|(k, v)| (k.clone(), *v)));
        prop_assert_eq!(key_of(&forward), key_of(&backward));
        prop_assert_eq!(key_of(&forward), key_of(&pairs));
    }
}
