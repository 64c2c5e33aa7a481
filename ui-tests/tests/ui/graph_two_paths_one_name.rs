use hypernodes::graph;

mod csv {
    use hypernodes::node;

    #[node(output_name = "records")]
    pub fn parse(text: String) -> Vec<String> {
        text.lines().map(String::from).collect()
    }
}

mod json {
    use hypernodes::node;

    #[node(output_name = "records")]
    pub fn parse(text: String) -> Vec<String> {
        vec![text]
    }
}

graph!(pub struct Import = [csv::parse, json::parse]);

fn main() {}
