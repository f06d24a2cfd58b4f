//! Work spread over the machine's cores: the slow, independent steps of a
//! build (a PDF per chart) run side by side, their results in input order,
//! so the output stays the same whatever the number of cores.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// How many threads to use: one a core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` of every item, in the items' order, made on every core.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let mut out = Vec::with_capacity(items.len());
    let taken: Result<(), std::convert::Infallible> = pipeline(items, items.len(), f, |_, r| {
        out.push(r);
        Ok(())
    });
    let Ok(()) = taken;
    out
}

/// `make` of every item on every core, handed to `take` on this thread in
/// the items' order as soon as each is ready: making and taking go on side
/// by side, and at most `ahead` items are made and not yet taken, so the
/// memory stays bounded. Stops at the first error of `take`.
pub fn pipeline<T: Sync, R: Send, E>(
    items: &[T],
    ahead: usize,
    make: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E> {
    let workers = threads().min(items.len());
    if workers <= 1 {
        for (i, item) in items.iter().enumerate() {
            take(i, make(item))?;
        }
        return Ok(());
    }
    struct State<R> {
        ready: BTreeMap<usize, R>,
        /// Items taken so far: the makers stay within `ahead` of it.
        taken: usize,
        stop: bool,
        /// Makers waiting for room, and whether the taker waits for an
        /// item: only then is there someone to wake.
        waiting: usize,
        taking: bool,
        /// A maker that panicked: its panic, to go on with here.
        panic: Option<Box<dyn std::any::Any + Send>>,
    }
    let next = AtomicUsize::new(0);
    let state = Mutex::new(State {
        ready: BTreeMap::new(),
        taken: 0,
        stop: false,
        waiting: 0,
        taking: false,
        panic: None,
    });
    let (made, room) = (Condvar::new(), Condvar::new());
    let lock = || state.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    {
                        let mut s = lock();
                        while !s.stop && i >= s.taken + ahead.max(1) {
                            s.waiting += 1;
                            s = room.wait(s).unwrap_or_else(|e| e.into_inner());
                            s.waiting -= 1;
                        }
                        if s.stop {
                            break;
                        }
                    }
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make(item)));
                    let mut s = lock();
                    match r {
                        Ok(r) => {
                            s.ready.insert(i, r);
                        }
                        Err(panic) => {
                            s.panic.get_or_insert(panic);
                            s.stop = true;
                            room.notify_all();
                        }
                    }
                    // Only the taker waits for what is made.
                    if s.taking {
                        made.notify_one();
                    }
                }
            });
        }
        let mut result = Ok(());
        for i in 0..items.len() {
            let r = {
                let mut s = lock();
                loop {
                    if let Some(r) = s.ready.remove(&i) {
                        s.taken = i + 1;
                        if s.waiting > 0 {
                            room.notify_all();
                        }
                        break r;
                    }
                    if let Some(panic) = s.panic.take() {
                        drop(s);
                        std::panic::resume_unwind(panic);
                    }
                    s.taking = true;
                    s = made.wait(s).unwrap_or_else(|e| e.into_inner());
                    s.taking = false;
                }
            };
            result = take(i, r);
            if result.is_err() {
                break;
            }
        }
        lock().stop = true;
        room.notify_all();
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipeline_takes_every_item_in_order_and_stops_at_an_error() {
        let items: Vec<u64> = (0..5000).collect();
        let mut taken = Vec::new();
        let result: Result<(), ()> = pipeline(
            &items,
            7,
            |x| x * 2,
            |i, r| {
                assert_eq!(r, 2 * i as u64);
                taken.push(r);
                Ok(())
            },
        );
        assert!(result.is_ok());
        assert_eq!(taken, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        let mut count = 0;
        let stopped = pipeline(
            &items,
            3,
            |x| *x,
            |i, _| {
                count += 1;
                if i == 100 { Err(i) } else { Ok(()) }
            },
        );
        assert_eq!(stopped, Err(100));
        assert_eq!(count, 101);
    }

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        let squares = map(&items, |x| x * x);
        assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
        assert!(map(&[] as &[u8], |x| *x).is_empty());
    }
}
