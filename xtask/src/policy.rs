//! Source policy: every crate of the workspace forbids `unsafe` twice over, by its
//! own `#![forbid(unsafe_code)]` at the top of each crate root (library, binary,
//! test, build script) and by taking the workspace's lints (`[lints] workspace =
//! true`, where `unsafe_code = "forbid"` and the clippy lints live).

use std::path::Path;

use crate::metadata::Workspace;

const ATTRIBUTE: &str = "#![forbid(unsafe_code)]";

/// Checks every member; the error lists each file that breaks the policy.
pub fn check(root: &Path, workspace: &Workspace) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut roots = 0;
    for member in &workspace.members {
        match std::fs::read_to_string(&member.manifest) {
            Ok(manifest) if takes_workspace_lints(&manifest) => {}
            Ok(_) => problems.push(format!(
                "{}: has no `[lints] workspace = true`",
                shown(root, &member.manifest)
            )),
            Err(e) => problems.push(format!("{}: {e}", shown(root, &member.manifest))),
        }
        for target in &member.targets {
            roots += 1;
            match std::fs::read_to_string(&target.src_path) {
                Ok(source) if forbids_unsafe_at_top(&source) => {}
                Ok(_) => problems.push(format!(
                    "{} ({} `{}`): does not start with {ATTRIBUTE}",
                    shown(root, &target.src_path),
                    target.kinds.join("/"),
                    target.name
                )),
                Err(e) => problems.push(format!("{}: {e}", shown(root, &target.src_path))),
            }
        }
    }
    // The fuzz targets live in a workspace of their own (`fuzz/`), outside the members.
    let fuzz_targets = root.join("fuzz").join("fuzz_targets");
    if let Ok(entries) = std::fs::read_dir(&fuzz_targets) {
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.extension().is_some_and(|e| e == "rs") {
                roots += 1;
                match std::fs::read_to_string(&path) {
                    Ok(source) if forbids_unsafe_at_top(&source) => {}
                    Ok(_) => problems.push(format!(
                        "{} (fuzz target): does not start with {ATTRIBUTE}",
                        shown(root, &path)
                    )),
                    Err(e) => problems.push(format!("{}: {e}", shown(root, &path))),
                }
            }
        }
    }
    if problems.is_empty() {
        println!(
            "{roots} crate roots of {} members forbid unsafe code",
            workspace.members.len()
        );
        Ok(())
    } else {
        Err(format!(
            "unsafe code is not forbidden everywhere:\n  {}",
            problems.join("\n  ")
        ))
    }
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Whether the manifest has `workspace = true` in its `[lints]` table.
fn takes_workspace_lints(manifest: &str) -> bool {
    let mut in_lints = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_lints = line == "[lints]";
        } else if in_lints && line.replace(' ', "") == "workspace=true" {
            return true;
        }
    }
    false
}

/// Whether `#![forbid(unsafe_code)]` is among the inner attributes that open the
/// file (before its first item; comments and other inner attributes may come first).
fn forbids_unsafe_at_top(source: &str) -> bool {
    let mut in_attribute = false;
    for line in source.lines().map(str::trim) {
        if in_attribute {
            in_attribute = !line.ends_with(']');
            continue;
        }
        if line == ATTRIBUTE {
            return true;
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        if line.starts_with("#![") {
            in_attribute = !line.ends_with(']');
            continue;
        }
        return false;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attribute_counts_only_before_the_first_item() {
        assert!(forbids_unsafe_at_top(
            "//! Docs.\n\n#![forbid(unsafe_code)]\n\nuse std::io;\n"
        ));
        assert!(forbids_unsafe_at_top(
            "// ANCHOR: all\n#![cfg_attr(\n    test,\n    allow(dead_code)\n)]\n#![forbid(unsafe_code)]\nfn main() {}\n"
        ));
        assert!(!forbids_unsafe_at_top(
            "//! Docs.\nuse std::io;\n#![forbid(unsafe_code)]\n"
        ));
        assert!(!forbids_unsafe_at_top("fn main() {}\n"));
        assert!(!forbids_unsafe_at_top(
            "#![deny(unsafe_code)]\nfn main() {}\n"
        ));
    }

    #[test]
    fn workspace_lints_must_be_taken() {
        assert!(takes_workspace_lints(
            "[package]\nname = \"a\"\n\n[lints]\nworkspace = true\n"
        ));
        assert!(!takes_workspace_lints(
            "[package]\nworkspace = true\n\n[lints.rust]\nunsafe_code = \"allow\"\n"
        ));
        assert!(!takes_workspace_lints("[package]\nname = \"a\"\n"));
    }
}
