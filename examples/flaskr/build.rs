//! Declares the `flaskr_prepare` cfg that `sqlx-prepare.sh` sets while it records the
//! queries of one database at a time.
#![forbid(unsafe_code)]

fn main() {
    println!("cargo::rustc-check-cfg=cfg(flaskr_prepare, values(\"sqlite\", \"postgres\"))");
}
