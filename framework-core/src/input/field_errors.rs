//! `FieldError` and `FieldErrors`: validator's errors flattened into a list, in the
//! order the struct declares its fields, each with a message a person can read.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Map, Value};
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

/// One failed check on one field.
///
/// `field` is the field's path (`address.city`, `items[0].name` for nested structs;
/// `__all__` for a struct-level check), `code` the rule that failed (`length`,
/// `email`, or a custom code), `message` the rule's `message = "..."`, or a default
/// sentence made from the rule's parameters.
///
/// ```
/// use framework_core::input::FieldError;
///
/// let error = FieldError::new("username", "taken", "That name is taken.");
/// assert_eq!(error.field, "username");
/// assert_eq!(error.message, "That name is taken.");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    /// The field's path in the input.
    pub field: String,
    /// The rule that failed.
    pub code: String,
    /// What to tell the user.
    pub message: String,
    /// The rule's parameters (`min`, `max`, …); never the submitted value.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub params: Map<String, Value>,
}

impl FieldError {
    /// An error of your own (a name already taken, say), to add to [`FieldErrors`].
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
            params: Map::new(),
        }
    }

    fn from_validator(field: &str, error: &ValidationError) -> Self {
        // The submitted value (and `must_match`'s other value) are left out: they may
        // be passwords, and the client knows what it sent.
        let params = error
            .params
            .iter()
            .filter(|(name, _)| !matches!(name.as_ref(), "value" | "other"))
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect();
        let message = match &error.message {
            Some(message) => message.to_string(),
            None => default_message(field, error),
        };
        Self {
            field: field.to_owned(),
            code: error.code.to_string(),
            message,
            params,
        }
    }
}

/// Every field error of one input, first field first.
///
/// Built from `validator`'s [`ValidationErrors`] by the validated extractors (nested
/// structs and lists are flattened into paths), or by hand.
///
/// ```
/// use framework_core::input::{FieldError, FieldErrors};
///
/// let mut errors = FieldErrors::new();
/// errors.push(FieldError::new("username", "length", "Username is required."));
/// errors.push(FieldError::new("password", "length", "Password is required."));
/// assert_eq!(errors.len(), 2);
/// assert_eq!(errors.first().unwrap().field, "username");
/// assert_eq!(errors.message_for("password"), Some("Password is required."));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `validator`'s errors, sorted by the position of each top-level field in
    /// `declared` (the struct's fields in declaration order); unknown names go last.
    pub(crate) fn from_validation(errors: &ValidationErrors, declared: &[&str]) -> Self {
        let mut list = Vec::new();
        flatten("", errors, &mut list);
        let position = |field: &str| {
            let top = field.split(['.', '[']).next().unwrap_or(field);
            declared
                .iter()
                .position(|d| *d == top)
                .unwrap_or(declared.len())
        };
        // Stable: the rules of one field keep their order.
        list.sort_by(|a, b| (position(&a.field), &a.field).cmp(&(position(&b.field), &b.field)));
        Self(list)
    }

    /// Adds an error.
    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The first error: the first invalid field in declaration order.
    pub fn first(&self) -> Option<&FieldError> {
        self.0.first()
    }

    /// All errors, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }

    /// The errors of one field.
    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a FieldError> + 'a {
        self.0.iter().filter(move |e| e.field == field)
    }

    /// The first message for one field, to show beside its input.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

impl From<ValidationErrors> for FieldErrors {
    /// Flattens `validator`'s errors; fields in alphabetical order (the extractors
    /// know the declaration order and use it instead).
    fn from(errors: ValidationErrors) -> Self {
        Self::from_validation(&errors, &[])
    }
}

impl<'a> IntoIterator for &'a FieldErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for FieldErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

