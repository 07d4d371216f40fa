//! The files of a new project, from `xtask/templates/new/`, and how their
//! placeholders are filled in.

/// Each file of a new project: its path inside the project, and its template.
/// `@name@` is the package name and `@framework@` the path from the project to the
/// framework's checkout; no other text is replaced.
pub const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../../templates/new/Cargo.toml")),
    ("README.md", include_str!("../../templates/new/README.md")),
    (".gitignore", include_str!("../../templates/new/.gitignore")),
    (
        "src/main.rs",
        include_str!("../../templates/new/src/main.rs"),
    ),
    (
        "src/tests.rs",
        include_str!("../../templates/new/src/tests.rs"),
    ),
    (
        "templates/base.html",
        include_str!("../../templates/new/templates/base.html"),
    ),
    (
        "templates/index.html",
        include_str!("../../templates/new/templates/index.html"),
    ),
    (
        "templates/add.html",
        include_str!("../../templates/new/templates/add.html"),
    ),
];

/// `template` with its placeholders filled in.
pub fn fill(template: &str, name: &str, framework: &str) -> String {
    template
        .replace("@name@", name)
        .replace("@framework@", framework)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_file_is_listed() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/new");
        let mut found = Vec::new();
        collect(std::path::Path::new(folder), "", &mut found);
        found.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(path, _)| (*path).to_owned()).collect();
        listed.sort();
        assert_eq!(found, listed);
    }

    fn collect(dir: &std::path::Path, prefix: &str, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                collect(&entry.path(), &format!("{name}/"), found);
            } else {
                found.push(name);
            }
        }
    }

    /// The README and the quickstart show the `Cargo.toml` a new project gets, for a
    /// project beside a checkout named `framework`.
    #[test]
    fn the_readme_and_the_quickstart_show_this_cargo_toml() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        for (page, name) in [
            ("README.md", "notes"),
            ("book/src/01-quickstart.md", "hello"),
        ] {
            let text = std::fs::read_to_string(format!("{root}/{page}")).unwrap();
            let manifest = fill(FILES[0].1, name, "../framework");
            assert!(
                text.contains(&format!("```toml\n{manifest}```")),
                "{page} does not show xtask/templates/new/Cargo.toml as `cargo xtask new` writes it for `{name}`:\n{manifest}"
            );
        }
    }

    #[test]
    fn placeholders_are_filled_in() {
        let manifest = fill(FILES[0].1, "notes-app", "../framework");
        assert!(manifest.contains("name = \"notes-app\""), "{manifest}");
        assert!(
            manifest.contains("path = \"../framework/framework-core\""),
            "{manifest}"
        );
        assert!(!manifest.contains('@'), "{manifest}");
    }
}
