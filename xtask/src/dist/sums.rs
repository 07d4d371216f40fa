//! `SHA256SUMS`: one `HASH  NAME` line per file, the format `sha256sum -c` reads.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

/// The file's SHA-256, as lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String, String> {
    let mut file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file
            .read(&mut buffer)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if n == 0 {
            break;
        }
        hasher.update(buffer.get(..n).unwrap_or_default());
    }
    Ok(format!("{:x}", hasher.finalize()))
}

/// The text of `SHA256SUMS` for these `(name, sha256)` pairs.
pub fn render(entries: &[(String, String)]) -> String {
    entries
        .iter()
        .map(|(name, hash)| format!("{hash}  {name}\n"))
        .collect()
}

/// Reads `SHA256SUMS` text back into `(name, sha256)` pairs. A name must be a plain
/// file name of the folder: no path separators, no `..`, nothing hidden.
pub fn parse(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut entries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let number = number + 1;
        let Some((hash, name)) = line.split_once("  ") else {
            return Err(format!("line {number} is not `SHA256  NAME`: {line:?}"));
        };
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("line {number}: {hash:?} is not a SHA-256 in hex"));
        }
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(format!(
                "line {number}: {name:?} is not a file name of this folder"
            ));
        }
        if entries.iter().any(|(seen, _)| seen == name) {
            return Err(format!("line {number}: {name} is listed twice"));
        }
        entries.push((name.to_owned(), hash.to_ascii_lowercase()));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_then_parse_gives_the_entries_back() {
        let entries = vec![
            ("hello".to_owned(), "a".repeat(64)),
            ("hello.cdx.json".to_owned(), "0123456789abcdef".repeat(4)),
        ];
        assert_eq!(parse(&render(&entries)).unwrap(), entries);
    }

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        let hash = "a".repeat(64);
        for name in ["../etc/passwd", "bin/hello", ".hidden", ""] {
            let error = parse(&format!("{hash}  {name}\n")).unwrap_err();
            assert!(error.contains("not a file name"), "{name}: {error}");
        }
    }

    #[test]
    fn malformed_lines_are_refused_with_their_number() {
        let error = parse(&format!("{}  a\nnot a line\n", "b".repeat(64))).unwrap_err();
        assert!(error.starts_with("line 2"), "{error}");
        let error = parse("xyz  hello\n").unwrap_err();
        assert!(error.contains("not a SHA-256"), "{error}");
        let hash = "c".repeat(64);
        let error = parse(&format!("{hash}  a\n{hash}  a\n")).unwrap_err();
        assert!(error.contains("listed twice"), "{error}");
    }

    #[test]
    fn the_digest_is_sha256() {
        let dir = std::env::temp_dir().join(format!("xtask-sums-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("abc");
        std::fs::write(&file, b"abc").unwrap();
        assert_eq!(
            sha256_file(&file).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
