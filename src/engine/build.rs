//! Unpacks the bundled digits (`data/digits.csv.gz`) at build time into plain bytes, 65 a row (64
//! pixels 0..16, then the label), which `data::digits` compiles in. The page then carries no gzip
//! decoder, and the bytes compress better inside the gzipped bundle than gzip inside gzip: 45 KB
//! against 57 KB, plus the decoder's code.

use std::io::Read;

fn main() {
    let src = "data/digits.csv.gz";
    println!("cargo::rerun-if-changed={src}");
    let mut csv = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(src).expect("the digits file is there"))
        .read_to_string(&mut csv)
        .expect("the bundled digits file is valid gzip text");
    let mut bytes = Vec::new();
    for line in csv.lines().filter(|l| !l.trim().is_empty()) {
        let row: Vec<u8> = line
            .split(',')
            .map(|f| f.trim().parse::<u8>().expect("digits are integers 0..16"))
            .collect();
        assert_eq!(row.len(), 65, "64 pixels and a label a row");
        bytes.extend(row);
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(out.join("digits.u8"), bytes).expect("OUT_DIR is writable");
}
