//! Embeds the stylesheet minified: comments and indentation are for reading the source,
//! not for every agent's download.

#[path = "src/build/css.rs"]
mod css;

fn main() {
    println!("cargo:rerun-if-changed=src/ui/styles.css");
    println!("cargo:rerun-if-changed=src/build/css.rs");
    let source = std::fs::read_to_string("src/ui/styles.css").expect("src/ui/styles.css");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("styles.min.css");
    std::fs::write(out, css::minify(&source)).expect("writing the minified stylesheet");
}
