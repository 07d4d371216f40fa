//! Signatures made and checked with OpenSSH's `ssh-keygen -Y` (namespace `file`), so a
//! user needs nothing but OpenSSH to check a release.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The namespace every signature is made for: a signature made for another purpose
/// (git commits, say) does not pass as a release signature.
pub const NAMESPACE: &str = "file";

/// The file name of `file`'s signature: `NAME.sig` beside it.
pub fn signature_of(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".sig");
    file.with_file_name(name)
}

/// Runs `ssh-keygen ARGS`, its standard input read from `stdin` when given; returns
/// what it printed, or what it said went wrong.
fn ssh_keygen(args: &[&std::ffi::OsStr], stdin: Option<&Path>) -> Result<String, String> {
    let input = match stdin {
        Some(path) => Stdio::from(
            std::fs::File::open(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        ),
        None => Stdio::null(),
    };
    let output = Command::new("ssh-keygen")
        .args(args)
        .stdin(input)
        .output()
        .map_err(|e| format!("cannot run ssh-keygen (OpenSSH's client tools): {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let mut said = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        if said.is_empty() {
            said = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        }
        Err(said)
    }
}

/// Makes a new passphrase-less Ed25519 key pair at `path` (and `path.pub`).
pub fn generate_key(path: &Path, comment: &str) -> Result<(), String> {
    for old in [path.to_path_buf(), path.with_extension("pub")] {
        if old.exists() {
            std::fs::remove_file(&old)
                .map_err(|e| format!("cannot remove the old key {}: {e}", old.display()))?;
        }
    }
    ssh_keygen(
        &[
            "-q".as_ref(),
            "-t".as_ref(),
            "ed25519".as_ref(),
            "-N".as_ref(),
            "".as_ref(),
            "-C".as_ref(),
            comment.as_ref(),
            "-f".as_ref(),
            path.as_os_str(),
        ],
        None,
    )
    .map(drop)
    .map_err(|e| format!("ssh-keygen could not make a key at {}: {e}", path.display()))
}

/// The public half of the private key at `key`, as `TYPE BASE64` (comment dropped).
pub fn public_key(key: &Path) -> Result<String, String> {
    let line = ssh_keygen(&["-y".as_ref(), "-f".as_ref(), key.as_os_str()], None)
        .map_err(|e| format!("cannot read the SSH private key {}: {e}", key.display()))?;
    let mut fields = line.split_whitespace();
    match (fields.next(), fields.next()) {
        (Some(kind), Some(blob)) => Ok(format!("{kind} {blob}")),
        _ => Err(format!(
            "ssh-keygen printed no public key for {}",
            key.display()
        )),
    }
}

/// The `allowed_signers` line that lets `principal`'s `public_key` sign release files.
pub fn allowed_signers_line(principal: &str, public_key: &str) -> String {
    format!("{principal} namespaces=\"{NAMESPACE}\" {public_key}\n")
}

/// Signs `file` with the private key at `key`, writing `NAME.sig` beside it.
pub fn sign(key: &Path, file: &Path) -> Result<PathBuf, String> {
    let signature = signature_of(file);
    if signature.exists() {
        std::fs::remove_file(&signature)
            .map_err(|e| format!("cannot replace {}: {e}", signature.display()))?;
    }
    ssh_keygen(
        &[
            "-Y".as_ref(),
            "sign".as_ref(),
            "-q".as_ref(),
            "-f".as_ref(),
            key.as_os_str(),
            "-n".as_ref(),
            NAMESPACE.as_ref(),
            file.as_os_str(),
        ],
        None,
    )
    .map_err(|e| format!("cannot sign {} with {}: {e}", file.display(), key.display()))?;
    Ok(signature)
}

/// Checks that `signature` is a valid signature of `file` by a key that
/// `allowed_signers` lists for the `file` namespace; returns the signer's principal.
pub fn verify(allowed_signers: &Path, file: &Path, signature: &Path) -> Result<String, String> {
    let principals = ssh_keygen(
        &[
            "-Y".as_ref(),
            "find-principals".as_ref(),
            "-s".as_ref(),
            signature.as_os_str(),
            "-f".as_ref(),
            allowed_signers.as_os_str(),
        ],
        None,
    )
    .map_err(|e| {
        format!(
            "{}: not made by a key that {} allows ({e})",
            signature.display(),
            allowed_signers.display()
        )
    })?;
    let principal = principals
        .lines()
        .next()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .ok_or_else(|| {
            format!(
                "{}: not made by a key that {} allows",
                signature.display(),
                allowed_signers.display()
            )
        })?
        .to_owned();
    ssh_keygen(
        &[
            "-Y".as_ref(),
            "verify".as_ref(),
            "-f".as_ref(),
            allowed_signers.as_os_str(),
            "-I".as_ref(),
            principal.as_ref(),
            "-n".as_ref(),
            NAMESPACE.as_ref(),
            "-s".as_ref(),
            signature.as_os_str(),
        ],
        Some(file),
    )
    .map_err(|e| {
        format!(
            "{}: the signature {} does not match it ({e})",
            file.display(),
            signature.display()
        )
    })?;
    Ok(principal)
}
