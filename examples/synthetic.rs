//! Writes a synthetic organisation folder, to try organogram on a large one:
//!
//! ```sh
//! cargo run --release --example synthetic -- 100000 /tmp/big-org
//! cargo run --release -- check /tmp/big-org
//! ```

fn main() {
    let mut args = std::env::args().skip(1);
    let units: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "synthetic-org".into()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create `{}`: {e}", dir.display());
        std::process::exit(2);
    }
    for (name, text) in organogram::synthetic::files(units, 42) {
        if let Err(e) = std::fs::write(dir.join(&name), text) {
            eprintln!("error: cannot write `{name}`: {e}");
            std::process::exit(2);
        }
    }
    eprintln!("wrote {units} units to `{}`", dir.display());
}
