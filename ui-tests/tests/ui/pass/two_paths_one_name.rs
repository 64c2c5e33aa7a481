//! Two different functions with one name (`csv::parse`, `json::parse`) are two entries:
//! listed side by side when their outputs differ, or under `as` names.
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

    #[node(output_name = "config")]
    pub fn parse(settings: String) -> Vec<String> {
        vec![settings]
    }
}

graph!(pub struct Import = [csv::parse, json::parse]);
graph!(pub struct Renamed = [csv::parse as read_csv, json::parse as read_json]);

fn main() {
    let outputs = hypernodes::Runner::new()
        .run(
            &Import,
            ImportInputs {
                text: "a\nb".into(),
                settings: "{}".into(),
            },
        )
        .unwrap();
    assert_eq!(outputs.records, ["a", "b"]);
    assert_eq!(outputs.config, ["{}"]);
    let _ = Renamed;
}
