use hypernodes::Runner;

struct Logger;

fn main() {
    let _runner = Runner::new().with_callback(Logger);
}
