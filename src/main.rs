use std::process::ExitCode;

// Indexing a corpus allocates and frees millions of small strings; mimalloc
// does that work markedly faster than the system allocator. Built without
// transparent huge pages ("no_thp"): memory freed by one chunk of articles
// and reused by the next was cleared by the kernel 2 MB at a time, which
// cost up to a third of a cold start (10% to 15% of it at 10k and 100k
// articles, measured alternately).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    copydesk::cli::main()
}
