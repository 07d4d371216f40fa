//! The `book` step: `mdbook build` into `target/book`, failing on what mdBook only
//! logs or lets through: an `{{#include}}` of a missing file or anchor, a link to a
//! chapter (or a heading in it) that does not exist, and a Rust snippet that does
//! not start with its `use` lines (so that a reader can paste it into a crate).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::tools;

/// Checks the book's includes and links, builds it into `target/book`, and fails if
/// mdBook reports an error.
pub fn build(root: &Path) -> Result<(), String> {
    let src = root.join("book/src");
    let chapters = chapters(&src)?;
    let mut problems = Vec::new();
    for (path, text) in &chapters {
        problems.extend(check_includes(path, text));
        problems.extend(check_links(&src, path, text));
        problems.extend(check_use_lines(path, text));
    }
    problems.extend(check_gallery(root, &src));
    if !problems.is_empty() {
        return Err(format!(
            "the book has broken includes or links:\n  {}",
            problems.join("\n  ")
        ));
    }

    let mdbook = tools::ensure_mdbook()?;
    let dest = root.join("target/book");
    let shown = format!("{mdbook} build book --dest-dir {}", dest.display());
    println!("$ {shown}");
    let output = Command::new(mdbook)
        .args(["build", "book", "--dest-dir"])
        .arg(&dest)
        .current_dir(root)
        .stdout(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    let log = String::from_utf8_lossy(&output.stderr);
    eprint!("{log}");
    if !output.status.success() {
        return Err(format!("{shown} exited with {}", output.status));
    }
    if let Some(error) = log.lines().find(|line| line.contains("ERROR")) {
        return Err(format!("{shown} reported: {error}"));
    }
    let mut missing = Vec::new();
    for (path, text) in &chapters {
        missing.extend(check_fragments(&src, &dest, path, text));
    }
    if !missing.is_empty() {
        return Err(format!(
            "the book links to headings that do not exist:\n  {}",
            missing.join("\n  ")
        ));
    }
    println!("the book is in {}/index.html", dest.display());
    Ok(())
}

/// Every Markdown file of the book with its text.
fn chapters(src: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let mut found = Vec::new();
    let entries =
        std::fs::read_dir(src).map_err(|e| format!("cannot read {}: {e}", src.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "md") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            found.push((path, text));
        }
    }
    found.sort();
    Ok(found)
}

/// `{{#include PATH}}` and `{{#include PATH:ANCHOR}}` (also `#rustdoc_include`):
/// the file must exist, and the anchor must be opened and closed in it.
fn check_includes(chapter: &Path, text: &str) -> Vec<String> {
    let dir = chapter.parent().unwrap_or(Path::new("."));
    let name = chapter
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut problems = Vec::new();
    for directive in ["{{#include ", "{{#rustdoc_include "] {
        for (at, _) in text.match_indices(directive) {
            let rest = text.get(at + directive.len()..).unwrap_or_default();
            let Some((target, _)) = rest.split_once("}}") else {
                problems.push(format!("{name}: an unclosed `{directive}`"));
                continue;
            };
            let target = target.trim();
            let (file, anchor) = split_anchor(target);
            let path = dir.join(file);
            let Ok(source) = std::fs::read_to_string(&path) else {
                problems.push(format!("{name}: includes {file}, which does not exist"));
                continue;
            };
            if let Some(anchor) = anchor
                && !has_anchor(&source, anchor)
            {
                problems.push(format!("{name}: includes {file}:{anchor}, but {file} has no `ANCHOR: {anchor}` … `ANCHOR_END: {anchor}`"));
            }
        }
    }
    problems
}

/// The folders of compile-fail tests that the "Routing errors" chapter shows.
const GALLERY: &[&str] = &["route", "blueprint", "url_for", "hooks"];

