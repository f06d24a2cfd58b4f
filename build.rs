//! Hashes the program's own source, so that a build's cache key changes
//! whenever the program does (not only with its version number): an output
//! folder made by another build of organogram is rendered again.

use std::fs;
use std::path::Path;

fn add_dir(hasher: &mut blake3::Hasher, dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            add_dir(hasher, &path);
        } else if let Ok(bytes) = fs::read(&path) {
            let name = path.to_string_lossy().replace('\\', "/");
            hasher.update(name.as_bytes());
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
    }
}

fn main() {
    let mut hasher = blake3::Hasher::new();
    for dir in ["src", "templates", "assets"] {
        println!("cargo:rerun-if-changed={dir}");
        add_dir(&mut hasher, Path::new(dir));
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    if let Ok(lock) = fs::read("Cargo.lock") {
        hasher.update(&lock);
    }
    let hash = hasher.finalize().to_hex();
    println!("cargo:rustc-env=ORGANOGRAM_SOURCE_HASH={}", &hash[..32]);
}
