//! Settings as serde sees them: a map from each setting's key to its value, the
//! environment's text or the file's TOML value.

mod env_value;
mod error;

pub(crate) use error::DeError;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};

use super::sources::{Found, Sources};
use env_value::EnvValue;

/// The settings of `sources`, deserialized as the app's struct asks.
pub(crate) struct SettingsDeserializer<'a>(pub(crate) &'a Sources);

impl<'de> de::Deserializer<'de> for SettingsDeserializer<'_> {
    type Error = DeError;

    /// Every setting of either source (for a map, or a struct that flattens one).
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_map(Entries::new(self.0, self.0.keys().into_iter()))
    }

    /// Only the struct's own fields are looked up.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_map(Entries::new(self.0, fields.iter().copied()))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf unit_struct seq tuple tuple_struct map enum identifier
    }
}

/// The settings among `keys` that a source has, each with its value.
struct Entries<'a, I> {
    sources: &'a Sources,
    keys: I,
    pending: Option<Found<'a>>,
}

impl<'a, I> Entries<'a, I> {
    fn new(sources: &'a Sources, keys: I) -> Self {
        Entries {
            sources,
            keys,
            pending: None,
        }
    }
}

impl<'de, I, K> MapAccess<'de> for Entries<'_, I>
where
    I: Iterator<Item = K>,
    K: AsRef<str>,
{
    type Error = DeError;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, DeError> {
        for key in self.keys.by_ref() {
            let key = key.as_ref();
            if let Some(found) = self.sources.find(key) {
                self.pending = Some(found);
                return seed.deserialize(key.into_deserializer()).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, DeError> {
        let Some(found) = self.pending.take() else {
            return Err(de::Error::custom(
                "a setting's value was asked for before its key",
            ));
        };
        match &found {
            Found::Env { value, .. } => seed
                .deserialize(EnvValue(value))
                .map_err(|e| e.within(|| found.describe())),
            #[cfg(feature = "toml")]
            Found::File { value, .. } => {
                seed.deserialize((*value).clone()).map_err(|e| DeError::At {
                    setting: found.describe(),
                    message: e.message().trim_end().to_owned(),
                })
            }
        }
    }
}
