//! Compile-fail and compile-pass tests of the macros (trybuild). Each file under
//! `ui/*/fail/` must fail to build with exactly the `.stderr` beside it; each under
//! `ui/*/pass/` must build. The `.stderr` files depend on the compiler version;
//! regenerate with `TRYBUILD=overwrite cargo test -p framework-tests --test ui`, then
//! read every one as a user would.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*/fail/*.rs");
    t.pass("ui/*/pass/*.rs");
}
