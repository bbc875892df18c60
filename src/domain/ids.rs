//! Ids and stored choices that say what they are. Every id is its own type, so swapping a
//! conference's id for a registration's does not compile; every status is an enum stored
//! as text, and an unknown text in the database is an error, never a guess. Both are
//! written once, by the macros below, and work directly in diesel rows and filters on
//! both engines (as `Text`).
//!
//! ```
//! use werkconf::domain::ids::{ConferenceId, RegistrationId};
//! fn cancel(_conference: &ConferenceId, _registration: &RegistrationId) {}
//! let (c, r) = (ConferenceId::generate(), RegistrationId::generate());
//! cancel(&c, &r);
//! ```
//!
//! The same call with the two swapped is refused by the compiler:
//!
//! ```compile_fail
//! use werkconf::domain::ids::{ConferenceId, RegistrationId};
//! fn cancel(_conference: &ConferenceId, _registration: &RegistrationId) {}
//! let (c, r) = (ConferenceId::generate(), RegistrationId::generate());
//! cancel(&r, &c);
//! ```

/// Declares id types: a string newtype that only holds what a key may be (see
/// [`is_key`]), made fresh as a time-ordered UUID, read from URLs through serde.
macro_rules! id_types {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub struct $name(String);

        impl $name {
            /// A fresh, time-ordered id for a new row.
            pub fn generate() -> $name {
                $name(uuid::Uuid::now_v7().to_string())
            }

            /// The id in a URL or form, if it can be one at all.
            pub fn parse(s: &str) -> Option<$name> {
                is_key(s).then(|| $name(s.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        /// From a URL path or a form: anything that cannot be a key is refused, so a
        /// handler never sees it (a path answers 404).
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| serde::de::Error::custom("not an id"))
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<$name> {
                String::from_sql(bytes).map($name)
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    self.0.as_str(),
                    out,
                )
            }
        }
    )*};
}

/// Declares an enum stored as text: each variant with its text, `ALL`, `as_str`, `parse`,
/// and diesel's reading and writing, where an unknown text is an error.
macro_rules! text_enum {
    (
        $(#[$doc:meta])*
        pub enum $name:ident {
            $($(#[$vdoc:meta])* $variant:ident = $text:literal,)*
        }
    ) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<$name> {
                let text = String::from_sql(bytes)?;
                $name::parse(&text).ok_or_else(|| {
                    format!(concat!("unknown ", stringify!($name), " {:?} in the database"), text)
                        .into()
                })
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }
    };
}

pub(crate) use text_enum;

/// Whether text from a URL or form can be a key at all. Anything else (a NUL byte, which
/// PostgreSQL refuses, or text no key ever has) names nothing.
pub fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

id_types! {
    /// A conference (werkconferentie).
    ConferenceId;
    /// A participant's registration.
    RegistrationId;
    /// An insight of a conference.
    InsightId;
    /// An item of a conference's programme; those of kind round are the breakout rounds
    /// (`Round` in the glossary), where groups meet.
    ProgrammeItemId;
    /// An organiser's account.
    OrganiserId;
    /// A message in the outbox.
    MessageId;
    /// A background job.
    JobId;
    /// A breakout group: one insight in one round.
    GroupId;
    /// An action point: one answer of a group to one guiding question.
    ActionPointId;
    /// A pilot: an experiment made of action points.
    PilotId;
    /// An entry of a pilot's timeline (an update, an evaluation, a note).
    PilotUpdateId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_only_what_a_key_can_be() {
        assert!(ConferenceId::parse("0192f3a4-aaaa-7bbb-8ccc-123456789abc").is_some());
        assert!(ConferenceId::parse("").is_none());
        assert!(ConferenceId::parse("a/b").is_none());
        assert!(ConferenceId::parse("a\0b").is_none());
        assert!(ConferenceId::parse(&"x".repeat(201)).is_none());
        let fresh = RegistrationId::generate();
        assert_eq!(RegistrationId::parse(fresh.as_str()), Some(fresh.clone()));
        assert!(serde_json::from_str::<InsightId>("\"../x\"").is_err());
        assert_eq!(
            serde_json::to_string(&fresh).unwrap(),
            format!("\"{fresh}\"")
        );
    }

    text_enum! {
        /// A test enum.
        pub enum Colour {
            Red = "red",
            Green = "green",
        }
    }

    #[test]
    fn a_text_enum_knows_its_texts_and_no_others() {
        assert_eq!(Colour::ALL, &[Colour::Red, Colour::Green]);
        assert_eq!(Colour::parse("green"), Some(Colour::Green));
        assert_eq!(Colour::Red.as_str(), "red");
        assert_eq!(Colour::parse("blue"), None);
    }
}