/// Every compile-fail test of the routing macros is in the gallery chapter, its code
/// and its expected message, so a new check cannot be left out of the book.
fn check_gallery(root: &Path, src: &Path) -> Vec<String> {
    let chapter = src.join("routing-errors.md");
    let Ok(text) = std::fs::read_to_string(&chapter) else {
        return vec!["routing-errors.md: missing (the gallery of compile errors)".to_owned()];
    };
    let mut problems = Vec::new();
    for folder in GALLERY {
        let dir = root.join("tests/ui").join(folder).join("fail");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            problems.push(format!("routing-errors.md: cannot read {}", dir.display()));
            continue;
        };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            for file in [format!("{stem}.rs"), format!("{stem}.stderr")] {
                let include = format!("{{{{#include ../../tests/ui/{folder}/fail/{file}}}}}");
                if !text.contains(&include) {
                    problems.push(format!(
                        "routing-errors.md: does not show tests/ui/{folder}/fail/{file} (add `{include}`)"
                    ));
                }
            }
        }
    }
    problems
}

/// A Rust code block whose first line is an include must show where its names come
/// from: what it includes first starts with `use` lines (or is a module, which has
/// its own), after comments and attributes.
fn check_use_lines(chapter: &Path, text: &str) -> Vec<String> {
    let dir = chapter.parent().unwrap_or(Path::new("."));
    let name = chapter
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut problems = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if !line.trim_start().starts_with("```rust") {
            continue;
        }
        let Some(first) = lines.next() else { break };
        let Some(target) = first
            .trim()
            .strip_prefix("{{#include ")
            .and_then(|rest| rest.strip_suffix("}}"))
        else {
            continue;
        };
        let (file, anchor) = split_anchor(target.trim());
        let Ok(source) = std::fs::read_to_string(dir.join(file)) else {
            continue;
        };
        let body = match anchor {
            Some(anchor) => anchored(&source, anchor),
            None => source.lines().collect(),
        };
        let code = body.iter().map(|line| line.trim()).find(|line| {
            !line.is_empty()
                && !line.starts_with("//")
                && !line.starts_with("#[")
                && !line.starts_with("#![")
        });
        let shows_uses = code.is_some_and(|line| {
            ["use ", "pub use ", "mod ", "pub mod "]
                .iter()
                .any(|start| line.starts_with(start))
                || names_its_crate(line)
        });
        if !shows_uses {
            problems.push(format!(
                "{name}: the snippet {target} does not start with its `use` lines; put them inside the anchor, or include `{file}:uses` first"
            ));
        }
        for skipped in lines.by_ref() {
            if skipped.trim_start().starts_with("```") {
                break;
            }
        }
    }
    problems
}

/// A macro called by its full path, `framework_identity::roles! {`: it needs no
/// `use` line.
fn names_its_crate(line: &str) -> bool {
    line.split_once('!').is_some_and(|(path, _)| {
        path.contains("::")
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
    })
}

/// The lines between `ANCHOR: anchor` and `ANCHOR_END: anchor`, without the lines
/// of other anchors, as mdBook includes them.
fn anchored<'a>(source: &'a str, anchor: &str) -> Vec<&'a str> {
    let named = |line: &str, word: &str| {
        line.split_once(word)
            .is_some_and(|(_, name)| name.trim() == anchor)
    };
    source
        .lines()
        .skip_while(|line| !named(line, "ANCHOR: "))
        .skip(1)
        .take_while(|line| !named(line, "ANCHOR_END: "))
        .filter(|line| !line.contains("ANCHOR: ") && !line.contains("ANCHOR_END: "))
        .collect()
}

/// `file:anchor` → (`file`, `Some(anchor)`); a line range (`file:3:10`) or no suffix
/// → no anchor to check.
fn split_anchor(target: &str) -> (&str, Option<&str>) {
    match target.split_once(':') {
        Some((file, anchor))
            if !anchor.is_empty() && !anchor.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            (file, Some(anchor))
        }
        Some((file, _)) => (file, None),
        None => (target, None),
    }
}

fn has_anchor(source: &str, anchor: &str) -> bool {
    let marks = |word: &str| {
        source.lines().any(|line| {
            line.split_once(word)
                .is_some_and(|(_, name)| name.trim() == anchor)
        })
    };
    marks("ANCHOR: ") && marks("ANCHOR_END: ")
}

/// Links to other chapters, `[text](chapter.md)` or `(chapter.md#heading)`, outside
/// code: the chapter must exist.
fn check_links(src: &Path, chapter: &Path, text: &str) -> Vec<String> {
    let name = chapter
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    chapter_links(text)
        .into_iter()
        .filter(|(file, _)| !src.join(file).is_file())
        .map(|(file, _)| format!("{name}: links to {file}, which does not exist"))
        .collect()
}

