//! The record tables: each record's first port and flags, the last port of each range, and
//! the record each historic alias stands for.

use ianaports_tables::{Pair, RecordFlags, RecordTables};

use crate::error::LineReason;
use crate::generated::{Encoded, record_id};
use crate::names::NameLayout;
use crate::validate::Record;

/// The record tables of a registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordLayout {
    port: Encoded<u16>,
    flags: Encoded<u8>,
    range_last: Encoded<Pair>,
    alias_target: Encoded<Pair>,
}

impl RecordLayout {
    pub(crate) fn build(
        records: &[Record],
        names: &NameLayout,
    ) -> Result<RecordLayout, LineReason> {
        let mut port = Vec::with_capacity(records.len());
        let mut flags = Vec::with_capacity(records.len());
        let mut range_last = Vec::new();
        let mut alias_target = Vec::new();
        for (id, record) in records.iter().enumerate() {
            let id = record_id(id)?;
            let range = record.ports.filter(|ports| ports.is_range());
            if let Some(range) = range {
                range_last.push(Pair {
                    key: id,
                    value: range.end(),
                });
            }
            if let Some(target) = names.alias_record(records, record) {
                alias_target.push(Pair {
                    key: id,
                    value: target,
                });
            }
            port.push(record.ports.map_or(0, |ports| ports.start()));
            let record_flags = RecordFlags::new(
                record.protocol,
                record.ports.is_some(),
                range.is_some(),
                record.alias_of.is_some(),
            );
            flags.push(record_flags.bits());
        }
        Ok(RecordLayout {
            port: Encoded::new(&port),
            flags: Encoded::new(&flags),
            range_last: Encoded::new(&range_last),
            alias_target: Encoded::new(&alias_target),
        })
    }

    pub(crate) fn view(&self) -> RecordTables<'_> {
        RecordTables {
            port: self.port.view(),
            flags: self.flags.view(),
            range_last: self.range_last.view(),
            alias_target: self.alias_target.view(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::generated::testing::tables;

    #[test]
    fn ranges_protocols_and_aliases_are_read_back() {
        let tables = tables(
            "old_name,7,tcp,,,,,,,,,\"This entry is an alias to \"\"new-name\"\".\"\n\
             block,1-10,tcp,,,,,,,,,\n\
             anyproto,7,,,,,,,,,,\n\
             new-name,7,tcp,,,,,,,,,\n\
             ssh,,udp,,,,,,,,,\n",
        );
        assert_eq!(tables.records.alias_target(0), Some(3));
        assert_eq!(tables.records.alias_target(3), None);
        assert!(tables.records.flags(0).is_historic_alias());
        assert_eq!(tables.records.ports(1), Some((1, 10)));
        assert_eq!(tables.records.ports(2), Some((7, 7)));
        assert_eq!(tables.records.ports(4), None);
        assert_eq!(tables.records.flags(2).protocol(), None);
        assert_eq!(tables.records.count(), 5);
    }
}
