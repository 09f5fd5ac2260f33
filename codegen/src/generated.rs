//! Step 3: validated records -> every table of a registry, one module per kind of table
//! (`records`, `names`, `ports`, `texts`), assembled here into the one `Tables` value that the
//! build emits and the tests read.
//!
//! The layout of every table, and each one's element type, is defined by `ianaports-tables`;
//! the generators fill them in through those types. Every table is little-endian integers or
//! UTF-8 with no pointers, so it costs no relocations, compiles in no time through
//! `include_bytes!`, and means the same on every target. Every number that is narrowed to fit
//! a table is checked, and a registry past a limit is refused with the limit's name.

use std::marker::PhantomData;

use ianaports_tables::{Column, Element, MAX_RECORDS, NameIndex, NameKey, Table, Tables};

use crate::error::{LineReason, Reason};
use crate::filter::Selection;
use crate::names::NameLayout;
use crate::ports::PortLayout;
use crate::records::RecordLayout;
use crate::texts::TextLayout;
use crate::validate::Record;

/// What the library's features ask to be generated. Names, ports, protocols and status are
/// always there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Features {
    /// The Description column.
    pub descriptions: bool,
    /// The other text columns.
    pub metadata: bool,
    /// A port-indexed table (and primaries per slot) that makes `lookup` two loads.
    pub dense_port_index: bool,
}

impl Features {
    /// Every table.
    pub const ALL: Features = Features {
        descriptions: true,
        metadata: true,
        dense_port_index: true,
    };

    /// Whether the text column `column` is generated.
    pub(crate) fn has_text(self, column: Column) -> bool {
        if column.is_metadata() {
            self.metadata
        } else {
            self.descriptions
        }
    }
}

/// A table's elements as the little-endian bytes the library reads. Built from typed values
/// only, and read back through a [`Table`] of the same type, so the element type is the
/// layout's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Encoded<T> {
    bytes: Vec<u8>,
    element: PhantomData<T>,
}

impl<T> Default for Encoded<T> {
    fn default() -> Self {
        Encoded {
            bytes: Vec::new(),
            element: PhantomData,
        }
    }
}

impl<T: Element> Encoded<T> {
    pub(crate) fn new(values: &[T]) -> Encoded<T> {
        let mut bytes = vec![0; values.len() * T::WIDTH];
        for (out, value) in bytes.chunks_exact_mut(T::WIDTH).zip(values) {
            value.write_le(out);
        }
        Encoded {
            bytes,
            element: PhantomData,
        }
    }

    pub(crate) fn view(&self) -> Table<'_, T> {
        Table::new(&self.bytes)
    }
}

/// Every table of a registry, as generated, with what the build says about its snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedTables {
    /// The number of records.
    pub record_count: usize,
    /// The date IANA gave the snapshot, or else the newest date in its rows.
    pub registry_updated: String,
    /// Whether [`GeneratedTables::registry_updated`] is IANA's date rather than the fallback.
    pub registry_updated_by_iana: bool,
    /// The newest Registration Date of any record.
    pub newest_registration_date: String,
    /// The newest Modification Date of any record.
    pub newest_modification_date: String,
    /// The `IANAPORTS_FILTER` the tables were cut to; empty for the whole registry.
    pub filter: String,
    pub(crate) records: RecordLayout,
    pub(crate) names: NameLayout,
    pub(crate) ports: PortLayout,
    pub(crate) texts: TextLayout,
}

/// A registry's tables built in this process, ready to be read through `ianaports-tables`'
/// readers: the generator's tests, the property tests and tools read them exactly as the
/// library reads the tables the build emits.
#[derive(Debug)]
pub struct InProcessTables<'g> {
    generated: &'g GeneratedTables,
    /// The name text and the text pool, which the tables hold by reference (the library's
    /// point at `static`s).
    texts: [&'g str; 2],
    hash_key: u64,
    disps: Vec<(u32, u32)>,
    keys: Vec<NameKey>,
}

impl GeneratedTables {
    /// The tables ready to read. The name index is hashed as `phf_codegen` hashes the
    /// emitted one (`phf_generator::generate_hash`, on the same keys); only generated code can
    /// make a `phf::Map`, so it is a [`NameIndex::Built`].
    pub fn in_process(&self) -> InProcessTables<'_> {
        let state = phf_generator::generate_hash(&self.names.keys);
        let keys = state
            .map
            .iter()
            .map(|&key| NameKey(self.names.keys[key].first_record))
            .collect();
        InProcessTables {
            generated: self,
            texts: [self.names.text.as_str(), self.texts.pool.as_str()],
            hash_key: state.key,
            disps: state.disps,
            keys,
        }
    }

    /// The one assembly of a registry's [`Tables`], for the tests and for `emit`, which writes
    /// this value out.
    fn assemble<'a>(&'a self, name_index: NameIndex<'a>, texts: &'a [&'a str; 2]) -> Tables<'a> {
        let [name_text, text_pool] = texts;
        let (texts, columns) = self.texts.view(text_pool);
        Tables {
            records: self.records.view(),
            names: self.names.view(name_text),
            name_index,
            name_order: self.names.order.view(),
            ports: self.ports.view(),
            texts,
            columns,
        }
    }
}

