//! CycloneDX SBOMs (JSON, spec 1.5), one per binary, written by `cargo cyclonedx`.
//!
//! `cargo cyclonedx` writes `NAME_bin.cdx.json` beside each member's `Cargo.toml`,
//! for every member at once: the ones wanted are moved into the release folder and
//! the others removed, so the source tree is left as it was.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::metadata::Workspace;
use crate::steps::run;

/// The target every SBOM describes (the one the binaries are built for).
const TARGET: &str = "x86_64-unknown-linux-gnu";

/// The SBOM's name in the release folder for the binary `name`.
pub fn file_name(binary: &str) -> String {
    format!("{binary}.cdx.json")
}

/// Writes `BINARY.cdx.json` into `out` for each of `binaries`; `source_date_epoch`
/// fixes the SBOM's timestamp to the commit's time.
pub fn write(
    root: &Path,
    workspace: &Workspace,
    binaries: &[String],
    out: &Path,
    source_date_epoch: Option<&str>,
) -> Result<Vec<PathBuf>, String> {
    let generated: Vec<(String, PathBuf)> = workspace
        .members
        .iter()
        .flat_map(|m| {
            m.binaries()
                .map(|b| (b.to_owned(), m.dir().join(format!("{b}_bin.cdx.json"))))
                .collect::<Vec<_>>()
        })
        .collect();
    let existed: Vec<bool> = generated.iter().map(|(_, p)| p.exists()).collect();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .args(["cyclonedx", "--format", "json", "--spec-version", "1.5"])
        .args(["--describe", "binaries", "--target", TARGET, "--quiet"])
        .current_dir(root);
    if let Some(epoch) = source_date_epoch {
        command.env("SOURCE_DATE_EPOCH", epoch);
    }
    let outcome = run(&mut command);

    let mut written = Vec::new();
    let mut failure = outcome.err();
    for ((binary, path), existed) in generated.iter().zip(existed) {
        if failure.is_none() && binaries.contains(binary) {
            let destination = out.join(file_name(binary));
            match std::fs::rename(path, &destination) {
                Ok(()) => written.push(destination),
                Err(e) => {
                    failure = Some(format!("cargo cyclonedx wrote no {} ({e})", path.display()))
                }
            }
        } else if !existed && path.exists() {
            std::fs::remove_file(path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    match failure {
        Some(message) => Err(message),
        None => Ok(written),
    }
}
