//! The `organogram` command: a thin layer over the library.

/// An allocator made for many small, short-lived allocations on several
/// threads: a check makes several for every unit.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_t`, which
/// the bindings leave unnamed).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Memory freed stays with the process instead of being given back to
    // the system a second later: a build frees and reuses memory all the
    // time, and every page given back was zeroed by the kernel again when
    // used next (5,000 to 10,000 page faults a 20,000-unit build, about a
    // tenth of its CPU time). The process's peak is what it keeps. The
    // environment's MIMALLOC_PURGE_DELAY still decides when it is set.
    // SAFETY: set once, before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set_default(PURGE_DELAY, -1) };
    organogram::cli::main()
}
