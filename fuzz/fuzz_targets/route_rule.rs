//! The route path grammar: any text either parses or is refused with a message, and
//! a parsed rule written back in its normal form parses to the same rule.
#![no_main]
#![forbid(unsafe_code)]

use framework_core::routing::Rule;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match Rule::parse(text) {
        Ok(rule) => {
            let _ = rule.axum_path();
            let _ = rule.shape();
            let _ = rule.params().count();
            let normal = rule.display();
            assert_eq!(
                Rule::parse(&normal).as_ref(),
                Ok(&rule),
                "{text:?} parsed, but its normal form {normal:?} does not parse back to it"
            );
        }
        Err(error) => assert!(!error.message.is_empty(), "{text:?}: empty message"),
    }
});
