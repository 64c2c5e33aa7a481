//! A graph declared twice in one module: one error at the second declaration's name,
//! instead of rustc's twenty about every generated type and impl defined twice.
//!
//! Each declaration expands on its own, so the macro reads the source file (see
//! `crate::source`): the second declaration finds the first before it in the same list of
//! items (the file, or an inline module) and expands to the error alone. Declarations under
//! `#[cfg(..)]` are never counted (two of them may be alternatives), nor anything the file
//! does not show plainly (a graph made by a macro, one in a function body): those expand
//! as usual.

use crate::source::{self, MARKER};
use proc_macro2::{Ident, TokenTree};
use syn::Item;

/// The error for the graph named `name` if an earlier declaration in the same module
/// already declares a graph of that name.
pub(crate) fn declared_before(name: &Ident) -> Option<syn::Error> {
    let (path, line, column) = source::position(name)?;
    let text = std::fs::read_to_string(path).ok()?;
    if !earlier_in(&text, line, column, &name.to_string())? {
        return None;
    }
    Some(syn::Error::new(
        name.span(),
        format!(
            "graph `{name}` is declared twice in this module: give one of them another name \
             (each declaration also makes `{name}Inputs`, `{name}Outputs` and the other \
             `{name}..` types)"
        ),
    ))
}

/// Whether the graph named `name` at `line` and `column` of `text` follows another graph
/// of that name in the same list of items; `None` if that cannot be told.
fn earlier_in(text: &str, line: usize, column: usize, name: &str) -> Option<bool> {
    // Most files declare each graph once: no need to parse them. (The name alone appears
    // in every use of `{Name}Inputs`; `struct Name` only where a struct is declared. A
    // declaration written across lines is not counted: it gets rustc's errors.)
    let declaration = format!("struct {name}");
    let declarations = text.match_indices(&declaration).filter(|(at, _)| {
        let after = text[at + declaration.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    });
    if declarations.count() < 2 {
        return Some(false);
    }
    let marked = source::mark(text, line, column, name)?;
    let file = syn::parse_file(&marked).ok()?;
    in_items(&file.items, name)
}

/// Looks for the marked declaration in `items` and the inline modules among them.
fn in_items(items: &[Item], name: &str) -> Option<bool> {
    let mut seen = false;
    for item in items {
        match declared(item) {
            Some(declared) if declared == MARKER => return Some(seen),
            Some(declared) if declared == name => seen = true,
            _ => {}
        }
        if let Item::Mod(module) = item {
            if let Some(found) = module
                .content
                .as_ref()
                .and_then(|(_, items)| in_items(items, name))
            {
                return Some(found);
            }
        }
    }
    None
}

/// The name of the graph `item` declares, unless it is conditional (`#[cfg]`).
fn declared(item: &Item) -> Option<String> {
    let last_is =
        |path: &syn::Path, name: &str| path.segments.last().is_some_and(|s| s.ident == name);
    let conditional = |attrs: &[syn::Attribute]| {
        attrs
            .iter()
            .any(|attr| last_is(attr.path(), "cfg") || last_is(attr.path(), "cfg_attr"))
    };
    match item {
        Item::Macro(item) if last_is(&item.mac.path, "graph") && !conditional(&item.attrs) => {
            // `graph!(#[..] pub struct Name = [..])`: the identifier after `struct`.
            let mut tokens = item.mac.tokens.clone().into_iter();
            tokens.find(|token| matches!(token, TokenTree::Ident(ident) if ident == "struct"))?;
            match tokens.next()? {
                TokenTree::Ident(ident) => Some(ident.to_string()),
                _ => None,
            }
        }
        Item::Struct(item)
            if item
                .attrs
                .iter()
                .any(|attr| last_is(attr.path(), "graph_of"))
                && !conditional(&item.attrs) =>
        {
            Some(item.ident.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the graph whose name follows the `^` (removed first) was declared before.
    fn earlier(source: &str, name: &str) -> Option<bool> {
        let (text, line, column) = source::caret(source);
        earlier_in(&text, line, column, name)
    }

    #[test]
    fn a_second_declaration_in_one_module_is_found() {
        let twice = "graph!(pub struct Pipeline = [a]);\ngraph!(pub struct ^Pipeline = [b]);\n";
        assert_eq!(earlier(twice, "Pipeline"), Some(true));
        let first = "graph!(pub struct ^Pipeline = [a]);\ngraph!(pub struct Pipeline = [b]);\n";
        assert_eq!(earlier(first, "Pipeline"), Some(false));
        let with_attribute =
            "#[graph_of([a])]\npub struct Pipeline;\nhypernodes::graph!(struct ^Pipeline = [b]);\n";
        assert_eq!(earlier(with_attribute, "Pipeline"), Some(true));
    }

    #[test]
    fn a_name_used_but_declared_once_is_not_a_duplicate() {
        // `Pipeline` stands three times, `struct Pipeline` once.
        let used = "graph!(pub struct ^Pipeline = [a]);\nfn f(p: Pipeline, i: PipelineInputs) {}\n";
        assert_eq!(earlier(used, "Pipeline"), Some(false));
    }

    #[test]
    fn other_modules_other_names_and_alternatives_are_not_duplicates() {
        let modules = "mod a { graph!(pub struct Pipeline = [a]); }\nmod b { graph!(pub struct ^Pipeline = [b]); }\n";
        assert_eq!(earlier(modules, "Pipeline"), Some(false));
        let names = "graph!(pub struct Pipelines = [a]);\ngraph!(pub struct ^Pipeline = [b]);\n";
        assert_eq!(earlier(names, "Pipeline"), Some(false));
        let alternatives = "#[cfg(feature = \"x\")]\ngraph!(pub struct Pipeline = [a]);\n#[cfg(not(feature = \"x\"))]\ngraph!(pub struct ^Pipeline = [b]);\n";
        assert_eq!(earlier(alternatives, "Pipeline"), None);
        let after_conditional = "#[cfg(feature = \"x\")]\ngraph!(pub struct Pipeline = [a]);\ngraph!(pub struct ^Pipeline = [b]);\n";
        assert_eq!(earlier(after_conditional, "Pipeline"), Some(false));
        let plain_struct = "struct Pipeline;\ngraph!(pub struct ^Pipeline = [b]);\n";
        assert_eq!(earlier(plain_struct, "Pipeline"), Some(false));
    }

    #[test]
    fn what_cannot_be_told_is_no_answer() {
        // A graph in a function body, and one whose text moved.
        let in_fn = "fn main() { graph!(struct P = [a]); graph!(struct ^P = [b]); }\n";
        assert_eq!(earlier(in_fn, "P"), None);
        let moved = "graph!(struct P = [a]);\ngraph!(struct ^Q = [b]);\ngraph!(struct P = [c]);\n";
        assert_eq!(earlier(moved, "P"), None);
        let broken = "graph!(struct P = [a]);\ngraph!(struct ^P = [b]);\nfn (\n";
        assert_eq!(earlier(broken, "P"), None);
        let twice = "graph!(struct P = []); graph!(struct P = []);";
        assert_eq!(earlier_in(twice, 9, 1, "P"), None);
    }
}
