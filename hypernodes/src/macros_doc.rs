//! Documentation of the two macros, kept next to the runtime crate so that its examples
//! run as doctests against the real library.

/// Makes a plain function a node of a computation graph.
///
/// ```
/// use hypernodes::node;
///
/// /// Splits a text into lowercase words.
/// #[node(output_name = "words")]
/// pub fn tokenize(text: &str) -> Vec<String> {
///     text.split_whitespace().map(str::to_lowercase).collect()
/// }
///
/// // Still an ordinary function: test it without a runner.
/// assert_eq!(tokenize("Hello World"), ["hello", "world"]);
/// ```
///
/// # Arguments
/// - `output_name = "name"`: the name of the value the function returns. A parameter of
///   another node with this name is fed by it.
/// - `output_name = ("a", "b")`: the function returns a tuple `(A, B)` (written as a tuple
///   type); its elements become two outputs, `a` and `b`. A keyword names a raw field:
///   `output_name = "type"` gives `r#type`, wired to a parameter `r#type`.
/// - `cache` (and `version = "..."`): store the output in the runner's cache, keyed by the
///   inputs and the function's code.
/// - `blocking`: a plain (non-`async`) function doing CPU work or blocking I/O. Under
///   [`AsyncRunner`](crate::AsyncRunner) its call runs on a thread pool that needs no
///   particular async runtime (the `blocking` crate's), so blocking nodes overlap with each
///   other and with async nodes, and a slow one does not stall the run; under
///   [`Runner`](crate::Runner) nothing changes. Its inputs and outputs must be
///   `Send + Sync + 'static`; an `async fn`, or a node with `Chunks`/`Interrupt`, cannot be
///   `blocking` (a compile error says so).
///
/// ```
/// use hypernodes::{graph, node, AsyncRunner};
///
/// #[node(output_name = "digest", blocking)]
/// fn hash(data: &[u8]) -> u64 {
///     data.iter().map(|&b| u64::from(b)).sum() // stands for heavy CPU work
/// }
///
/// #[node(output_name = "size")]
/// async fn measure(data: &[u8]) -> usize { data.len() }
///
/// graph!(struct Check = [hash, measure]);
///
/// let runner = AsyncRunner::new();
/// let outputs = futures_executor::block_on(runner.run(&Check, CheckInputs { data: vec![1, 2] }))?;
/// assert_eq!((outputs.digest, outputs.size), (3, 2));
/// # Ok::<(), hypernodes::Error>(())
/// ```
///
/// # What a node may look like
/// - A free function, sync or `async`, private or `pub`, in any module. Doc comments and
///   other attributes stay on the function.
/// - Parameters are plain names (`x: T`), each wired by its name. A parameter takes the value
///   by value (`T`, moved into its last consumer, cloned only where several nodes need it)
///   or by shared reference (`&T`). A `&T` parameter accepts any value that borrows as `T`,
///   so `&str` is fed by a `String` output and `&[T]` by a `Vec<T>`.
/// - A return type spelled `Result<T, E>` (any path ending in `Result`, such as
///   `io::Result<T>`) makes the output `T`; an `Err` stops the run with
///   [`Error::Node`](crate::Error::Node), which names the node and keeps `E` as its source.
///   `E` must convert into `Box<dyn Error + Send + Sync>` (every std error does, and so does
///   `anyhow::Error`).
/// - Outputs are owned values: no references or `impl Trait` in the return type.
/// - Two parameter types are not wired by name but supplied by the runner, at most one of
///   each per node: [`Chunks<'_, T>`](crate::Chunks), to stream chunks as the node works,
///   and [`Interrupt<'_, Q, A>`](crate::Interrupt), to ask a question and wait for the
///   answer. A node with either cannot be `cache`d.
/// - Not allowed, with a compile error saying why: `self` receivers, destructuring patterns,
///   generic parameters, `&mut` parameters, `unsafe fn`, an output named like one of the
///   node's own inputs.
///
/// Types in the signature must be nameable from the module the function is in: a node
/// declared inside a function body cannot use a type that is local to that body.
///
/// # What it generates
/// Besides the unchanged function, a hidden module of the same name (modules and functions
/// live in different namespaces) holding the node's types and [`NodeInfo`](crate::NodeInfo),
/// and a hidden `macro_rules!` callback through which [`graph!`](crate::graph) reads the
/// signature. Both are `#[doc(hidden)]`.
pub use hypernodes_macros::node;

