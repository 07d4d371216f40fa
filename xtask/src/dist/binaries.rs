//! Release binaries with their dependency list embedded (`cargo auditable`: a
//! compressed JSON of every crate and version in section `.dep-v0`, which
//! `cargo audit bin` and `syft` read back).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// One binary the build produced.
pub struct Binary {
    pub name: String,
    pub path: PathBuf,
}

/// The build command for `packages` in `profile` (`None`: release), as it is run and
/// recorded in the provenance.
pub fn command_line(packages: &[String], profile: Option<&str>) -> Vec<String> {
    let mut args: Vec<String> = ["cargo", "auditable", "build", "--locked"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    match profile {
        None => args.push("--release".to_owned()),
        Some(profile) => {
            args.push("--profile".to_owned());
            args.push(profile.to_owned());
        }
    }
    for package in packages {
        args.push("-p".to_owned());
        args.push(package.clone());
    }
    args
}

/// Builds `packages` with `cargo auditable` (in release unless `profile` says
/// otherwise); returns the binaries made.
pub fn build(
    root: &Path,
    packages: &[String],
    profile: Option<&str>,
) -> Result<Vec<Binary>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let args = command_line(packages, profile);
    println!("$ {}", args.join(" "));
    let mut child = Command::new(cargo)
        .args(args.iter().skip(1))
        .arg("--message-format=json-render-diagnostics")
        .current_dir(root)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo auditable: {e}"))?;
    let mut binaries = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| format!("cannot read cargo's output: {e}"))?;
            let Ok(message) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            if message["reason"] != "compiler-artifact" {
                continue;
            }
            let is_bin = message["target"]["kind"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k == "bin"));
            if let (true, Some(name), Some(path)) = (
                is_bin,
                message["target"]["name"].as_str(),
                message["executable"].as_str(),
            ) {
                binaries.push(Binary {
                    name: name.to_owned(),
                    path: PathBuf::from(path),
                });
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cargo auditable did not finish: {e}"))?;
    if !status.success() {
        return Err(format!("`{}` exited with {status}", args.join(" ")));
    }
    if binaries.is_empty() {
        return Err(format!(
            "`{}` built no binary: are {} packages with a `main`?",
            args.join(" "),
            packages.join(", ")
        ));
    }
    Ok(binaries)
}

/// The `(name, version)` of every package the binary at `path` says it was built
/// from, read back from its `.dep-v0` section.
pub fn embedded_packages(path: &Path) -> Result<Vec<(String, String)>, String> {
    let json = auditable_info::json_from_file(path, auditable_info::Limits::default())
        .map_err(|e| format!("{}: no dependency list embedded: {e}", path.display()))?;
    let info: Value = serde_json::from_str(&json).map_err(|e| {
        format!(
            "{}: the embedded dependency list is not JSON: {e}",
            path.display()
        )
    })?;
    Ok(info["packages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_owned(),
                p["version"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect())
}
