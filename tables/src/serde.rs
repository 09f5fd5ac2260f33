//! `serde` support, the `serde` feature: a [`Protocol`], [`Status`], [`PortClass`] and
//! [`PortRange`] go both ways. Written by hand rather than derived, so the feature brings no
//! proc-macro crate into the build, and without `std`.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{IpProtocolStatus, PortClass, PortRange, Protocol, Status};

/// A value whose serialized form is one of a few lower-case words. One rule for all of them:
/// a value deserializes from exactly the word it serializes to (`"tcp"`, not `"TCP"`;
/// `"assigned"`, not `"Assigned"`).
trait Word: Sized + Copy + 'static {
    const ALL: &'static [Self];
    const WORDS: &'static [&'static str];
    const WHAT: &'static str;
    fn word(self) -> &'static str;

    fn from_word(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.word() == word)
    }
}

impl Word for Protocol {
    const ALL: &'static [Self] = &Protocol::ALL;
    const WORDS: &'static [&'static str] = &["tcp", "udp", "sctp", "dccp"];
    const WHAT: &'static str = "a transport protocol (tcp, udp, sctp or dccp)";

    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Word for Status {
    const ALL: &'static [Self] = &[
        Status::Assigned,
        Status::Reserved,
        Status::Unassigned,
        Status::OutsideFilter,
    ];
    const WORDS: &'static [&'static str] =
        &["assigned", "reserved", "unassigned", "outside-filter"];
    const WHAT: &'static str = "a port status (assigned, reserved, unassigned or outside-filter)";

    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Word for PortClass {
    const ALL: &'static [Self] = &[PortClass::System, PortClass::User, PortClass::Dynamic];
    const WORDS: &'static [&'static str] = &["system", "user", "dynamic"];
    const WHAT: &'static str = "a port class (system, user or dynamic)";

    fn word(self) -> &'static str {
        self.as_str()
    }
}

impl Word for IpProtocolStatus {
    const ALL: &'static [Self] = &[
        IpProtocolStatus::Assigned,
        IpProtocolStatus::Unassigned,
        IpProtocolStatus::Experimental,
        IpProtocolStatus::Reserved,
    ];
    const WORDS: &'static [&'static str] = &["assigned", "unassigned", "experimental", "reserved"];
    const WHAT: &'static str =
        "a protocol number status (assigned, unassigned, experimental or reserved)";

    fn word(self) -> &'static str {
        self.as_str()
    }
}

struct WordVisitor<T>(PhantomData<T>);

impl<T: Word> Visitor<'_> for WordVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::WHAT)
    }

    fn visit_str<E: de::Error>(self, word: &str) -> Result<T, E> {
        T::from_word(word).ok_or_else(|| E::unknown_variant(word, T::WORDS))
    }
}

macro_rules! by_word {
    ($($type:ty),*) => {$(
        /// Its lower-case word, as `as_str` gives it.
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.word())
            }
        }

        /// From exactly its lower-case word, as `as_str` gives it: not in another case.
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(WordVisitor(PhantomData))
            }
        }
    )*};
}

by_word!(Protocol, Status, PortClass, IpProtocolStatus);

const PORT_RANGE_FIELDS: &[&str] = &["start", "end"];

/// `{"start": 6000, "end": 6063}`, as serde writes a `RangeInclusive`.
impl Serialize for PortRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut range = serializer.serialize_struct("PortRange", 2)?;
        range.serialize_field("start", &self.start())?;
        range.serialize_field("end", &self.end())?;
        range.end()
    }
}

/// From `{"start": .., "end": ..}` (or a two-element sequence); a range that ends before it
/// starts is refused.
impl<'de> Deserialize<'de> for PortRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("PortRange", PORT_RANGE_FIELDS, PortRangeVisitor)
    }
}

struct PortRangeVisitor;

impl PortRangeVisitor {
    fn range<E: de::Error>(start: Option<u16>, end: Option<u16>) -> Result<PortRange, E> {
        let start = start.ok_or_else(|| E::missing_field("start"))?;
        let end = end.ok_or_else(|| E::missing_field("end"))?;
        PortRange::new(start, end).ok_or_else(|| E::custom("the port range ends before it starts"))
    }
}

impl<'de> Visitor<'de> for PortRangeVisitor {
    type Value = PortRange;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a port range with a start and an end")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PortRange, A::Error> {
        let start = seq.next_element()?;
        let end = seq.next_element()?;
        Self::range(start, end)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PortRange, A::Error> {
        let (mut start, mut end) = (None, None);
        while let Some(key) = map.next_key::<PortRangeField>()? {
            let slot = match key {
                PortRangeField::Start => &mut start,
                PortRangeField::End => &mut end,
            };
            if slot.is_some() {
                return Err(de::Error::duplicate_field(PORT_RANGE_FIELDS[key as usize]));
            }
            *slot = Some(map.next_value()?);
        }
        Self::range(start, end)
    }
}

#[derive(Clone, Copy)]
enum PortRangeField {
    Start,
    End,
}

impl<'de> Deserialize<'de> for PortRangeField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = PortRangeField;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`start` or `end`")
            }

            fn visit_str<E: de::Error>(self, field: &str) -> Result<PortRangeField, E> {
                match field {
                    "start" => Ok(PortRangeField::Start),
                    "end" => Ok(PortRangeField::End),
                    other => Err(E::unknown_field(other, PORT_RANGE_FIELDS)),
                }
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}
