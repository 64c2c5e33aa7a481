//! Whether a `#[node]` function is written inside an `impl` or `trait` block, so that such
//! a node gets one error saying nodes are free functions, instead of rustc's three about
//! the module, macro and `use` emitted beside it (items an `impl` cannot hold).
//!
//! A proc macro does not see its context, but since Rust 1.88 a span tells its file, line
//! and column. The file's tokens are scanned once per compilation (cached by path, size and
//! time) for names of `#[node]` functions that may sit in blocks; only for such a name is
//! the file parsed, with the function's name at its exact position replaced by a marker,
//! which says for certain which block holds it (a free node named like a method is not
//! mistaken for it). Anything uncertain (no file, a parse failure, a name coming from a
//! macro, text that no longer matches the function) answers `None`, and the node expands
//! as usual: the error then is rustc's, as before. (Emitting the hidden items inside one
//! module would cut rustc's errors to one, but not say what is wrong.)

use crate::source::{self, MARKER};
use crate::tokens::type_string;
use proc_macro2::{Delimiter, Ident, TokenStream, TokenTree};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;
use syn::visit::Visit;

/// The block a function is written in.
#[derive(Debug, PartialEq)]
pub(crate) struct Block {
    /// Its header, as the user wrote it minus generics: `impl Stages`,
    /// `impl Double for Stages`, `trait Stages`.
    pub header: String,
    pub is_trait: bool,
}

impl Block {
    /// The one error for a node written in this block, at the function's name.
    pub(crate) fn error(&self, name: &Ident) -> syn::Error {
        let block = if self.is_trait {
            "the trait"
        } else {
            "the `impl` block"
        };
        syn::Error::new(
            name.span(),
            format!(
                "node `{name}` is inside `{}`, but nodes are free functions, listed in a graph by path; move `{name}` out of {block}",
                self.header
            ),
        )
    }
}

/// The block holding the function whose signature this is, found in its source file.
pub(crate) fn enclosing_block(sig: &syn::Signature) -> Option<Block> {
    let (path, line, column) = source::position(&sig.ident)?;
    if !names_in_blocks(&path)?.contains(&sig.ident.to_string()) {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    block_at(&text, line, column, sig)
}

/// Per source file: its size and modification time when read, and the names of the
/// `#[node]` functions that may be written in blocks. A long-lived process (rust-analyzer's
/// macro server) sees files change, hence the stamp.
type Index = HashMap<PathBuf, (Stamp, Arc<HashSet<String>>)>;
type Stamp = (u64, Option<SystemTime>);

fn names_in_blocks(path: &Path) -> Option<Arc<HashSet<String>>> {
    static INDEX: OnceLock<Mutex<Index>> = OnceLock::new();
    let metadata = std::fs::metadata(path).ok()?;
    let stamp = (metadata.len(), metadata.modified().ok());
    let index = INDEX.get_or_init(Default::default);
    // A poisoned lock only means another expansion panicked; the map is still whole.
    let cached = index
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(path)
        .filter(|(at, _)| *at == stamp)
        .map(|(_, names)| Arc::clone(names));
    if cached.is_some() {
        return cached;
    }
    let text = std::fs::read_to_string(path).ok()?;
    // A file that does not lex has no candidates: its nodes expand as usual.
    let names = Arc::new(node_names_in_blocks(&text).unwrap_or_default());
    index
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert(path.to_path_buf(), (stamp, Arc::clone(&names)));
    Some(names)
}

/// The names of the functions with an attribute mentioning `node` that may be written
/// directly in an `impl` or `trait` block of this source text.
///
/// A quick pass over the tokens, as every node's file goes through it: a full parse costs
/// about three times as much (50 ms against 15 ms for a file of 100 nodes). It may list
/// too many names (a `#[node]` function directly in the body of a function returning
/// `impl Trait`), which `block_at` then settles; it lists every node written in a block,
/// except in one whose header holds braces (`impl Foo<{ N }>`), which then expands as
/// usual.
fn node_names_in_blocks(text: &str) -> Option<HashSet<String>> {
    // Most files of nodes have no block at all: no need to lex them.
    if !text.contains("impl") && !text.contains("trait") {
        return Some(HashSet::new());
    }
    let tokens: TokenStream = text.trim_start_matches('\u{feff}').parse().ok()?;
    let mut names = HashSet::new();
    scan(tokens, false, &mut names);
    Some(names)
}

/// Scans one level of tokens: `in_block` when they are the body of an `impl` or `trait`.
fn scan(tokens: TokenStream, in_block: bool, names: &mut HashSet<String>) {
    // Since the last item boundary (`;` or a braced body): whether `impl` or `trait` was
    // seen (so the next braces are a block), and whether an attribute mentioned `node`.
    let (mut block_head, mut node_attr) = (false, false);
    let mut after_hash = false;
    let mut after_fn = false;
    for token in tokens {
        match &token {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                scan(group.stream(), block_head, names);
                (block_head, node_attr) = (false, false);
            }
            TokenTree::Group(group) if after_hash && group.delimiter() == Delimiter::Bracket => {
                node_attr |= mentions_node(group.stream());
            }
            TokenTree::Punct(punct) if punct.as_char() == ';' => {
                (block_head, node_attr) = (false, false);
            }
            TokenTree::Ident(ident) => {
                let ident = ident.to_string();
                if after_fn && in_block && node_attr {
                    names.insert(ident.clone());
                }
                block_head |= ident == "impl" || ident == "trait";
            }
            _ => {}
        }
        after_hash = matches!(&token, TokenTree::Punct(punct) if punct.as_char() == '#');
        after_fn = matches!(&token, TokenTree::Ident(ident) if ident == "fn");
    }
}

