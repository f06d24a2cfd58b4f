//! A value's data for a key's hash: a compact, self-delimiting form (a tag
//! per value, lengths before strings, an end mark after lists, maps and
//! structs), so that two different values never give the same bytes.
//! Cheaper than the JSON text it replaces: nothing is escaped or formatted.

use serde::ser::{self, Serialize};

/// Writes what it serializes into its buffer, hashed in one piece after:
/// hashing many small pieces one by one cost more than writing them.
pub(super) struct Feed<'b>(pub &'b mut Vec<u8>);

/// Never raised: hashing cannot fail. (serde needs an error type.)
#[derive(Debug)]
pub(super) struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("hashing failed")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Never {
        Never
    }
}

/// The tags: what kind of value follows.
mod tag {
    pub const FALSE: u8 = 0;
    pub const TRUE: u8 = 1;
    pub const INT: u8 = 2;
    pub const UINT: u8 = 3;
    pub const FLOAT: u8 = 4;
    pub const CHAR: u8 = 5;
    pub const STR: u8 = 6;
    pub const BYTES: u8 = 7;
    pub const NONE: u8 = 8;
    pub const SOME: u8 = 9;
    pub const UNIT: u8 = 10;
    pub const VARIANT: u8 = 11;
    pub const SEQ: u8 = 12;
    pub const MAP: u8 = 13;
    pub const STRUCT: u8 = 14;
    pub const END: u8 = 15;
}

impl Feed<'_> {
    fn tag(&mut self, tag: u8) {
        self.0.push(tag);
    }

    fn text(&mut self, tag: u8, bytes: &[u8]) {
        self.0.push(tag);
        self.0
            .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.0.extend_from_slice(bytes);
    }
}

type Done = Result<(), Never>;

/// Smaller numbers as the widest of their kind: `1u8` and `1u64` are the
/// same number.
macro_rules! widen {
    ($($method:ident: $small:ty),* => $wide:ident) => {$(
        fn $method(self, v: $small) -> Done {
            self.$wide(v.into())
        }
    )*};
}

impl<'a, 'h> ser::Serializer for &'a mut Feed<'h> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.tag(if v { tag::TRUE } else { tag::FALSE });
        Ok(())
    }
    widen!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32 => serialize_i64);
    widen!(serialize_u8: u8, serialize_u16: u16, serialize_u32: u32 => serialize_u64);
    fn serialize_i64(self, v: i64) -> Done {
        self.tag(tag::INT);
        self.0.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.tag(tag::UINT);
        self.0.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.tag(tag::FLOAT);
        self.0.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.tag(tag::CHAR);
        self.0.extend_from_slice(&u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.text(tag::STR, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.text(tag::BYTES, v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.tag(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Done {
        self.text(tag::VARIANT, variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.text(tag::VARIANT, variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Never> {
        self.tag(tag::SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Never> {
        self.text(tag::VARIANT, variant.as_bytes());
        self.tag(tag::SEQ);
        Ok(self)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Never> {
        self.tag(tag::MAP);
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Never> {
        self.tag(tag::STRUCT);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Never> {
        self.text(tag::VARIANT, variant.as_bytes());
        self.tag(tag::STRUCT);
        Ok(self)
    }
}

/// Lists, tuples and the fields of tuple structs and variants: the
/// elements in order, then the end mark.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Feed<'_> {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tag(tag::END);
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for &mut Feed<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tag(tag::END);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Feed<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.text(tag::STR, key.as_bytes());
        value.serialize(&mut **self)
    }
    fn skip_field(&mut self, key: &'static str) -> Done {
        // A skipped field differs from one that is there.
        self.text(tag::STR, key.as_bytes());
        self.tag(tag::NONE);
        Ok(())
    }
    fn end(self) -> Done {
        self.tag(tag::END);
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Feed<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Done {
        self.tag(tag::END);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::KeyHasher;

    fn key(value: &impl serde::Serialize) -> crate::output::Key {
        KeyHasher::new().value(value).key()
    }

    #[test]
    fn different_values_feed_different_keys() {
        // Strings that run together, lists split differently, an absent
        // value and an empty one, numbers of different kinds.
        assert_ne!(key(&("ab", "c")), key(&("a", "bc")));
        assert_ne!(
            key(&vec![vec![1, 2], vec![3]]),
            key(&vec![vec![1], vec![2, 3]])
        );
        assert_ne!(key(&Some("")), key(&None::<&str>));
        assert_ne!(key(&vec![""]), key(&Vec::<&str>::new()));
        assert_ne!(key(&1u32), key(&1i32));
        // Widened: the same number whatever its width.
        assert_eq!(key(&1u8), key(&1u64));
        assert_eq!(key(&-1i16), key(&-1i64));
        assert_ne!(key(&1.0f64), key(&1u64));
        assert_eq!(key(&("a", vec![1, 2])), key(&("a", vec![1, 2])));
    }

    #[test]
    fn a_struct_is_told_apart_by_its_fields() {
        #[derive(serde::Serialize)]
        struct Ref<'a> {
            title: &'a str,
            path: &'a str,
        }
        let a = Ref {
            title: "a",
            path: "b",
        };
        let b = Ref {
            title: "b",
            path: "a",
        };
        assert_ne!(key(&a), key(&b));
        assert_ne!(key(&vec![a]), key(&vec![b]));
    }
}
