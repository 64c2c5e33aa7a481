//! Type names as a user writes them, for messages: `std::any::type_name` spells out
//! module paths (`alloc::vec::Vec<alloc::string::String>`) no one writes.

/// `name` (from `std::any::type_name`) without the module path of each type in it:
/// `alloc::vec::Vec<alloc::string::String>` becomes `Vec<String>`.
pub(crate) fn short_type_name(name: &str) -> String {
    let mut short = String::with_capacity(name.len());
    let mut segment_start = 0;
    for (at, c) in name.char_indices() {
        if c.is_alphanumeric() || c == '_' {
            continue;
        }
        if c == ':' {
            if name[at..].starts_with("::") {
                if segment_start == at {
                    // After a non-path character (`<T as Trait>::Item`): keep it.
                    short.push_str("::");
                }
                // Drops the module path written so far.
                segment_start = at + 2;
            }
            continue;
        }
        short.push_str(&name[segment_start.min(at)..at]);
        short.push(c);
        segment_start = at + c.len_utf8();
    }
    short.push_str(&name[segment_start.min(name.len())..]);
    short
}

#[cfg(test)]
mod tests {
    use super::short_type_name;

    #[test]
    fn module_paths_are_dropped_at_every_level() {
        let cases: [(&str, &str); 7] = [
            ("<T as a::Trait>::Item", "<T as Trait>::Item"),
            (std::any::type_name::<String>(), "String"),
            (std::any::type_name::<bool>(), "bool"),
            (std::any::type_name::<Vec<String>>(), "Vec<String>"),
            (
                std::any::type_name::<(u32, Option<std::path::PathBuf>)>(),
                "(u32, Option<PathBuf>)",
            ),
            (
                std::any::type_name::<std::collections::HashMap<String, [u8; 4]>>(),
                "HashMap<String, [u8; 4]>",
            ),
            (std::any::type_name::<&'static str>(), "&str"),
        ];
        for (full, short) in cases {
            assert_eq!(short_type_name(full), short, "{full}");
        }
    }
}
