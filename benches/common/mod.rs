//! Shared by the bench binaries that take their sizes on the command line.

/// The organisation sizes given as arguments (`cargo bench --bench X -- 1000
/// 10000`), or `default` when none is.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        default.to_vec()
    } else {
        sizes
    }
}
