use hypernodes::node;

#[node(output_name = "value")]
unsafe fn read(ptr: usize) -> u8 {
    *(ptr as *const u8)
}

fn main() {}