/// Wires nodes into a graph by name, checked at compile time.
///
/// ```
/// use hypernodes::{graph, node, Runner};
///
/// #[node(output_name = "doubled")]
/// fn double(x: i32) -> i32 { x * 2 }
///
/// #[node(output_name = "answer")]
/// fn add_one(doubled: i32) -> i32 { doubled + 1 }
///
/// graph!(
///     /// Doubles and adds one.
///     pub struct Pipeline = [double, add_one]
/// );
///
/// let out = Runner::new().run(&Pipeline, PipelineInputs { x: 5 })?;
/// assert_eq!((out.doubled, out.answer), (10, 11));
/// # Ok::<(), hypernodes::Error>(())
/// ```
///
/// # Syntax
/// `graph!(#[attrs] VIS struct NAME = [ENTRY, ...]);` or, to keep only some outputs,
/// `graph!(VIS struct NAME = [ENTRY, ...] -> [OUTPUT, ...]);`.
///
/// Each entry is a path to a `#[node]` function or to another graph: `double`,
/// `stages::double`, `other_crate::stages::double`. (A node named like a standard macro,
/// such as `write` or `format`, is ambiguous by its bare name in its own module: list it
/// as `self::write`, as rustc's error suggests.) The order of the list does not matter;
/// nodes run in an order that respects their inputs (the list order among independent ones).
///
/// # What it generates
/// - `VIS struct NAME;` — the graph, a value you pass to a runner (`&NAME`). It implements
///   [`Graph`](crate::Graph) and [`Node`](crate::Node), so it can be an entry of another
///   graph, where its inputs and outputs are wired by name like a node's.
/// - `VIS struct NAMEInputs` — one public field per value that no node produces, typed as
///   the consuming node's parameter (for a parameter taken only as `&str`, the field is a
///   `String`; as `&[T]`, a `Vec<T>`).
/// - `VIS struct NAMEOutputs` — one public field per output of every node, or, with
///   `-> [..]`, per selected output. Nodes that no selected output needs are not run.
/// - `VIS struct NAMEMapInputs` — the inputs' fields as [`Over`](crate::Over) values, for
///   `map`.
/// - These structs implement `Debug`; a field whose type is not `Debug` prints as `..`.
/// - When a node it runs streams or asks (directly, or inside a listed graph):
///   `VIS enum NAMEChunk`, `NAMEQuestion` and `NAMEAnswer`, with a variant per such node
///   (its name in UpperCamelCase) or listed graph (its name), carrying the node's type or
///   the listed graph's enum. They are [`Graph::Chunk`](crate::Graph::Chunk),
///   [`Graph::Question`](crate::Graph::Question) and [`Graph::Answer`](crate::Graph::Answer);
///   a graph with no such node uses [`Infallible`](std::convert::Infallible).
///
/// # Compile errors
/// Wiring mistakes are compile errors that name the nodes and point at your tokens: a
/// parameter whose type differs from the output feeding it, a cycle, two nodes producing
/// one output, a selected output that nothing produces (with a suggestion), an entry that
/// is not a node or graph.
///
/// # Large graphs
/// `graph!` reads each entry's signature through one macro expansion, so a graph of `n`
/// entries needs a recursion limit of `n + 3`. The default (128) covers 125 entries; for
/// more, raise it at the top of the crate, e.g. `#![recursion_limit = "512"]`. Past the
/// limit, rustc stops with one error whose help line says to raise it.
pub use hypernodes_macros::graph;

/// Declares a graph on a unit struct: the item-shaped twin of [`graph!`](crate::graph).
///
/// `#[graph_of(LIST)]` takes exactly what follows `=` in `graph!`, and generates the same
/// items, with the same compile errors:
///
/// ```
/// use hypernodes::{graph_of, node, Runner};
///
/// #[node(output_name = "doubled")]
/// fn double(x: i32) -> i32 { x * 2 }
///
/// #[node(output_name = "answer")]
/// fn add_one(doubled: i32) -> i32 { doubled + 1 }
///
/// #[graph_of([double, add_one])]
/// pub struct Pipeline;
///
/// /// Doc comments and other attributes stay on the graph.
/// #[graph_of([double, add_one] -> [answer])]
/// pub struct Answer;
///
/// let out: PipelineOutputs = Runner::new().run(&Pipeline, PipelineInputs { x: 5 })?;
/// assert_eq!((out.doubled, out.answer), (10, 11));
/// let out: AnswerOutputs = Runner::new().run(&Answer, AnswerInputs { x: 5 })?;
/// assert_eq!(out.answer, 11);
/// # Ok::<(), hypernodes::Error>(())
/// ```
///
/// Use it where only items are kept: in an evcxr (Jupyter) notebook, a `graph!(...)` call
/// alone in a cell is a statement, so what it generates is gone in the next cell, while a
/// struct with `#[graph_of]` is an item and stays. See the README's "Notebooks" section.
///
/// The struct must be a unit struct (`pub struct Name;`) without generics: it becomes the
/// graph value itself.
pub use hypernodes_macros::graph_of;