fn mentions_node(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == "node",
        TokenTree::Group(group) => mentions_node(group.stream()),
        _ => false,
    })
}

/// The block holding the function named at `line` (1-based) and `column` (1-based, in bytes
/// or in characters: both are tried) of `text`, if the function there has this signature.
fn block_at(text: &str, line: usize, column: usize, sig: &syn::Signature) -> Option<Block> {
    let marked = source::mark(text, line, column, &sig.ident.to_string())?;
    let file = syn::parse_file(&marked).ok()?;
    let mut finder = Finder::default();
    finder.visit_file(&file);
    let found = finder
        .in_blocks
        .into_iter()
        .find(|found| found.sig.ident == MARKER)?;
    let mut written = found.sig;
    written.ident = sig.ident.clone();
    let same = quote::quote!(#written).to_string() == quote::quote!(#sig).to_string();
    same.then_some(found.block)
}

/// A function written directly in a block.
struct Found {
    sig: syn::Signature,
    block: Block,
}

/// Walks a file, remembering the innermost `impl` or `trait` block around each item:
/// a function's body starts afresh (a function declared inside a method is free).
#[derive(Default)]
struct Finder {
    block: Option<(String, bool)>,
    in_blocks: Vec<Found>,
}

impl Finder {
    fn within(&mut self, block: Option<(String, bool)>, walk: impl FnOnce(&mut Self)) {
        let outer = std::mem::replace(&mut self.block, block);
        walk(self);
        self.block = outer;
    }

    fn found(&mut self, sig: &syn::Signature) {
        if let Some((header, is_trait)) = &self.block {
            self.in_blocks.push(Found {
                sig: sig.clone(),
                block: Block {
                    header: header.clone(),
                    is_trait: *is_trait,
                },
            });
        }
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let header = match &item.trait_ {
            Some((bang, path, _)) => format!(
                "impl {}{} for {}",
                if bang.is_some() { "!" } else { "" },
                type_string(path),
                type_string(&item.self_ty)
            ),
            None => format!("impl {}", type_string(&item.self_ty)),
        };
        self.within(Some((header, false)), |finder| {
            syn::visit::visit_item_impl(finder, item)
        });
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        let header = format!("trait {}", item.ident);
        self.within(Some((header, true)), |finder| {
            syn::visit::visit_item_trait(finder, item)
        });
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.found(&item.sig);
        self.within(None, |finder| syn::visit::visit_impl_item_fn(finder, item));
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        self.found(&item.sig);
        self.within(None, |finder| syn::visit::visit_trait_item_fn(finder, item));
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.within(None, |finder| syn::visit::visit_item_fn(finder, item));
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.within(None, |finder| syn::visit::visit_item_mod(finder, item));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The block holding the function whose name follows the `^` (removed first), given
    /// its signature.
    fn block_of(source: &str, sig: &str) -> Option<Block> {
        let (text, line, column) = source::caret(source);
        let sig: syn::Signature = syn::parse_str(sig).unwrap();
        block_at(&text, line, column, &sig)
    }

    fn impl_block(header: &str) -> Option<Block> {
        Some(Block {
            header: header.to_string(),
            is_trait: false,
        })
    }

    #[test]
    fn a_node_in_an_inherent_impl_is_found() {
        let source = "struct Stages;\nimpl Stages {\n    #[node]\n    fn ^double(x: i32) -> i32 { x * 2 }\n}\n";
        assert_eq!(
            block_of(source, "fn double(x: i32) -> i32"),
            impl_block("impl Stages")
        );
    }

    #[test]
    fn a_node_in_a_trait_or_a_trait_impl_names_it() {
        let in_trait = "trait Stages {\n    #[node]\n    fn ^double(x: i32) -> i32;\n}\n";
        assert_eq!(
            block_of(in_trait, "fn double(x: i32) -> i32"),
            Some(Block {
                header: "trait Stages".to_string(),
                is_trait: true
            })
        );
        let in_trait_impl = "impl Double for Stages<u8> {\n    #[hypernodes::node]\n    fn ^double(x: i32) -> i32 { x }\n}\n";
        assert_eq!(
            block_of(in_trait_impl, "fn double(x: i32) -> i32"),
            impl_block("impl Double for Stages<u8>")
        );
    }

    #[test]
    fn a_free_node_named_like_a_node_in_an_impl_is_free() {
        let source = "impl Stages {\n    #[node]\n    fn double(x: i32) -> i32 { x }\n}\n#[node]\nfn ^double(x: i32) -> i32 { x }\n";
        assert_eq!(block_of(source, "fn double(x: i32) -> i32"), None);
        let marked_in_impl = source
            .replacen("^", "", 1)
            .replacen("fn double", "fn ^double", 1);
        assert_eq!(
            block_of(&marked_in_impl, "fn double(x: i32) -> i32"),
            impl_block("impl Stages")
        );
    }

    #[test]
    fn functions_in_bodies_and_modules_are_free_and_impls_in_bodies_are_not() {
        let in_method = "impl Stages {\n    fn run() {\n        #[node]\n        fn ^double(x: i32) -> i32 { x }\n    }\n}\n";
        assert_eq!(block_of(in_method, "fn double(x: i32) -> i32"), None);
        let impl_in_fn = "fn main() {\n    mod m {}\n    impl Stages {\n        #[node]\n        fn ^double(x: i32) -> i32 { x }\n    }\n}\n";
        assert_eq!(
            block_of(impl_in_fn, "fn double(x: i32) -> i32"),
            impl_block("impl Stages")
        );
    }

    #[test]
    fn anything_uncertain_is_no_answer() {
        let sig = "fn double(x: i32) -> i32";
        // Inside a macro's body: not an item yet.
        let in_macro =
            "macro_rules! m { () => { impl S { #[node] fn ^double(x: i32) -> i32 { x } } } }\n";
        assert_eq!(block_of(in_macro, sig), None);
        // The text at the position is another name (the file changed since).
        let moved = "impl S {\n    #[node]\n    fn ^triple(x: i32) -> i32 { x }\n}\n";
        assert_eq!(block_of(moved, sig), None);
        // The function there has another signature.
        let changed = "impl S {\n    #[node]\n    fn ^double(x: u8) -> i32 { x }\n}\n";
        assert_eq!(block_of(changed, sig), None);
        // A file that does not parse.
        let broken = "impl S {\n    #[node]\n    fn ^double(x: i32) -> i32 { x }\n";
        assert_eq!(block_of(broken, sig), None);
        // Positions past the end.
        let sig: syn::Signature = syn::parse_str(sig).unwrap();
        assert_eq!(block_at("impl S {}", 9, 1, &sig), None);
        assert_eq!(block_at("impl S {}", 1, 90, &sig), None);
        assert_eq!(block_at("impl S {}", 0, 0, &sig), None);
    }

    #[test]
    fn columns_count_in_bytes_or_in_characters() {
        let source = "impl Étapes { #[node] fn ^double(x: i32) -> i32 { x } }\n";
        let sig: syn::Signature = syn::parse_str("fn double(x: i32) -> i32").unwrap();
        let text = source.replacen('^', "", 1);
        let bytes = source.find('^').unwrap() + 1;
        let chars = source[..bytes - 1].chars().count() + 1;
        assert_ne!(bytes, chars);
        assert_eq!(block_at(&text, 1, bytes, &sig), impl_block("impl Étapes"));
        assert_eq!(block_at(&text, 1, chars, &sig), impl_block("impl Étapes"));
    }

    #[test]
    fn every_node_in_a_block_is_a_candidate_and_free_ones_are_not() {
        let names = node_names_in_blocks(
            "impl S {\n    #[node]\n    fn a() {}\n    fn b() {}\n}\n\
             trait T { #[hypernodes::node(output_name = \"c\")] fn c(); }\n\
             impl<T: Clone> U for S<T> where T: Copy { #[doc = \"x\"] #[node] pub(crate) async fn g() {} }\n\
             #[node]\nfn d() {}\n\
             mod m { #[node] fn h() {} }\n\
             impl S { fn e() { #[node] fn f() {} } }\n\
             fn main() { impl S { #[node] const fn i() {} } }\n\
             // impl S { #[node] fn j() {} }\n\
             const K: &str = \"impl S { #[node] fn k() {} }\";\n",
        )
        .unwrap();
        let mut names: Vec<_> = names.into_iter().collect();
        names.sort();
        assert_eq!(names, ["a", "c", "g", "i"]);
        assert_eq!(node_names_in_blocks("impl ( {"), None);
        assert_eq!(node_names_in_blocks("fn ( {"), Some(HashSet::new()));
    }
}
