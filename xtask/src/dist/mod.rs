//! `cargo xtask dist`: a signed release folder; `cargo xtask verify DIR`: its check.
//! (`--profile NAME` builds in another cargo profile than release, which the
//! provenance records; `cargo xtask test` uses it to stay quick.)
//!
//! The folder (`target/dist` unless `--out DIR`) holds, for each example shipped:
//!
//! - `NAME`: the release binary, built by `cargo auditable build --release --locked`,
//!   so it carries its own dependency list (section `.dep-v0`);
//! - `NAME.cdx.json`: its CycloneDX 1.5 SBOM (`cargo cyclonedx`);
//!
//! and once:
//!
//! - `provenance.intoto.json`: an in-toto Statement v1 with a SLSA provenance v1
//!   predicate: commit and dirty flag, rustc and cargo versions, the SHA-256 of
//!   `Cargo.lock`, the builder, the build command, and each artifact's SHA-256;
//! - `SHA256SUMS`: the SHA-256 of each file above (`sha256sum -c` reads it);
//! - `FILE.sig` for each file above and for `SHA256SUMS`: `ssh-keygen -Y sign`
//!   signatures, namespace `file`;
//! - `allowed_signers`: the signing key's public half, for `ssh-keygen -Y verify`.
//!
//! The key is `--key PATH` or `DIST_SIGNING_KEY`; without either a throwaway key is
//! made for the run (refused in CI, where `CI` is set). `DIST_SIGNER` names the
//! signer in `allowed_signers`, `DIST_BUILDER_ID` the builder in the provenance.

mod binaries;
pub mod check;
mod options;
mod provenance;
mod sbom;
mod sign;
mod sums;
mod verify;

use std::path::{Path, PathBuf};
use std::time::Instant;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use options::{DistOptions, Key};
use verify::{ALLOWED_SIGNERS, SUMS};

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// `cargo xtask dist [--out DIR] [--package NAME]... [--key PATH]`.
pub fn dist_command(root: &Path, args: &[String]) -> Result<(), String> {
    let options = options::dist(args, &env_var)?;
    let out = dist(root, &options)?;
    println!("xtask: release folder {} is signed", out.display());
    println!(
        "check it with: cargo xtask verify {} --allowed-signers FILE",
        out.display()
    );
    Ok(())
}

/// `cargo xtask verify DIR [--allowed-signers FILE]`.
pub fn verify_command(args: &[String]) -> Result<(), String> {
    let options = options::verify(args, &env_var)?;
    let allowed = match &options.allowed_signers {
        Some(path) => path.clone(),
        None => {
            println!(
                "note: no --allowed-signers (or {}) given: checking against the folder's own \
                 {ALLOWED_SIGNERS}, which shows the files are intact but not who signed them",
                options::ALLOWED_SIGNERS_SETTING
            );
            options.dir.join(ALLOWED_SIGNERS)
        }
    };
    match verify::verify(&options.dir, &allowed) {
        Ok(verified) => {
            for file in &verified.files {
                println!("ok  {file}");
            }
            println!(
                "xtask: {} files in {} match {SUMS} and are signed by {}",
                verified.files.len(),
                options.dir.display(),
                verified.signer
            );
            Ok(())
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("FAILED  {problem}");
            }
            Err(format!(
                "{} does not verify: {} problem(s), the first: {}",
                options.dir.display(),
                problems.len(),
                problems.first().map(String::as_str).unwrap_or_default()
            ))
        }
    }
}

