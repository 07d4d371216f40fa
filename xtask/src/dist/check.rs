//! The release pipeline checked by `cargo xtask test`: `dist` of one small example
//! (build with the dependency list embedded, SBOM, provenance, signatures), then
//! `verify` accepts the folder and rejects it once tampered with in each way an
//! attacker could try.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::options::{DistOptions, Key};
use super::verify::{ALLOWED_SIGNERS, SUMS};
use super::{binaries, provenance, sbom, sign, sums, verify};

/// The example the check ships: the smallest, so the build stays short.
const PACKAGE: &str = "hello";
/// The profile the check builds in. The pipeline is the same as in release; the dev
/// profile reuses most of what the tests step compiled, where an optimised build of
/// the dependencies would add minutes to every run on a fresh clone.
const PROFILE: &str = "dev";

/// Runs the check; an error says which property failed.
pub fn run(root: &Path) -> Result<(), String> {
    let workspace = crate::metadata::workspace(root)?;
    let dir = workspace.target_directory.join("xtask").join("dist-check");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let key = dir.join("release_ed25519");
    sign::generate_key(&key, "cargo xtask test release key")?;
    let out = super::dist(
        root,
        &DistOptions {
            out: Some(dir.join("release")),
            packages: vec![PACKAGE.to_owned()],
            profile: Some(PROFILE.to_owned()),
            key: Key::Given(key),
            signer: "test-release@framework".to_owned(),
            builder_id: Some("local:cargo-xtask-test".to_owned()),
        },
    )?;
    let allowed = dir.join("trusted_signers");
    std::fs::copy(out.join(ALLOWED_SIGNERS), &allowed)
        .map_err(|e| format!("cannot copy allowed_signers: {e}"))?;

    let verified = verify::verify(&out, &allowed)
        .map_err(|problems| format!("a fresh release does not verify: {problems:?}"))?;
    let expected = [
        PACKAGE.to_owned(),
        sbom::file_name(PACKAGE),
        provenance::FILE_NAME.to_owned(),
    ];
    if verified.files != expected {
        return Err(format!(
            "the release lists {:?}, expected {expected:?}",
            verified.files
        ));
    }
    println!(
        "verify: a fresh release passes, signed by {}",
        verified.signer
    );

    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let locked = locked_packages(&lock);
    check_embedded(&out.join(PACKAGE), &locked)?;
    check_sbom(&out.join(sbom::file_name(PACKAGE)), &locked)?;
    check_provenance(root, &out)?;
    check_tampering(&dir, &out, &allowed)?;
    Ok(())
}

/// `(name, version)` of every package in `Cargo.lock`.
fn locked_packages(lock: &str) -> Vec<(String, String)> {
    let mut packages = Vec::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(value) = line.strip_prefix("name = ") {
            name = Some(value.trim_matches('"').to_owned());
        } else if let (Some(value), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            packages.push((n, value.trim_matches('"').to_owned()));
        }
    }
    packages
}

fn locked_version<'a>(locked: &'a [(String, String)], name: &str) -> Result<&'a str, String> {
    locked
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| format!("Cargo.lock has no {name}"))
}

/// The binary carries its dependency list, and it is the locked one.
fn check_embedded(binary: &Path, locked: &[(String, String)]) -> Result<(), String> {
    let embedded = binaries::embedded_packages(binary)?;
    let axum = locked_version(locked, "axum")?;
    if !embedded.iter().any(|(n, v)| n == "axum" && v == axum) {
        return Err(format!(
            "{}: the embedded dependency list has no axum {axum}",
            binary.display()
        ));
    }
    if let Some((n, v)) = embedded.iter().find(|p| !locked.contains(p)) {
        return Err(format!(
            "{}: embeds {n} {v}, which Cargo.lock does not have",
            binary.display()
        ));
    }
    println!(
        "dist: {} embeds {} packages, all in Cargo.lock",
        binary.display(),
        embedded.len()
    );
    Ok(())
}

