//! The README's console examples, run as written: each `$ copydesk …` in a
//! ```` ```console ```` block runs from the repository's root, and its
//! output (standard error merged into standard output) and exit status
//! must match the block, `...` standing for any lines and `[..]` for the
//! rest of a line.

#[test]
fn readme_console_examples_match_the_program() {
    trycmd::TestCases::new()
        .register_bin("copydesk", trycmd::cargo::cargo_bin!("copydesk"))
        .env("NO_COLOR", "1")
        .case("README.md");
}
