//! `serde` support, the `serde` feature: a [`Record`] serializes with every column. (The value
//! types it holds, [`Protocol`](crate::Protocol), [`PortRange`](crate::PortRange) and the
//! rest, go both ways; their impls are with the types.) Written by hand rather than derived,
//! so the feature brings no proc-macro crate into the build, and without `std`.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{IpProtocol, Record};

/// Every column, under the field names listed on [`Record`].
impl Serialize for Record {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const COLUMNS: usize =
            6 + cfg!(feature = "descriptions") as usize + 8 * cfg!(feature = "metadata") as usize;
        let mut record = serializer.serialize_struct("Record", COLUMNS)?;
        record.serialize_field("index", &self.index())?;
        record.serialize_field("service_name", &self.name())?;
        record.serialize_field("port_range", &self.port_range())?;
        record.serialize_field("transport_protocol", &self.protocol())?;
        #[cfg(feature = "descriptions")]
        record.serialize_field("description", &self.description())?;
        #[cfg(feature = "metadata")]
        {
            record.serialize_field("assignee", &self.assignee())?;
            record.serialize_field("contact", &self.contact())?;
            record.serialize_field("registration_date", &self.registration_date())?;
            record.serialize_field("modification_date", &self.modification_date())?;
            record.serialize_field("reference", &self.reference())?;
            record.serialize_field("service_code", &self.service_code())?;
            record.serialize_field(
                "unauthorized_use_reported",
                &self.unauthorized_use_reported(),
            )?;
            record.serialize_field("assignment_notes", &self.assignment_notes())?;
        }
        record.serialize_field("historic_alias", &self.is_historic_alias())?;
        let target = self.alias_target();
        record.serialize_field("alias_of", &target.and_then(Record::name))?;
        record.end()
    }
}

/// Every column of the protocol number's row, under the field names listed on [`IpProtocol`].
impl Serialize for IpProtocol {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const FIELDS: usize =
            5 + cfg!(feature = "descriptions") as usize + cfg!(feature = "metadata") as usize;
        let mut protocol = serializer.serialize_struct("IpProtocol", FIELDS)?;
        protocol.serialize_field("number", &self.number())?;
        protocol.serialize_field("keyword", &self.keyword())?;
        protocol.serialize_field("deprecated", &self.is_deprecated())?;
        #[cfg(feature = "descriptions")]
        protocol.serialize_field("protocol", &self.name())?;
        protocol.serialize_field("ipv6_extension_header", &self.ipv6_extension_header())?;
        #[cfg(feature = "metadata")]
        protocol.serialize_field("references", &self.references())?;
        protocol.serialize_field("status", &self.status())?;
        protocol.end()
    }
}

/// Every field, marked `"registry": "common-use"` so that a program reading it cannot take it
/// for one of IANA's records (whose serialization has no such field).
#[cfg(feature = "common-use")]
impl Serialize for crate::CommonUse {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entry = serializer.serialize_struct("CommonUse", 8)?;
        entry.serialize_field("registry", "common-use")?;
        entry.serialize_field("service_name", self.name())?;
        entry.serialize_field("port_range", &self.port_range())?;
        entry.serialize_field("transport_protocol", &self.protocol())?;
        entry.serialize_field("software", self.software())?;
        entry.serialize_field("description", self.description())?;
        entry.serialize_field("source", self.source())?;
        entry.serialize_field("source_read", self.source_read())?;
        entry.end()
    }
}
