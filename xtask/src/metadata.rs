//! The workspace as `cargo metadata` describes it: members, their targets, the
//! target folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// One compilation target of a member (a library, a binary, a test, a build script).
pub struct Target {
    pub name: String,
    pub kinds: Vec<String>,
    pub src_path: PathBuf,
}

/// One workspace member.
pub struct Member {
    pub name: String,
    pub manifest: PathBuf,
    pub targets: Vec<Target>,
}

impl Member {
    /// The folder holding the member's `Cargo.toml`.
    pub fn dir(&self) -> &Path {
        self.manifest.parent().unwrap_or(Path::new("."))
    }

    /// The names of its binary targets.
    pub fn binaries(&self) -> impl Iterator<Item = &str> {
        self.targets
            .iter()
            .filter(|t| t.kinds.iter().any(|k| k == "bin"))
            .map(|t| t.name.as_str())
    }
}

pub struct Workspace {
    pub members: Vec<Member>,
    pub target_directory: PathBuf,
}

/// Reads the workspace at `root` (`cargo metadata --no-deps`).
pub fn workspace(root: &Path) -> Result<Workspace, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--locked"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let json: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cargo metadata printed something that is not JSON: {e}"))?;
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let members = json["packages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|p| Member {
            name: text(&p["name"]),
            manifest: PathBuf::from(text(&p["manifest_path"])),
            targets: p["targets"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|t| Target {
                    name: text(&t["name"]),
                    kinds: t["kind"]
                        .as_array()
                        .map(Vec::as_slice)
                        .unwrap_or_default()
                        .iter()
                        .map(text)
                        .collect(),
                    src_path: PathBuf::from(text(&t["src_path"])),
                })
                .collect(),
        })
        .collect();
    Ok(Workspace {
        members,
        target_directory: PathBuf::from(text(&json["target_directory"])),
    })
}
