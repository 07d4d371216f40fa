//! The key of a set of URL parameter names: `url_for!` computes it from the names it
//! is given, a view with several rules from each rule's parameters, and the two meet
//! in `UrlRule<KEY>`, which picks the rule whose parameters are exactly those names.

/// FNV-1a of the sorted names, each followed by a comma: the same set of names gives
/// the same key in whatever order they are written.
pub(crate) fn key<'a>(names: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_unstable();
    names.dedup();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in names.iter().flat_map(|n| n.bytes().chain([b','])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn order_does_not_matter_and_sets_differ() {
        assert_eq!(key(["a", "b"]), key(["b", "a"]));
        assert_ne!(key(["a", "b"]), key(["ab"]));
        assert_ne!(key([]), key(["page"]));
    }
}
