use std::process::ExitCode;

// Loading the corpus index decodes and frees millions of small strings;
// mimalloc does that work markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    copydesk::cli::main()
}
