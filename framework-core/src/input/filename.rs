//! `secure_filename`: werkzeug's safe file name for uploads.

use unicode_normalization::UnicodeNormalization;

/// Device names Windows reserves in every folder (werkzeug's list, ASCII part).
const WINDOWS_DEVICES: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A version of a client's file name that is safe to store on any file system and to
/// join to a folder, as werkzeug's `secure_filename` makes it: letters folded to
/// ASCII (`é` → `e`, other non-ASCII dropped), `/` and runs of white space turned into
/// one `_`, every character but `A-Z a-z 0-9 _ . -` removed, leading and trailing
/// `.` and `_` stripped.
///
/// Windows device names (`CON`, `nul.txt`, `LPT1.log`, …) get a leading `_` on every
/// system, where werkzeug does it only when running on Windows.
///
/// The result may be empty (nothing is left of `"../"`, only `"txt"` of `"日本語.txt"`):
/// then choose a name yourself. Different clients' names may also turn out the
/// same: add something unique before storing.
///
/// ```
/// use framework_core::input::secure_filename;
///
/// assert_eq!(secure_filename("My cool movie.mov"), "My_cool_movie.mov");
/// assert_eq!(secure_filename("../../../etc/passwd"), "etc_passwd");
/// assert_eq!(secure_filename("i contain cool \u{fc}ml\u{e4}uts.txt"), "i_contain_cool_umlauts.txt");
/// assert_eq!(secure_filename("con.txt"), "_con.txt");
/// assert_eq!(secure_filename("../.."), "");
/// ```
pub fn secure_filename(filename: &str) -> String {
    let ascii: String = filename
        .nfkd()
        .filter(char::is_ascii)
        .map(|c| if c == '/' { ' ' } else { c })
        .collect();
    let joined = ascii
        .split(is_python_space)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let kept: String = joined
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        .collect();
    let name = kept.trim_matches(['.', '_']);
    let stem = name.split('.').next().unwrap_or_default();
    if !name.is_empty() && WINDOWS_DEVICES.iter().any(|d| d.eq_ignore_ascii_case(stem)) {
        format!("_{name}")
    } else {
        name.to_owned()
    }
}

/// ASCII white space as Python's `str.split()` sees it (with the four separators
/// `\x1c`..`\x1f`, which Rust does not count).
fn is_python_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f'
    )
}

#[cfg(test)]
mod tests {
    use super::secure_filename;

    /// Generated with werkzeug 3.1.8's `secure_filename` (with `os.name` set to "nt"
    /// and `/` as the only separator, for the device names).
    const WERKZEUG: &[(&str, &str)] = &[
        ("My cool movie.mov", "My_cool_movie.mov"),
        ("../../../etc/passwd", "etc_passwd"),
        (
            "i contain cool \u{fc}ml\u{e4}uts.txt",
            "i_contain_cool_umlauts.txt",
        ),
        ("", ""),
        ("   ", ""),
        ("...", ""),
        ("__init__.py", "init__.py"),
        ("._hidden", "hidden"),
        (".bashrc", "bashrc"),
        ("file name (1).pdf", "file_name_1.pdf"),
        (
            "a\u{9}b\u{a}c\u{b}d\u{c}e\u{d}f\u{1c}g\u{1d}h\u{1e}i\u{1f}j",
            "a_b_c_d_e_f_g_h_i_j",
        ),
        ("C:\\Users\\me\\photo.jpg", "CUsersmephoto.jpg"),
        ("/absolute/path.txt", "absolute_path.txt"),
        ("..\\..\\windows\\win.ini", "windowswin.ini"),
        ("r\u{e9}sum\u{e9}.docx", "resume.docx"),
        ("\u{fb01}le.txt", "file.txt"),
        ("\u{216b}.txt", "XII.txt"),
        ("\u{65e5}\u{672c}\u{8a9e}.txt", "txt"),
        ("emoji \u{1f600} face.png", "emoji_face.png"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("NUL.tar.gz", "_NUL.tar.gz"),
        ("com1", "_com1"),
        ("COM0.txt", "COM0.txt"),
        ("LPT9.log", "_LPT9.log"),
        ("aux_file.txt", "aux_file.txt"),
        ("prn.", "_prn"),
        ("_CON.txt", "_CON.txt"),
        ("a--b..c__d", "a--b..c__d"),
        ("trailing dots...", "trailing_dots"),
        ("-leading-dash", "-leading-dash"),
        ("%2e%2e%2fetc", "2e2e2fetc"),
        ("name\u{0}.txt", "name.txt"),
        ("tab\u{9}sep.txt", "tab_sep.txt"),
        ("\u{3a9}\u{2248}\u{e7}\u{221a}.txt", "c.txt"),
        ("\u{2168}", "IX"),
        ("a/b/../c", "a_b_.._c"),
        ("  spaced  out  ", "spaced_out"),
        ("xxx$?*:<>|\"'.txt", "xxx.txt"),
        ("\u{a0}nbsp\u{2003}em space.txt", "nbsp_em_space.txt"),
        (
            "\u{ff46}\u{ff55}\u{ff4c}\u{ff4c}\u{ff57}\u{ff49}\u{ff44}\u{ff54}\u{ff48}.txt",
            "fullwidth.txt",
        ),
        ("\u{fb00}", "ff"),
    ];

    #[test]
    fn matches_werkzeug() {
        for (input, expected) in WERKZEUG {
            assert_eq!(
                secure_filename(input),
                *expected,
                "secure_filename({input:?})"
            );
        }
    }
}
