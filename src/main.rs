//! The `organogram` command: a thin layer over the library.

fn main() -> std::process::ExitCode {
    organogram::cli::main()
}
