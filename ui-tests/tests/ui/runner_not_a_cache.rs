use hypernodes::Runner;

fn main() {
    let _runner = Runner::new().with_cache(std::collections::HashMap::<u64, Vec<u8>>::new());
}
