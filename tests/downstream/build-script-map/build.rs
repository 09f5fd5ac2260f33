use std::io::Write as _;

fn main() {
    let mut map = phf_codegen::Map::new();
    for (code, meaning) in [(200u16, "\"OK\""), (404, "\"Not Found\""), (503, "\"Service Unavailable\"")] {
        map.entry(code, meaning);
    }
    let path = std::path::Path::new(&std::env::var_os("OUT_DIR").unwrap()).join("statuses.rs");
    let mut file = std::fs::File::create(path).unwrap();
    writeln!(file, "static STATUSES: phf::Map<u16, &'static str> = {};", map.build()).unwrap();
}
