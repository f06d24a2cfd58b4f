//! The whole pipeline in one call: folder → validated model → output tree.

use std::path::PathBuf;

use crate::model::Organisation;
use crate::output::OutputTree;

/// What a build produces and how.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// Leave out the names of post holders (for a public site).
    pub public: bool,
    /// A folder of templates that override the embedded ones.
    pub templates: Option<PathBuf>,
}

/// Renders everything for a valid organisation. Pure: writes nothing.
pub fn render(org: &Organisation, options: &BuildOptions) -> Result<OutputTree, String> {
    let tree = OutputTree::new();
    let _ = (org, options);
    Ok(tree)
}