/// Builds, describes and signs `options.packages`; returns the release folder.
pub fn dist(root: &Path, options: &DistOptions) -> Result<PathBuf, String> {
    let started = Instant::now();
    let started_on = now();
    let workspace = crate::metadata::workspace(root)?;
    let out = match &options.out {
        Some(out) => {
            std::path::absolute(out).map_err(|e| format!("--out {}: {e}", out.display()))?
        }
        None => workspace.target_directory.join("dist"),
    };
    let key = signing_key(&options.key, &workspace.target_directory)?;
    crate::tools::ensure_cargo_auditable()?;
    crate::tools::ensure_cargo_cyclonedx()?;
    for package in &options.packages {
        if !workspace.members.iter().any(|m| &m.name == package) {
            return Err(format!("--package {package}: no such workspace member"));
        }
    }
    fresh_folder(&out, &workspace.target_directory)?;

    // Read before anything is built, so the flag says whether the source was clean.
    let commit = provenance::version_of("git", &["rev-parse", "HEAD"], root)?;
    let dirty = !provenance::version_of("git", &["status", "--porcelain"], root)?.is_empty();
    let epoch = provenance::version_of("git", &["log", "-1", "--format=%ct"], root).ok();

    let built = binaries::build(root, &options.packages, options.profile.as_deref())?;
    let mut artifacts = Vec::new();
    for binary in &built {
        let destination = out.join(&binary.name);
        std::fs::copy(&binary.path, &destination).map_err(|e| {
            format!(
                "cannot copy {} to {}: {e}",
                binary.path.display(),
                destination.display()
            )
        })?;
        artifacts.push(binary.name.clone());
    }
    let names: Vec<String> = built.iter().map(|b| b.name.clone()).collect();
    for sbom in sbom::write(root, &workspace, &names, &out, epoch.as_deref())? {
        artifacts.push(file_name(&sbom));
    }

    // In name order, so the same build gives the same SHA256SUMS whatever order
    // cargo finished the binaries in.
    artifacts.sort();
    let mut subjects = Vec::new();
    for name in &artifacts {
        subjects.push((name.clone(), sums::sha256_file(&out.join(name))?));
    }
    let inputs = provenance::Inputs {
        commit,
        dirty,
        repository: provenance::repository(root, &env_var),
        rustc: provenance::version_of("rustc", &["-V"], root)?,
        cargo: provenance::version_of("cargo", &["-V"], root)?,
        tools: ["cargo-auditable", "cargo-cyclonedx"]
            .iter()
            .map(|tool| ((*tool).to_owned(), provenance::tool_version(tool, root)))
            .collect(),
        cargo_lock_sha256: sums::sha256_file(&root.join("Cargo.lock"))?,
        builder_id: provenance::builder_id(options.builder_id.as_deref(), &env_var),
        invocation_id: provenance::invocation_id(&env_var),
        packages: options.packages.clone(),
        build_command: binaries::command_line(&options.packages, options.profile.as_deref()),
        started_on,
        finished_on: now(),
        subjects: subjects.clone(),
    };
    let statement = serde_json::to_string_pretty(&provenance::statement(&inputs))
        .map_err(|e| format!("cannot write the provenance statement: {e}"))?;
    write(&out.join(provenance::FILE_NAME), &format!("{statement}\n"))?;
    subjects.push((
        provenance::FILE_NAME.to_owned(),
        sums::sha256_file(&out.join(provenance::FILE_NAME))?,
    ));
    write(&out.join(SUMS), &sums::render(&subjects))?;

    let public = sign::public_key(&key)?;
    write(
        &out.join(ALLOWED_SIGNERS),
        &sign::allowed_signers_line(&options.signer, &public),
    )?;
    for (name, _) in &subjects {
        sign::sign(&key, &out.join(name))?;
    }
    sign::sign(&key, &out.join(SUMS))?;
    println!(
        "xtask: dist of {} took {:.1} s",
        options.packages.join(", "),
        started.elapsed().as_secs_f64()
    );
    for (name, hash) in &subjects {
        println!("{hash}  {name}");
    }
    Ok(out)
}

/// The key file that signs: the one given, or a new throwaway key under `target`.
fn signing_key(key: &Key, target: &Path) -> Result<PathBuf, String> {
    match key {
        Key::Given(path) => Ok(path.clone()),
        Key::Throwaway => {
            let dir = target.join("xtask").join("dist-key");
            std::fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            let path = dir.join("throwaway_ed25519");
            sign::generate_key(&path, "throwaway key of one cargo xtask dist run")?;
            println!(
                "note: no {} given: signing with a throwaway key made for this run ({}); \
                 set {} to the release key's path to sign a real release",
                options::KEY_SETTING,
                path.display(),
                options::KEY_SETTING
            );
            Ok(path)
        }
    }
}

/// Makes `out` an empty folder. An existing one is emptied only when it is inside
/// the target folder or holds an earlier release (a `SHA256SUMS`), never a folder
/// that may hold someone's files.
fn fresh_folder(out: &Path, target: &Path) -> Result<(), String> {
    if out.exists() {
        let is_empty = std::fs::read_dir(out)
            .map_err(|e| format!("cannot read {}: {e}", out.display()))?
            .next()
            .is_none();
        let replaceable = out.starts_with(target) || out.join(SUMS).is_file();
        if !is_empty && !replaceable {
            return Err(format!(
                "--out {}: the folder exists and is not an earlier release; give a new or empty folder",
                out.display()
            ));
        }
        std::fs::remove_dir_all(out).map_err(|e| format!("cannot empty {}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn now() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
}
