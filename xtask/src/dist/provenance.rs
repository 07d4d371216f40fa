//! The provenance statement: an in-toto Statement v1 whose predicate is SLSA
//! provenance v1, saying which commit, toolchain, lock file and builder made each
//! artifact (by SHA-256).

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

/// The file name of the statement in the release folder.
pub const FILE_NAME: &str = "provenance.intoto.json";
/// What kind of build this is, for a reader of the statement.
pub const BUILD_TYPE: &str = "urn:framework:xtask-dist:v1";

/// What went into the build.
pub struct Inputs {
    pub commit: String,
    pub dirty: bool,
    pub repository: Option<String>,
    pub rustc: String,
    pub cargo: String,
    pub tools: Vec<(String, String)>,
    pub cargo_lock_sha256: String,
    pub builder_id: String,
    pub invocation_id: Option<String>,
    pub packages: Vec<String>,
    pub build_command: Vec<String>,
    pub started_on: String,
    pub finished_on: String,
    /// `(file name, sha256)` of each artifact the statement is about.
    pub subjects: Vec<(String, String)>,
}

/// The statement as JSON.
pub fn statement(inputs: &Inputs) -> Value {
    let subjects: Vec<Value> = inputs
        .subjects
        .iter()
        .map(|(name, sha256)| json!({"name": name, "digest": {"sha256": sha256}}))
        .collect();
    let mut source = json!({
        "name": "source",
        "digest": {"gitCommit": inputs.commit},
        "annotations": {"dirty": inputs.dirty},
    });
    if let Some(repository) = &inputs.repository {
        source["uri"] = json!(format!("git+{repository}@{}", inputs.commit));
    }
    let tools: serde_json::Map<String, Value> = inputs
        .tools
        .iter()
        .map(|(name, version)| (name.clone(), json!(version)))
        .collect();
    let mut metadata = json!({
        "startedOn": inputs.started_on,
        "finishedOn": inputs.finished_on,
    });
    if let Some(id) = &inputs.invocation_id {
        metadata["invocationId"] = json!(id);
    }
    json!({
        "_type": "https://in-toto.io/Statement/v1",
        "subject": subjects,
        "predicateType": "https://slsa.dev/provenance/v1",
        "predicate": {
            "buildDefinition": {
                "buildType": BUILD_TYPE,
                "externalParameters": {
                    "packages": inputs.packages,
                    "command": inputs.build_command.join(" "),
                    "commit": inputs.commit,
                    "dirty": inputs.dirty,
                },
                "internalParameters": {
                    "rustc": inputs.rustc,
                    "cargo": inputs.cargo,
                    "tools": tools,
                },
                "resolvedDependencies": [
                    source,
                    {"name": "Cargo.lock", "digest": {"sha256": inputs.cargo_lock_sha256}},
                ],
            },
            "runDetails": {
                "builder": {"id": inputs.builder_id},
                "metadata": metadata,
            },
        },
    })
}

/// The first line `PROGRAM ARGS` prints, or an error naming the program.
pub fn version_of(program: &str, args: &[&str], root: &Path) -> Result<String, String> {
    let output = Command::new(program)
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{program} {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned())
}

/// The version of the cargo subcommand `tool` (`cargo-auditable`…) as `cargo install`
/// recorded it: the tools themselves print cargo's version or an odd name.
pub fn tool_version(tool: &str, root: &Path) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let prefix = format!("{tool} v");
    Command::new(cargo)
        .args(["install", "--list"])
        .current_dir(root)
        .output()
        .ok()
        .and_then(|output| {
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .find_map(|line| {
                    line.strip_prefix(&prefix)
                        .map(|v| v.trim_end_matches(':').to_owned())
                })
        })
        .unwrap_or_else(|| "unknown (not installed by cargo install)".to_owned())
}

/// The builder: `DIST_BUILDER_ID` if set; on GitHub Actions, the workflow that ran;
/// else this machine.
pub fn builder_id(setting: Option<&str>, env: &dyn Fn(&str) -> Option<String>) -> String {
    if let Some(id) = setting {
        return id.to_owned();
    }
    if let (Some(server), Some(workflow)) = (env("GITHUB_SERVER_URL"), env("GITHUB_WORKFLOW_REF")) {
        return format!("{server}/{workflow}");
    }
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned());
    format!("local:{host}")
}

/// The run's id on GitHub Actions (a link to the run), if it is one.
pub fn invocation_id(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let server = env("GITHUB_SERVER_URL")?;
    let repository = env("GITHUB_REPOSITORY")?;
    let run = env("GITHUB_RUN_ID")?;
    let attempt = env("GITHUB_RUN_ATTEMPT").unwrap_or_else(|| "1".to_owned());
    Some(format!(
        "{server}/{repository}/actions/runs/{run}/attempts/{attempt}"
    ))
}

/// The repository's address for the statement: on GitHub Actions the repository that
/// ran, else `origin`'s URL when there is one.
pub fn repository(root: &Path, env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    if let (Some(server), Some(repository)) = (env("GITHUB_SERVER_URL"), env("GITHUB_REPOSITORY")) {
        return Some(format!("{server}/{repository}"));
    }
    version_of("git", &["config", "--get", "remote.origin.url"], root)
        .ok()
        .filter(|url| !url.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statement_has_the_in_toto_and_slsa_shape() {
        let inputs = Inputs {
            commit: "0".repeat(40),
            dirty: false,
            repository: Some("https://example.org/repo".to_owned()),
            rustc: "rustc 1.95.0".to_owned(),
            cargo: "cargo 1.95.0".to_owned(),
            tools: vec![("cargo-auditable".to_owned(), "0.7.7".to_owned())],
            cargo_lock_sha256: "1".repeat(64),
            builder_id: "local:test".to_owned(),
            invocation_id: None,
            packages: vec!["hello".to_owned()],
            build_command: vec!["cargo".to_owned(), "build".to_owned()],
            started_on: "2026-01-01T00:00:00Z".to_owned(),
            finished_on: "2026-01-01T00:01:00Z".to_owned(),
            subjects: vec![("hello".to_owned(), "2".repeat(64))],
        };
        let s = statement(&inputs);
        assert_eq!(s["_type"], "https://in-toto.io/Statement/v1");
        assert_eq!(s["predicateType"], "https://slsa.dev/provenance/v1");
        assert_eq!(s["subject"][0]["digest"]["sha256"], "2".repeat(64));
        let definition = &s["predicate"]["buildDefinition"];
        assert_eq!(definition["resolvedDependencies"][1]["name"], "Cargo.lock");
        assert_eq!(
            definition["resolvedDependencies"][0]["uri"],
            format!("git+https://example.org/repo@{}", "0".repeat(40))
        );
        assert_eq!(definition["externalParameters"]["command"], "cargo build");
        assert_eq!(s["predicate"]["runDetails"]["builder"]["id"], "local:test");
    }

    #[test]
    fn on_github_the_builder_is_the_workflow() {
        let env = |name: &str| match name {
            "GITHUB_SERVER_URL" => Some("https://github.com".to_owned()),
            "GITHUB_WORKFLOW_REF" => {
                Some("o/r/.github/workflows/release.yml@refs/tags/v1".to_owned())
            }
            _ => None,
        };
        assert_eq!(
            builder_id(None, &env),
            "https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1"
        );
        assert_eq!(builder_id(Some("me"), &env), "me");
    }
}
