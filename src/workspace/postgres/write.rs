//! Writing to the corpus database: binary `COPY` into a table, and the
//! one-line text of a database error.

use std::io::Write;

use bytes::{BufMut, BytesMut};
use postgres::types::{IsNull, ToSql, Type};
use postgres::{CopyInWriter, Transaction};

/// A database error in one line: the server's own message when it sent one.
pub(super) fn sql(error: postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => format!("database: {}", db.message()),
        None => format!("database: {error}"),
    }
}

/// A binary `COPY … FROM STDIN` into one table. The rows are encoded
/// here and sent a large buffer at a time: the driver's own row writer
/// enters its async runtime once per row, which cost a sixth of an
/// ingest's client time over the ten million rows of 100,000 articles.
pub(super) struct Copy<'a> {
    sink: CopyInWriter<'a>,
    types: Vec<Type>,
    encoded: BytesMut,
}

/// The binary format's signature, then its flags and the length of its
/// header extension (both zero).
const HEADER: &[u8] = b"PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0";

/// Bytes encoded before they are sent.
const SEND_AT: usize = 1 << 20;

impl<'a> Copy<'a> {
    pub(super) fn new(
        tx: &'a mut Transaction,
        table: &str,
        types: &[Type],
    ) -> Result<Copy<'a>, String> {
        let sink = tx
            .copy_in(&format!("COPY {table} FROM STDIN BINARY"))
            .map_err(sql)?;
        let mut encoded = BytesMut::with_capacity(SEND_AT + SEND_AT / 4);
        encoded.put_slice(HEADER);
        Ok(Copy {
            sink,
            types: types.to_vec(),
            encoded,
        })
    }

    /// Encode one row: its field count, then each field's length (-1 for
    /// NULL) and bytes.
    pub(super) fn row(&mut self, values: &[&(dyn ToSql + Sync)]) -> Result<(), String> {
        if values.len() != self.types.len() {
            return Err(format!(
                "database: {} values for {} columns",
                values.len(),
                self.types.len()
            ));
        }
        self.encoded
            .put_i16(i16::try_from(values.len()).unwrap_or(i16::MAX));
        for (value, ty) in values.iter().zip(&self.types) {
            let at = self.encoded.len();
            self.encoded.put_i32(0);
            let written = value
                .to_sql_checked(ty, &mut self.encoded)
                .map_err(|e| format!("database: {e}"))?;
            let length = match written {
                IsNull::Yes => -1,
                IsNull::No => i32::try_from(self.encoded.len() - at - 4)
                    .map_err(|_| "database: a value over 2 GB".to_string())?,
            };
            self.encoded[at..at + 4].copy_from_slice(&length.to_be_bytes());
        }
        if self.encoded.len() >= SEND_AT {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<(), String> {
        self.sink
            .write_all(&self.encoded)
            .map_err(|e| format!("database: {e}"))?;
        self.encoded.clear();
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<(), String> {
        self.encoded.put_i16(-1);
        self.send()?;
        self.sink.finish().map(|_| ()).map_err(sql)
    }
}