fn flatten(prefix: &str, errors: &ValidationErrors, out: &mut Vec<FieldError>) {
    for (name, kind) in errors.errors() {
        let path: Cow<'_, str> = if prefix.is_empty() {
            Cow::Borrowed(name.as_ref())
        } else {
            Cow::Owned(format!("{prefix}.{name}"))
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                out.extend(list.iter().map(|e| FieldError::from_validator(&path, e)));
            }
            ValidationErrorsKind::Struct(inner) => flatten(&path, inner, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    flatten(&format!("{path}[{index}]"), inner, out);
                }
            }
        }
    }
}

/// A sentence for a rule that has no `message = "..."`.
fn default_message(field: &str, error: &ValidationError) -> String {
    let param = |name: &str| error.params.get(name).map(show);
    let phrase = match error.code.as_ref() {
        "length" => match (param("equal"), param("min"), param("max")) {
            (Some(n), _, _) => format!("must be exactly {n} characters long"),
            (None, Some(min), Some(max)) => {
                format!("must be between {min} and {max} characters long")
            }
            (None, Some(min), None) => format!("must be at least {min} characters long"),
            (None, None, Some(max)) => format!("must be at most {max} characters long"),
            (None, None, None) => "has the wrong length".to_owned(),
        },
        "range" => match (
            param("min").or_else(|| param("exclusive_min")),
            param("max").or_else(|| param("exclusive_max")),
        ) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            (Some(min), None) if error.params.contains_key("exclusive_min") => {
                format!("must be greater than {min}")
            }
            (Some(min), None) => format!("must be at least {min}"),
            (None, Some(max)) if error.params.contains_key("exclusive_max") => {
                format!("must be less than {max}")
            }
            (None, Some(max)) => format!("must be at most {max}"),
            (None, None) => "is out of range".to_owned(),
        },
        "required" => "is required".to_owned(),
        "email" => "must be a valid email address".to_owned(),
        "url" => "must be a valid URL".to_owned(),
        "must_match" => "does not match".to_owned(),
        "contains" => match param("needle") {
            Some(needle) => format!("must contain \"{needle}\""),
            None => "is missing a required part".to_owned(),
        },
        "does_not_contain" => match param("needle") {
            Some(needle) => format!("must not contain \"{needle}\""),
            None => "contains something it must not".to_owned(),
        },
        "regex" => "is not in the expected format".to_owned(),
        "credit_card" => "must be a valid card number".to_owned(),
        "non_control_character" => "must not contain control characters".to_owned(),
        "ip" => "must be a valid IP address".to_owned(),
        _ => "is invalid".to_owned(),
    };
    format!("{field} {phrase}.")
}

/// A parameter as text: strings without their JSON quotes.
fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn length_error(min: u64) -> ValidationError {
        let mut error = ValidationError::new("length");
        error.add_param(Cow::from("min"), &min);
        error.add_param(Cow::from("value"), &"secret");
        error
    }

    #[test]
    fn flattens_nested_errors_in_declared_order() {
        let mut inner = ValidationErrors::new();
        inner.add("city", ValidationError::new("required"));
        let mut errors = ValidationErrors::new();
        errors.add("password", length_error(8));
        errors.add("username", ValidationError::new("email"));
        errors.errors_mut().insert(
            Cow::from("address"),
            ValidationErrorsKind::Struct(Box::new(inner)),
        );
        let list = FieldErrors::from_validation(&errors, &["username", "address", "password"]);
        let fields: Vec<&str> = list.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["username", "address.city", "password"]);
        let password = list.for_field("password").next().unwrap();
        assert_eq!(
            password.message,
            "password must be at least 8 characters long."
        );
        assert!(!password.params.contains_key("value"));
        assert_eq!(password.params["min"], 8);
        assert_eq!(
            list.message_for("address.city"),
            Some("address.city is required.")
        );
    }

    #[test]
    fn custom_messages_win() {
        let mut errors = ValidationErrors::new();
        errors.add(
            "username",
            ValidationError::new("length").with_message(Cow::from("Username is required.")),
        );
        let list = FieldErrors::from(errors);
        assert_eq!(list.first().unwrap().message, "Username is required.");
    }
}
