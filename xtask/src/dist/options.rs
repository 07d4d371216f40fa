//! What `cargo xtask dist` and `cargo xtask verify` are asked to do: command-line
//! flags first, then environment settings.

use std::path::PathBuf;

/// The examples a release ships when `--package` is not given.
pub const DEFAULT_PACKAGES: &[&str] = &[
    "hello",
    "flaskr",
    "example-api",
    "example-login",
    "example-forms",
];

/// The setting naming the SSH private key that signs a release.
pub const KEY_SETTING: &str = "DIST_SIGNING_KEY";
/// The setting naming the signer in `allowed_signers`.
pub const SIGNER_SETTING: &str = "DIST_SIGNER";
/// The setting naming the builder in the provenance statement.
pub const BUILDER_SETTING: &str = "DIST_BUILDER_ID";
/// The setting naming the `allowed_signers` file `verify` trusts.
pub const ALLOWED_SIGNERS_SETTING: &str = "DIST_ALLOWED_SIGNERS";

/// The principal written to `allowed_signers` when `DIST_SIGNER` is not set.
const DEFAULT_SIGNER: &str = "release@framework";

/// Which key signs.
#[derive(Debug, PartialEq)]
pub enum Key {
    /// A key the operator gave (`--key` or `DIST_SIGNING_KEY`).
    Given(PathBuf),
    /// None given outside CI: a key made for this run only.
    Throwaway,
}

/// `cargo xtask dist` options.
#[derive(Debug)]
pub struct DistOptions {
    pub out: Option<PathBuf>,
    pub packages: Vec<String>,
    /// The cargo profile; `None` is `--release`.
    pub profile: Option<String>,
    pub key: Key,
    pub signer: String,
    pub builder_id: Option<String>,
}

/// `cargo xtask verify` options.
#[derive(Debug)]
pub struct VerifyOptions {
    pub dir: PathBuf,
    pub allowed_signers: Option<PathBuf>,
}

/// Reads `dist`'s flags (`--out DIR`, `--package NAME`…, `--key PATH`, `--profile
/// NAME`) and settings.
pub fn dist(args: &[String], env: &dyn Fn(&str) -> Option<String>) -> Result<DistOptions, String> {
    let mut out = None;
    let mut packages = Vec::new();
    let mut key = None;
    let mut profile = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--package" | "-p" => packages.push(value("--package")?),
            "--key" => key = Some(PathBuf::from(value("--key")?)),
            "--profile" => profile = Some(value("--profile")?).filter(|p| p != "release"),
            other => return Err(format!("dist: unknown argument `{other}`")),
        }
    }
    if packages.is_empty() {
        packages = DEFAULT_PACKAGES.iter().map(|p| (*p).to_owned()).collect();
    }
    Ok(DistOptions {
        out,
        packages,
        profile,
        key: signing_key(key, env)?,
        signer: env(SIGNER_SETTING)
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_SIGNER.to_owned()),
        builder_id: env(BUILDER_SETTING).filter(|s| !s.trim().is_empty()),
    })
}

/// Reads `verify`'s arguments: `DIR [--allowed-signers FILE]`.
pub fn verify(
    args: &[String],
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<VerifyOptions, String> {
    let mut dir = None;
    let mut allowed_signers = env(ALLOWED_SIGNERS_SETTING)
        .filter(|s| !s.trim().is_empty())
        .map(PathBuf::from);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--allowed-signers" => {
                allowed_signers = Some(PathBuf::from(
                    args.next()
                        .ok_or("--allowed-signers needs a file".to_owned())?,
                ));
            }
            flag if flag.starts_with('-') => {
                return Err(format!("verify: unknown argument `{flag}`"));
            }
            path if dir.is_none() => dir = Some(PathBuf::from(path)),
            extra => return Err(format!("verify: one folder only, got also `{extra}`")),
        }
    }
    Ok(VerifyOptions {
        dir: dir.ok_or("verify: which folder? usage: cargo xtask verify DIR".to_owned())?,
        allowed_signers,
    })
}

/// The signing key: `--key`, else `DIST_SIGNING_KEY`; with neither, a throwaway key
/// on a developer's machine, and an error in CI (`CI` set and not `false`), where a
/// release signed by a key nobody keeps would be worthless.
pub fn signing_key(
    flag: Option<PathBuf>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Key, String> {
    let given = flag.or_else(|| {
        env(KEY_SETTING)
            .filter(|s| !s.trim().is_empty())
            .map(PathBuf::from)
    });
    if let Some(path) = given {
        if !path.is_file() {
            return Err(format!(
                "{KEY_SETTING} (or --key) names {}, which is not a file: give the path of an \
                 SSH private key (ssh-keygen -t ed25519)",
                path.display()
            ));
        }
        return Ok(Key::Given(path));
    }
    let in_ci = env("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    if in_ci {
        return Err(format!(
            "{KEY_SETTING} is not set: in CI (CI is set) a release must be signed with the \
             release key, not a throwaway one; set {KEY_SETTING} to the path of its SSH \
             private key, or pass --key PATH"
        ));
    }
    Ok(Key::Throwaway)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn without_a_key_ci_is_refused_with_the_setting_named() {
        let error = signing_key(None, &vars(&[("CI", "true")])).unwrap_err();
        assert!(error.starts_with("DIST_SIGNING_KEY is not set"), "{error}");
    }

    #[test]
    fn without_a_key_a_developer_gets_a_throwaway_one() {
        assert_eq!(signing_key(None, &vars(&[])).unwrap(), Key::Throwaway);
        assert_eq!(
            signing_key(None, &vars(&[("CI", "false")])).unwrap(),
            Key::Throwaway
        );
    }

    #[test]
    fn a_key_that_is_not_a_file_is_refused_with_the_setting_named() {
        let error = signing_key(
            None,
            &vars(&[("DIST_SIGNING_KEY", "/nonexistent/key"), ("CI", "true")]),
        )
        .unwrap_err();
        assert!(error.starts_with("DIST_SIGNING_KEY (or --key) names /nonexistent/key"));
    }

    #[test]
    fn flags_and_defaults() {
        let args: Vec<String> = ["--package", "hello", "--out", "/tmp/d"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let options = dist(&args, &vars(&[])).unwrap();
        assert_eq!(options.packages, ["hello"]);
        assert_eq!(options.out, Some(PathBuf::from("/tmp/d")));
        assert_eq!(options.signer, "release@framework");
        let options = dist(&[], &vars(&[("DIST_SIGNER", "me@example.org")])).unwrap();
        assert_eq!(options.packages.len(), DEFAULT_PACKAGES.len());
        assert_eq!(options.signer, "me@example.org");
        let error = dist(&["--bogus".to_owned()], &vars(&[])).unwrap_err();
        assert!(error.contains("--bogus"), "{error}");
    }

    #[test]
    fn verify_needs_a_folder() {
        let error = verify(&[], &vars(&[])).unwrap_err();
        assert!(error.contains("which folder"), "{error}");
        let options = verify(&["d".to_owned()], &vars(&[("DIST_ALLOWED_SIGNERS", "a")])).unwrap();
        assert_eq!(options.allowed_signers, Some(PathBuf::from("a")));
    }
}