/// Links with a `#heading` to a chapter: the rendered page must have that id.
fn check_fragments(src: &Path, dest: &Path, chapter: &Path, text: &str) -> Vec<String> {
    let name = chapter
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let own = chapter
        .strip_prefix(src)
        .unwrap_or(chapter)
        .to_string_lossy()
        .into_owned();
    let mut missing = Vec::new();
    for (file, fragment) in chapter_links(text) {
        let Some(fragment) = fragment else { continue };
        let file = if file.is_empty() { own.clone() } else { file };
        let page = dest.join(file.replace(".md", ".html"));
        let html = std::fs::read_to_string(&page).unwrap_or_default();
        if !html.contains(&format!("id=\"{fragment}\"")) {
            missing.push(format!(
                "{name}: links to {file}#{fragment}, which has no such heading"
            ));
        }
    }
    missing
}

/// The `(target)` of every Markdown link outside code blocks and code spans that
/// points into the book (`x.md`, `x.md#y`, `#y`): (file, fragment).
fn chapter_links(text: &str) -> Vec<(String, Option<String>)> {
    let mut links = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for (at, _) in prose.match_indices("](") {
            let rest = prose.get(at + 2..).unwrap_or_default();
            let Some((target, _)) = rest.split_once(')') else {
                continue;
            };
            let target = target.trim();
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = match target.split_once('#') {
                Some((file, fragment)) => (file, Some(fragment.to_owned())),
                None => (target, None),
            };
            if file.ends_with(".md") || (file.is_empty() && fragment.is_some()) {
                links.push((file.to_owned(), fragment));
            }
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_links_are_found() {
        assert_eq!(split_anchor("../a.rs:uses"), ("../a.rs", Some("uses")));
        assert_eq!(split_anchor("../a.rs:3:9"), ("../a.rs", None));
        assert_eq!(split_anchor("../a.rs"), ("../a.rs", None));
        assert!(has_anchor(
            "// ANCHOR: x\nfn a() {}\n// ANCHOR_END: x\n",
            "x"
        ));
        assert!(!has_anchor("// ANCHOR: x\nfn a() {}\n", "x"));
        assert!(!has_anchor("// ANCHOR: xy\n// ANCHOR_END: xy\n", "x"));
        let links = chapter_links(
            "See [Errors](05-errors.md) and [here](#top), [web](https://x.org/a.md).\n```\n[no](skip.md)\n```\n`[no](code.md)`",
        );
        assert_eq!(
            links,
            [
                ("05-errors.md".to_owned(), None),
                (String::new(), Some("top".to_owned()))
            ]
        );
    }

    #[test]
    fn a_snippet_without_its_use_lines_is_reported() {
        let chapter = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../book/src/x.md"));
        let routing = "../../examples/guide/src/routing.rs";
        let bare = format!("```rust,ignore\n{{{{#include {routing}:methods}}}}\n```\n");
        let problems = check_use_lines(chapter, &bare);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("does not start with its `use` lines"),
            "{problems:?}"
        );
        let with_uses = format!(
            "```rust,ignore\n{{{{#include {routing}:uses}}}}\n\n{{{{#include {routing}:methods}}}}\n```\n"
        );
        assert_eq!(check_use_lines(chapter, &with_uses), Vec::<String>::new());
        assert!(names_its_crate("framework_identity::roles! {"));
        assert!(!names_its_crate("#[get(\"/\")]"));
        assert!(!names_its_crate("pub fn app() -> App {"));
        let own = format!("```rust,ignore\n{{{{#include {routing}:basics}}}}\n```\n");
        assert_eq!(check_use_lines(chapter, &own), Vec::<String>::new());
    }

    #[test]
    fn a_missing_include_is_reported() {
        let chapter = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../book/src/x.md"));
        let problems = check_includes(
            chapter,
            "{{#include ../../examples/hello/src/main.rs:nosuch}}\n{{#include ../../nothere.rs}}",
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("no `ANCHOR: nosuch`"), "{problems:?}");
        assert!(problems[1].contains("does not exist"), "{problems:?}");
    }
}
