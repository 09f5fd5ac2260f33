//! Service names given to `port!` are checked at compile time: an unknown name, or a name
//! without a port on the protocol asked, does not compile, and the error names it.

#[test]
fn unknown_names_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/port_unknown_name.rs");
    cases.compile_fail("tests/ui/port_no_port_on_protocol.rs");
}
