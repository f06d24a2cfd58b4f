//! How the command's allocator (mimalloc, chosen in `main.rs`) is set up,
//! here so that the benchmarks set it up the same way.

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_t`, which
/// the bindings leave unnamed).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory freed stays with the process instead of being given back to the
/// system a second later: a build frees and reuses memory all the time,
/// and every page given back was zeroed by the kernel again when used next
/// (8,700 to 10,500 page faults in a 20,000-unit build instead of 2,260,
/// about 6% of its CPU time). The process's peak is what it keeps. The
/// environment's `MIMALLOC_PURGE_DELAY` still decides when it is set.
/// Call it first thing in `main`, before other threads exist.
pub fn keep_freed_memory() {
    // SAFETY: mimalloc's options are plain integers; this sets a default
    // before any thread but the caller's could read it.
    unsafe { libmimalloc_sys::mi_option_set_default(PURGE_DELAY, -1) };
}

/// From now on the process's memory comes in pages of 4 KiB, not in
/// transparent huge pages of 2 MiB (which mimalloc asks for): a huge page
/// is zeroed whole the first time any of it is touched, however little of
/// it is used, and rendering touches most of its memory once. Called when a
/// build starts to render: 100,000 units, peak memory 666 MB instead of 723
/// MB (medians of six alternated runs; CPU time the same within the noise).
/// Before it, checking the organisation (all a rebuild with nothing changed
/// does) keeps huge pages: its 180 MB in small pages took 43,000 page
/// faults instead of 700 and a fifth longer. As mimalloc does when
/// `MIMALLOC_ALLOW_THP=0`; when that variable is set, it decides.
pub fn small_pages() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: sets a flag of this process; no memory is touched. On
        // failure (a kernel without the flag) huge pages stay allowed.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_off_after_small_pages() {
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
            return;
        }
        small_pages();
        // SAFETY: reads a flag of this process.
        let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(disabled, 1);
    }

    /// The bindings name no options: the place used must be the purge
    /// delay's, whose default in the bundled mimalloc is 1,000 ms (no
    /// other option's is). Read here, the option keeps that default in this
    /// test process, which does not allocate with mimalloc.
    #[test]
    fn the_option_set_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads an integer option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
