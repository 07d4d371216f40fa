//! `Validatable`: what the validated extractors ask of their type, with a build error
//! that names the missing derive; and the run of the checks.

use std::fmt;

use serde::de::{DeserializeOwned, Deserializer, Visitor};

use super::FieldErrors;

/// A type whose values can be checked: every type that derives `validator`'s
/// [`Validate`](validator::Validate).
///
/// The validated extractors ([`ValidJson`](super::ValidJson),
/// [`ValidForm`](super::ValidForm), [`ValidQuery`](super::ValidQuery),
/// [`FormResult`](super::FormResult)) require it, so that forgetting the derive is a
/// build error that says so rather than input that is never checked.
///
/// ```
/// use framework_core::prelude::*;
/// use framework_core::input::Validatable;
///
/// #[derive(Deserialize, Validate)]
/// struct Signup {
///     #[validate(email(message = "Enter an email address."))]
///     email: String,
/// }
///
/// let bad = Signup { email: "nope".into() };
/// assert!(bad.validate_input().is_err());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not derive `Validate`, so it cannot be validated input",
    label = "add `#[derive(Validate)]` to `{Self}`",
    note = "validated extractors (`ValidJson`, `ValidForm`, `ValidQuery`, `FormResult`) check their input with the `validator` crate: `#[derive(Deserialize, Validate)]`, with `#[validate(...)]` rules on the fields",
    note = "`Validate` is in `framework_core::prelude`; to take input unchecked, use `Json`, `Form` or `Query` instead",
    note = "if `{Self}` does derive `Validate`: the derive names the `validator` crate, which must be a dependency of this crate at the framework's version, `validator = \"0.21\"` in Cargo.toml"
)]
pub trait Validatable {
    /// Runs the type's checks.
    fn validate_input(&self) -> Result<(), validator::ValidationErrors>;
}

#[diagnostic::do_not_recommend]
impl<T: validator::Validate> Validatable for T {
    fn validate_input(&self) -> Result<(), validator::ValidationErrors> {
        self.validate()
    }
}

/// Checks `value`; on failure, its errors ordered as `T` declares its fields.
pub(crate) fn check<T>(value: &T) -> Result<(), FieldErrors>
where
    T: Validatable + DeserializeOwned,
{
    match value.validate_input() {
        Ok(()) => Ok(()),
        Err(errors) => Err(FieldErrors::from_validation(
            &errors,
            declared_fields::<T>(),
        )),
    }
}

/// The field names of a struct in declaration order, as serde's derive lists them
/// (empty for anything that is not a plain struct). Asked only when validation fails.
pub(crate) fn declared_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields = None;
    let _ = T::deserialize(FieldProbe(&mut fields));
    fields.unwrap_or(&[])
}

/// A deserializer that only notes the field list a struct asks for, then stops.
struct FieldProbe<'a>(&'a mut Option<&'static [&'static str]>);

#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field probe")
    }
}

impl std::error::Error for Stop {}

impl serde::de::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> Deserializer<'de> for FieldProbe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = Some(fields);
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Login {
        username: String,
        #[serde(rename = "pass")]
        password: String,
    }

    #[test]
    fn probes_declared_field_order() {
        assert_eq!(declared_fields::<Login>(), ["username", "pass"]);
        assert!(declared_fields::<String>().is_empty());
    }
}
