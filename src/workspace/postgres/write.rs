//! Writing to the corpus database: binary `COPY` into a table, and the
//! one-line text of a database error.

use postgres::Transaction;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};

/// A database error in one line: the server's own message when it sent one.
pub(super) fn sql(error: postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => format!("database: {}", db.message()),
        None => format!("database: {error}"),
    }
}

/// A binary `COPY … FROM STDIN` into one table.
pub(super) struct Copy<'a> {
    writer: BinaryCopyInWriter<'a>,
}

impl<'a> Copy<'a> {
    pub(super) fn new(
        tx: &'a mut Transaction,
        table: &str,
        types: &[Type],
    ) -> Result<Copy<'a>, String> {
        let sink = tx
            .copy_in(&format!("COPY {table} FROM STDIN BINARY"))
            .map_err(sql)?;
        Ok(Copy {
            writer: BinaryCopyInWriter::new(sink, types),
        })
    }

    pub(super) fn row(&mut self, values: &[&(dyn ToSql + Sync)]) -> Result<(), String> {
        self.writer.write(values).map_err(sql)
    }

    pub(super) fn finish(self) -> Result<(), String> {
        self.writer.finish().map(|_| ()).map_err(sql)
    }
}
