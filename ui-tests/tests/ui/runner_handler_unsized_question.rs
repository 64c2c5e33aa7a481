use hypernodes::Runner;

fn main() {
    // A node asks through `Interrupt<'_, String, bool>`; the handler takes `&str`.
    let _runner = Runner::new().with_handler(|question: &str| Some(question.is_empty()));
}
