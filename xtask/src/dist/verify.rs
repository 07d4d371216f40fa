//! Checking a release folder: `SHA256SUMS` is signed by an allowed key, every file
//! has the SHA-256 it lists and a valid signature of its own, the provenance names
//! the same digests, and nothing else is in the folder.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use super::provenance;
use super::sign;
use super::sums;

/// The file that lists every other file's SHA-256.
pub const SUMS: &str = "SHA256SUMS";
/// The public keys of the release's signer, in `ssh-keygen`'s format.
pub const ALLOWED_SIGNERS: &str = "allowed_signers";

/// What a passing check found.
pub struct Verified {
    pub files: Vec<String>,
    pub signer: String,
}

/// Checks the folder `dir` against `allowed_signers`; every problem found is
/// returned, each naming its file.
pub fn verify(dir: &Path, allowed_signers: &Path) -> Result<Verified, Vec<String>> {
    let mut problems = Vec::new();
    if !allowed_signers.is_file() {
        return Err(vec![format!(
            "{}: no such allowed_signers file",
            allowed_signers.display()
        )]);
    }
    let sums_path = dir.join(SUMS);
    let text = match std::fs::read_to_string(&sums_path) {
        Ok(text) => text,
        Err(e) => {
            return Err(vec![format!(
                "{}: cannot read it: {e}",
                sums_path.display()
            )]);
        }
    };
    let signer = match sign::verify(allowed_signers, &sums_path, &sign::signature_of(&sums_path)) {
        Ok(signer) => signer,
        Err(message) => return Err(vec![message]),
    };
    let entries = match sums::parse(&text) {
        Ok(entries) => entries,
        Err(message) => return Err(vec![format!("{}: {message}", sums_path.display())]),
    };

    for (name, listed) in &entries {
        let path = dir.join(name);
        match sums::sha256_file(&path) {
            Ok(actual) if actual == *listed => {}
            Ok(actual) => problems.push(format!(
                "{}: its SHA-256 is {actual}, but {SUMS} lists {listed}",
                path.display()
            )),
            Err(message) => problems.push(message),
        }
        if let Err(message) = sign::verify(allowed_signers, &path, &sign::signature_of(&path)) {
            problems.push(message);
        }
    }

    problems.extend(check_provenance(dir, &entries));
    problems.extend(unlisted(dir, &entries));
    if problems.is_empty() {
        Ok(Verified {
            files: entries.into_iter().map(|(name, _)| name).collect(),
            signer,
        })
    } else {
        Err(problems)
    }
}

/// The provenance's subjects must be listed files with the same SHA-256.
fn check_provenance(dir: &Path, entries: &[(String, String)]) -> Vec<String> {
    let path = dir.join(provenance::FILE_NAME);
    if !entries
        .iter()
        .any(|(name, _)| name == provenance::FILE_NAME)
    {
        return vec![format!("{}: not listed in {SUMS}", path.display())];
    }
    let statement: Value = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()))
    {
        Ok(statement) => statement,
        Err(e) => return vec![format!("{}: not a JSON statement: {e}", path.display())],
    };
    let subjects = statement["subject"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if subjects.is_empty() {
        return vec![format!("{}: names no subject", path.display())];
    }
    subjects
        .iter()
        .filter_map(|subject| {
            let name = subject["name"].as_str().unwrap_or_default();
            let digest = subject["digest"]["sha256"].as_str().unwrap_or_default();
            match entries.iter().find(|(listed, _)| listed == name) {
                Some((_, hash)) if hash == digest => None,
                Some((_, hash)) => Some(format!(
                    "{}: says {name} has SHA-256 {digest}, but {SUMS} lists {hash}",
                    path.display()
                )),
                None => Some(format!(
                    "{}: names {name:?}, which {SUMS} does not list",
                    path.display()
                )),
            }
        })
        .collect()
}

/// Files in the folder that are neither listed, nor a listed file's signature, nor
/// `SHA256SUMS`, its signature or `allowed_signers`.
fn unlisted(dir: &Path, entries: &[(String, String)]) -> Vec<String> {
    let mut expected: BTreeSet<String> = [SUMS, "SHA256SUMS.sig", ALLOWED_SIGNERS]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for (name, _) in entries {
        expected.insert(name.clone());
        expected.insert(format!("{name}.sig"));
    }
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) => return vec![format!("{}: cannot list it: {e}", dir.display())],
    };
    read.filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            (!expected.contains(&name)).then(|| {
                format!(
                    "{}: not listed in {SUMS} (a release holds only what it signs)",
                    entry.path().display()
                )
            })
        })
        .collect()
}
