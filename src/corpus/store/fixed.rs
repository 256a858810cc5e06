//! Arrays of fixed-size little-endian records, read in place.

use std::marker::PhantomData;

use super::Bytes;

/// A value stored in a fixed number of little-endian bytes.
pub trait Record: Sized {
    const SIZE: usize;
    fn read(bytes: &[u8]) -> Self;
    fn write(&self, out: &mut Vec<u8>);
}

impl Record for u32 {
    const SIZE: usize = 4;
    fn read(bytes: &[u8]) -> Self {
        u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl Record for u64 {
    const SIZE: usize = 8;
    fn read(bytes: &[u8]) -> Self {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(&bytes[..8]);
        u64::from_le_bytes(buf)
    }
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl Record for f64 {
    const SIZE: usize = 8;
    fn read(bytes: &[u8]) -> Self {
        f64::from_bits(u64::read(bytes))
    }
    fn write(&self, out: &mut Vec<u8>) {
        self.to_bits().write(out);
    }
}

impl<A: Record, B: Record> Record for (A, B) {
    const SIZE: usize = A::SIZE + B::SIZE;
    fn read(bytes: &[u8]) -> Self {
        (A::read(bytes), B::read(&bytes[A::SIZE..]))
    }
    fn write(&self, out: &mut Vec<u8>) {
        self.0.write(out);
        self.1.write(out);
    }
}

impl<A: Record, B: Record, C: Record> Record for (A, B, C) {
    const SIZE: usize = A::SIZE + B::SIZE + C::SIZE;
    fn read(bytes: &[u8]) -> Self {
        (
            A::read(bytes),
            B::read(&bytes[A::SIZE..]),
            C::read(&bytes[A::SIZE + B::SIZE..]),
        )
    }
    fn write(&self, out: &mut Vec<u8>) {
        self.0.write(out);
        self.1.write(out);
        self.2.write(out);
    }
}

/// A section holding records of one type, back to back.
#[derive(Debug, Clone)]
pub struct Fixed<T> {
    bytes: Bytes,
    len: usize,
    record: PhantomData<fn() -> T>,
}

impl<T: Record> Fixed<T> {
    /// A view of `bytes`; a trailing partial record is ignored.
    pub fn new(bytes: Bytes) -> Fixed<T> {
        Fixed {
            len: bytes.len() / T::SIZE,
            bytes,
            record: PhantomData,
        }
    }

    /// Records encoded as a section's bytes.
    pub fn encode<'a>(records: impl IntoIterator<Item = &'a T>) -> Vec<u8>
    where
        T: 'a,
    {
        let mut out = Vec::new();
        for record in records {
            record.write(&mut out);
        }
        out
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, index: usize) -> Option<T> {
        (index < self.len).then(|| T::read(&self.bytes.as_ref()[index * T::SIZE..]))
    }

    /// The index of the first record for which `is_before` is false, the
    /// records being partitioned by it (as `slice::partition_point`).
    pub fn partition_point(&self, is_before: impl Fn(&T) -> bool) -> usize {
        // One borrow of the buffer for the whole search, not one per step.
        let bytes = self.bytes.as_ref();
        let (mut low, mut high) = (0, self.len);
        while low < high {
            let middle = low + (high - low) / 2;
            if is_before(&T::read(&bytes[middle * T::SIZE..])) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }

    /// The records from `start` on.
    pub fn iter_from(&self, start: usize) -> impl Iterator<Item = T> + '_ {
        let bytes = self.bytes.as_ref();
        bytes
            .get(start.saturating_mul(T::SIZE)..)
            .unwrap_or_default()
            .chunks_exact(T::SIZE)
            .map(|chunk| T::read(chunk))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_bisect() {
        let records: [(u64, u32); 4] = [(1, 10), (3, 30), (3, 31), (9, 90)];
        let fixed: Fixed<(u64, u32)> = Fixed::new(Bytes::from_vec(Fixed::encode(&records)));
        assert_eq!(fixed.len(), 4);
        assert_eq!(fixed.get(2), Some((3, 31)));
        assert_eq!(fixed.get(4), None);
        assert_eq!(fixed.partition_point(|(k, _)| *k < 3), 1);
        assert_eq!(fixed.partition_point(|(k, _)| *k < 10), 4);
        assert_eq!(fixed.iter_from(0).collect::<Vec<_>>(), records);
        assert_eq!(fixed.iter_from(3).collect::<Vec<_>>(), records[3..]);
    }
}
