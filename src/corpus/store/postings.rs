//! Lists of ids, one list per row (a word's quotations, a measure's
//! statements), stored as one array of ids and where each list ends.

use super::{Fixed, Record, Sections, SectionsWriter};
use crate::offsets::narrow;

pub struct PostingsWriter<T = u32> {
    ends: Vec<u32>,
    ids: Vec<T>,
}

impl<T> Default for PostingsWriter<T> {
    fn default() -> Self {
        PostingsWriter {
            ends: Vec::new(),
            ids: Vec::new(),
        }
    }
}

impl<T: Record> PostingsWriter<T> {
    /// Add the next row's list.
    pub fn push(&mut self, ids: impl IntoIterator<Item = T>) {
        self.ids.extend(ids);
        self.ends.push(narrow(self.ids.len()));
    }

    /// Write as the sections `{name}.ends` and `{name}.ids`.
    pub fn finish(self, name: &str, out: &mut SectionsWriter) {
        out.add(&format!("{name}.ends"), Fixed::encode(&self.ends));
        out.add(&format!("{name}.ids"), Fixed::encode(&self.ids));
    }
}

/// Lists read in place.
#[derive(Debug, Clone)]
pub struct Postings<T = u32> {
    ends: Fixed<u32>,
    ids: Fixed<T>,
}

impl<T: Record> Postings<T> {
    pub fn open(sections: &Sections, name: &str) -> Result<Postings<T>, String> {
        Ok(Postings {
            ends: Fixed::new(sections.get(&format!("{name}.ends"))?),
            ids: Fixed::new(sections.get(&format!("{name}.ids"))?),
        })
    }

    /// Rows.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// How many ids row `row` has (zero past the end).
    pub fn count(&self, row: usize) -> usize {
        let range = self.range(row);
        range.len()
    }

    /// Row `row`'s ids, in the order written.
    pub fn list(&self, row: usize) -> impl Iterator<Item = T> + '_ {
        let range = self.range(row);
        self.ids.iter_from(range.start).take(range.len())
    }

    fn range(&self, row: usize) -> std::ops::Range<usize> {
        let end = self.ends.get(row).unwrap_or(0) as usize;
        let start = match row {
            0 => 0,
            _ => self.ends.get(row - 1).unwrap_or(0) as usize,
        };
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::store::Bytes;

    #[test]
    fn lists_read_back_by_row() {
        let mut writer: PostingsWriter = PostingsWriter::default();
        writer.push([3, 1]);
        writer.push([]);
        writer.push([7]);
        let mut sections = SectionsWriter::default();
        writer.finish("p", &mut sections);
        let sections = Sections::open(Bytes::from_vec(sections.finish(0)), 0).expect("opens");
        let postings: Postings = Postings::open(&sections, "p").expect("postings");
        assert_eq!(postings.len(), 3);
        assert_eq!(postings.list(0).collect::<Vec<_>>(), [3, 1]);
        assert_eq!(postings.count(1), 0);
        assert_eq!(postings.list(2).collect::<Vec<_>>(), [7]);
        assert_eq!(postings.list(9).count(), 0);
    }
}