impl InProcessTables<'_> {
    /// The tables, as `emit` writes them.
    pub fn tables(&self) -> Tables<'_> {
        let index = NameIndex::Built {
            key: self.hash_key,
            disps: &self.disps,
            keys: &self.keys,
        };
        self.generated.assemble(index, &self.texts)
    }

    /// The generated tables these are read from.
    pub fn generated(&self) -> &GeneratedTables {
        self.generated
    }
}

/// Lays out `records` (which `validate` has checked one by one) as tables.
pub(crate) fn build(
    records: &[Record],
    updated: Option<&str>,
    features: Features,
    selection: Option<&Selection>,
) -> Result<GeneratedTables, LineReason> {
    let subset: Vec<Record>;
    let records = match selection {
        Some(selection) => {
            subset = selection
                .kept
                .iter()
                .map(|&at| records[at].clone())
                .collect();
            &subset
        }
        None => records,
    };
    let count = records.len();
    if count > MAX_RECORDS {
        return Err((None, Reason::TooManyRecords { count }));
    }
    let newest_registration_date = newest(records, Column::RegistrationDate);
    let newest_modification_date = newest(records, Column::ModificationDate);
    let newest_date = (&newest_registration_date).max(&newest_modification_date);
    if let Some(updated) = updated.filter(|updated| *updated < newest_date.as_str()) {
        let reason = Reason::UpdatedBeforeRecords {
            updated: updated.to_owned(),
            newest: newest_date.clone(),
        };
        return Err((None, reason));
    }
    let names = NameLayout::build(records)?;
    Ok(GeneratedTables {
        record_count: count,
        registry_updated: updated.map_or_else(|| newest_date.clone(), str::to_owned),
        registry_updated_by_iana: updated.is_some(),
        records: RecordLayout::build(records, &names)?,
        names,
        ports: PortLayout::build(records, features.dense_port_index, selection)?,
        filter: selection
            .map(|selection| selection.text.clone())
            .unwrap_or_default(),
        texts: TextLayout::build(records, features)?,
        newest_registration_date,
        newest_modification_date,
    })
}

/// A record's id; [`build`] has checked that every id fits.
pub(crate) fn record_id(index: usize) -> Result<u16, LineReason> {
    u16::try_from(index).map_err(|_| too_many_records(index + 1))
}

pub(crate) fn too_many_records(count: usize) -> LineReason {
    (None, Reason::TooManyRecords { count })
}

fn newest(records: &[Record], date: Column) -> String {
    let newest = records.iter().map(|record| record.cell(date)).max();
    newest.unwrap_or_default().to_owned()
}

/// What the generators' tests share: registries from a few rows, read back through the
/// library's own readers.
#[cfg(test)]
pub(crate) mod testing {
    use ianaports_tables::{PortIndex, Protocol, Tables};

    use super::{Features, GeneratedTables, build};
    use crate::error::LineReason;
    use crate::parse_registry;

    const HEADER: &str = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\n";

    /// The tables of a registry with these data rows.
    pub(crate) fn generated(rows: &str, features: Features) -> Result<GeneratedTables, LineReason> {
        let records = parse_registry(format!("{HEADER}{rows}").as_bytes(), "test.csv").unwrap();
        build(&records, None, features, None)
    }

    /// Tables kept for the rest of the test.
    pub(crate) fn leaked(generated: GeneratedTables) -> Tables<'static> {
        let generated: &'static GeneratedTables = Box::leak(Box::new(generated));
        Box::leak(Box::new(generated.in_process())).tables()
    }

    /// Every table of a registry with these rows.
    pub(crate) fn tables(rows: &str) -> Tables<'static> {
        leaked(generated(rows, Features::ALL).unwrap())
    }

    /// The named records covering (port, protocol), from the bitmap.
    pub(crate) fn covering(tables: Tables, port: u16, protocol: Protocol) -> Vec<u16> {
        let list = tables.ports.lookup_all(port, protocol, PortIndex::Bitmap);
        (0..list.len()).filter_map(|i| list.get(i)).collect()
    }

    /// The records named `name`.
    pub(crate) fn named(tables: Tables, name: &str) -> Vec<u16> {
        tables.by_name(name.as_bytes()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::generated;
    use super::*;

    #[test]
    fn a_registry_with_no_dates_has_an_empty_date() {
        let tables = generated("a,1,tcp,,,,,,,,,\n", Features::ALL).unwrap();
        assert_eq!(tables.registry_updated, "");
        assert!(!tables.registry_updated_by_iana);
        assert_eq!(tables.newest_registration_date, "");
        assert_eq!(tables.newest_modification_date, "");
    }

    #[test]
    fn too_many_records_are_refused_by_name() {
        let too_many: String = (0..=MAX_RECORDS)
            .map(|n| format!(",{},tcp,,,,,,,,,\n", n % 65536))
            .collect();
        let error = generated(&too_many, Features::ALL).unwrap_err();
        assert_eq!(
            error,
            (
                None,
                Reason::TooManyRecords {
                    count: MAX_RECORDS + 1
                }
            )
        );
        assert_eq!(
            error.1.to_string(),
            "65536 records; the tables hold at most 65535"
        );
    }
}
