//! The references inside a PDF object (at any depth: in arrays,
//! dictionaries and stream dictionaries), for copying objects from one
//! document into another under new numbers.

use lopdf::{Object, ObjectId};

/// Every reference in `object`, in no particular order.
pub fn references(object: &Object) -> Vec<ObjectId> {
    let mut out = Vec::new();
    let mut stack = vec![object];
    while let Some(object) = stack.pop() {
        match object {
            Object::Reference(id) => out.push(*id),
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(dict) => stack.extend(dict.iter().map(|(_, v)| v)),
            Object::Stream(stream) => stack.extend(stream.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    out
}

/// Changes every reference in `object` with `renumber`.
pub fn renumber(object: &mut Object, renumber: &mut impl FnMut(&mut ObjectId)) {
    let mut stack = vec![object];
    while let Some(object) = stack.pop() {
        match object {
            Object::Reference(id) => renumber(id),
            Object::Array(items) => stack.extend(items.iter_mut()),
            Object::Dictionary(dict) => stack.extend(dict.iter_mut().map(|(_, v)| v)),
            Object::Stream(stream) => stack.extend(stream.dict.iter_mut().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use lopdf::{Dictionary, Stream};

    use super::*;

    #[test]
    fn references_at_every_depth_are_found_and_renumbered() {
        let mut inner = Dictionary::new();
        inner.set("Font", Object::Reference((7, 0)));
        let mut stream = Stream::new(Dictionary::new(), Vec::new());
        stream.dict.set("Length", Object::Reference((9, 0)));
        let mut object = Object::Array(vec![
            Object::Reference((1, 0)),
            Object::Dictionary(inner),
            Object::Stream(stream),
            Object::Integer(3),
        ]);
        let mut found = references(&object);
        found.sort();
        assert_eq!(found, vec![(1, 0), (7, 0), (9, 0)]);
        renumber(&mut object, &mut |id| id.0 += 10);
        let mut found = references(&object);
        found.sort();
        assert_eq!(found, vec![(11, 0), (17, 0), (19, 0)]);
    }
}