/// The SBOM names real dependencies at their locked versions.
fn check_sbom(path: &Path, locked: &[(String, String)]) -> Result<(), String> {
    let sbom = read_json(path)?;
    if sbom["bomFormat"] != "CycloneDX" || sbom["specVersion"] != "1.5" {
        return Err(format!("{}: not a CycloneDX 1.5 document", path.display()));
    }
    let components: Vec<(String, String)> = sbom["components"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default().to_owned(),
                c["version"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    for name in ["axum", "tokio", "hyper"] {
        let version = locked_version(locked, name)?;
        if !components.iter().any(|(n, v)| n == name && v == version) {
            return Err(format!(
                "{}: names no {name} {version} (the locked version)",
                path.display()
            ));
        }
    }
    if let Some((n, v)) = components.iter().find(|c| !locked.contains(c)) {
        return Err(format!(
            "{}: names {n} {v}, which Cargo.lock does not have",
            path.display()
        ));
    }
    println!(
        "dist: {} names {} components, all at their locked versions",
        path.display(),
        components.len()
    );
    Ok(())
}

/// The provenance records this commit and this Cargo.lock.
fn check_provenance(root: &Path, out: &Path) -> Result<(), String> {
    let path = out.join(provenance::FILE_NAME);
    let statement = read_json(&path)?;
    let dependencies = &statement["predicate"]["buildDefinition"]["resolvedDependencies"];
    let lock_digest = dependencies
        .as_array()
        .and_then(|d| d.iter().find(|d| d["name"] == "Cargo.lock"))
        .and_then(|d| d["digest"]["sha256"].as_str())
        .unwrap_or_default();
    let actual = sums::sha256_file(&root.join("Cargo.lock"))?;
    if lock_digest != actual {
        return Err(format!(
            "{}: Cargo.lock digest {lock_digest:?}, but Cargo.lock's SHA-256 is {actual}",
            path.display()
        ));
    }
    let commit = provenance::version_of("git", &["rev-parse", "HEAD"], root)?;
    if dependencies[0]["digest"]["gitCommit"] != commit.as_str() {
        return Err(format!(
            "{}: records commit {}, HEAD is {commit}",
            path.display(),
            dependencies[0]["digest"]["gitCommit"]
        ));
    }
    println!("dist: the provenance names HEAD ({commit}) and Cargo.lock's digest");
    Ok(())
}

/// Each kind of tampering is caught, and the message names the file.
fn check_tampering(dir: &Path, out: &Path, allowed: &Path) -> Result<(), String> {
    // A changed binary.
    let copy = copy_release(out, &dir.join("tampered-binary"))?;
    flip_a_byte(&copy.join(PACKAGE))?;
    expect_rejected(&copy, allowed, PACKAGE, "a changed binary")?;

    // A changed binary whose new SHA-256 is written into SHA256SUMS.
    let copy = copy_release(out, &dir.join("tampered-sums"))?;
    flip_a_byte(&copy.join(PACKAGE))?;
    let new_hash = sums::sha256_file(&copy.join(PACKAGE))?;
    let text = std::fs::read_to_string(copy.join(SUMS)).map_err(|e| e.to_string())?;
    let text: String = text
        .lines()
        .map(|line| match line.split_once("  ") {
            Some((_, name)) if name == PACKAGE => format!("{new_hash}  {name}\n"),
            _ => format!("{line}\n"),
        })
        .collect();
    std::fs::write(copy.join(SUMS), text).map_err(|e| e.to_string())?;
    expect_rejected(&copy, allowed, SUMS, "SHA256SUMS rewritten to match")?;

    // Everything re-signed with another key (and the folder's allowed_signers
    // replaced to match): the trusted allowed_signers still rejects it.
    let copy = copy_release(out, &dir.join("resigned"))?;
    let other = dir.join("attacker_ed25519");
    sign::generate_key(&other, "not the release key")?;
    for name in [PACKAGE, SUMS] {
        sign::sign(&other, &copy.join(name))?;
    }
    let public = sign::public_key(&other)?;
    std::fs::write(
        copy.join(ALLOWED_SIGNERS),
        sign::allowed_signers_line("test-release@framework", &public),
    )
    .map_err(|e| e.to_string())?;
    expect_rejected(&copy, allowed, SUMS, "signed by another key")?;

    // A file slipped in beside the signed ones.
    let copy = copy_release(out, &dir.join("extra-file"))?;
    std::fs::write(copy.join("install.sh"), "#!/bin/sh\n").map_err(|e| e.to_string())?;
    expect_rejected(&copy, allowed, "install.sh", "an unlisted file")?;
    Ok(())
}

fn expect_rejected(dir: &Path, allowed: &Path, names: &str, case: &str) -> Result<(), String> {
    match verify::verify(dir, allowed) {
        Ok(_) => Err(format!("verify accepted a release with {case}")),
        Err(problems) => {
            let named = problems
                .iter()
                .any(|p| p.contains(&format!("{}/{names}", dir.display())));
            if !named {
                return Err(format!(
                    "verify rejected a release with {case} without naming {names}: {problems:?}"
                ));
            }
            println!("verify: rejects {case}: {}", problems.join("; "));
            Ok(())
        }
    }
}

fn copy_release(from: &Path, to: &Path) -> Result<PathBuf, String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        std::fs::copy(entry.path(), to.join(entry.file_name())).map_err(|e| e.to_string())?;
    }
    Ok(to.to_path_buf())
}

fn flip_a_byte(path: &Path) -> Result<(), String> {
    let mut bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let middle = bytes.len() / 2;
    let byte = bytes
        .get_mut(middle)
        .ok_or_else(|| format!("{} is empty", path.display()))?;
    *byte ^= 0x01;
    std::fs::write(path, bytes).map_err(|e| e.to_string())
}

fn read_json(path: &Path) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: not JSON: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_packages_reads_name_and_version_pairs() {
        let lock = "version = 4\n\n[[package]]\nname = \"axum\"\nversion = \"0.8.9\"\nsource = \"x\"\n\n[[package]]\nname = \"hello\"\nversion = \"0.1.0\"\n";
        assert_eq!(
            locked_packages(lock),
            [
                ("axum".to_owned(), "0.8.9".to_owned()),
                ("hello".to_owned(), "0.1.0".to_owned())
            ]
        );
    }
}
