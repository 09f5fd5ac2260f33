fn main() {
    ianaports_codegen::build_script_main();
}
