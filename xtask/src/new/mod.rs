//! `cargo xtask new PATH [--name NAME]`: writes a new app that compiles, runs and
//! passes its tests: a page, a blueprint with a validated form, askama templates,
//! tests with `TestClient`, and a README.
//!
//! The framework is not published, so the new `Cargo.toml` depends on it by path:
//! the path from the new project to this checkout, relative, so that both can move
//! together. The checkout's `Cargo.lock` is copied too, so the app builds with the
//! versions the framework was tested with.

pub mod check;
mod files;
mod paths;

use std::path::{Path, PathBuf};

/// What `cargo xtask new` was asked for.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    /// Where the project goes; it must not exist, or be an empty folder.
    pub path: PathBuf,
    /// The package name; by default the folder's name.
    pub name: String,
}

impl Request {
    /// Reads `PATH [--name NAME]` (also `--name=NAME`, in either order).
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut path = None;
        let mut name = None;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--name" {
                let value = args.next().ok_or("`--name` needs a value: --name NAME")?;
                name = Some(value.clone());
            } else if let Some(value) = arg.strip_prefix("--name=") {
                name = Some(value.to_owned());
            } else if arg.starts_with('-') {
                return Err(format!(
                    "unknown option `{arg}`; the only one is --name NAME"
                ));
            } else if path.replace(PathBuf::from(arg)).is_some() {
                return Err(format!("one PATH only, `{arg}` is a second one"));
            }
        }
        let path = path.ok_or("which folder? cargo xtask new PATH [--name NAME]")?;
        let name = match name {
            Some(name) => name,
            None => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .ok_or_else(|| {
                    format!(
                        "`{}` has no folder name to name the package after: add --name NAME",
                        path.display()
                    )
                })?,
        };
        check_name(&name)?;
        Ok(Self { path, name })
    }
}

/// A package name cargo accepts, and one that does not clash with what every app
/// uses: letters, digits, `-` and `_`, starting with a letter.
fn check_name(name: &str) -> Result<(), String> {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(format!(
            "`{name}` cannot name a package: use letters, digits, `-` and `_`, starting with a letter (--name NAME)"
        ));
    }
    let taken = [
        "framework-core",
        "framework_core",
        "askama",
        "serde",
        "validator",
        "tokio",
        "test",
        "std",
        "core",
    ];
    if taken.contains(&name) {
        return Err(format!(
            "`{name}` is the name of a crate the app uses: choose another with --name NAME"
        ));
    }
    Ok(())
}

/// Writes the project for `request`, taking the framework from the checkout at
/// `root`; returns the folder written.
pub fn create(root: &Path, request: &Request) -> Result<PathBuf, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let root = root.canonicalize().map_err(|e| {
        format!(
            "cannot find the framework's checkout {}: {e}",
            root.display()
        )
    })?;
    let target = paths::resolve(&cwd.join(&request.path));
    if target.starts_with(&root) {
        let beside = root
            .parent()
            .map(|parent| parent.join(&request.name))
            .unwrap_or_else(|| PathBuf::from(&request.name));
        return Err(format!(
            "{} is inside the framework's checkout, where cargo would take it for a member of the framework's workspace; create it beside the checkout instead: cargo xtask new {}",
            target.display(),
            beside.display()
        ));
    }
    if target.exists() {
        let empty = std::fs::read_dir(&target)
            .map(|mut entries| entries.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(format!(
                "{} already exists and is not an empty folder: choose a new PATH",
                target.display()
            ));
        }
    }
    std::fs::create_dir_all(&target)
        .map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    let framework = paths::relative(&target, &root);
    for (path, template) in files::FILES {
        let file = target.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&file, files::fill(template, &request.name, &framework))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    let lock = target.join("Cargo.lock");
    std::fs::copy(root.join("Cargo.lock"), &lock)
        .map_err(|e| format!("cannot write {}: {e}", lock.display()))?;
    Ok(target)
}

/// `cargo xtask new ARGS`: writes the project and says what to do next.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let request = Request::parse(args)?;
    let target = create(root, &request)?;
    println!(
        "created the app `{}` in {}\n\nnext:\n  cd {}\n  cargo run     # then open http://127.0.0.1:5000/\n  cargo test",
        request.name,
        target.display(),
        request.path.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_name_defaults_to_the_folder() {
        let request = Request::parse(&args(&["../apps/my-notes"])).unwrap();
        assert_eq!(request.name, "my-notes");
        assert_eq!(request.path, PathBuf::from("../apps/my-notes"));
    }

    #[test]
    fn name_given_before_or_after_the_path() {
        for list in [
            &["--name", "shop", "x"][..],
            &["x", "--name", "shop"],
            &["x", "--name=shop"],
        ] {
            let request = Request::parse(&args(list)).unwrap();
            assert_eq!(request.name, "shop");
            assert_eq!(request.path, PathBuf::from("x"));
        }
    }

    #[test]
    fn mistakes_are_named() {
        let error = |list: &[&str]| Request::parse(&args(list)).unwrap_err();
        assert!(error(&[]).contains("which folder?"));
        assert!(error(&["x", "y"]).contains("`y` is a second one"));
        assert!(error(&["x", "--nmae", "y"]).contains("unknown option `--nmae`"));
        assert!(error(&["x", "--name"]).contains("needs a value"));
        assert!(error(&["2fast"]).contains("`2fast` cannot name a package"));
        assert!(error(&["my app"]).contains("cannot name a package"));
        assert!(error(&["apps/serde"]).contains("choose another with --name"));
    }

    #[test]
    fn a_project_inside_the_checkout_is_refused() {
        let root = crate::steps::workspace_root().unwrap();
        let request = Request {
            path: root.join("examples/mine"),
            name: "mine".into(),
        };
        let error = create(&root, &request).unwrap_err();
        assert!(error.contains("inside the framework's checkout"), "{error}");
        assert!(!root.join("examples/mine").exists());
    }

    #[test]
    fn a_folder_with_files_is_refused() {
        let root = crate::steps::workspace_root().unwrap();
        let folder = std::env::temp_dir().join(format!("xtask-new-full-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("notes.txt"), "mine").unwrap();
        let request = Request {
            path: folder.clone(),
            name: "full".into(),
        };
        let error = create(&root, &request).unwrap_err();
        std::fs::remove_dir_all(&folder).unwrap();
        assert!(error.contains("already exists"), "{error}");
    }

    #[test]
    fn a_new_project_has_every_file_and_finds_the_framework() {
        let root = crate::steps::workspace_root().unwrap();
        let folder = std::env::temp_dir().join(format!("xtask-new-files-{}", std::process::id()));
        let request = Request {
            path: folder.join("notes"),
            name: "notes".into(),
        };
        let written = create(&root, &request).unwrap();
        let manifest = std::fs::read_to_string(written.join("Cargo.toml")).unwrap();
        let framework = manifest
            .lines()
            .find_map(|line| line.strip_prefix("framework-core = { path = \""))
            .and_then(|rest| rest.strip_suffix("\" }"))
            .map(|path| written.join(path))
            .unwrap();
        let found = framework.join("Cargo.toml").canonicalize().unwrap();
        let files: Vec<bool> = [
            "Cargo.lock",
            "src/main.rs",
            "src/tests.rs",
            "templates/add.html",
        ]
        .iter()
        .map(|file| written.join(file).is_file())
        .collect();
        std::fs::remove_dir_all(&folder).unwrap();
        assert_eq!(
            found,
            root.canonicalize()
                .unwrap()
                .join("framework-core/Cargo.toml")
        );
        assert_eq!(files, [true; 4]);
    }
}
