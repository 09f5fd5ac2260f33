//! The twelve columns of IANA's registry, listed once for the whole workspace: the CSV reader
//! checks the header against them, the validator and the generator read cells by them, the
//! tables hold the text columns in their order, and the updater's diff names them.

/// A column of IANA's `service-names-port-numbers.csv`, in the file's order.
///
/// ```
/// # use ianaports_tables as ianaports;
/// use ianaports::Column;
///
/// assert_eq!(Column::ALL.len(), 12);
/// assert_eq!(Column::PortNumber.header(), "Port Number");
/// assert_eq!(Column::AssignmentNotes.field(), "assignment_notes");
/// assert_eq!(Column::Description.text_index(), Some(0));
/// assert_eq!(Column::ServiceName.text_index(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// The service name (RFC 6335): letters, digits and hyphens, case-insensitive.
    ServiceName,
    /// A port, a range `N-M`, or empty.
    PortNumber,
    /// `tcp`, `udp`, `sctp`, `dccp`, or empty for all of them.
    TransportProtocol,
    /// What the service is.
    Description,
    /// Who registered it.
    Assignee,
    /// Whom to ask about it.
    Contact,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    RegistrationDate,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    ModificationDate,
    /// The RFC or other document that defines it.
    Reference,
    /// A code for the service (DNS-SD and the like).
    ServiceCode,
    /// Known unauthorized use of the port.
    UnauthorizedUseReported,
    /// Notes, such as the alias wording of historic entries.
    AssignmentNotes,
}

/// How many columns the registry has.
pub const COLUMN_COUNT: usize = 12;

/// How many of them are held as text ([`Column::TEXT`]).
pub const TEXT_COLUMN_COUNT: usize = 9;

impl Column {
    /// Every column, in the CSV's order.
    pub const ALL: [Column; COLUMN_COUNT] = [
        Column::ServiceName,
        Column::PortNumber,
        Column::TransportProtocol,
        Column::Description,
        Column::Assignee,
        Column::Contact,
        Column::RegistrationDate,
        Column::ModificationDate,
        Column::Reference,
        Column::ServiceCode,
        Column::UnauthorizedUseReported,
        Column::AssignmentNotes,
    ];

    /// The columns the tables hold as text, in the CSV's order: all but the first three,
    /// which are held as names, ports and protocols.
    pub const TEXT: [Column; TEXT_COLUMN_COUNT] = {
        let mut text = [Column::ServiceName; TEXT_COLUMN_COUNT];
        let mut at = 0;
        while at < TEXT_COLUMN_COUNT {
            text[at] = Column::ALL[COLUMN_COUNT - TEXT_COLUMN_COUNT + at];
            at += 1;
        }
        text
    };

    /// The CSV's header line, a name per column.
    pub const HEADER: [&'static str; COLUMN_COUNT] = {
        let mut header = [""; COLUMN_COUNT];
        let mut at = 0;
        while at < COLUMN_COUNT {
            header[at] = Column::ALL[at].header();
            at += 1;
        }
        header
    };

    /// The column's name in the CSV's header line.
    pub const fn header(self) -> &'static str {
        match self {
            Column::ServiceName => "Service Name",
            Column::PortNumber => "Port Number",
            Column::TransportProtocol => "Transport Protocol",
            Column::Description => "Description",
            Column::Assignee => "Assignee",
            Column::Contact => "Contact",
            Column::RegistrationDate => "Registration Date",
            Column::ModificationDate => "Modification Date",
            Column::Reference => "Reference",
            Column::ServiceCode => "Service Code",
            Column::UnauthorizedUseReported => "Unauthorized Use Reported",
            Column::AssignmentNotes => "Assignment Notes",
        }
    }

    /// The header in snake case: the name of the column's field wherever one is named for it
    /// (a serialized record, the generated tables' files).
    pub const fn field(self) -> &'static str {
        match self {
            Column::ServiceName => "service_name",
            Column::PortNumber => "port_number",
            Column::TransportProtocol => "transport_protocol",
            Column::Description => "description",
            Column::Assignee => "assignee",
            Column::Contact => "contact",
            Column::RegistrationDate => "registration_date",
            Column::ModificationDate => "modification_date",
            Column::Reference => "reference",
            Column::ServiceCode => "service_code",
            Column::UnauthorizedUseReported => "unauthorized_use_reported",
            Column::AssignmentNotes => "assignment_notes",
        }
    }

    /// Position in [`Column::ALL`]: the column's place in a CSV row.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Position in [`Column::TEXT`], for a column held as text.
    pub const fn text_index(self) -> Option<usize> {
        (self as usize).checked_sub(COLUMN_COUNT - TEXT_COLUMN_COUNT)
    }

    /// Whether the column is metadata (compiled in by `ianaports`' `metadata` feature): every
    /// text column but the Description, which has a feature of its own.
    pub const fn is_metadata(self) -> bool {
        self.text_index().is_some() && !matches!(self, Column::Description)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_the_csv() {
        for (index, column) in Column::ALL.into_iter().enumerate() {
            assert_eq!(column.index(), index);
            let text = column.text_index();
            assert_eq!(text.map(|at| Column::TEXT[at]), text.map(|_| column));
            assert_eq!(text.is_some(), index >= 3, "{column:?}");
        }
        assert_eq!(Column::TEXT[0], Column::Description);
        assert_eq!(Column::TEXT[8], Column::AssignmentNotes);
        assert!(!Column::Description.is_metadata() && Column::Assignee.is_metadata());
        assert!(!Column::PortNumber.is_metadata());
    }
}
