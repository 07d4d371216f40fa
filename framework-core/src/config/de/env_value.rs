//! One environment variable's value as whatever type its setting has: the text is
//! parsed for the type asked for, so `SECRET_KEY=12345` stays a string and
//! `PORT=8080` is a number.

use serde::de::{self, IntoDeserializer, Unexpected, Visitor};

use super::error::DeError;

/// A variable's text, parsed for the type the setting asks for.
pub(crate) struct EnvValue<'a>(pub(crate) &'a str);

/// `true`, `1`, `yes`, `on` and `false`, `0`, `no`, `off`, in any case (Flask reads
/// `FLASK_DEBUG=1` as on).
fn parse_bool(text: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["true", "1", "yes", "on"];
    const FALSE: [&str; 4] = ["false", "0", "no", "off"];
    let text = text.trim();
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(text)) {
        Some(true)
    } else if FALSE.iter().any(|f| f.eq_ignore_ascii_case(text)) {
        Some(false)
    } else {
        None
    }
}

macro_rules! parsed {
    ($($method:ident => $visit:ident as $ty:ty),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match self.0.trim().parse::<$ty>() {
                Ok(value) => visitor.$visit(value),
                Err(_) => Err(de::Error::invalid_value(Unexpected::Str(self.0), &visitor)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for EnvValue<'_> {
    type Error = DeError;

    /// A type that does not say what it wants (an untagged enum, a JSON value) gets
    /// a boolean, a number, or else the text.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let text = self.0.trim();
        if text == "true" || text == "false" {
            visitor.visit_bool(text == "true")
        } else if let Ok(n) = text.parse::<u64>() {
            visitor.visit_u64(n)
        } else if let Ok(n) = text.parse::<i64>() {
            visitor.visit_i64(n)
        } else if let Ok(n) = text.parse::<f64>().map_err(drop).and_then(finite) {
            visitor.visit_f64(n)
        } else {
            visitor.visit_str(self.0)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match parse_bool(self.0) {
            Some(value) => visitor.visit_bool(value),
            None => Err(de::Error::invalid_value(
                Unexpected::Str(self.0),
                &"true or false (also 1/0, yes/no, on/off)",
            )),
        }
    }

    parsed! {
        deserialize_i8 => visit_i8 as i8,
        deserialize_i16 => visit_i16 as i16,
        deserialize_i32 => visit_i32 as i32,
        deserialize_i64 => visit_i64 as i64,
        deserialize_i128 => visit_i128 as i128,
        deserialize_u8 => visit_u8 as u8,
        deserialize_u16 => visit_u16 as u16,
        deserialize_u32 => visit_u32 as u32,
        deserialize_u64 => visit_u64 as u64,
        deserialize_u128 => visit_u128 as u128,
        deserialize_f32 => visit_f32 as f32,
        deserialize_f64 => visit_f64 as f64,
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let mut chars = self.0.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c),
            _ => Err(de::Error::invalid_value(Unexpected::Str(self.0), &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_bytes(self.0.as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_bytes(self.0.as_bytes())
    }

    /// A variable that is set is `Some`, even when empty.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.0.trim().is_empty() {
            visitor.visit_unit()
        } else {
            Err(de::Error::invalid_value(Unexpected::Str(self.0), &visitor))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    /// A list is comma-separated: `TRUSTED_HOSTS=a.example, b.example`; an empty
    /// variable is an empty list.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let items = self
            .0
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(EnvValue);
        visitor.visit_seq(de::value::SeqDeserializer::new(items))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    /// A unit variant by name: `SESSION_STORE_KIND=redis`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(self.0.trim().into_deserializer())
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! { map struct }
}

impl<'de> IntoDeserializer<'de, DeError> for EnvValue<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

fn finite(n: f64) -> Result<f64, ()> {
    if n.is_finite() { Ok(n) } else { Err(()) }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    fn read<T: Deserialize<'static>>(text: &'static str) -> Result<T, String> {
        T::deserialize(EnvValue(text)).map_err(|e| e.to_string())
    }

    #[test]
    fn text_is_parsed_for_the_type_asked_for() {
        assert_eq!(read::<String>("12345").unwrap(), "12345");
        assert_eq!(read::<u16>(" 8080 ").unwrap(), 8080);
        assert_eq!(read::<f64>("2.5").unwrap(), 2.5);
        assert_eq!(read::<Option<String>>("").unwrap(), Some(String::new()));
        assert_eq!(
            read::<Vec<u32>>("1, 2,3").unwrap(),
            vec![1, 2, 3],
            "a list is comma-separated"
        );
        assert_eq!(read::<Vec<String>>("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn booleans_read_as_flask_reads_its_debug_flag() {
        for on in ["true", "TRUE", "1", "yes", "On"] {
            assert!(read::<bool>(on).unwrap(), "{on}");
        }
        for off in ["false", "0", "no", "OFF"] {
            assert!(!read::<bool>(off).unwrap(), "{off}");
        }
        let error = read::<bool>("maybe").unwrap_err();
        assert!(error.contains("\"maybe\""), "{error}");
    }

    #[test]
    fn a_value_that_does_not_fit_says_what_was_expected() {
        assert_eq!(
            read::<u16>("70000").unwrap_err(),
            "invalid value: string \"70000\", expected u16"
        );
        assert!(read::<char>("ab").is_err());
    }

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Store {
        Memory,
        Redis,
    }

    #[test]
    fn unit_variants_by_name() {
        assert_eq!(read::<Store>("redis").unwrap(), Store::Redis);
        let error = read::<Store>("disk").unwrap_err();
        assert!(
            error.contains("disk") && error.contains("memory"),
            "{error}"
        );
    }

    #[test]
    fn an_untyped_value_is_guessed() {
        #[derive(Deserialize, Debug, PartialEq)]
        #[serde(untagged)]
        enum Limit {
            Count(u64),
            Named(String),
        }
        assert_eq!(read::<Limit>("10").unwrap(), Limit::Count(10));
        assert_eq!(read::<Limit>("none").unwrap(), Limit::Named("none".into()));
    }
}
