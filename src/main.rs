//! The `organogram` command: a thin layer over the library.

/// An allocator made for many small, short-lived allocations on several
/// threads: a check makes several for every unit.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    organogram::allocator::keep_freed_memory();
    organogram::cli::main()
}
