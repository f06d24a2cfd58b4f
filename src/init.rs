//! `organogram init`: a small working organisation to start from.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const EXAMPLE: &str = include_str!("init/organisation.toml");
pub const SCHEMA_FILE: &str = "organogram.schema.json";

/// Creates `dir` with an example organisation and the JSON Schema beside it.
/// Refuses to touch a folder that already holds TOML files.
pub fn init(dir: &Path) -> io::Result<Vec<PathBuf>> {
    if dir.exists() {
        let has_toml = fs::read_dir(dir)?
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "toml"));
        if has_toml {
            return Err(io::Error::other(format!(
                "`{}` already holds an organisation; choose an empty or new folder",
                dir.display()
            )));
        }
    }
    fs::create_dir_all(dir)?;
    let organisation = dir.join("organisation.toml");
    let schema = dir.join(SCHEMA_FILE);
    fs::write(&organisation, EXAMPLE)?;
    let json = serde_json::to_string_pretty(&crate::model::schema::json_schema())
        .map_err(io::Error::other)?;
    fs::write(&schema, json + "\n")?;
    Ok(vec![organisation, schema])
}
